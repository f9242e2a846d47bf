import { useState } from "react";

import { query } from "../api";
import { Async, Empty, ErrorBox, FieldError } from "../components/States";
import { CHANNELS, PRIORITY_CLASSES, type ModelVersion, type PredictionPage, type StoredPrediction } from "../delivery";
import { dateTime, percent } from "../format";
import { useApi } from "../hooks";
import type { PageProps } from "../pages";
import { href } from "../route";

const PAGE_SIZE = 25;
const OUTCOMES = [
  { value: "", label: "any" },
  { value: "known", label: "known" },
  { value: "unknown", label: "not yet known" },
  { value: "delivered", label: "delivered" },
  { value: "failed", label: "failed" },
];

interface Filters {
  channel: string;
  priority_class: string;
  model_version: string;
  outcome: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { channel: "", priority_class: "", model_version: "", outcome: "", from: "", to: "" };

// A local date and time from the form, as the instant the API compares with (anything else as
// typed, for the API to refuse at its field).
function instant(value: string): string {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : value;
}

export default function PredictionsPage(_: PageProps) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const path = `/predictions${query({ ...filters, from: instant(filters.from), to: instant(filters.to), cursor, limit: PAGE_SIZE })}`;
  const page = useApi<PredictionPage>(path);
  const models = useApi<{ items: ModelVersion[] }>("/models");
  const fieldProblem = page.error?.status === 422 ? page.error : undefined;
  const set = (name: keyof Filters) => (event: { target: { value: string } }) => {
    setFilters((current) => ({ ...current, [name]: event.target.value }));
    setCursors([]);
  };
  const filtered = Object.values(filters).some(Boolean);

  return (
    <section className="card" aria-label="Recent predictions">
      <div className="toolbar">
        <label>
          Channel
          <select value={filters.channel} onChange={set("channel")}>
            <option value="">any</option>
            {CHANNELS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Priority class
          <select value={filters.priority_class} onChange={set("priority_class")}>
            <option value="">any</option>
            {PRIORITY_CLASSES.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Model version
          <select value={filters.model_version} onChange={set("model_version")}>
            <option value="">any</option>
            {(models.data?.items ?? []).map((model) => (
              <option key={model.version} value={model.version}>
                v{model.version} ({model.kind})
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select value={filters.outcome} onChange={set("outcome")}>
            {OUTCOMES.map((outcome) => (
              <option key={outcome.value} value={outcome.value}>
                {outcome.label}
              </option>
            ))}
          </select>
        </label>
        <TimeFilter id="predictions-from" label="Predicted from" value={filters.from} onChange={set("from")} error={fieldProblem?.forField("from")} />
        <TimeFilter id="predictions-to" label="to" value={filters.to} onChange={set("to")} error={fieldProblem?.forField("to")} />
        {filtered && (
          <button type="button" className="secondary" onClick={() => (setFilters(NO_FILTERS), setCursors([]))}>
            Clear filters
          </button>
        )}
      </div>
      {/* A refused filter is shown at its field; anything else here. */}
      {fieldProblem && !fieldProblem.forField("from") && !fieldProblem.forField("to") && <ErrorBox error={fieldProblem} />}
      {!fieldProblem && (
        <Async {...page} what="Loading predictions">
          {(data) =>
            data.items.length === 0 ? (
              <Empty>
                {filtered
                  ? "No predictions match these filters."
                  : "No predictions stored yet: store notifications and predict them as a batch job (POST /notifications/predictions)."}
              </Empty>
            ) : (
              <PredictionTable predictions={data.items} />
            )
          }
        </Async>
      )}
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
    </section>
  );
}

function TimeFilter({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  error: string | undefined;
}) {
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="datetime-local" value={value} onChange={onChange} aria-invalid={error ? true : undefined} aria-describedby={`${id}-error`} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function PredictionTable({ predictions }: { predictions: StoredPrediction[] }) {
  return (
    <div className="table-scroll">
      <table className="predictions-table">
        <thead>
          <tr>
            <th>Notification</th>
            <th className="num">Probability</th>
            <th>Class</th>
            <th>Outcome</th>
            <th className="num hide-narrow">Model</th>
            <th className="num hide-narrow">Attempt</th>
            <th className="hide-narrow">Predicted</th>
            <th className="hide-narrow">Job</th>
          </tr>
        </thead>
        <tbody>
          {predictions.map((prediction) => (
            <tr key={prediction.id} data-prediction-id={prediction.id}>
              <td>
                #{prediction.notification_id} {prediction.channel}
                <div className="small hint">
                  {prediction.provider}, {prediction.recipient_country}, {prediction.template_type}
                </div>
              </td>
              <td className="num">{percent(prediction.probability)}</td>
              <td>
                <span className={`badge badge-class-${prediction.priority_class}`}>{prediction.priority_class}</span>
              </td>
              <td>
                <Outcome prediction={prediction} />
              </td>
              <td className="num hide-narrow">v{prediction.model_version}</td>
              <td className="num hide-narrow">{prediction.next_attempt}</td>
              <td className="hide-narrow">{dateTime(prediction.predicted_at)}</td>
              <td className="hide-narrow">{prediction.job_id ? <a href={href("jobs", prediction.job_id)}>{prediction.job_id.slice(0, 8)}</a> : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Outcome({ prediction }: { prediction: StoredPrediction }) {
  const { outcome } = prediction;
  if (!outcome) return <span className="badge">pending</span>;
  return (
    <span title={`${outcome.status} (${outcome.response_code}) at ${dateTime(outcome.attempted_at)}`}>
      <span className={`badge ${outcome.delivered ? "badge-delivered" : "badge-failed"}`}>{outcome.delivered ? "delivered" : "failed"}</span>
      {!outcome.delivered && <div className="small hint">{outcome.status}</div>}
    </span>
  );
}
