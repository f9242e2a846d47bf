"""API throughput: PulseTrack's REST endpoints beside a bare FastAPI + asyncpg endpoint, same run.

    python -m bench.api --workers 1 --connections 64 --duration 5 --rounds 3

Starts its own servers (see `bench.stack`; database `pulsetrack_bench_api`), migrates, makes an
API key and a user, then serves the real API (`pulsetrack serve --workers N`) and the baseline
(`bench.baseline_api`, uvicorn with the same worker count) side by side. Load comes from separate
processes (`bench.load`, keep-alive HTTP/1.1 on raw asyncio) so the client does not share the
servers' CPU time accounting; each reports its CPU time, shown as "client CPU" (1.00 = one core).
Rounds alternate baseline, get and create, so a change in the machine's load hits all three; each
figure is the run with the median requests/s, and the range over rounds is shown beside it.
Ingestion is the figure `bench/ingest.py` prints, run after these servers stop. The last line
printed is one JSON object.
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tortoise import Tortoise

from bench.stack import REPO_ROOT, bench_servers, process_env, pulsetrack_api, running
from domain.auth.service import create_api_key
from domain.users.models import User
from pulsetrack.database import tortoise_config
from pulsetrack.embedded import free_port
from pulsetrack.settings import Settings
from tests.harness import ManagedProcess

BENCH_DATABASE = "pulsetrack_bench_api"
BENCH_REDIS_DB = 13
TARGET_RATIO = 0.7
LOAD_TIMEOUT_S = 120


@dataclass(frozen=True)
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    client_cpu: float  # cores the load generators kept busy


@dataclass(frozen=True)
class Target:
    name: str
    url: str
    method: str = "GET"
    body: str = ""
    expect: int = 200


@dataclass(frozen=True)
class Runs:
    """One target's runs, one per round."""

    loads: list[Load]

    @property
    def median(self) -> Load:
        return sorted(self.loads, key=lambda load: load.rps)[len(self.loads) // 2]

    @property
    def spread(self) -> str:
        rates = [load.rps for load in self.loads]
        return f"{min(rates):.0f}-{max(rates):.0f}"


@dataclass(frozen=True)
class Results:
    baseline: Runs
    get: Runs
    create: Runs
    load_average: tuple[float, float]  # the machine's, before and after
    ingest_rows_per_s: float | None
    ingest_source: str

    @property
    def ratio(self) -> float:
        return self.get.median.rps / self.baseline.median.rps


class BenchError(RuntimeError):
    """The run could not produce honest numbers (errors under load)."""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers, both servers")
    parser.add_argument("--connections", type=int, default=64, help="concurrent clients")
    parser.add_argument("--load-processes", type=int, default=1, help="load generator processes")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds measured per run")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each target")
    parser.add_argument("--skip-ingest", action="store_true", help="do not run bench/ingest.py")
    return parser.parse_args(argv)


# --- Setting up -------------------------------------------------------------------------------


async def create_key_and_user(settings: Settings) -> tuple[str, int]:
    await Tortoise.init(config=tortoise_config(settings))
    try:
        key = (await create_api_key(name="bench-api")).secret
        user = await User.create(
            name="Ada Lovelace",
            email="ada@example.com",
            birth_date="1985-12-10",
            sex="female",
            height_cm=168.0,
            medical_conditions=["asthma"],
        )
        return key, user.id
    finally:
        await Tortoise.close_connections()


@contextmanager
def baseline_api(env: dict[str, str], log_dir: Path, *, workers: int) -> Iterator[str]:
    """`bench.baseline_api` under uvicorn, with the flags `pulsetrack serve` gives it."""
    port = free_port()
    argv = [sys.executable, "-m", "uvicorn", "bench.baseline_api:app", "--host", "127.0.0.1"]
    argv += ["--port", str(port), "--workers", str(workers), "--no-access-log"]
    baseline_env = env | {"BENCH_DATABASE_URL": env["PULSETRACK_DATABASE_URL"]}
    baseline = ManagedProcess("baseline", argv, baseline_env, log_dir / "baseline.log")
    with running(baseline, "Application startup complete"):
        yield f"http://127.0.0.1:{port}"


def targets(api_url: str, baseline_url: str, user_id: int) -> list[Target]:
    metric = {
        "user_id": user_id,
        "kind": "heart_rate",
        "value": 72,
        "unit": "bpm",
        "measured_at": "2025-03-10T07:30:00Z",
        "source": "bench",
    }
    return [
        Target("baseline", f"{baseline_url}/users/{user_id}"),
        Target("get", f"{api_url}/users/{user_id}"),
        Target("create", f"{api_url}/health-metrics", "POST", json.dumps(metric), 201),
    ]


# --- Measuring --------------------------------------------------------------------------------


def _load_argv(target: Target, api_key: str, connections: int, args: argparse.Namespace) -> list:
    argv = [sys.executable, "-m", "bench.load", "--url", target.url, "--method", target.method]
    argv += ["--header", f"Authorization: Bearer {api_key}", "--expect", str(target.expect)]
    argv += ["--connections", str(connections), "--warmup", str(args.warmup)]
    argv += ["--duration", str(args.duration)]
    return argv + (["--body", target.body] if target.body else [])


