import { useState, type ChangeEvent, type FormEvent } from "react";

import { ApiError } from "../api";
import { ErrorBox, FieldError } from "../components/States";
import {
  BUSINESS_PRIORITIES,
  CHANNELS,
  LAST_STATUSES,
  PROVIDERS,
  laterDelays,
  predict,
  seconds,
  type Prediction,
} from "../delivery";
import { percent } from "../format";
import { useAction } from "../hooks";
import type { PageProps } from "../pages";

type Mode = "form" | "json";

interface Fields {
  channel: string;
  provider: string;
  recipient_country: string;
  template_type: string;
  payload_size: string;
  business_priority: string;
  send_time: string;
  previous_attempts: string;
  last_status: string;
  response_code: string;
  latency_ms: string;
}

const INITIAL: Fields = {
  channel: "sms",
  provider: "twilio",
  recipient_country: "NG",
  template_type: "otp",
  payload_size: "140",
  business_priority: "high",
  send_time: "",
  previous_attempts: "0",
  last_status: "none",
  response_code: "0",
  latency_ms: "0",
};
const NUMBERS = new Set(["payload_size", "previous_attempts", "response_code", "latency_ms"]);
const FIELD_NAMES = Object.keys(INITIAL);

export default function PredictPage(_: PageProps) {
  const [mode, setMode] = useState<Mode>("form");
  const [fields, setFields] = useState<Fields>(INITIAL);
  const [json, setJson] = useState(() => JSON.stringify(payloadOf(INITIAL), null, 2));
  const [jsonError, setJsonError] = useState<string>();
  const [result, setResult] = useState<{ prediction: Prediction; nextAttempt: number }>();
  const send = useAction(predict);

  async function submit(payload: Record<string, unknown>) {
    setResult(undefined);
    const prediction = await send.run(payload);
    const previous = Number(payload.previous_attempts ?? 0);
    if (!prediction) return;
    setResult({ prediction, nextAttempt: (Number.isFinite(previous) ? previous : 0) + 1 });
    // On a phone the result is below the form: bring it into view (jsdom cannot scroll).
    requestAnimationFrame(() => document.getElementById("prediction-result")?.scrollIntoView?.({ block: "nearest" }));
  }

  function submitForm(event: FormEvent) {
    event.preventDefault();
    void submit(payloadOf(fields));
  }

  function submitJson(event: FormEvent) {
    event.preventDefault();
    send.clearError();
    let payload: unknown;
    try {
      payload = JSON.parse(json);
    } catch (error) {
      setJsonError(`not JSON: ${(error as Error).message}`);
      return;
    }
    setJsonError(undefined);
    void submit(payload as Record<string, unknown>);
  }

  function switchTo(next: Mode) {
    if (next === "json" && mode === "form") setJson(JSON.stringify(payloadOf(fields), null, 2));
    send.clearError();
    setJsonError(undefined);
    setMode(next);
  }

  return (
    <div className="grid-2">
      <section className="card" aria-label="Notification">
        <h2>Notification</h2>
        <div className="tabs" role="group" aria-label="Payload as">
          <button type="button" className={mode === "form" ? undefined : "secondary"} aria-pressed={mode === "form"} onClick={() => switchTo("form")}>
            Form
          </button>
          <button type="button" className={mode === "json" ? undefined : "secondary"} aria-pressed={mode === "json"} onClick={() => switchTo("json")}>
            JSON
          </button>
        </div>
        {mode === "form" ? (
          <NotificationForm fields={fields} onChange={setFields} onSubmit={submitForm} error={send.error} pending={send.pending} />
        ) : (
          <JsonPayload json={json} onChange={setJson} onSubmit={submitJson} parseError={jsonError} error={send.error} pending={send.pending} />
        )}
      </section>
      <section className="card" aria-label="Prediction" id="prediction-result">
        <h2>Prediction</h2>
        {result ? (
          <PredictionView prediction={result.prediction} nextAttempt={result.nextAttempt} />
        ) : (
          <p className="empty">{send.pending ? "Predicting…" : "Submit a notification to see its prediction."}</p>
        )}
      </section>
    </div>
  );
}

/** The JSON body `POST /predict` takes: numbers as numbers when they are numbers (anything else
 * is sent as typed, for the API to refuse at its field), an empty send time left out. */
function payloadOf(fields: Fields): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === "send_time") {
      if (value) payload.send_time = new Date(value).toISOString();
    } else if (NUMBERS.has(name)) {
      const parsed = Number(value);
      payload[name] = value.trim() !== "" && Number.isFinite(parsed) ? parsed : value;
    } else {
      payload[name] = value;
    }
  }
  return payload;
}

