import { useEffect, useState } from "react";

import { query } from "../api";
import { RateLines } from "../components/Charts";
import FollowJob from "../components/FollowJob";
import { Async, Empty, ErrorBox, FieldError } from "../components/States";
import { count, dateTime, daysBefore, isoDay, percent } from "../format";
import { useAction, useApi } from "../hooks";
import type { PageProps } from "../pages";
import { computeDay } from "../search";
import type { SearchInsight } from "../types";

const DEFAULT_DAYS = 30;
const CTR_SERIES = [
  { key: "average_ctr", name: "CTR (impression-weighted)", colour: "#2563eb" },
  { key: "mean_query_ctr", name: "mean CTR of queries", colour: "#9333ea" },
];

export default function SearchPage(_: PageProps) {
  const yesterday = daysBefore(new Date(), 1);
  const [from, setFrom] = useState(isoDay(daysBefore(yesterday, DEFAULT_DAYS - 1)));
  const [to, setTo] = useState(isoDay(yesterday));
  const [day, setDay] = useState<string>();
  const period = useApi<{ items: SearchInsight[] }>(`/search-insights${query({ from, to })}`);
  const days = period.data?.items ?? [];
  const latest = days.at(-1)?.insight_date;
  useEffect(() => {
    if (day === undefined && latest) setDay(latest);
  }, [day, latest]);
  const periodError = period.error?.status === 422 ? period.error : undefined;

  return (
    <div className="search-page">
      <section className="card" aria-label="Daily CTR">
        <h2>Daily CTR</h2>
        <div className="toolbar">
          <label htmlFor="period-from">
            From
            <input id="period-from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
          </label>
          <label htmlFor="period-to">
            To
            <input id="period-to" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
          </label>
        </div>
        <FieldError id="period-error" message={periodError ? periodError.errors.map((e) => e.message).join("; ") || periodError.detail : undefined} />
        {!periodError && (
          <Async {...period} what="Loading insights">
            {(data) =>
              data.items.length === 0 ? (
                <Empty>No insights computed for these days. Compute a day below, or run a backfill.</Empty>
              ) : (
                <>
                  <RateLines
                    rows={data.items.map((item) => ({ day: item.insight_date, average_ctr: item.average_ctr, mean_query_ctr: item.mean_query_ctr }))}
                    series={CTR_SERIES}
                    label="daily click-through rate"
                    onSelect={setDay}
                  />
                  <p className="small hint">
                    {data.items.length} days with insights; click a day to see its queries.
                  </p>
                </>
              )
            }
          </Async>
        )}
      </section>
      <DayInsights day={day} onDay={setDay} onComputed={period.reload} />
    </div>
  );
}

function DayInsights({ day, onDay, onComputed }: { day: string | undefined; onDay: (day: string) => void; onComputed: () => void }) {
  const insight = useApi<SearchInsight>(day ? `/search-insights/${day}` : null);
  const compute = useAction(computeDay);
  const [jobId, setJobId] = useState<string>();
  const notComputed = insight.error?.status === 404;
  const dayError = compute.error?.forField("day") ?? (insight.error?.status === 422 ? insight.error.forField("day") : undefined);

  return (
    <section className="card" aria-label="One day">
      <div className="toolbar">
        <label htmlFor="insight-day">
          Day
          <input
            id="insight-day"
            type="date"
            value={day ?? ""}
            aria-invalid={dayError ? true : undefined}
            onChange={(event) => event.target.value && onDay(event.target.value)}
          />
          <FieldError id="insight-day-error" message={dayError} />
        </label>
        <button
          type="button"
          className="secondary"
          disabled={!day || compute.pending}
          onClick={async () => day && setJobId((await compute.run(day))?.id)}
        >
          {compute.pending ? "Submitting…" : "Compute this day"}
        </button>
      </div>
      {compute.error && !dayError && <ErrorBox error={compute.error} />}
      {jobId && (
        <FollowJob
          key={jobId}
          jobId={jobId}
          onFinished={() => {
            insight.reload();
            onComputed();
          }}
        />
      )}
      {!day ? (
        <Empty>Pick a day.</Empty>
      ) : notComputed ? (
        <Empty>No insights for {day} yet: they are computed each night for the day before, or now with “Compute this day”.</Empty>
      ) : (
        <Async {...insight} what="Loading the day">
          {(data) => <Day insight={data} />}
        </Async>
      )}
    </section>
  );
}

function Day({ insight }: { insight: SearchInsight }) {
  return (
    <div data-testid="day-insights">
      <div className="stats">
        <div className="stat">
          <b>{percent(insight.average_ctr, 2)}</b>
          <span>CTR on {insight.insight_date}</span>
        </div>
        <div className="stat">
          <b>{count(insight.queries)}</b>
          <span>queries</span>
        </div>
        <div className="stat">
          <b>{count(insight.total_clicks)}</b>
          <span>clicks</span>
        </div>
        <div className="stat">
          <b>{count(insight.total_impressions)}</b>
          <span>impressions</span>
        </div>
      </div>
      <p className="small hint">Computed {dateTime(insight.computed_at)} (definitions v{insight.definitions_version}).</p>
      <div className="grid-2">
        <div>
          <h3>Top queries</h3>
          {insight.top_queries.length === 0 ? (
            <Empty>No query had enough impressions.</Empty>
          ) : (
            <QueryTable
              label="top queries"
              rows={insight.top_queries.map((row) => [row.query, count(row.clicks), count(row.impressions), percent(row.ctr), percent(row.wilson_lower_bound)])}
              extra="Wilson LB"
            />
          )}
        </div>
        <div>
          <h3>Low performers</h3>
          {insight.low_performance_queries.length === 0 ? (
            <Empty>None.</Empty>
          ) : (
            <QueryTable
              label="low-performing queries"
              rows={insight.low_performance_queries.map((row) => [row.query, count(row.clicks), count(row.impressions), percent(row.ctr)])}
            />
          )}
        </div>
      </div>
    </div>
  );
}

function QueryTable({ rows, label, extra }: { rows: string[][]; label: string; extra?: string }) {
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            <th>Query</th>
            <th className="num">Clicks</th>
            <th className="num">Shown</th>
            <th className="num">CTR</th>
            {extra && <th className="num">{extra}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, ...cells]) => (
            <tr key={name}>
              <td>{name}</td>
              {cells.map((cell, index) => (
                <td key={index} className="num">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
