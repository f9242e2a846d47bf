"""Search insights on a year of logs: one day's insights, and the year backfilled by two workers,
beside seed 002's three queries written naively, on the same rows in the same run.

    python -m bench.search_insights --rows 10000000

Starts its own servers (see `bench.stack`), loads about `--rows` mock `search_clicks` rows over
365 days with the `pulsetrack seed-search` generator and COPY, then measures:
- one day: `compute_day` (the three insight queries) and the upsert of its row, for a few days
  spread over the year; the median is the figure;
- the naive baseline for the same days: the seed's three questions as one would first write
  them (an average of row CTRs, the top 5 by raw CTR, a fixed "many impressions, few clicks"
  rule), with the planner kept off every index, as on a table that has none;
- the year: one `search.backfill` job of 365 parts on a worker with two processes, from its
  submission to the job finished.
The last line printed is one JSON object: {"rows", "one_day_s", "year_s", "naive_one_day_s"}.
"""

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx
from tortoise import Tortoise, connections

from bench.stack import (
    WorkerOptions,
    bench_servers,
    bench_work_dir,
    finished_job,
    process_env,
    pulsetrack_api,
    pulsetrack_worker,
    running,
)
from domain.auth.service import create_api_key
from domain.jobs.models import Job
from domain.messaging import collect_messages, transaction
from domain.search.insights import compute_day
from ml.synthetic.search_clicks import generate_days
from pulsetrack.database import tortoise_config
from pulsetrack.seeding import copy_search_clicks
from pulsetrack.settings import Settings

DAYS = 365
MEASURED_DAYS = 7
ROWS_PER_QUERY_DAY = 0.96  # rows per query and day the generator makes (measured)
YEAR_TIMEOUT_S = 900.0

NAIVE_QUERIES = (
    # Average CTR for the day: the mean of the rows' stored CTRs.
    "SELECT search_date, AVG(click_through_rate) FROM search_clicks"
    " WHERE search_date = $1 GROUP BY search_date",
    # Top 5 queries by CTR: raw CTR, no floor.
    "SELECT search_query, AVG(click_through_rate) AS ctr FROM search_clicks"
    " WHERE search_date = $1 GROUP BY search_query ORDER BY ctr DESC NULLS LAST LIMIT 5",
    # High impressions, low clicks: a fixed rule.
    "SELECT search_query, SUM(impressions), SUM(clicks) FROM search_clicks WHERE search_date = $1"
    " GROUP BY search_query HAVING SUM(impressions) > 1000 AND SUM(clicks) < 10",
)
# For this transaction only: plan as if the table had no index.
NO_INDEXES = (
    "SET LOCAL enable_indexscan = off",
    "SET LOCAL enable_bitmapscan = off",
    "SET LOCAL enable_indexonlyscan = off",
)


@dataclass(frozen=True)
class Results:
    rows: int
    load_s: float
    one_day_s: list[float]
    naive_one_day_s: list[float]
    year_s: float
    year_parts_per_s: float


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="about this many rows")
    parser.add_argument("--worker-concurrency", type=int, default=2, help="pool processes")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def first_day() -> date:
    return date.today() - timedelta(days=DAYS)


async def load_year(settings: Settings, rows: int, seed: int) -> tuple[int, float]:
    queries = max(1, round(rows / DAYS / ROWS_PER_QUERY_DAY))
    days = generate_days(days=DAYS, queries=queries, seed=seed, start=first_day())
    done = 0

    def report(written: int) -> None:
        nonlocal done
        done += 1
        if done % 73 == 0 or done == DAYS:
            print(f"  loaded {done:>3} of {DAYS} days, {written:,} rows", flush=True)

    result = await copy_search_clicks(settings.database_url, days, DAYS * queries, on_day=report)
    return result.total_rows, result.seconds


async def time_one_day(day: date, settings: Settings) -> float:
    started = time.perf_counter()
    insight = await compute_day(day, settings)
    with collect_messages():
        async with transaction() as connection:
            await insight.stored(job_id=None)(connection)
    return time.perf_counter() - started


