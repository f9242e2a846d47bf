"""Population health scoring on 100,000 users, and one user's score through the API, beside the
same aggregates computed by a plain pandas script over the same rows in the same run.

    python -m bench.health_score --users 100000 [--reuse]

Starts its own servers (see `bench.stack`), generates `--users` people with 30 days of data (the
`pulsetrack seed` generator, ending yesterday) and writes them with COPY (about 4 minutes for
22.6M rows here). `--reuse` keeps the database of a previous `--reuse` run when it holds the same
data (same users, days, seed and first day; it says so in `bench_health_dataset`): its jobs and
reports are emptied and the rows are not written again. The rows are still generated, for the
pandas baseline. Only with configured servers (PULSETRACK_DATABASE_URL and _BROKER_URL). Then:
- the population: one `health.score_population` job submitted over HTTP to a two-process worker,
  from its submission to the last report stored;
- one user: `POST /users/{id}/health-score` for `--single` users one at a time, each after the
  previous finished; latency is the job's created-to-finished time, as bench.jobs measures it;
- the pandas baseline: the per-user aggregates the score reads, computed by `ml/health/inputs.py`
  (pandas groupbys, the SQL's definitions) from the same generated rows, already in memory (no
  loading counted).
The last line printed is one JSON object:
{"users", "population_s", "users_per_s", "pandas_s", "single_p50_ms", "single_p95_ms"}.
"""

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx
import numpy as np
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
from domain.ingestion import connected, ingest_dataset
from ml.health.inputs import aggregate_inputs
from ml.synthetic.health_data import HealthDataset, generate_health_data
from pulsetrack.database import tortoise_config
from pulsetrack.settings import Settings

DAYS = 30
TIMEOUT_S = 600.0


@dataclass(frozen=True)
class Results:
    users: int
    rows: int
    load_s: float | None  # None: reused
    population_s: float
    plan_s: float
    parts: int
    pandas_s: float
    single_ms: list[float]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--single", type=int, default=100, help="single-user jobs to time")
    parser.add_argument("--worker-concurrency", type=int, default=2, help="pool processes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the seeded database of a previous --reuse run"
    )
    return parser.parse_args(argv)


async def score_population(client: httpx.AsyncClient) -> tuple[float, float, int]:
    """Seconds from submission to the last report stored, seconds planning, parts."""
    accepted = await client.post("/health-scores/recompute")
    job = await finished_job(accepted.json()["id"], timeout_s=TIMEOUT_S)
    rows = await connections.get("default").execute_query_dict(
        "SELECT max(created_at) AS last, min(created_at) AS first FROM reports WHERE job_id = $1",
        [job.id],
    )
    first_part = await connections.get("default").execute_query_dict(
        "SELECT min(started_at) AS started FROM job_parts WHERE job_id = $1", [job.id]
    )
    assert job.started_at is not None
    plan_s = (first_part[0]["started"] - job.started_at).total_seconds()
    return (rows[0]["last"] - job.created_at).total_seconds(), plan_s, job.parts_total


async def score_single_users(client: httpx.AsyncClient, count: int, users: int) -> list[float]:
    latencies = []
    for user_id in np.linspace(1, users, count, dtype=int).tolist():
        accepted = await client.post(f"/users/{user_id}/health-score")
        job = await finished_job(accepted.json()["id"], timeout_s=TIMEOUT_S)
        assert job.finished_at is not None
        latencies.append((job.finished_at - job.created_at).total_seconds() * 1000)
        await asyncio.sleep(0.02)
    return latencies


async def measure(
    settings: Settings, args: argparse.Namespace, work_dir: Path, dataset: HealthDataset
) -> tuple[float, float, int, list[float]]:
    await Tortoise.init(config=tortoise_config(settings))
    try:
        key = (await create_api_key(name="bench")).secret
        env = process_env(settings)
        options = WorkerOptions(args.worker_concurrency, prefetch=1)
        with ExitStack() as stack:
            base_url = stack.enter_context(pulsetrack_api(env, work_dir))
            stack.enter_context(running(pulsetrack_worker(env, work_dir, options), " ready."))
            headers = {"Authorization": f"Bearer {key}"}
            async with httpx.AsyncClient(base_url=base_url, headers=headers) as client:
                population_s, plan_s, parts = await score_population(client)
                single = await score_single_users(client, args.single, args.users)
        return population_s, plan_s, parts, single
    finally:
        await Tortoise.close_connections()


