"""Ingestion throughput of `pulsetrack seed`, beside raw COPY on the same server in the same run.

    python -m bench.ingest --users 2000 --days 90

Uses a fresh database `pulsetrack_bench_ingest`: on the configured PostgreSQL when
PULSETRACK_DATABASE_URL is set, otherwise on embedded PostgreSQL in a temporary directory. It
migrates it, then measures:
- `pulsetrack seed`, run as the real command: its write phase (generated rows into the eight
  tables with COPY in one transaction, rows/s as the command reports it) and the whole command;
- pre-built tuples into the same eight tables, one transaction, with indexes and foreign keys built
  once at the end as `pulsetrack seed` does (the cost without the Python that makes the tuples),
  and maintained row by row (what that saves);
- raw COPY of the same number of pre-built tuples into one table without constraints or indexes:
  the baseline that the issue compares with.
The last line printed is one JSON object with the headline numbers.
"""

import argparse
import asyncio
import json
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import numpy as np

from domain.bulk_load import restore_indexes_and_foreign_keys
from domain.ingestion import (
    as_records,
    connected,
    suspend_for_load,
    tables_to_copy,
    timestamps_as_microseconds,
)
from ml.synthetic.health_data import TABLES, HealthDataset, generate_health_data
from pulsetrack.database import apply_migrations, recreate_database, with_database
from pulsetrack.embedded import EmbeddedServers
from pulsetrack.settings import Settings
from tests.harness import PULSETRACK

BENCH_DATABASE = "pulsetrack_bench_ingest"
REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_SUMMARY = re.compile(r"wrote ([\d,]+) rows in ([\d.]+) s \(([\d,]+) rows/s\)")
BASELINE_TABLE = """
CREATE TABLE bench_copy_baseline (
    user_id INT, kind VARCHAR(32), value DOUBLE PRECISION, unit VARCHAR(16),
    measured_at TIMESTAMPTZ, source VARCHAR(64), created_at TIMESTAMPTZ
)"""


@dataclass(frozen=True)
class Measured:
    rows: int
    seconds: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds


@dataclass(frozen=True)
class Results:
    generate: Measured
    write: Measured
    command: Measured
    prebuilt_rebuilt: Measured
    prebuilt_row_by_row: Measured
    raw_copy: Measured
    server_version: str
    load_average: float

    @property
    def ratio(self) -> float:
        return self.write.rows_per_s / self.raw_copy.rows_per_s


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


@contextmanager
def bench_database(work_dir: Path) -> Iterator[str]:
    """The URL of an empty, migrated database used by nothing else."""
    configured = os.environ.get("PULSETRACK_DATABASE_URL", "")
    server = None
    if configured:
        asyncio.run(recreate_database(configured, BENCH_DATABASE))
        url = with_database(configured, BENCH_DATABASE)
    else:
        server = EmbeddedServers(work_dir / "servers").start_postgres(database=BENCH_DATABASE)
        url = server.database_url
    try:
        asyncio.run(apply_migrations(Settings().model_copy(update={"database_url": url})))
        yield url
    finally:
        if server is not None:
            server.stop()


async def empty_tables(url: str) -> None:
    async with connected(url) as connection:
        await connection.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        await connection.execute("DROP TABLE IF EXISTS bench_copy_baseline")
        with suppress(asyncpg.InsufficientPrivilegeError):
            await connection.execute("CHECKPOINT")  # each phase starts with no dirty pages to flush


def run_seed_command(url: str, args: argparse.Namespace) -> tuple[Measured, Measured]:
    """`pulsetrack seed` as an operator runs it: (its write phase, the whole command)."""
    argv = [*PULSETRACK, "seed", "--users", str(args.users), "--days", str(args.days)]
    argv += ["--seed", str(args.seed)]
    # The broker is not used by `seed`, but the settings want both servers or neither.
    env = os.environ | {
        "PULSETRACK_DATABASE_URL": url,
        "PULSETRACK_BROKER_URL": "redis://127.0.0.1:1/0",
        "PYTHONPATH": str(REPO_ROOT),
    }
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    summary = SEED_SUMMARY.search(done.stdout)
    if summary is None:
        raise RuntimeError(f"no summary line from pulsetrack seed:\n{done.stdout}{done.stderr}")
    rows = int(summary.group(1).replace(",", ""))
    return Measured(rows, float(summary.group(2))), Measured(rows, elapsed)