def measure(target: Target, api_key: str, env: dict[str, str], args: argparse.Namespace) -> Load:
    """Requests/s from `--load-processes` generators sharing `--connections` connections."""
    per_process = max(1, args.connections // args.load_processes)
    argv = _load_argv(target, api_key, per_process, args)
    generators = [
        subprocess.Popen(argv, env=env, stdout=subprocess.PIPE) for _ in range(args.load_processes)
    ]
    reports = [json.loads(g.communicate(timeout=LOAD_TIMEOUT_S)[0]) for g in generators]
    if failed := [report for report in reports if report["errors"] or not report["ok"]]:
        raise BenchError(f"{target.name}: {failed[0]}")
    return Load(
        rps=sum(report["ok"] for report in reports) / args.duration,
        p50_ms=max(report["p50_ms"] for report in reports),
        p99_ms=max(report["p99_ms"] for report in reports),
        client_cpu=sum(report["cpu_s"] / report["busy_s"] for report in reports),
    )


def measure_api(args: argparse.Namespace, work_dir: Path) -> dict[str, Runs]:
    """Each target's runs over `--rounds` alternating rounds, against running servers."""
    with bench_servers(work_dir, database=BENCH_DATABASE, redis_db=BENCH_REDIS_DB) as settings:
        env = process_env(settings)
        api_key, user_id = asyncio.run(create_key_and_user(settings))
        with ExitStack() as stack:
            api_url = stack.enter_context(pulsetrack_api(env, work_dir, workers=args.workers))
            baseline_url = stack.enter_context(baseline_api(env, work_dir, workers=args.workers))
            loads: dict[str, list[Load]] = {}
            for _ in range(args.rounds):
                for target in targets(api_url, baseline_url, user_id):
                    loads.setdefault(target.name, []).append(measure(target, api_key, env, args))
    return {name: Runs(runs) for name, runs in loads.items()}


def measure_ingestion() -> tuple[float | None, str]:
    """Rows/s of `pulsetrack seed`: the last JSON line of `python -m bench.ingest`, if it runs."""
    if not (REPO_ROOT / "bench" / "ingest.py").exists():
        return None, "bench/ingest.py does not exist"
    # Its own process and servers, once ours are stopped: nothing else competes for the CPU.
    result = subprocess.run(
        [sys.executable, "-m", "bench.ingest"],
        env=os.environ | {"PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        figure = json.loads(result.stdout.strip().splitlines()[-1])["ingest_rows_per_s"]
        return float(figure), "`python -m bench.ingest` with its defaults, last JSON line"
    except (IndexError, KeyError, TypeError, ValueError):
        return None, f"`python -m bench.ingest` gave no figure (exit {result.returncode})"


# --- Reporting --------------------------------------------------------------------------------


def table(results: Results, args: argparse.Namespace) -> str:
    rows = [
        ("", "req/s", "range", "p50 ms", "p99 ms", "client CPU"),
        *(
            (name, f"{runs.median.rps:.0f}", runs.spread, f"{runs.median.p50_ms:.1f}",
             f"{runs.median.p99_ms:.1f}", f"{runs.median.client_cpu:.2f}")
            for name, runs in [
                ("baseline: FastAPI + asyncpg, GET /users/{id}", results.baseline),
                ("PulseTrack GET /users/{id}", results.get),
                ("PulseTrack POST /health-metrics", results.create),
            ]
        ),
        (f"ratio get : baseline (target >= {TARGET_RATIO})", f"{results.ratio:.2f}"),
        ("ingestion rows/s (target >= 100000)", f"{results.ingest_rows_per_s or 'null'}"),
    ]  # fmt: skip
    width = max(len(row[0]) for row in rows)
    lines = [f"{row[0]:<{width}}" + "".join(f"{cell:>12}" for cell in row[1:]) for row in rows]
    before, after = results.load_average
    conditions = (
        f"{args.workers} uvicorn worker(s) per server; {args.connections} connections from "
        f"{args.load_processes} load process(es); {args.rounds} rounds x {args.duration:g} s; "
        f"{os.cpu_count()} CPUs shared by servers, PostgreSQL and load; "
        f"load average {before:.1f} before, {after:.1f} after"
    )
    return "\n".join([conditions, *lines, f"ingestion: {results.ingest_source}"])


def headline(results: Results) -> dict[str, float | None]:
    return {
        "get_rps": round(results.get.median.rps, 1),
        "baseline_rps": round(results.baseline.median.rps, 1),
        "ratio": round(results.ratio, 3),
        "create_rps": round(results.create.median.rps, 1),
        "ingest_rows_per_s": results.ingest_rows_per_s,
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="pulsetrack-bench-api-") as work_dir:
        runs = measure_api(args, Path(work_dir))
    load_after = os.getloadavg()[0]
    ingest = (None, "skipped (--skip-ingest)") if args.skip_ingest else measure_ingestion()
    results = Results(
        runs["baseline"], runs["get"], runs["create"], (load_before, load_after), *ingest
    )
    print(table(results, args))
    print(json.dumps(headline(results)))


if __name__ == "__main__":
    main()
