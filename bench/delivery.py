"""Delivery prediction: 1,000,000 stored notifications through the batch prediction job, beside raw
in-process prediction on the same rows in the same run; `POST /predict` latency; retry release.

    python -m bench.delivery [--notifications 1000000] [--retries 20000]

Starts its own servers (see `bench.stack`; PULSETRACK_BENCH_DATABASE picks the database) and:
- trains the logistic baseline and LightGBM on generated logs (the bootstrap's size: 40,000
  notifications, a time-based split) and prints their holdout metrics side by side;
- generates `--notifications` notifications and COPYs them in (pending, not timed);
- raw: the feature pipeline and the active model's `predict` on the same rows, in this process,
  one thread of Python (LightGBM uses its own threads), no database: the ceiling;
- end to end: one `delivery.predict_batch` job over all of them, submitted over HTTP to one worker
  with two pool processes, from its submission to its last part's predictions committed (COPY);
- the model call alone (`predict_row` on one encoded row, `predict_p99_ms`; target under 1 ms;
  20,000 calls after 2,000 of warm-up), the whole in-process path of `POST /predict` beside it, and
  `POST /predict` over HTTP with 32 keep-alive connections (`bench.load`, `http_predict_p99_ms`);
- retries: `--retries` notifications scheduled due at once, released by the beat sweep onto the
  priority queues and attempted by the same worker; attempts released per second and how late
  the attempts ran against their due times.
The last line printed is one JSON object: {"notifications_per_min", "raw_predict_per_min",
"ratio", "auc_baseline", "auc_lightgbm", "predict_p99_ms", "http_predict_p99_ms",
"retry_release_per_s"}.
"""

import argparse
import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
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
from domain.delivery import registry
from ml.delivery.bootstrap import CONFIG, DAYS, NOTIFICATIONS, SEED, START
from ml.delivery.features import INPUT_COLUMNS, encode, encode_one, events_from_logs
from ml.delivery.models import predict, predict_row
from ml.delivery.policy import decide
from ml.delivery.train import train_candidates
from ml.synthetic.notifications import generate_notifications
from pulsetrack.database import tortoise_config
from pulsetrack.delivery_seeding import copy_delivery_logs
from pulsetrack.settings import Settings
from tests.harness import start_beat

TIMEOUT_S = 900.0
SINGLE_CALLS, WARM_UP = 20_000, 2_000
TARGET_PER_MIN = 1_000_000


@dataclass
class Results:
    notifications: int
    holdout: dict[str, dict[str, Any]]
    raw_s: float
    raw_predict_only_s: float
    batch_s: float
    parts: int
    model_call_ms: list[float]
    encode_and_call_ms: list[float]
    http: dict[str, Any]
    retries: dict[str, float]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=1_000_000)
    parser.add_argument("--retries", type=int, default=20_000)
    parser.add_argument("--part-size", type=int, default=50_000)
    parser.add_argument("--worker-concurrency", type=int, default=2)
    parser.add_argument("--http-duration", type=float, default=8.0)
    return parser.parse_args(argv)


def holdout_metrics() -> dict[str, dict[str, Any]]:
    notifications, attempts = generate_notifications(
        count=NOTIFICATIONS, start=START, days=DAYS, seed=SEED
    )
    run = train_candidates(events_from_logs(notifications, attempts), CONFIG)
    return run.summary()["holdout_metrics"]


def raw_throughput(inputs: dict[str, Any], model: Any) -> tuple[float, float]:
    """Seconds to encode and predict every row in process; and to predict alone."""
    started = time.perf_counter()
    matrix = encode(inputs)
    encoded = time.perf_counter()
    probabilities = predict(model, matrix)
    finished = time.perf_counter()
    assert len(probabilities) == len(matrix)
    return finished - started, finished - encoded


def single_calls(inputs: dict[str, Any], model: Any) -> tuple[list[float], list[float]]:
    """Milliseconds of the model call on one encoded row (`predict_row`: the single-row path and
    the calibration); and of `POST /predict`'s whole in-process path: features, model, policy.
    `WARM_UP_CALLS` calls first, not counted, then `SINGLE_CALLS` counted."""
    calls, path = [], []
    rows = np.random.default_rng(0).integers(0, len(inputs["channel"]), WARM_UP + SINGLE_CALLS)
    for index in rows.tolist():
        payload = {name: inputs[name][index] for name in INPUT_COLUMNS}
        started = time.perf_counter()
        row = encode_one(payload)
        encoded = time.perf_counter()
        probability = predict_row(model, row)
        called = time.perf_counter()
        decide(
            probability=probability,
            channel=inputs["channel"][index],
            next_attempt=inputs["previous_attempts"][index] + 1,
            business_priority=inputs["business_priority"][index],
            last_response_code=inputs["response_code"][index],
        )
        finished = time.perf_counter()
        calls.append((called - encoded) * 1000)
        path.append((finished - started) * 1000)
    return calls[WARM_UP:], path[WARM_UP:]


