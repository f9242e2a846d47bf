import { useState } from "react";

import { query } from "../api";
import { ProgressBar, StatusBadge } from "../components/JobStatus";
import { Async, Empty, ErrorBox } from "../components/States";
import { dateTime, duration, number } from "../format";
import { useAction, useApi } from "../hooks";
import { cancelJob, isTerminal, useJob } from "../jobs";
import { href } from "../route";
import type { Job, JobPartPage, WebhookEvent } from "../types";

export default function JobDetail({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  return (
    <Async {...job} what="Loading the job">
      {(data) => <JobView job={data} reload={job.reload} />}
    </Async>
  );
}

function JobView({ job, reload }: { job: Job; reload: () => void }) {
  const cancel = useAction(cancelJob);
  const running = !isTerminal(job);
  return (
    <div className="job-view" data-testid="job-detail" data-status={job.status}>
      <h2>
        <code>{job.kind}</code> <StatusBadge status={job.status} />
        <a className="close-link" href={href("jobs")} aria-label="Close the job's details">
          ✕
        </a>
      </h2>
      <p className="mono small">{job.id}</p>
      <ProgressBar fraction={job.progress.fraction} label="job progress" />
      {job.progress.message && <p className="small">{job.progress.message}</p>}
      {job.cancel_requested && running && <p className="small">Cancel requested: it stops at its next checkpoint.</p>}
      {running && (
        <button
          type="button"
          className="danger"
          disabled={cancel.pending || job.cancel_requested}
          onClick={async () => {
            await cancel.run(job.id);
            reload();
          }}
        >
          {cancel.pending ? "Cancelling…" : "Cancel job"}
        </button>
      )}
      {cancel.error && <ErrorBox error={cancel.error} />}
      {job.error && (
        <div className="error-box" role="alert">
          <strong>{job.error.code}</strong>
          <p>{job.error.message}</p>
        </div>
      )}
      <dl className="facts">
        <dt>Created</dt>
        <dd>{dateTime(job.created_at)}</dd>
        <dt>Started</dt>
        <dd>{dateTime(job.started_at)}</dd>
        <dt>Finished</dt>
        <dd>{dateTime(job.finished_at)}</dd>
        <dt>Took</dt>
        <dd>{duration(job.started_at, job.finished_at)}</dd>
        <dt>Attempts</dt>
        <dd>{job.attempts}</dd>
        <dt>Webhook</dt>
        <dd className="wrap">{job.webhook_url ?? "none"}</dd>
      </dl>
      <details open>
        <summary>Parameters</summary>
        <pre>{JSON.stringify(job.params, null, 2)}</pre>
      </details>
      {job.result && (
        <details open>
          <summary>Result</summary>
          <pre>{JSON.stringify(job.result, null, 2)}</pre>
        </details>
      )}
      {job.parts && <Parts job={job} />}
      <Deliveries job={job} />
    </div>
  );
}

const PARTS_SHOWN = 200;

function Parts({ job }: { job: Job }) {
  const [failedOnly, setFailedOnly] = useState(false);
  const parts = useApi<JobPartPage>(
    `/jobs/${job.id}/parts${query({ status: failedOnly ? "failed" : null, limit: PARTS_SHOWN })}`,
    { poll: !isTerminal(job), pollMs: 1500 },
  );
  const totals = job.parts!;
  return (
    <section className="parts" aria-label="Parts">
      <h3>
        Parts: {totals.done} of {totals.total} done{totals.failed ? `, ${totals.failed} failed` : ""}
      </h3>
      <label className="inline">
        <input type="checkbox" checked={failedOnly} onChange={(event) => setFailedOnly(event.target.checked)} /> failed only
      </label>
      <Async {...parts} what="Loading parts">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>No parts{failedOnly ? " failed" : ""}.</Empty>
          ) : (
            <>
              <ol className="part-grid">
                {data.items.map((part) => (
                  <li
                    key={part.index}
                    className={`part part-${part.status}`}
                    title={`part ${part.index + 1}: ${part.status}${part.error ? ` (${part.error.code}: ${part.error.message})` : ""}, ${part.attempts} attempt(s), ${duration(part.started_at, part.finished_at)}`}
                  >
                    {part.index + 1}
                  </li>
                ))}
              </ol>
              {data.items
                .filter((part) => part.error)
                .map((part) => (
                  <p key={part.index} className={`small ${part.status === "failed" ? "error-text" : "hint"}`}>
                    Part {part.index + 1}: {part.error!.code}: {part.error!.message}
                  </p>
                ))}
              {data.next_after !== null && <p className="small">The first {PARTS_SHOWN} parts are shown.</p>}
            </>
          )
        }
      </Async>
    </section>
  );
}

function Deliveries({ job }: { job: Job }) {
  const deliveries = useApi<{ items: WebhookEvent[] }>(`/jobs/${job.id}/webhook-deliveries`, {
    poll: !isTerminal(job) && job.webhook_url !== null,
    pollMs: 3000,
  });
  return (
    <section aria-label="Webhook deliveries">
      <h3>Webhook deliveries</h3>
      <Async {...deliveries} what="Loading deliveries">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{job.webhook_url ? "None yet: the webhook is sent when the job ends." : "This job has no webhook."}</Empty>
          ) : (
            data.items.map((event) => (
              <div key={event.id} className="delivery">
                <p>
                  <code>{event.type}</code> <span className={`badge badge-${event.status}`}>{event.status}</span>{" "}
                  <span className="small wrap">{event.url}</span>
                </p>
                <table>
                  <thead>
                    <tr>
                      <th>#</th>
                      <th>At</th>
                      <th>Answer</th>
                      <th>ms</th>
                      <th className="hide-narrow">Next attempt</th>
                    </tr>
                  </thead>
                  <tbody>
                    {event.attempts.map((attempt) => (
                      <tr key={attempt.attempt}>
                        <td>{attempt.attempt}</td>
                        <td>{dateTime(attempt.attempted_at)}</td>
                        <td>{attempt.status_code ?? attempt.error ?? "–"}</td>
                        <td>{number(attempt.duration_ms, 0)}</td>
                        <td className="hide-narrow">{dateTime(attempt.next_attempt_at)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))
          )
        }
      </Async>
    </section>
  );
}
