"""Job platform throughput and latency, beside raw Celery on the same broker in the same run.

    python -m bench.jobs --jobs 1000 --concurrency 16 --rounds 3

Starts its own servers and processes (see `bench.stack`): the API, a PulseTrack worker and a raw
Celery worker with the same pool settings, all at once. Then it measures:
- idle latency: jobs submitted one at a time, each after the previous finished and the system
  settled, so nothing queues; this is the latency the "p50 under 20 ms" target is about;
- rounds, each a pair run back to back so a change in the machine's load hits both halves:
  N no-op jobs submitted over HTTP by concurrent connections until all finish, then N no-op
  tasks through the raw Celery worker. The headline is the round with the median ratio.
Latency is `finished_at - created_at` read from the job rows after each phase, so measuring it
adds no requests. The last line printed is one JSON object with the headline numbers.
"""

import argparse
import asyncio
import json
import os
import statistics
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import ExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import uvloop
from tortoise import Tortoise

from bench.load import Connection, encode_request
from bench.raw_celery import measure_raw_celery
from bench.stack import (
    WorkerOptions,
    bench_servers,
    bench_work_dir,
    process_env,
    pulsetrack_api,
    pulsetrack_worker,
    raw_celery_worker,
    running,
)
from domain.auth.service import create_api_key
from domain.jobs.models import Job, JobStatus
from pulsetrack.database import tortoise_config
from pulsetrack.settings import Settings

NOOP_JOB = {"kind": "system.echo", "params": {}}
UNFINISHED = [JobStatus.QUEUED, JobStatus.RUNNING]
WARMUP_JOBS = 20
IDLE_GAP_S = 0.02
IDLE_POLL_S = 0.005
LOADED_POLL_S = 0.05
PHASE_TIMEOUT_S = 180.0
MIN_BACKLOG = 50


class BenchError(RuntimeError):
    """The run cannot give honest numbers: a job failed or never finished."""


@dataclass(frozen=True)
class JobTimes:
    created_at: datetime
    started_at: datetime
    finished_at: datetime


def ms_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() * 1000


@dataclass(frozen=True)
class Latencies:
    p50_ms: float
    p95_ms: float

    @classmethod
    def of(cls, samples_ms: Sequence[float]) -> "Latencies":
        cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
        return cls(p50_ms=cuts[49], p95_ms=cuts[94])


@dataclass(frozen=True)
class IdleRun:
    latencies: Latencies
    to_start_p50_ms: float  # created (API) -> claimed by a worker process
    running_p50_ms: float  # claimed -> finished


@dataclass(frozen=True)
class LoadedRun:
    jobs_per_s: float
    submits_per_s: float
    latencies: Latencies
    # The worker alone, emptying the backlog once the HTTP load stopped; None without a backlog.
    drain_per_s: float | None


@dataclass(frozen=True)
class Round:
    loaded: LoadedRun
    raw_celery_per_s: float

    @property
    def ratio(self) -> float:
        return self.loaded.jobs_per_s / self.raw_celery_per_s


