import { useState, type FormEvent } from "react";

import { BandBars, BandCounts } from "../components/Charts";
import FollowJob from "../components/FollowJob";
import { Async, Empty, ErrorBox, FieldError, Loading } from "../components/States";
import type { ApiError } from "../api";
import { count, dateTime, number } from "../format";
import { recomputePopulation, scoreUser, userScorePath } from "../health";
import { useAction, useApi } from "../hooks";
import type { PageProps } from "../pages";
import type { HealthScore, PopulationScores } from "../types";

export default function HealthPage(_: PageProps) {
  return (
    <div className="grid-2">
      <Population />
      <UserScore />
    </div>
  );
}

function Population() {
  const population = useApi<PopulationScores>("/health-scores");
  const recompute = useAction(recomputePopulation);
  const [jobId, setJobId] = useState<string>();
  const notScored = population.error?.status === 404;

  return (
    <section className="card" aria-label="Population">
      <h2>Population</h2>
      <button
        type="button"
        disabled={recompute.pending}
        onClick={async () => setJobId((await recompute.run())?.id)}
      >
        {recompute.pending ? "Submitting…" : "Recompute every score"}
      </button>
      {recompute.error && <ErrorBox error={recompute.error} />}
      {jobId && <FollowJob key={jobId} jobId={jobId} onFinished={population.reload} />}
      {notScored ? (
        <Empty>The population has not been scored yet: recompute every score to score it now (it is also scored every night).</Empty>
      ) : (
        <Async {...population} what="Loading the distribution">
          {(data) => <Distribution population={data} />}
        </Async>
      )}
    </section>
  );
}

// Age bands in age order: "<30" first, "unknown" last.
const ageOrder = (band: string) => (band.startsWith("<") ? "" : band === "unknown" ? "~" : band);

