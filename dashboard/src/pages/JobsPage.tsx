import { useState, type FormEvent } from "react";

import { query } from "../api";
import { ProgressBar, StatusBadge } from "../components/JobStatus";
import { Async, Empty, ErrorBox, FieldError } from "../components/States";
import { count, dateTime, duration } from "../format";
import { useAction, useApi } from "../hooks";
import { submitJob } from "../jobs";
import type { PageProps } from "../pages";
import { href } from "../route";
import type { Job, JobPage, JobStatus } from "../types";
import JobDetail from "./JobDetail";

const STATUSES: JobStatus[] = ["queued", "running", "succeeded", "failed", "cancelled"];
const PAGE_SIZE = 25;

export default function JobsPage({ rest }: PageProps) {
  const selected = rest[0] ?? null;
  return (
    <div className="jobs-layout">
      <section aria-label="Recent jobs">
        <JobList selected={selected} />
        <TryAJob />
      </section>
      {selected && (
        <section aria-label="Job details" className="card detail">
          <JobDetail jobId={selected} />
        </section>
      )}
    </div>
  );
}

function JobList({ selected }: { selected: string | null }) {
  const [kind, setKind] = useState("");
  const [status, setStatus] = useState("");
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useApi<JobPage>(`/jobs${query({ kind, status, cursor, limit: PAGE_SIZE })}`, {
    poll: true,
    pollMs: 2000,
  });
  const kinds = [...new Set(page.data?.items.map((job) => job.kind) ?? [])].sort();
  const filter = (apply: () => void) => {
    apply();
    setCursors([]);
  };

  return (
    <div className="card">
      <div className="toolbar">
        <label>
          Kind
          <input
            list="job-kinds"
            value={kind}
            placeholder="every kind"
            onChange={(event) => filter(() => setKind(event.target.value.trim()))}
          />
          <datalist id="job-kinds">
            {kinds.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <label>
          Status
          <select value={status} onChange={(event) => filter(() => setStatus(event.target.value))}>
            <option value="">any</option>
            {STATUSES.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <FlowerLink />
      </div>
      <Async {...page} what="Loading jobs">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>No jobs{kind || status ? " match these filters" : " yet"}.</Empty>
          ) : (
            <JobTable jobs={data.items} selected={selected} />
          )
        }
      </Async>
      <div className="pager">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors((list) => list.slice(0, -1))}>
          Newer
        </button>
        <button
          type="button"
          disabled={!page.data?.next_cursor}
          onClick={() => page.data?.next_cursor && setCursors((list) => [...list, page.data!.next_cursor!])}
        >
          Older
        </button>
      </div>
    </div>
  );
}

function JobTable({ jobs, selected }: { jobs: Job[]; selected: string | null }) {
  return (
    <div className="table-scroll">
      <table className="jobs-table">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Status</th>
            <th>Progress</th>
            <th className="hide-narrow">Parts</th>
            <th className="hide-narrow">Created</th>
            <th className="hide-narrow">Took</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} aria-selected={job.id === selected} data-job-id={job.id}>
              <td>
                <a href={href("jobs", job.id)}>{job.kind}</a>
                {job.error && <div className="error-text small">{job.error.code}</div>}
              </td>
              <td>
                <StatusBadge status={job.status} />
              </td>
              <td>
                <ProgressBar fraction={job.progress.fraction} label={`${job.kind} progress`} />
              </td>
              <td className="hide-narrow">
                {job.parts ? `${count(job.parts.done)} / ${count(job.parts.total)}${job.parts.failed ? ` (${job.parts.failed} failed)` : ""}` : "–"}
              </td>
              <td className="hide-narrow">{dateTime(job.created_at)}</td>
              <td className="hide-narrow">{duration(job.started_at, job.finished_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FlowerLink() {
  const config = useApi<{ flower_url: string }>("/dashboard/config.json");
  if (!config.data) return null;
  return (
    <a className="flower-link" href={config.data.flower_url} target="_blank" rel="noreferrer">
      Task view in Flower ↗
    </a>
  );
}

/** `system.echo`, the platform's trivial kind: to see a job run, fail or be cancelled. */
function TryAJob() {
  const [message, setMessage] = useState("hello");
  const [sleep, setSleep] = useState("5");
  const [steps, setSteps] = useState("5");
  const [fail, setFail] = useState(false);
  const submit = useAction(submitJob);

  async function send(event: FormEvent) {
    event.preventDefault();
    const params = { message, sleep_s: numberOrText(sleep), steps: numberOrText(steps), fail };
    const job = await submit.run("system.echo", params);
    if (job) window.location.hash = href("jobs", job.id);
  }

  const fieldError = (name: string) => submit.error?.forField(`params.${name}`);
  return (
    <form className="card try-job" onSubmit={send} noValidate>
      <h2>Try a job</h2>
      <p className="hint">
        Runs <code>system.echo</code>: it sleeps in steps, reporting progress, then returns the message.
      </p>
      <div className="form-grid">
        <label htmlFor="echo-message">Message</label>
        <div>
          <input id="echo-message" value={message} onChange={(event) => setMessage(event.target.value)} />
          <FieldError id="echo-message-error" message={fieldError("message")} />
        </div>
        <label htmlFor="echo-sleep">Seconds</label>
        <div>
          <input
            id="echo-sleep"
            inputMode="decimal"
            value={sleep}
            aria-invalid={fieldError("sleep_s") ? true : undefined}
            onChange={(event) => setSleep(event.target.value)}
          />
          <FieldError id="echo-sleep-error" message={fieldError("sleep_s")} />
        </div>
        <label htmlFor="echo-steps">Steps</label>
        <div>
          <input
            id="echo-steps"
            inputMode="numeric"
            value={steps}
            aria-invalid={fieldError("steps") ? true : undefined}
            onChange={(event) => setSteps(event.target.value)}
          />
          <FieldError id="echo-steps-error" message={fieldError("steps")} />
        </div>
        <label htmlFor="echo-fail">Fail on purpose</label>
        <div>
          <input id="echo-fail" type="checkbox" checked={fail} onChange={(event) => setFail(event.target.checked)} />
        </div>
      </div>
      {submit.error && submit.error.errors.length === 0 && <ErrorBox error={submit.error} />}
      <button type="submit" disabled={submit.pending}>
        {submit.pending ? "Submitting…" : "Run it"}
      </button>
    </form>
  );
}

// The API validates: a number stays a number, anything else is sent as typed for it to refuse.
function numberOrText(value: string): number | string {
  const parsed = Number(value);
  return value.trim() !== "" && Number.isFinite(parsed) ? parsed : value;
}
