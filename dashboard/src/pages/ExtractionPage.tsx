import { useState, type FormEvent } from "react";

import ComparisonSection from "../components/Comparison";
import ExtractedJson from "../components/ExtractedJson";
import FollowJob from "../components/FollowJob";
import { NO_PROVIDERS, ProviderOptions, type Providers } from "../components/Providers";
import { Empty, ErrorBox, FieldError } from "../components/States";
import { fieldOrder, orderedJson, submitExtraction, validationErrors, type Extraction, type ExtractionProvider, type ExtractionSchema } from "../extraction";
import { count, number } from "../format";
import { useAction, useApi, type Loaded } from "../hooks";
import type { PageProps } from "../pages";
import { TERMINAL } from "../types";

export default function ExtractionPage(_: PageProps) {
  const providers = useApi<{ items: ExtractionProvider[] }>("/extraction-providers");
  const schemas = useApi<{ items: ExtractionSchema[] }>("/extraction-schemas");
  return (
    <div className="grid-2 extraction-page">
      <Extract providers={providers} schemas={schemas} />
      <ComparisonSection providers={providers} schemas={schemas.data?.items ?? []} />
    </div>
  );
}

function Extract({ providers, schemas }: { providers: Providers; schemas: Loaded<{ items: ExtractionSchema[] }> }) {
  const [text, setText] = useState("");
  const [schema, setSchema] = useState("meal_log");
  const [provider, setProvider] = useState("");
  const [jobId, setJobId] = useState<string>();
  const submit = useAction(submitExtraction);
  const chosen = provider || providers.data?.items[0]?.name || "";
  // A 422 names its fields; any other problem is shown whole.
  const fields = submit.error?.status === 422 ? submit.error : undefined;
  const textError = fields?.forField("text");
  const schemaError = fields?.forField("schema") ?? fields?.forField("schema_version");
  const providerError = fields?.forField("provider");
  const named = textError || schemaError || providerError;

  async function extract(event: FormEvent) {
    event.preventDefault();
    setJobId(undefined);
    setJobId((await submit.run({ text, schema, provider: chosen }))?.id);
  }

  return (
    <section className="card" aria-label="Extract">
      <h2>Extract</h2>
      <p className="hint">Paste a text; a model turns it into JSON that the schema validates.</p>
      <form onSubmit={extract} noValidate className="stacked-form">
        <div className="field">
          <label htmlFor="extract-text">Text</label>
          <textarea
            id="extract-text"
            rows={6}
            value={text}
            placeholder="e.g. lunch at 12:30: a turkey sandwich (450 kcal) and an apple"
            aria-invalid={textError ? true : undefined}
            aria-describedby="extract-text-error"
            onChange={(event) => setText(event.target.value)}
          />
          <FieldError id="extract-text-error" message={textError} />
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="extract-schema">Schema</label>
            <select
              id="extract-schema"
              value={schema}
              aria-invalid={schemaError ? true : undefined}
              aria-describedby="extract-schema-error"
              onChange={(event) => setSchema(event.target.value)}
            >
              {(schemas.data?.items ?? [{ name: schema, version: 1, builtin: true, description: null, json_schema: {} }]).map((item) => (
                <option key={item.name} value={item.name}>
                  {item.name} v{item.version}
                  {item.builtin ? "" : " (yours)"}
                </option>
              ))}
            </select>
            <FieldError id="extract-schema-error" message={schemaError} />
          </div>
          <div className="field">
            <label htmlFor="extract-provider">Provider</label>
            <select
              id="extract-provider"
              value={chosen}
              aria-invalid={providerError ? true : undefined}
              aria-describedby="extract-provider-error"
              onChange={(event) => setProvider(event.target.value)}
            >
              <ProviderOptions providers={providers.data?.items ?? []} />
            </select>
            <FieldError id="extract-provider-error" message={providerError} />
          </div>
        </div>
        {schemas.error && <ErrorBox error={schemas.error} onRetry={schemas.reload} />}
        {providers.error && <ErrorBox error={providers.error} onRetry={providers.reload} />}
        {providers.data?.items.length === 0 && <Empty>{NO_PROVIDERS}</Empty>}
        <div className="buttons">
          <button type="submit" disabled={submit.pending || !chosen}>
            {submit.pending ? "Submitting…" : "Extract"}
          </button>
        </div>
      </form>
      {submit.error && !named && <ErrorBox error={submit.error} />}
      {jobId && <Outcome key={jobId} jobId={jobId} schemas={schemas.data?.items ?? []} />}
    </section>
  );
}

/** The job followed to its end, then what it extracted or why it failed. */
function Outcome({ jobId, schemas }: { jobId: string; schemas: ExtractionSchema[] }) {
  const extraction = useApi<Extraction>(`/extractions/${jobId}`);
  const data = extraction.data;
  const finished = data !== undefined && TERMINAL.includes(data.status);
  return (
    <>
      <FollowJob jobId={jobId} onFinished={extraction.reload} />
      {extraction.error && <ErrorBox error={extraction.error} onRetry={extraction.reload} />}
      {finished && <ExtractionView extraction={data} order={fieldOrder(schemas.find((item) => item.name === data.schema)?.json_schema)} />}
    </>
  );
}

function ExtractionView({ extraction, order }: { extraction: Extraction; order: string[] }) {
  if (extraction.status !== "succeeded" || extraction.result === null) return <Failure extraction={extraction} />;
  const usage = extraction.usage;
  return (
    <div className="extraction" data-testid="extraction-result">
      <h3>Validated JSON</h3>
      <dl className="facts meta" aria-label="how it was extracted">
        <dt>Provider</dt>
        <dd>{extraction.provider}</dd>
        <dt>Model</dt>
        <dd className="wrap">{extraction.model ?? "–"}</dd>
        <dt>Schema</dt>
        <dd>
          {extraction.schema} v{extraction.schema_version ?? "?"}
        </dd>
        <dt>Prompt</dt>
        <dd>{extraction.prompt_version ?? "–"}</dd>
        <dt>Tokens</dt>
        <dd>{usage ? `${count(usage.prompt_tokens)} in, ${count(usage.completion_tokens)} out` : "–"}</dd>
        <dt>Latency</dt>
        <dd>{extraction.latency_ms === null ? "–" : `${number(extraction.latency_ms, 0)} ms`}</dd>
        <dt>Re-asks, retries</dt>
        <dd>
          {extraction.reasks ?? 0}, {extraction.retries ?? 0}
        </dd>
      </dl>
      <ExtractedJson value={extraction.result} order={order} />
      <details className="raw-json" open>
        <summary>Raw JSON</summary>
        <pre data-testid="raw-json">{orderedJson(extraction.result, order)}</pre>
      </details>
    </div>
  );
}

function Failure({ extraction }: { extraction: Extraction }) {
  const error = extraction.error ?? { code: extraction.status, message: `the extraction was ${extraction.status}` };
  const invalid = validationErrors(error);
  return (
    <div className="error-box" data-testid="extraction-error">
      <strong>
        {extraction.status} · {error.code}
      </strong>
      {invalid.length > 0 ? (
        <>
          <p>The model’s answer was invalid, and again after a re-ask quoting these errors; nothing was stored:</p>
          <ul className="validation-errors">
            {invalid.map((message) => (
              <li key={message}>
                <code>{message}</code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{error.message}</p>
      )}
    </div>
  );
}