async def stored_inputs() -> dict[str, Any]:
    """Every stored notification's model inputs, as the batch job reads them."""
    from domain.delivery.repository import Selection, model_inputs

    return await model_inputs(1, 2**62, Selection())


def http_load(base_url: str, key: str, duration: float, env: dict[str, str]) -> dict[str, Any]:
    body = {
        "channel": "sms",
        "provider": "twilio",
        "recipient_country": "NG",
        "template_type": "otp",
        "payload_size": 140,
        "previous_attempts": 1,
        "last_status": "timeout",
        "response_code": 504,
        "latency_ms": 10000,
    }
    argv = [sys.executable, "-m", "bench.load", "--url", f"{base_url}/predict", "--method", "POST"]
    argv += ["--body", json.dumps(body), "--header", f"Authorization: Bearer {key}"]
    argv += ["--connections", "32", "--duration", str(duration)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if report["errors"] or not report["ok"]:
        raise RuntimeError(f"POST /predict under load: {report}")
    return report


async def batch_prediction(client: Any) -> tuple[float, int]:
    """Seconds from submission to the last part's predictions committed; parts."""
    accepted = await client.post("/notifications/predictions", json={})
    job = await finished_job(accepted.json()["id"], timeout_s=TIMEOUT_S)
    rows = await connections.get("default").execute_query_dict(
        "SELECT count(*) AS n FROM delivery_predictions WHERE job_id = $1", [job.id]
    )
    assert job.finished_at is not None
    assert job.result is not None
    assert rows[0]["n"] == job.result["predicted"], (rows, job.result)
    return (job.finished_at - job.created_at).total_seconds(), job.parts_total


_SCHEDULE_ALL_SQL = """
UPDATE delivery_notifications SET status = 'scheduled', next_attempt_at = now()
WHERE id IN (SELECT id FROM delivery_notifications ORDER BY id LIMIT $1)
"""
_RETRY_FIGURES_SQL = """
SELECT count(*) AS attempts, min(due_at) AS first_due, max(attempted_at) AS last_made,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM attempted_at - due_at)) AS p50,
    percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM attempted_at - due_at)) AS p95,
    max(extract(epoch FROM attempted_at - due_at)) AS worst
FROM delivery_attempts
"""


async def retry_release(count: int) -> dict[str, float]:
    """Schedule `count` attempts due now; time the sweep and workers making all of them."""
    db = connections.get("default")
    await db.execute_query(_SCHEDULE_ALL_SQL, [count])
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        made = await db.execute_query_dict("SELECT count(*) AS n FROM delivery_attempts", [])
        if made[0]["n"] >= count:
            break
        await asyncio.sleep(0.2)
    row = (await db.execute_query_dict(_RETRY_FIGURES_SQL, []))[0]
    span = (row["last_made"] - row["first_due"]).total_seconds()
    return {
        "attempts": row["attempts"],
        "span_s": span,
        "per_s": row["attempts"] / span,
        "late_p50_s": row["p50"],
        "late_p95_s": row["p95"],
        "late_max_s": row["worst"],
    }


async def measure(settings: Settings, args: argparse.Namespace, work_dir: Path) -> Results:
    await Tortoise.init(config=tortoise_config(settings))
    try:
        key = (await create_api_key(name="bench")).secret
        active = await registry.active_model(settings)
        print("reading the stored rows back for the raw baseline ...", flush=True)
        inputs = await stored_inputs()
        raw_s, raw_predict_only_s = raw_throughput(inputs, active.model)
        model_call_ms, encode_and_call_ms = single_calls(inputs, active.model)
        del inputs
        env = process_env(settings) | {
            "PULSETRACK_DELIVERY_PREDICT_PART_SIZE": str(args.part_size),
            "PULSETRACK_DELIVERY_SWEEP_INTERVAL_S": "0.5",
        }
        options = WorkerOptions(args.worker_concurrency, prefetch=1)
        with ExitStack() as stack:
            base_url = stack.enter_context(pulsetrack_api(env, work_dir))
            stack.enter_context(running(pulsetrack_worker(env, work_dir, options), " ready."))
            import httpx

            headers = {"Authorization": f"Bearer {key}"}
            async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60) as client:
                print("batch prediction over HTTP ...", flush=True)
                batch_s, parts = await batch_prediction(client)
            print("POST /predict with 32 connections ...", flush=True)
            http = http_load(base_url, key, args.http_duration, env)
            print(f"retries: {args.retries:,} attempts due at once ...", flush=True)
            beat = start_beat(env, work_dir)
            stack.callback(beat.stop)
            retries = await retry_release(args.retries)
        return Results(
            args.notifications,
            {},
            raw_s,
            raw_predict_only_s,
            batch_s,
            parts,
            model_call_ms,
            encode_and_call_ms,
            http,
            retries,
        )
    finally:
        await Tortoise.close_connections()


