"""The servers and processes a benchmark measures: started here, and always stopped here.

With PULSETRACK_DATABASE_URL and PULSETRACK_BROKER_URL set, a fresh database `pulsetrack_bench` on
that PostgreSQL and Redis db 14 are used (`PULSETRACK_BENCH_DATABASE` and
`PULSETRACK_BENCH_REDIS_DB` choose others; a benchmark may keep the database between runs);
otherwise embedded servers start in a temporary directory.
"""

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

import asyncpg
import redis

from domain.ingestion import asyncpg_dsn
from domain.jobs.models import Job, JobStatus
from pulsetrack.database import apply_migrations, recreate_database, with_database
from pulsetrack.embedded import EmbeddedServers
from pulsetrack.settings import Settings
from tests.harness import (
    PULSETRACK,
    ManagedProcess,
    start_api,
    with_redis_db,
)

BENCH_DATABASE = os.environ.get("PULSETRACK_BENCH_DATABASE", "pulsetrack_bench")
BENCH_REDIS_DB = int(os.environ.get("PULSETRACK_BENCH_REDIS_DB", "14"))
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class WorkerOptions:
    """The pool settings both the PulseTrack worker and the raw Celery worker run with."""

    concurrency: int
    prefetch: int


@contextmanager
def bench_servers(
    work_dir: Path,
    *,
    database: str = BENCH_DATABASE,
    redis_db: int = BENCH_REDIS_DB,
    keep_database: bool = False,
) -> Iterator[Settings]:
    """Settings pointing at an empty, migrated database and an empty Redis db; with
    `keep_database` (configured servers only), the database as a previous run left it, migrated."""
    database_url = os.environ.get("PULSETRACK_DATABASE_URL", "")
    broker_url = os.environ.get("PULSETRACK_BROKER_URL", "")
    with ExitStack() as stack:
        if database_url and broker_url:
            if not (keep_database and asyncio.run(_database_exists(database_url, database))):
                asyncio.run(recreate_database(database_url, database))
            database_url = with_database(database_url, database)
        else:
            servers = EmbeddedServers(work_dir / "servers").start(database=database)
            stack.callback(servers.stop)
            database_url, broker_url = servers.database_url, servers.broker_url
        broker_url = with_redis_db(broker_url, redis_db)
        redis.Redis.from_url(broker_url).flushdb()
        settings = Settings(database_url=database_url, broker_url=broker_url, var_dir=work_dir)
        asyncio.run(apply_migrations(settings))
        yield settings


async def _database_exists(server_url: str, database: str) -> bool:
    connection = await asyncpg.connect(asyncpg_dsn(server_url))
    try:
        found = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
    finally:
        await connection.close()
    return found is not None


def process_env(settings: Settings) -> dict[str, str]:
    """The environment every child process gets: these servers, this checkout on the path."""
    return os.environ | {
        "PULSETRACK_DATABASE_URL": settings.database_url,
        "PULSETRACK_BROKER_URL": settings.broker_url,
        "PULSETRACK_VAR_DIR": str(settings.var_dir),
        "BENCH_BROKER_URL": settings.broker_url,
        "PYTHONPATH": str(REPO_ROOT),
    }


@contextmanager
def running(process: ManagedProcess, ready_log_line: str) -> Iterator[ManagedProcess]:
    """Start `process`, wait for its ready line, and stop it on the way out, error or not."""
    try:
        process.start().wait_for_log(ready_log_line)
        yield process
    finally:
        process.stop()


@contextmanager
def pulsetrack_api(env: dict[str, str], log_dir: Path, *, workers: int = 1) -> Iterator[str]:
    """A real `pulsetrack serve` process; yields its base URL once it answers."""
    api, base_url = start_api(env, log_dir, workers=workers)
    try:
        yield base_url
    finally:
        api.stop()


def pulsetrack_worker(env: dict[str, str], log_dir: Path, options: WorkerOptions) -> ManagedProcess:
    """A real `pulsetrack worker` process, on every queue (its default)."""
    argv = [*PULSETRACK, "worker", "--concurrency", str(options.concurrency)]
    argv += ["--prefetch", str(options.prefetch), "--hostname", f"bench-{os.getpid()}@%h"]
    return ManagedProcess("worker", argv, env, log_dir / "worker.log")


def raw_celery_worker(env: dict[str, str], log_dir: Path, options: WorkerOptions) -> ManagedProcess:
    """A plain Celery worker for `bench.raw_celery`, run with the very command line that
    `pulsetrack worker` builds (events, mingle, gossip, log level), only the app swapped."""
    from bench.raw_celery import RAW_QUEUE

    hostname = f"bench-raw-{os.getpid()}@%h"
    argv = _pulsetrack_worker_argv(RAW_QUEUE, options, hostname)
    argv[argv.index("workers.app")] = "bench.raw_celery"
    return ManagedProcess("raw-worker", argv, env, log_dir / "raw-worker.log")


def _pulsetrack_worker_argv(queues: str, options: WorkerOptions, hostname: str) -> list[str]:
    """The argv `pulsetrack worker` would exec into, captured instead of executed."""
    from pulsetrack import cli

    captured: list[list[str]] = []
    with patch.object(cli, "_exec", captured.append):
        cli.worker(
            queues=queues,
            concurrency=options.concurrency,
            prefetch=options.prefetch,
            hostname=hostname,
        )
    return captured[0]


async def finished_job(job_id: str, *, timeout_s: float, poll_s: float = 0.05) -> Job:
    """The job once it has ended, polled from its row; raises unless it succeeded in time."""
    deadline = time.monotonic() + timeout_s
    while (job := await Job.get(id=job_id)).status in (JobStatus.QUEUED, JobStatus.RUNNING):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{job.kind} {job_id} unfinished after {timeout_s:.0f}s")
        await asyncio.sleep(poll_s)
    if job.status != JobStatus.SUCCEEDED:
        raise RuntimeError(f"{job.kind} {job_id} {job.status}: {job.error_message}")
    return job


def print_log_tails(log_dir: Path, lines: int = 20) -> None:
    """The end of every process log, to stderr: why a failed run failed."""
    for log in sorted(log_dir.glob("*.log")):
        tail = log.read_text(errors="replace").splitlines()[-lines:]
        print(f"--- last lines of {log.name}", *tail, sep="\n", file=sys.stderr)


@contextmanager
def bench_work_dir() -> Iterator[Path]:
    """A throwaway directory for a benchmark's servers and logs; if the run fails, the tails of
    its logs are printed before the error."""
    with tempfile.TemporaryDirectory(prefix="pulsetrack-bench-") as directory:
        try:
            yield Path(directory)
        except BaseException:
            print_log_tails(Path(directory))
            raise