function Distribution({ population }: { population: PopulationScores }) {
  const sorted = [...population.cohorts].sort(
    (a, b) => ageOrder(a.age_band).localeCompare(ageOrder(b.age_band)) || a.sex.localeCompare(b.sex),
  );
  const cohorts = sorted.map((cohort) => ({
    cohort: `${cohort.age_band} ${cohort.sex}`,
    ...cohort.bands,
  }));
  return (
    <div data-testid="population">
      <div className="stats">
        <Stat value={count(population.users)} label="users" />
        <Stat value={count(population.scored)} label="scored" />
        <Stat value={population.as_of} label="as of" />
        <Stat value={`v${population.method_version}`} label="method" />
      </div>
      <p className="small hint">
        Run {population.job_id.slice(0, 8)} finished {dateTime(population.completed_at)}; {population.window_days} days of data,
        labs over {population.lab_window_days}.
      </p>
      <h3>By band</h3>
      <BandCounts bands={population.bands} label="scores by band" />
      <h3>By cohort</h3>
      <BandBars rows={cohorts} category="cohort" label="scores by cohort and band" />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>Cohort</th>
              <th className="num">Users</th>
              <th className="num">Scored</th>
              <th className="num">Mean</th>
              <th className="num">Median</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((cohort) => (
              <tr key={`${cohort.age_band}/${cohort.sex}`}>
                <td>
                  {cohort.age_band} {cohort.sex}
                </td>
                <td className="num">{count(cohort.users)}</td>
                <td className="num">{count(cohort.scored)}</td>
                <td className="num">{number(cohort.mean)}</td>
                <td className="num">{number(cohort.median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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

function UserScore() {
  const [userId, setUserId] = useState("");
  const [asOf, setAsOf] = useState("");
  const [shown, setShown] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string>();
  const score = useApi<HealthScore>(shown === null ? null : userScorePath(shown));
  const submit = useAction(scoreUser);
  // The API names the field it refuses: the user's id (path) or the date (body).
  const fieldProblem = (error: ApiError | undefined) =>
    error && (error.status === 422 || error.is("user_not_found")) ? error : undefined;
  const problem = fieldProblem(submit.error) ?? fieldProblem(score.error);
  const userError = problem?.forField("user_id") ?? (problem?.is("user_not_found") ? problem.detail : undefined);
  const asOfError = problem?.forField("as_of");

  function show(event: FormEvent) {
    event.preventDefault();
    submit.clearError();
    setJobId(undefined);
    if (shown === userId.trim()) score.reload();
    setShown(userId.trim());
  }

  async function scoreNow() {
    setShown(null);
    setJobId((await submit.run(userId.trim(), asOf))?.id);
    setShown(userId.trim());
  }

  return (
    <section className="card" aria-label="One user">
      <h2>One user</h2>
      <form onSubmit={show} noValidate>
        <div className="form-grid">
          <label htmlFor="user-id">User id</label>
          <div>
            <input
              id="user-id"
              inputMode="numeric"
              value={userId}
              aria-invalid={userError ? true : undefined}
              aria-describedby="user-id-error"
              onChange={(event) => setUserId(event.target.value)}
            />
            <FieldError id="user-id-error" message={userError} />
          </div>
          <label htmlFor="as-of">As of (to score)</label>
          <div>
            <input
              id="as-of"
              type="date"
              value={asOf}
              aria-invalid={asOfError ? true : undefined}
              aria-describedby="as-of-error"
              onChange={(event) => setAsOf(event.target.value)}
            />
            <FieldError id="as-of-error" message={asOfError} />
          </div>
        </div>
        <div className="buttons">
          <button type="submit" disabled={!userId.trim()}>
            Show latest score
          </button>
          <button type="button" className="secondary" disabled={!userId.trim() || submit.pending} onClick={scoreNow}>
            {submit.pending ? "Submitting…" : "Score now"}
          </button>
        </div>
      </form>
      {submit.error && !fieldProblem(submit.error) && <ErrorBox error={submit.error} />}
      {jobId && <FollowJob key={jobId} jobId={jobId} onFinished={score.reload} />}
      {shown !== null && !jobId && score.error && !fieldProblem(score.error) && (
        score.error.status === 404 ? <Empty>No score for user {shown} yet: score now to compute one.</Empty> : <ErrorBox error={score.error} onRetry={score.reload} />
      )}
      {shown !== null && score.loading && !score.data && <Loading what="Loading the score" />}
      {score.data && <ScoreView score={score.data} />}
    </section>
  );
}

function ScoreView({ score }: { score: HealthScore }) {
  const components = Object.entries(score.components);
  return (
    <div className="score-view" data-testid="user-score">
      <div className="stats">
        <Stat value={score.score === null ? "–" : number(score.score)} label="score (0-100)" />
        <div className="stat">
          <b>{score.band ? <span className={`badge badge-${score.band}`}>{score.band}</span> : "–"}</b>
          <span>band</span>
        </div>
        <Stat value={score.percentile === null ? "–" : `${number(score.percentile)}\u00a0%`} label="percentile in cohort" />
        <Stat value={String(score.cohort.used ?? "–")} label={`cohort (${score.cohort.compared_with ?? 0} compared)`} />
      </div>
      <p className="small hint">
        User {score.user_id}, computed {dateTime(score.computed_at)}
        {score.window.from ? `, data ${String(score.window.from)} to ${String(score.window.to)}` : ""}.
      </p>
      {score.status === "insufficient_data" && <p className="error-text">Not enough data for a score.</p>}
      {components.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Component</th>
                <th className="num">Score</th>
                <th className="num">Percentile</th>
                <th className="num">Weight</th>
              </tr>
            </thead>
            <tbody>
              {components.map(([name, component]) => (
                <tr key={name}>
                  <td>{name.replaceAll("_", " ")}</td>
                  <td className="num">{number(component.score as number | null)}</td>
                  <td className="num">{component.percentile === null ? "–" : `${number(component.percentile as number)}\u00a0%`}</td>
                  <td className="num">{number(component.weight as number | null, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {score.factors && (
        <div className="factors">
          <h3>Raising the score</h3>
          <Factors items={score.factors.raising ?? []} />
          <h3>Lowering the score</h3>
          <Factors items={score.factors.lowering ?? []} />
        </div>
      )}
      {score.missing.length > 0 && (
        <>
          <h3>Missing</h3>
          <ul>
            {score.missing.map((item) => (
              <li key={item.component}>
                <b>{item.component}</b>: {item.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Factors({ items }: { items: string[] }) {
  return items.length === 0 ? <Empty>None.</Empty> : <ul>{items.map((item) => <li key={item}>{item}</li>)}</ul>;
}
