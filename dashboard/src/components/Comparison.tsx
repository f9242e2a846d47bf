// The latest `llm.compare` report as tables, and a form that starts another and follows it.
import { useState, type FormEvent } from "react";

import { fieldOrder, GOLD_SETS, LATEST_COMPARISON, orderedPaths, submitComparison, type ComparisonReport, type ExtractionSchema, type ProviderSummary } from "../extraction";
import { count, dateTime, number, percent } from "../format";
import { useAction, useApi } from "../hooks";
import type { Job, JobPage } from "../types";
import { label } from "./ExtractedJson";
import FollowJob from "./FollowJob";
import { NO_PROVIDERS, ProviderOptions, type Providers } from "./Providers";
import { Async, Empty, ErrorBox, FieldError } from "./States";

const DEFAULT_TEXTS = "8";

export default function ComparisonSection({ providers, schemas }: { providers: Providers; schemas: ExtractionSchema[] }) {
  const latest = useApi<JobPage>(LATEST_COMPARISON);
  const job = latest.data?.items[0];
  return (
    <section className="card" aria-label="Comparison">
      <h2>Provider comparison</h2>
      <StartComparison providers={providers} onFinished={latest.reload} />
      <h3>Latest report</h3>
      <Async {...latest} what="Looking for the latest comparison">
        {() => (job ? <LatestReport key={job.id} job={job} schemas={schemas} /> : <Empty>No comparison has finished yet: run one above.</Empty>)}
      </Async>
    </section>
  );
}

