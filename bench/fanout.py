"""Fan-out throughput: one job of N no-op parts on two worker processes, beside raw Celery.

    python -m bench.fanout --parts 2000 --rounds 3

Starts its own servers and processes (see `bench.stack`): the API, a PulseTrack worker and a raw
Celery worker with the same pool settings. Each round submits one `system.fan_out` job of N parts
over HTTP and waits for it to succeed, then runs N raw Celery no-op tasks through the raw worker,
so a change in the machine's load hits both halves. Parts/s runs from the moment a worker claims
the job (it then plans, stores and publishes the parts) to the last part finished; the finishing
overhead is the last part finished to the job finished (one more message and the finishing step).
The headline is the round with the median ratio; the last line printed is one JSON object.
"""

import argparse
import asyncio
import json
import os
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
from tortoise import Tortoise, connections

from bench.raw_celery import measure_raw_celery
from bench.stack import (
    WorkerOptions,
    bench_servers,
    bench_work_dir,
    finished_job,
    process_env,
    pulsetrack_api,
    pulsetrack_worker,
    raw_celery_worker,
    running,
)
from domain.auth.service import create_api_key
from domain.jobs.models import JobStatus
from pulsetrack.database import tortoise_config
from pulsetrack.settings import Settings

TIMEOUT_S = 300.0
POLL_S = 0.05
WARMUP_PARTS = 20

_PART_TIMES_SQL = """
SELECT count(*) FILTER (WHERE status = 'succeeded') AS succeeded, sum(attempts) AS attempts,
       max(finished_at) AS last_finished_at
FROM job_parts WHERE job_id = $1
"""


class BenchError(RuntimeError):
    """The run cannot give honest numbers: a part failed, ran twice, or never finished."""


@dataclass(frozen=True)
class FanOutRun:
    parts: int
    seconds: float  # claimed by a worker -> last part finished
    finish_overhead_ms: float  # last part finished -> job finished

    @property
    def parts_per_s(self) -> float:
        return self.parts / self.seconds


@dataclass(frozen=True)
class Round:
    fan_out: FanOutRun
    raw_celery_per_s: float

    @property
    def ratio(self) -> float:
        return self.fan_out.parts_per_s / self.raw_celery_per_s


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", type=int, default=2000, help="parts (and raw tasks) per round")
    parser.add_argument("--worker-concurrency", type=int, default=2, help="pool processes")
    parser.add_argument("--prefetch", type=int, default=4, help="prefetch multiplier")
    parser.add_argument("--rounds", type=int, default=3, help="PulseTrack + raw Celery pairs")
    return parser.parse_args(argv)


async def run_fan_out(client: httpx.AsyncClient, parts: int) -> FanOutRun:
    """Submit one job of `parts` no-op parts and time it from the parts' rows."""
    submission = {"kind": "system.fan_out", "params": {"parts": parts}}
    accepted = await client.post("/jobs", json=submission)
    if accepted.status_code != 202:
        raise BenchError(f"POST /jobs answered {accepted.status_code}: {accepted.text[:300]}")
    job = await finished_job(accepted.json()["id"], timeout_s=TIMEOUT_S)
    rows = await connections.get("default").execute_query_dict(_PART_TIMES_SQL, [job.id])
    done = rows[0]
    if job.status != JobStatus.SUCCEEDED or done["succeeded"] != parts:
        raise BenchError(f"job {job.status} ({job.error_message}), {done['succeeded']} parts done")
    if done["attempts"] != parts:
        raise BenchError(f"{done['attempts']} part attempts for {parts} parts")
    assert job.started_at is not None
    assert job.finished_at is not None
    last_part = done["last_finished_at"]
    return FanOutRun(
        parts=parts,
        seconds=(last_part - job.started_at).total_seconds(),
        finish_overhead_ms=(job.finished_at - last_part).total_seconds() * 1000,
    )


async def measure(settings: Settings, base_url: str, args: argparse.Namespace) -> list[Round]:
    await Tortoise.init(config=tortoise_config(settings))
    try:
        headers = {"Authorization": f"Bearer {(await create_api_key(name='bench')).secret}"}
        async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as client:
            await run_fan_out(client, WARMUP_PARTS)
            rounds = []
            for _ in range(args.rounds):
                fan_out = await run_fan_out(client, args.parts)
                raw = await asyncio.to_thread(measure_raw_celery, settings.broker_url, args.parts)
                rounds.append(Round(fan_out, raw))
        return rounds
    finally:
        await Tortoise.close_connections()


def run(args: argparse.Namespace, work_dir: Path) -> list[Round]:
    options = WorkerOptions(args.worker_concurrency, args.prefetch)
    with bench_servers(work_dir) as settings:
        env = process_env(settings)
        with ExitStack() as stack:
            base_url = stack.enter_context(pulsetrack_api(env, work_dir))
            stack.enter_context(running(pulsetrack_worker(env, work_dir, options), " ready."))
            stack.enter_context(running(raw_celery_worker(env, work_dir, options), " ready."))
            return asyncio.run(measure(settings, base_url, args))


def median(rounds: list[Round]) -> Round:
    return sorted(rounds, key=lambda r: r.ratio)[len(rounds) // 2]


def table(rounds: list[Round], args: argparse.Namespace, load_average: float) -> str:
    middle = median(rounds)
    rows = [
        ("machine load average (1 min) at start", f"{load_average:.2f}"),
        (f"rounds: one job of {args.parts} no-op parts, then {args.parts} raw Celery tasks", ""),
        ("  parts/s, raw tasks/s, ratio, finishing overhead (ms)", ""),
        *(
            (
                f"  round {n}",
                f"{r.fan_out.parts_per_s:.0f} {r.raw_celery_per_s:.0f} {r.ratio:.2f} "
                f"{r.fan_out.finish_overhead_ms:.1f}",
            )
            for n, r in enumerate(rounds, start=1)
        ),
        ("the round with the median ratio", ""),
        ("  claimed to last part finished (s)", f"{middle.fan_out.seconds:.2f}"),
        ("  parts/s", f"{middle.fan_out.parts_per_s:.0f}"),
        ("  raw Celery no-op tasks/s", f"{middle.raw_celery_per_s:.0f}"),
        ("  ratio parts/s / raw tasks/s (target >= 0.5)", f"{middle.ratio:.2f}"),
        ("  last part finished to job finished (ms)", f"{middle.fan_out.finish_overhead_ms:.1f}"),
        (f"workers: --concurrency {args.worker_concurrency} --prefetch {args.prefetch}", ""),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>22}".rstrip() for name, value in rows)


def headline(rounds: list[Round]) -> dict[str, float]:
    middle = median(rounds)
    return {
        "parts": middle.fan_out.parts,
        "parts_per_s": round(middle.fan_out.parts_per_s, 1),
        "raw_celery_per_s": round(middle.raw_celery_per_s, 1),
        "ratio": round(middle.ratio, 3),
        "finish_overhead_ms": round(middle.fan_out.finish_overhead_ms, 1),
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    load_average = os.getloadavg()[0]
    with bench_work_dir() as work_dir:
        rounds = run(args, work_dir)
    print(table(rounds, args, load_average))
    print(json.dumps(headline(rounds)))


if __name__ == "__main__":
    main()