async def time_naive_day(day: date) -> float:
    async with transaction() as connection:
        for statement in NO_INDEXES:
            await connection.execute_script(statement)
        started = time.perf_counter()
        for query in NAIVE_QUERIES:
            await connection.execute_query(query, [day])
        return time.perf_counter() - started


async def backfill_year(client: httpx.AsyncClient) -> tuple[float, Job]:
    """Submit the year's backfill over HTTP; its seconds from submission to finished."""
    last_day = date.today() - timedelta(days=1)
    body = {"first_day": first_day().isoformat(), "last_day": last_day.isoformat()}
    started = time.perf_counter()
    accepted = await client.post("/search-insights/backfill", json=body)
    if accepted.status_code != 202:
        raise RuntimeError(f"backfill refused: {accepted.status_code} {accepted.text[:300]}")
    job = await finished_job(accepted.json()["id"], timeout_s=YEAR_TIMEOUT_S, poll_s=0.1)
    return time.perf_counter() - started, job


async def measure(settings: Settings, args: argparse.Namespace, work_dir: Path) -> Results:
    print(f"loading about {args.rows:,} rows over {DAYS} days ...", flush=True)
    rows, load_s = await load_year(settings, args.rows, args.seed)
    await Tortoise.init(config=tortoise_config(settings))
    try:
        step = DAYS // MEASURED_DAYS
        days = [first_day() + timedelta(days=step * n + step // 2) for n in range(MEASURED_DAYS)]
        one_day = [await time_one_day(day, settings) for day in days]
        naive = [await time_naive_day(day) for day in days]
        await connections.get("default").execute_script("TRUNCATE search_insights")
        key = (await create_api_key(name="bench")).secret
        env, options = process_env(settings), WorkerOptions(args.worker_concurrency, prefetch=1)
        with (
            pulsetrack_api(env, work_dir) as base_url,
            running(pulsetrack_worker(env, work_dir, options), " ready."),
        ):
            headers = {"Authorization": f"Bearer {key}"}
            async with httpx.AsyncClient(base_url=base_url, headers=headers) as client:
                year_s, job = await backfill_year(client)
    finally:
        await Tortoise.close_connections()
    return Results(rows, load_s, one_day, naive, year_s, job.parts_total / year_s)


def table(results: Results, args: argparse.Namespace) -> str:
    one_day, naive = (
        statistics.median(results.one_day_s),
        statistics.median(results.naive_one_day_s),
    )
    rows = [
        (f"search_clicks rows over {DAYS} days", f"{results.rows:,}"),
        ("  loaded with COPY in (s)", f"{results.load_s:.1f}"),
        (f"one day's insights, median of {MEASURED_DAYS} days (s; target < 1)", f"{one_day:.3f}"),
        ("  slowest of those days (s)", f"{max(results.one_day_s):.3f}"),
        ("seed's three queries written naively, no index (s)", f"{naive:.3f}"),
        ("  naive / PulseTrack", f"{naive / one_day:.1f}x"),
        (f"the year backfilled, {DAYS} parts (s; target < 60)", f"{results.year_s:.1f}"),
        ("  days per second", f"{results.year_parts_per_s:.1f}"),
        (f"worker: --concurrency {args.worker_concurrency} --prefetch 1", ""),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>12}".rstrip() for name, value in rows)


def headline(results: Results) -> dict[str, float]:
    return {
        "rows": results.rows,
        "one_day_s": round(statistics.median(results.one_day_s), 4),
        "year_s": round(results.year_s, 2),
        "naive_one_day_s": round(statistics.median(results.naive_one_day_s), 4),
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    with bench_work_dir() as work_dir, bench_servers(work_dir) as settings:
        results = asyncio.run(measure(settings, args, work_dir))
    print(table(results, args))
    print(json.dumps(headline(results)))


if __name__ == "__main__":
    main()