function StartComparison({ providers, onFinished }: { providers: Providers; onFinished: () => void }) {
  const names = providers.data?.items.map((provider) => provider.name) ?? [];
  const [schema, setSchema] = useState(GOLD_SETS[0]);
  const [chosen, setChosen] = useState<[string, string]>(["", ""]);
  const [limit, setLimit] = useState(DEFAULT_TEXTS);
  const [jobId, setJobId] = useState<string>();
  const submit = useAction(submitComparison);
  const pair: [string, string] = [chosen[0] || names[0] || "", chosen[1] || names[1] || ""];
  const fields = submit.error?.status === 422 ? submit.error : undefined;
  const schemaError = fields?.forField("schema");
  // Two of the same provider is refused for the body as a whole.
  const providersError = ["providers", "providers.0", "providers.1", "body"].map((field) => fields?.forField(field)).find(Boolean);
  const limitError = fields?.forField("limit");
  const named = schemaError || providersError || limitError;

  async function start(event: FormEvent) {
    event.preventDefault();
    setJobId(undefined);
    const texts = limit.trim() === "" ? undefined : Number(limit);
    setJobId((await submit.run({ schema, providers: pair, limit: texts }))?.id);
  }

  if (providers.data && names.length < 2) {
    return <Empty>{names.length === 0 ? NO_PROVIDERS : `A comparison needs two providers; only ${names[0]} is configured here.`}</Empty>;
  }
  return (
    <>
      <p className="hint">Run a labelled gold set through two providers and score both against the labels.</p>
      <form onSubmit={start} noValidate className="stacked-form">
        <div className="form-row">
          <div className="field">
            <label htmlFor="compare-schema">Gold set</label>
            <select id="compare-schema" value={schema} aria-invalid={schemaError ? true : undefined} onChange={(event) => setSchema(event.target.value)}>
              {GOLD_SETS.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
            <FieldError id="compare-schema-error" message={schemaError} />
          </div>
          <div className="field">
            <label htmlFor="compare-limit">Texts (the first N)</label>
            <input
              id="compare-limit"
              inputMode="numeric"
              value={limit}
              aria-invalid={limitError ? true : undefined}
              aria-describedby="compare-limit-error"
              onChange={(event) => setLimit(event.target.value)}
            />
            <FieldError id="compare-limit-error" message={limitError} />
          </div>
        </div>
        <div className="form-row">
          {pair.map((name, index) => (
            <div key={index} className="field">
              <label htmlFor={`compare-provider-${index}`}>{index === 0 ? "First provider" : "Second provider"}</label>
              <select
                id={`compare-provider-${index}`}
                value={name}
                aria-invalid={providersError ? true : undefined}
                onChange={(event) => setChosen(index === 0 ? [event.target.value, pair[1]] : [pair[0], event.target.value])}
              >
                <ProviderOptions providers={providers.data?.items ?? []} />
              </select>
            </div>
          ))}
        </div>
        <FieldError id="compare-providers-error" message={providersError} />
        <div className="buttons">
          <button type="submit" disabled={submit.pending || !providers.data}>
            {submit.pending ? "Submitting…" : "Run comparison"}
          </button>
        </div>
      </form>
      {submit.error && !named && <ErrorBox error={submit.error} />}
      {jobId && <FollowJob key={jobId} jobId={jobId} onFinished={onFinished} />}
    </>
  );
}

function LatestReport({ job, schemas }: { job: Job; schemas: ExtractionSchema[] }) {
  const report = useApi<ComparisonReport>(`/extraction-comparisons/${job.id}`);
  return (
    <Async {...report} what="Loading the report">
      {(data) => <Report report={data} job={job} order={fieldOrder(schemas.find((schema) => schema.name === data.schema)?.json_schema)} />}
    </Async>
  );
}

function Report({ report, job, order }: { report: ComparisonReport; job: Job; order: string[] }) {
  // The pair in the order asked for (the report's own keys come back reordered from JSONB).
  const names = [...new Set([...report.agreement.between, ...Object.keys(report.providers)])].filter((name) => name in report.providers);
  const summaries = names.map((name) => report.providers[name]);
  const agreement = report.agreement;
  const fields = orderedPaths(Object.keys(summaries[0]?.field_accuracy ?? {}), order);
  return (
    <div className="report" data-testid="comparison-report">
      <p className="small hint">
        <code>{report.schema}</code>: {count(report.texts)} gold texts, prompt {report.prompt_version}; finished {dateTime(job.finished_at)}.
      </p>
      <div className="table-scroll">
        <table aria-label="summary">
          <thead>
            <tr>
              <th />
              {names.map((name) => (
                <th key={name} className="num">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SUMMARY_ROWS.map(([title, show]) => (
              <tr key={title}>
                <th scope="row">{title}</th>
                {summaries.map((summary, index) => (
                  <td key={names[index]} className="num">
                    {show(summary)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>Accuracy per field</h4>
      <p className="small hint">F1 against the gold labels (lists item by item, in any order); an invalid answer scores 0.</p>
      <div className="table-scroll">
        <table aria-label="accuracy per field">
          <thead>
            <tr>
              <th>Field</th>
              {names.map((name) => (
                <th key={name} className="num">
                  {name}
                </th>
              ))}
              <th className="num">agreement</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field}>
                <td>
                  <code>
                    {field.split(".").map((part, index) => (
                      // A phone breaks a long path after a dot, not inside a name.
                      <span key={index}>
                        {index > 0 && (
                          <>
                            .<wbr />
                          </>
                        )}
                        {part}
                      </span>
                    ))}
                  </code>
                </td>
                {summaries.map((summary, index) => (
                  <td key={names[index]} className="num">
                    {percent(summary.field_accuracy[field])}
                  </td>
                ))}
                <td className="num">{percent(agreement.field_agreement[field])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.outcomes && report.outcomes.length > 0 && <Outcomes outcomes={report.outcomes} names={names} />}
      <h4>Agreement</h4>
      <p data-testid="agreement">
        {agreement.between[0]} and {agreement.between[1]} both gave valid output for {count(agreement.texts_both_valid)} texts; on those, their fields agree{" "}
        {percent(agreement.mean_field_agreement)} of the time and {percent(agreement.identical_rate)} of the answers are identical.
      </p>
    </div>
  );
}

/** Which texts each provider answered validly, and why not where it did not. */
function Outcomes({ outcomes, names }: { outcomes: NonNullable<ComparisonReport["outcomes"]>; names: string[] }) {
  const ids = [...new Set(outcomes.map((outcome) => outcome.id))].sort();
  const of = (id: string, name: string) => outcomes.find((outcome) => outcome.id === id && outcome.provider === name);
  return (
    <details className="outcomes">
      <summary>Each text</summary>
      <div className="table-scroll">
        <table aria-label="each text">
          <thead>
            <tr>
              <th>Text</th>
              {names.map((name) => (
                <th key={name}>{name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <tr key={id}>
                <td>
                  <code>{id}</code>
                </td>
                {names.map((name) => {
                  const outcome = of(id, name);
                  return (
                    <td key={name} className={outcome?.valid ? undefined : "error-text"}>
                      {outcome === undefined ? "–" : outcome.valid ? "valid" : label(outcome.error ?? "invalid")}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const SUMMARY_ROWS: [string, (summary: ProviderSummary) => string][] = [
  ["model", (s) => s.model ?? "–"],
  ["valid output", (s) => `${s.valid} / ${s.texts} (${percent(s.valid_rate)})`],
  ["mean field accuracy", (s) => percent(s.mean_field_accuracy)],
  ["texts entirely right", (s) => percent(s.exact_match_rate)],
  ["re-asks", (s) => count(s.reasks)],
  ["retries", (s) => count(s.retries)],
  ["latency p50 / p95", (s) => `${number(s.latency_ms.p50, 0)} / ${number(s.latency_ms.p95, 0)} ms`],
  ["tokens in / out", (s) => `${count(s.tokens.prompt)} / ${count(s.tokens.completion)}`],
  ["cost estimate", (s) => (s.cost_usd === null ? "0 (local)" : `$${s.cost_usd.toFixed(4)}`)],
  ["failures", (s) => Object.entries(s.errors).map(([code, n]) => `${label(code)} ${n}`).join(", ") || "none"],
];