function NotificationForm({
  fields,
  onChange,
  onSubmit,
  error,
  pending,
}: {
  fields: Fields;
  onChange: (fields: Fields) => void;
  onSubmit: (event: FormEvent) => void;
  error: ApiError | undefined;
  pending: boolean;
}) {
  const set = (name: keyof Fields) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const next = { ...fields, [name]: event.target.value };
    // A channel brings its own providers: keep the provider only if the channel sends with it.
    if (name === "channel" && !PROVIDERS[next.channel].includes(next.provider)) next.provider = PROVIDERS[next.channel][0];
    onChange(next);
  };
  const field = (name: keyof Fields, label: string, control: "text" | "number" | "datetime" | string[], hint?: string) => {
    const message = error?.forField(name);
    const common = {
      id: `predict-${name}`,
      value: fields[name],
      onChange: set(name),
      "aria-invalid": message ? true : undefined,
      "aria-describedby": `predict-${name}-error`,
    };
    return (
      <>
        <label htmlFor={common.id}>{label}</label>
        <div>
          {Array.isArray(control) ? (
            <select {...common}>
              {control.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          ) : (
            <input {...common} type={control === "datetime" ? "datetime-local" : "text"} inputMode={control === "number" ? "numeric" : undefined} placeholder={hint} />
          )}
          <FieldError id={`predict-${name}-error`} message={message} />
        </div>
      </>
    );
  };
  // Problems the form has no field for (the whole body, say) are shown above the button.
  const other = error?.errors.filter((problem) => !FIELD_NAMES.includes(problem.field)) ?? [];
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Notification form">
      <div className="form-grid">
        {field("channel", "Channel", [...CHANNELS])}
        {field("provider", "Provider", PROVIDERS[fields.channel] ?? [])}
        {field("recipient_country", "Recipient country", "text", "ISO code, e.g. NG")}
        {field("template_type", "Template type", "text", "otp, alert, marketing…")}
        {field("payload_size", "Payload size", "number", "characters (SMS) or bytes")}
        {field("business_priority", "Business priority", BUSINESS_PRIORITIES)}
        {field("send_time", "Send time", "datetime")}
        {field("previous_attempts", "Previous attempts", "number")}
        {field("last_status", "Last status", LAST_STATUSES)}
        {field("response_code", "Last response code", "number")}
        {field("latency_ms", "Last latency (ms)", "number")}
      </div>
      <p className="hint small">An empty send time means now. The last attempt's fields stay 0 and "none" for a first attempt.</p>
      {other.map((problem) => (
        <p key={problem.field + problem.message} className="field-error" role="alert">
          {problem.message}
        </p>
      ))}
      {error && error.errors.length === 0 && <ErrorBox error={error} />}
      <button type="submit" disabled={pending}>
        {pending ? "Predicting…" : "Predict"}
      </button>
    </form>
  );
}

function JsonPayload({
  json,
  onChange,
  onSubmit,
  parseError,
  error,
  pending,
}: {
  json: string;
  onChange: (json: string) => void;
  onSubmit: (event: FormEvent) => void;
  parseError: string | undefined;
  error: ApiError | undefined;
  pending: boolean;
}) {
  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) onChange(await file.text());
  }
  const problems = error?.errors ?? [];
  const invalid = Boolean(parseError || problems.length);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="JSON payload">
      <label htmlFor="predict-json">Payload (paste, or upload a .json file)</label>
      <textarea
        id="predict-json"
        className="json-box"
        rows={14}
        spellCheck={false}
        value={json}
        aria-invalid={invalid ? true : undefined}
        aria-describedby="predict-json-error"
        onChange={(event) => onChange(event.target.value)}
      />
      <div id="predict-json-error" role={invalid ? "alert" : undefined}>
        {parseError && <span className="field-error">{parseError}</span>}
        {problems.length > 0 && (
          <ul className="field-errors">
            {problems.map((problem) => (
              <li key={problem.field + problem.message} className="field-error">
                <code>{problem.field}</code>: {problem.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="buttons">
        <label className="file-button">
          Upload JSON
          <input type="file" accept="application/json,.json" onChange={upload} />
        </label>
        <button type="submit" disabled={pending}>
          {pending ? "Predicting…" : "Predict"}
        </button>
      </div>
      {error && problems.length === 0 && <ErrorBox error={error} />}
    </form>
  );
}

export function PredictionView({ prediction, nextAttempt }: { prediction: Prediction; nextAttempt: number }) {
  const { retry } = prediction;
  const later = retry.next_delay_s === null ? [] : laterDelays(retry, nextAttempt);
  return (
    <div data-testid="prediction">
      <div className="stats">
        <div className="stat">
          <b>{percent(prediction.probability)}</b>
          <span>delivered on attempt {nextAttempt}</span>
        </div>
        <div className="stat">
          <b>
            <span className={`badge badge-class-${prediction.priority_class}`}>{prediction.priority_class}</span>
          </b>
          <span>priority class (queue)</span>
        </div>
        <div className="stat">
          <b>v{prediction.model_version}</b>
          <span>model ({prediction.model_kind})</span>
        </div>
      </div>
      <h3>Retry schedule</h3>
      <dl className="facts">
        <dt>Next retry</dt>
        <dd>{retry.next_delay_s === null ? "none" : `after ${seconds(retry.next_delay_s)}, should this attempt fail`}</dd>
        <dt>Later retries</dt>
        <dd>{later.length ? later.map(seconds).join(" → ") : "–"}</dd>
        <dt>Backoff</dt>
        <dd>
          ×{retry.backoff} from {seconds(retry.first_delay_s)}, at most {seconds(retry.max_delay_s)}
        </dd>
        <dt>Max attempts</dt>
        <dd>{retry.max_attempts}</dd>
        <dt>Time to live</dt>
        <dd>{seconds(retry.ttl_s)}</dd>
        <dt>Fallback</dt>
        <dd>{prediction.fallback ?? "none"}</dd>
        <dt>Why</dt>
        <dd>{prediction.reason}</dd>
      </dl>
      <p className="hint small">
        Policy {prediction.policy_version}. Later delays are the channel's backoff; the next one also weighs the probability.
      </p>
    </div>
  );
}
