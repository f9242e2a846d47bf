import { useState, type FormEvent } from "react";

import { request, type ApiError } from "../api";
import { CalibrationCurve, DriftBars } from "../components/DeliveryCharts";
import FollowJob from "../components/FollowJob";
import { Async, Empty, ErrorBox, FieldError } from "../components/States";
import { activateModel, driftLevel, startTraining, type Metrics, type ModelVersion } from "../delivery";
import { count, dateTime, number } from "../format";
import { useAction, useApi, type Loaded } from "../hooks";
import { submitJob } from "../jobs";
import type { PageProps } from "../pages";
import type { Job } from "../types";

export default function ModelPage(_: PageProps) {
  const metrics = useApi<Metrics>("/metrics");
  const models = useApi<{ items: ModelVersion[] }>("/models");
  const reload = () => {
    metrics.reload();
    models.reload();
  };
  return (
    <div className="model-page">
      <div className="grid-2">
        <div>
          <section className="card" aria-label="Active model">
            <h2>Active model</h2>
            <Async {...metrics} what="Loading the metrics">
              {(data) => <ActiveModel metrics={data} />}
            </Async>
          </section>
          <Training onFinished={reload} />
        </div>
        <section className="card" aria-label="Calibration">
          <h2>Calibration</h2>
          <Async {...metrics} what="Loading the calibration">
            {(data) =>
              data.reliability.length === 0 ? (
                <Empty>No reliability curve for this version.</Empty>
              ) : (
                <>
                  <CalibrationCurve bins={data.reliability} label="calibration curve" />
                  <p className="small hint">
                    Observed delivery rate per tenth of predicted probability on the holdout; the dashed diagonal is a perfectly calibrated model.
                    Expected calibration error {number(data.expected_calibration_error, 4)}.
                  </p>
                </>
              )
            }
          </Async>
        </section>
      </div>
      <Drift metrics={metrics.data} onChecked={metrics.reload} />
      <Versions models={models} onActivated={reload} />
    </div>
  );
}

function ActiveModel({ metrics }: { metrics: Metrics }) {
  const range = metrics.holdout.data_range as Record<string, string> | undefined;
  return (
    <div data-testid="active-model">
      <div className="stats">
        <Stat value={`v${metrics.model_version}`} label={metrics.model_kind} />
        <Stat value={number(metrics.precision, 3)} label="precision" />
        <Stat value={number(metrics.recall, 3)} label="recall" />
        <Stat value={number(metrics.roc_auc, 3)} label="ROC-AUC" />
        <Stat value={number(metrics.pr_auc, 3)} label="PR-AUC" />
        <Stat value={number(metrics.brier, 4)} label="Brier score" />
      </div>
      <p className="small hint">
        On its holdout{typeof metrics.holdout.rows === "number" ? ` of ${count(metrics.holdout.rows)} attempts` : ""}
        {range?.holdout_from ? `, ${dateTime(range.holdout_from)} to ${dateTime(range.holdout_to)}` : ""}
        {typeof metrics.holdout.threshold === "number" ? `; precision and recall at p ≥ ${metrics.holdout.threshold}` : ""}.
      </p>
      {metrics.live && (
        <>
          <h3>Live, against outcomes</h3>
          {!metrics.live.metrics.rows ? (
            <Empty>No attempt in the last report's window had a logged prediction to compare.</Empty>
          ) : (
            <div className="stats">
              <Stat value={number(metrics.live.metrics.precision, 3)} label="precision" />
              <Stat value={number(metrics.live.metrics.recall, 3)} label="recall" />
              <Stat value={number(metrics.live.metrics.roc_auc, 3)} label="ROC-AUC" />
              <Stat value={count(metrics.live.metrics.rows)} label="attempts" />
            </div>
          )}
        </>
      )}
    </div>
  );
}

function Stat({ value, label }: { value: string; label: string }) {
  return (
    <div className="stat">
      <b>{value}</b>
      <span>{label}</span>
    </div>
  );
}

/** PSI per feature from the latest monitoring report of the active version, and a way to run
 * the monitoring job now rather than wait for the hourly one. */