@dataclass(frozen=True)
class Results:
    idle: IdleRun
    rounds: list[Round]
    load_average: float

    @property
    def median(self) -> Round:
        return sorted(self.rounds, key=lambda r: r.ratio)[len(self.rounds) // 2]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1000, help="jobs (and raw tasks) to run")
    parser.add_argument("--concurrency", type=int, default=16, help="HTTP connections submitting")
    parser.add_argument("--idle-jobs", type=int, default=50, help="jobs in the idle phase")
    parser.add_argument("--worker-concurrency", type=int, default=2, help="pool processes")
    parser.add_argument("--prefetch", type=int, default=4, help="prefetch multiplier")
    parser.add_argument("--rounds", type=int, default=3, help="PulseTrack + raw Celery pairs")
    return parser.parse_args(argv)


# --- PulseTrack jobs over HTTP -------------------------------------------------------------


@dataclass
class JobSubmitter:
    """Keep-alive connections that POST no-op jobs. Raw asyncio rather than an HTTP library, so
    the load generator costs far less CPU than the system it shares the two cores with."""

    request: bytes
    connections: list[Connection]

    @classmethod
    async def open(cls, base_url: str, api_key: str, connections: int) -> "JobSubmitter":
        host, port, request = encode_request(
            "POST",
            f"{base_url}/jobs",
            body=json.dumps(NOOP_JOB),
            headers=[f"Authorization: Bearer {api_key}"],
        )
        opened = [await Connection.open(host, port) for _ in range(connections)]
        return cls(request, opened)

    async def submit(self, connection: Connection) -> str:
        status, body = await connection.send(self.request)
        if status != 202:
            raise BenchError(f"POST /jobs answered {status}: {body[:300]!r}")
        return str(json.loads(body)["id"])

    def close(self) -> None:
        for connection in self.connections:
            connection.close()


async def submit_all(submitter: JobSubmitter, jobs: int) -> list[str]:
    """Submit `jobs` jobs over every connection, each sending its next as soon as it can."""
    remaining = iter(range(jobs))
    job_ids: list[str] = []

    async def keep_submitting(connection: Connection) -> None:
        for _ in remaining:
            job_ids.append(await submitter.submit(connection))

    await asyncio.gather(*(keep_submitting(c) for c in submitter.connections))
    return job_ids


async def wait_until_all_finished(poll_s: float) -> None:
    """Poll the jobs table (one indexed query) until no job is queued or running."""
    deadline = time.monotonic() + PHASE_TIMEOUT_S
    while await Job.filter(status__in=UNFINISHED).exists():
        if time.monotonic() > deadline:
            raise BenchError(f"jobs still unfinished after {PHASE_TIMEOUT_S:.0f}s")
        await asyncio.sleep(poll_s)


async def job_times(job_ids: Sequence[str]) -> list[JobTimes]:
    """The timestamps of each job; raises unless every one succeeded."""
    rows = await Job.filter(id__in=job_ids).values_list(
        "status", "created_at", "started_at", "finished_at"
    )
    failed = [status for status, *_ in rows if status != JobStatus.SUCCEEDED]
    if len(rows) != len(job_ids) or failed:
        raise BenchError(f"{len(rows)} of {len(job_ids)} jobs found; not succeeded: {failed[:5]}")
    return [JobTimes(*times) for _, *times in rows]


async def run_one_at_a_time(submitter: JobSubmitter, jobs: int) -> list[str]:
    """Submit jobs one by one, each after the previous finished and the system settled."""
    job_ids = []
    for _ in range(jobs):
        job_ids.append(await submitter.submit(submitter.connections[0]))
        await wait_until_all_finished(IDLE_POLL_S)
        await asyncio.sleep(IDLE_GAP_S)
    return job_ids


async def measure_idle(submitter: JobSubmitter, jobs: int) -> IdleRun:
    times = await job_times(await run_one_at_a_time(submitter, jobs))
    return IdleRun(
        latencies=Latencies.of([ms_between(t.created_at, t.finished_at) for t in times]),
        to_start_p50_ms=statistics.median(ms_between(t.created_at, t.started_at) for t in times),
        running_p50_ms=statistics.median(ms_between(t.started_at, t.finished_at) for t in times),
    )


def drain_rate(times: Sequence[JobTimes], submitted_at: float) -> float | None:
    """Jobs/s finished after the last submission was accepted, if enough were left to tell."""
    finished = sorted(t.finished_at.timestamp() for t in times)
    backlog = [at for at in finished if at > submitted_at]
    if len(backlog) < MIN_BACKLOG:
        return None
    return len(backlog) / (backlog[-1] - submitted_at)


async def measure_loaded(submitter: JobSubmitter, jobs: int) -> LoadedRun:
    started_at = time.time()
    job_ids = await submit_all(submitter, jobs)
    submitted_at = time.time()
    await wait_until_all_finished(LOADED_POLL_S)
    times = await job_times(job_ids)
    last_finished_at = max(t.finished_at for t in times).timestamp()
    return LoadedRun(
        jobs_per_s=jobs / (last_finished_at - started_at),
        submits_per_s=jobs / (submitted_at - started_at),
        latencies=Latencies.of([ms_between(t.created_at, t.finished_at) for t in times]),
        drain_per_s=drain_rate(times, submitted_at),
    )


async def measure_all(
    settings: Settings, base_url: str, args: argparse.Namespace
) -> tuple[IdleRun, list[Round]]:
    """Warm up, the idle phase, then the rounds, against the running API and workers."""
    await Tortoise.init(config=tortoise_config(settings))
    try:
        api_key = (await create_api_key(name="bench")).secret
        # Fresh connections for each phase: the server closes the ones left idle meanwhile.
        async with submitting(base_url, api_key, 1) as submitter:
            await run_one_at_a_time(submitter, WARMUP_JOBS)
            idle = await measure_idle(submitter, args.idle_jobs)
        rounds = []
        for _ in range(args.rounds):
            async with submitting(base_url, api_key, args.concurrency) as submitter:
                loaded = await measure_loaded(submitter, args.jobs)
            raw_per_s = await asyncio.to_thread(measure_raw_celery, settings.broker_url, args.jobs)
            rounds.append(Round(loaded, raw_per_s))
        return idle, rounds
    finally:
        await Tortoise.close_connections()


@asynccontextmanager
async def submitting(base_url: str, api_key: str, connections: int) -> AsyncIterator[JobSubmitter]:
    submitter = await JobSubmitter.open(base_url, api_key, connections)
    try:
        yield submitter
    finally:
        submitter.close()


# --- Running it all ------------------------------------------------------------------------


def run(args: argparse.Namespace, work_dir: Path) -> Results:
    """Every phase against fresh servers, with both workers running throughout."""
    options = WorkerOptions(args.worker_concurrency, args.prefetch)
    load_average = os.getloadavg()[0]
    with bench_servers(work_dir) as settings:
        env = process_env(settings)
        with ExitStack() as stack:
            base_url = stack.enter_context(pulsetrack_api(env, work_dir))
            stack.enter_context(running(pulsetrack_worker(env, work_dir, options), " ready."))
            stack.enter_context(running(raw_celery_worker(env, work_dir, options), " ready."))
            idle, rounds = uvloop.run(measure_all(settings, base_url, args))
    return Results(idle, rounds, load_average)


def table(results: Results, args: argparse.Namespace) -> str:
    idle, median = results.idle, results.median
    loaded = median.loaded
    rows = [
        ("machine load average (1 min) at start", f"{results.load_average:.2f}"),
        (f"rounds of {args.jobs} jobs over {args.concurrency} HTTP connections, then", ""),
        (f"{args.jobs} raw Celery no-op tasks: jobs/s, tasks/s, ratio", ""),
        *(
            (f"  round {n}", f"{r.loaded.jobs_per_s:.0f} {r.raw_celery_per_s:.0f} {r.ratio:.2f}")
            for n, r in enumerate(results.rounds, start=1)
        ),
        ("the round with the median ratio", ""),
        ("  PulseTrack, first submit to last finished (jobs/s)", f"{loaded.jobs_per_s:.0f}"),
        ("  HTTP submissions accepted (jobs/s)", f"{loaded.submits_per_s:.0f}"),
        ("  backlog drained after the last submission (jobs/s)", _rate(loaded.drain_per_s)),
        ("  latency p50 / p95 under that load (ms)", _pair(loaded.latencies)),
        ("  raw Celery no-op tasks/s", f"{median.raw_celery_per_s:.0f}"),
        ("  ratio jobs/s / raw Celery tasks/s (target >= 0.5)", f"{median.ratio:.2f}"),
        (f"idle latency, {args.idle_jobs} jobs one at a time", ""),
        ("  p50 / p95 submit to done (ms; target p50 < 20)", _pair(idle.latencies)),
        ("  p50 created to claimed by the worker (ms)", f"{idle.to_start_p50_ms:.1f}"),
        ("  p50 claimed to finished (ms)", f"{idle.running_p50_ms:.1f}"),
        (f"workers: --concurrency {args.worker_concurrency} --prefetch {args.prefetch}", ""),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>13}".rstrip() for name, value in rows)


def _rate(per_s: float | None) -> str:
    return "no backlog" if per_s is None else f"{per_s:.0f}"


def _pair(latencies: Latencies) -> str:
    return f"{latencies.p50_ms:.1f} / {latencies.p95_ms:.1f}"


def headline(results: Results) -> dict[str, float]:
    median = results.median
    return {
        "jobs_per_s": round(median.loaded.jobs_per_s, 1),
        "raw_celery_per_s": round(median.raw_celery_per_s, 1),
        "ratio": round(median.ratio, 3),
        "p50_ms": round(results.idle.latencies.p50_ms, 2),
        "p95_ms": round(results.idle.latencies.p95_ms, 2),
        "loaded_p50_ms": round(median.loaded.latencies.p50_ms, 2),
        "loaded_p95_ms": round(median.loaded.latencies.p95_ms, 2),
        "round_ratios": [round(r.ratio, 3) for r in results.rounds],
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    with bench_work_dir() as work_dir:
        results = run(args, work_dir)
    print(table(results, args))
    print(json.dumps(headline(results)))


if __name__ == "__main__":
    main()