def run(args: argparse.Namespace, work_dir: Path) -> Results:
    print("training both models for their holdout metrics ...", flush=True)
    holdout = holdout_metrics()
    with bench_servers(work_dir) as settings:
        print(f"writing {args.notifications:,} notifications with COPY ...", flush=True)
        start = pd.Timestamp(datetime.now()).floor("h") - pd.Timedelta(days=30)
        asyncio.run(
            copy_delivery_logs(
                settings.database_url,
                count=args.notifications,
                days=30,
                seed=11,
                start=start,
                with_attempts=False,
            )
        )
        results = asyncio.run(measure(settings, args, work_dir))
    results.holdout = holdout
    return results


def p99(values: list[float]) -> float:
    return float(np.percentile(values, 99))


def per_min(rows: int, seconds: float) -> float:
    return rows / seconds * 60


def table(results: Results, args: argparse.Namespace) -> str:
    n = results.notifications
    base, gbm = results.holdout["logistic"], results.holdout["lightgbm"]
    rows = [
        ("holdout (time-based split)", "logistic / lightgbm"),
        *[
            (f"  {name}", f"{base[name]} / {gbm[name]}")
            for name in ("roc_auc", "pr_auc", "precision", "recall", "brier", "log_loss",
                         "expected_calibration_error")
        ],
        (f"notifications predicted by the job ({results.parts} parts)", f"{n:,}"),
        ("  end to end, submitted to stored (s)", f"{results.batch_s:.2f}"),
        ("  notifications per minute (target 1,000,000)", f"{per_min(n, results.batch_s):,.0f}"),
        ("raw in process: encode + predict, same rows (s)", f"{results.raw_s:.2f}"),
        ("  per minute", f"{per_min(n, results.raw_s):,.0f}"),
        ("  predict alone (s)", f"{results.raw_predict_only_s:.2f}"),
        ("model call on one row: p50 / p99 (ms; target p99 < 1)",
         f"{np.percentile(results.model_call_ms, 50):.3f} / {p99(results.model_call_ms):.3f}"),
        ("  with features and policy (POST /predict in process): p50 / p99 (ms)",
         f"{np.percentile(results.encode_and_call_ms, 50):.3f} / "
         f"{p99(results.encode_and_call_ms):.3f}"),
        ("POST /predict, 32 connections: requests/s",
         f"{results.http['ok'] / args.http_duration:,.0f}"),
        ("  p50 / p99 (ms)", f"{results.http['p50_ms']:.1f} / {results.http['p99_ms']:.1f}"),
        (f"retries: {results.retries['attempts']:,} attempts due at once", ""),
        ("  released and made per second", f"{results.retries['per_s']:,.0f}"),
        ("  late against due time: p50 / p95 / max (s)",
         f"{results.retries['late_p50_s']:.2f} / {results.retries['late_p95_s']:.2f} / "
         f"{results.retries['late_max_s']:.2f}"),
        (f"worker: --concurrency {args.worker_concurrency} --prefetch 1; parts of "
         f"{args.part_size:,}", ""),
    ]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>22}".rstrip() for name, value in rows)


def headline(results: Results) -> dict[str, float]:
    n = results.notifications
    end_to_end, raw = per_min(n, results.batch_s), per_min(n, results.raw_s)
    return {
        "notifications_per_min": round(end_to_end),
        "raw_predict_per_min": round(raw),
        "ratio": round(end_to_end / raw, 3),
        "auc_baseline": results.holdout["logistic"]["roc_auc"],
        "auc_lightgbm": results.holdout["lightgbm"]["roc_auc"],
        "predict_p99_ms": round(p99(results.model_call_ms), 3),
        "http_predict_p99_ms": round(results.http["p99_ms"], 2),
        "retry_release_per_s": round(results.retries["per_s"]),
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    with bench_work_dir() as work_dir:
        results = run(args, work_dir)
    print(table(results, args))
    print(json.dumps(headline(results)))


if __name__ == "__main__":
    main()