function Drift({ metrics, onChecked }: { metrics: Metrics | undefined; onChecked: () => void }) {
  const check = useAction(() => submitJob("delivery.monitor", {}));
  const [jobId, setJobId] = useState<string>();
  const live = metrics?.live;
  const psi = live?.drift_psi ?? {};
  const features = Object.keys(psi);
  return (
    <section className="card" aria-label="Drift">
      <h2>Drift</h2>
      {metrics && !live && <Empty>No monitoring report for v{metrics.model_version} yet: the monitoring job runs hourly, or check now.</Empty>}
      {live && features.length === 0 && <Empty>The last report had no attempts in its window to compare.</Empty>}
      {live && features.length > 0 && (
        <div data-testid="drift" className="grid-2">
          <DriftBars psi={psi} label="feature drift (PSI)" />
          <div className="table-scroll">
            <table aria-label="drift per feature">
              <thead>
                <tr>
                  <th>Feature</th>
                  <th className="num">PSI</th>
                  <th>Level</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(psi)
                  .sort((a, b) => b[1] - a[1])
                  .map(([feature, value]) => (
                    <tr key={feature}>
                      <td>{feature}</td>
                      <td className="num">{value.toFixed(4)}</td>
                      <td>
                        <span className={`badge badge-drift-${driftLevel(value)}`}>{driftLevel(value)}</span>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {live && (
        <p className="small hint">
          Report of {dateTime(live.computed_at)} over {dateTime(live.window_from)} to {dateTime(live.window_to)}; PSI above 0.1 is drifting, above 0.25
          shifted. {live.alerts.length ? `${live.alerts.length} alert(s).` : "No alerts."}
        </p>
      )}
      <button type="button" className="secondary" disabled={check.pending} onClick={async () => setJobId((await check.run())?.id)}>
        {check.pending ? "Submitting…" : "Check drift now"}
      </button>
      {check.error && <ScopedError error={check.error} />}
      {jobId && <FollowJob key={jobId} jobId={jobId} onFinished={onChecked} />}
    </section>
  );
}

function Training({ onFinished }: { onFinished: () => void }) {
  const [days, setDays] = useState("30");
  const train = useAction(startTraining);
  const [jobId, setJobId] = useState<string>();
  const [finished, setFinished] = useState<Job>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = Number(days);
    setJobId((await train.run(days.trim() !== "" && Number.isFinite(parsed) ? parsed : days))?.id);
  }

  const daysError = train.error?.forField("days");
  return (
    <section className="card" aria-label="Training">
      <h2>Training</h2>
      <p className="hint">
        Trains the logistic baseline and LightGBM on the stored attempts; the better one becomes active only if it beats the active model on the holdout.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <label htmlFor="train-days">Days of logs</label>
          <div>
            <input
              id="train-days"
              inputMode="numeric"
              value={days}
              aria-invalid={daysError ? true : undefined}
              aria-describedby="train-days-error"
              onChange={(event) => setDays(event.target.value)}
            />
            <FieldError id="train-days-error" message={daysError} />
          </div>
        </div>
        <button type="submit" disabled={train.pending}>
          {train.pending ? "Submitting…" : "Train"}
        </button>
      </form>
      {train.error && !daysError && <ScopedError error={train.error} />}
      {jobId && (
        <FollowJob
          key={jobId}
          jobId={jobId}
          onFinished={async () => {
            onFinished();
            setFinished(await request<Job>(`/jobs/${jobId}`).catch(() => undefined));
          }}
        />
      )}
      {finished?.id === jobId && finished?.result && <TrainingOutcome result={finished.result} />}
    </section>
  );
}

function TrainingOutcome({ result }: { result: Record<string, unknown> }) {
  const rows = (result.rows ?? {}) as Record<string, number>;
  const metrics = (result.holdout_metrics ?? {}) as Record<string, Record<string, number | null>>;
  const best = String(result.best ?? "");
  return (
    <p className="small" data-testid="training-outcome">
      Trained on {count(rows.train ?? 0)} attempts, tested on {count(rows.holdout ?? 0)}. Best: {best} (holdout ROC-AUC {number(metrics[best]?.roc_auc, 3)}).{" "}
      {result.promoted ? <b>Promoted: it is now the active model.</b> : <>Not promoted: v{String(result.active_version_before)} did as well on this holdout.</>}
    </p>
  );
}

/** An error, with what to do about a missing scope spelt out. */
function ScopedError({ error }: { error: ApiError }) {
  return (
    <>
      <ErrorBox error={error} />
      {error.status === 403 && (
        <p className="error-text small" data-testid="forbidden">
          This API key may not do this: it needs the admin scope. Enter a key made with <code>--scopes read,write,admin</code> (Forget key, top right).
        </p>
      )}
    </>
  );
}

function Versions({ models, onActivated }: { models: Loaded<{ items: ModelVersion[] }>; onActivated: () => void }) {
  const activate = useAction(activateModel);
  const [target, setTarget] = useState<number>();
  const active = models.data?.items.find((model) => model.is_active);
  const rollback = (model: ModelVersion) => active !== undefined && model.version < active.version;

  async function activateVersion(version: number) {
    setTarget(version);
    if (await activate.run(version)) onActivated();
  }

  return (
    <section className="card" aria-label="Version history">
      <h2>Version history</h2>
      {activate.error && (
        <div data-testid="activate-error">
          <ScopedError error={activate.error} />
        </div>
      )}
      <Async {...models} what="Loading the versions">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>No model registered yet.</Empty>
          ) : (
            <div className="table-scroll">
              <table className="versions-table">
                <thead>
                  <tr>
                    <th>Version</th>
                    <th>Kind</th>
                    <th className="num">ROC-AUC</th>
                    <th className="num hide-narrow">Brier</th>
                    <th className="hide-narrow">Source</th>
                    <th className="hide-narrow">Created</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((model) => (
                    <tr key={model.version} data-version={model.version} aria-current={model.is_active ? "true" : undefined}>
                      <td>
                        v{model.version} {model.is_active && <span className="badge badge-succeeded">active</span>}
                      </td>
                      <td>{model.kind}</td>
                      <td className="num">{number(model.metrics.roc_auc as number | null, 3)}</td>
                      <td className="num hide-narrow">{number(model.metrics.brier as number | null, 4)}</td>
                      <td className="hide-narrow">{model.source}</td>
                      <td className="hide-narrow">{dateTime(model.created_at)}</td>
                      <td>
                        {!model.is_active && (
                          <button
                            type="button"
                            className="secondary small-button"
                            disabled={activate.pending}
                            aria-label={`${rollback(model) ? "Roll back to" : "Activate"} v${model.version}`}
                            onClick={() => activateVersion(model.version)}
                          >
                            {activate.pending && target === model.version ? "Activating…" : rollback(model) ? "Roll back" : "Activate"}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}