# What a reusable database holds, written once its rows are in.
_DATASET_SQL = """
CREATE TABLE IF NOT EXISTS bench_health_dataset (
    users int NOT NULL, days int NOT NULL, seed int NOT NULL, start date NOT NULL,
    rows bigint NOT NULL
)"""


async def _reusable_rows(database_url: str, args: argparse.Namespace, start: date) -> int | None:
    """The rows a previous run wrote of this very dataset, with its jobs and reports emptied;
    None if the database holds anything else."""
    async with connected(database_url) as connection:
        await connection.execute(_DATASET_SQL)
        rows = await connection.fetchval(
            "SELECT rows FROM bench_health_dataset WHERE users = $1 AND days = $2 AND seed = $3 "
            "AND start = $4",
            args.users, DAYS, args.seed, start,
        )  # fmt: skip
        if rows is not None:
            # Reports, parts and runs all hang off jobs; a fresh run starts from none.
            await connection.execute("TRUNCATE jobs CASCADE")
            await connection.execute("VACUUM ANALYZE reports")
    return rows


async def _load(
    settings: Settings, args: argparse.Namespace, start: date, dataset: HealthDataset
) -> float:
    async with connected(settings.database_url) as connection:
        await connection.execute(_DATASET_SQL)
        await connection.execute("TRUNCATE bench_health_dataset")
    loaded = await ingest_dataset(settings.database_url, dataset)
    async with connected(settings.database_url) as connection:
        await connection.execute(
            "INSERT INTO bench_health_dataset VALUES ($1, $2, $3, $4, $5)",
            args.users, DAYS, args.seed, start, loaded.total_rows,
        )  # fmt: skip
    return loaded.seconds


def run(args: argparse.Namespace, work_dir: Path) -> Results:
    start = date.today() - timedelta(days=DAYS)
    print(f"generating {args.users:,} users with {DAYS} days of data ...", flush=True)
    dataset = generate_health_data(users=args.users, days=DAYS, seed=args.seed, start=start)
    started = time.perf_counter()
    aggregates = aggregate_inputs(dataset.tables, as_of=date.today(), days=DAYS, lab_days=365)
    pandas_s = time.perf_counter() - started
    assert len(aggregates) == args.users
    with bench_servers(work_dir, keep_database=args.reuse) as settings:
        reused = args.reuse and asyncio.run(_reusable_rows(settings.database_url, args, start))
        if reused:
            print(f"reusing the {reused:,} rows a previous run wrote", flush=True)
            load_s = None
        else:
            print(f"writing {dataset.total_rows:,} rows ...", flush=True)
            load_s = asyncio.run(_load(settings, args, start, dataset))
        population_s, plan_s, parts, single = asyncio.run(
            measure(settings, args, work_dir, dataset)
        )
    return Results(
        args.users,
        dataset.total_rows,
        load_s,
        population_s,
        plan_s,
        parts,
        pandas_s,
        single,
    )


def percentile(values: list[float], share: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def table(results: Results, args: argparse.Namespace) -> str:
    written = "reused" if results.load_s is None else f"{results.load_s:.0f} s"
    rows = [
        (f"users, with {DAYS} days of data", f"{results.users:,}"),
        ("  rows written with COPY (s)", f"{results.rows:,} ({written})"),
        ("population: submitted to last report (s; target < 10)", f"{results.population_s:.2f}"),
        ("  of which planning: aggregates, distributions, staging (s)", f"{results.plan_s:.2f}"),
        ("  users scored per second", f"{results.users / results.population_s:,.0f}"),
        ("  parts", f"{results.parts}"),
        ("pandas: the same aggregates from the rows in memory (s)", f"{results.pandas_s:.2f}"),
        (f"one user through the API, {args.single} jobs one at a time", ""),
        ("  p50 / p95 submitted to stored (ms; target p95 < 20)",
         f"{percentile(results.single_ms, 50):.1f} / {percentile(results.single_ms, 95):.1f}"),
        (f"worker: --concurrency {args.worker_concurrency} --prefetch 1", ""),
    ]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>20}".rstrip() for name, value in rows)


def headline(results: Results) -> dict[str, float]:
    return {
        "users": results.users,
        "population_s": round(results.population_s, 2),
        "users_per_s": round(results.users / results.population_s),
        "pandas_s": round(results.pandas_s, 2),
        "single_p50_ms": round(percentile(results.single_ms, 50), 2),
        "single_p95_ms": round(percentile(results.single_ms, 95), 2),
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    with bench_work_dir() as work_dir:
        results = run(args, work_dir)
    print(table(results, args))
    print(json.dumps(headline(results)))


if __name__ == "__main__":
    main()