async def copy_prebuilt_into_same_tables(
    url: str, dataset: HealthDataset, *, rebuild_indexes: bool
) -> Measured:
    """The dataset's rows, turned into tuples before the clock starts, into the eight tables."""
    # The tables are empty and their sequences restarted, so users get ids 1, 2, ...
    frames = tables_to_copy(dataset, np.arange(1, len(dataset["users"]) + 1))
    records = {table: as_records(frame) for table, frame in frames.items()}
    async with connected(url) as connection:
        started = time.perf_counter()
        async with timestamps_as_microseconds(connection), connection.transaction():
            restore = await suspend_for_load(connection, frames) if rebuild_indexes else []
            for table, frame in frames.items():
                await connection.copy_records_to_table(
                    table, records=records[table], columns=list(frame.columns)
                )
            await restore_indexes_and_foreign_keys(connection, restore)
        return Measured(dataset.total_rows, time.perf_counter() - started)


async def raw_copy_baseline(url: str, dataset: HealthDataset) -> Measured:
    """The same number of rows, shaped like health metrics, into a table with nothing on it."""
    metrics = dataset["health_metrics"].drop(columns="id")
    sample = as_records(metrics)
    rows = [sample[index % len(sample)] for index in range(dataset.total_rows)]
    async with connected(url) as connection:
        await connection.execute(BASELINE_TABLE)
        started = time.perf_counter()
        async with timestamps_as_microseconds(connection), connection.transaction():
            await connection.copy_records_to_table(
                "bench_copy_baseline", records=rows, columns=list(metrics.columns)
            )
        return Measured(len(rows), time.perf_counter() - started)


async def server_version(url: str) -> str:
    async with connected(url) as connection:
        return str(await connection.fetchval("SHOW server_version"))


def measure(args: argparse.Namespace, url: str) -> Results:
    started = time.perf_counter()
    dataset = generate_health_data(users=args.users, days=args.days, seed=args.seed)
    generate = Measured(dataset.total_rows, time.perf_counter() - started)

    asyncio.run(empty_tables(url))
    raw_copy = asyncio.run(raw_copy_baseline(url, dataset))
    asyncio.run(empty_tables(url))
    write, command = run_seed_command(url, args)
    asyncio.run(empty_tables(url))
    rebuilt = asyncio.run(copy_prebuilt_into_same_tables(url, dataset, rebuild_indexes=True))
    asyncio.run(empty_tables(url))
    row_by_row = asyncio.run(copy_prebuilt_into_same_tables(url, dataset, rebuild_indexes=False))
    return Results(
        generate=generate,
        write=write,
        command=command,
        prebuilt_rebuilt=rebuilt,
        prebuilt_row_by_row=row_by_row,
        raw_copy=raw_copy,
        server_version=asyncio.run(server_version(url)),
        load_average=os.getloadavg()[0],
    )


def report(args: argparse.Namespace, results: Results) -> str:
    raw = results.raw_copy.rows_per_s
    lines = [
        f"ingest benchmark: {args.users:,} users x {args.days} days, seed {args.seed}, "
        f"PostgreSQL {results.server_version}, load average {results.load_average:.1f}",
        f"{'phase':<44}{'rows':>11}{'seconds':>9}{'rows/s':>12}{'vs raw COPY':>13}",
    ]
    phases = [
        ("pulsetrack seed: generate (numpy/pandas)", results.generate, False),
        ("pulsetrack seed: write (COPY, 8 tables, 1 tx)", results.write, True),
        ("pulsetrack seed: whole command", results.command, True),
        ("pre-built tuples, 8 tables, indexes rebuilt", results.prebuilt_rebuilt, True),
        ("pre-built tuples, 8 tables, row by row", results.prebuilt_row_by_row, True),
        ("raw COPY, pre-built tuples, 1 bare table", results.raw_copy, True),
    ]
    for name, measured, compared in phases:
        ratio = f"{measured.rows_per_s / raw:.2f}" if compared else ""
        lines.append(
            f"{name:<44}{measured.rows:>11,}{measured.seconds:>9.2f}"
            f"{measured.rows_per_s:>12,.0f}{ratio:>13}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    with (
        tempfile.TemporaryDirectory(prefix="pulsetrack-bench-ingest-") as work_dir,
        bench_database(Path(work_dir)) as url,
    ):
        results = measure(args, url)
    print(report(args, results))
    headline = {
        "ingest_rows_per_s": round(results.write.rows_per_s),
        "rows": results.write.rows,
        "seconds": round(results.write.seconds, 3),
        "command_seconds": round(results.command.seconds, 3),
        "prebuilt_rebuilt_rows_per_s": round(results.prebuilt_rebuilt.rows_per_s),
        "prebuilt_row_by_row_rows_per_s": round(results.prebuilt_row_by_row.rows_per_s),
        "baseline_rows_per_s": round(results.raw_copy.rows_per_s),
        "ratio": round(results.ratio, 3),
    }
    print(json.dumps(headline), flush=True)


if __name__ == "__main__":
    main()
