"""Plain Celery with PulseTrack's delivery settings and a no-op task: the throughput baseline.

The worker runs `celery -A bench.raw_celery worker`; its broker comes from BENCH_BROKER_URL. Each
task only counts itself in Redis (one pipelined round trip in the pool process), so the last
task's timestamp ends the measurement the way the last job's `finished_at` does.
"""

import os
import time

import redis
from celery import Celery

RAW_QUEUE = "bench.raw"
NOOP_TASK = "bench.noop"
DONE_COUNTER = "bench:raw:done"
LAST_DONE_AT = "bench:raw:last_done_at"

# Everything in PulseTrack's Celery config that changes what a worker does per task.
MIRRORED_SETTINGS = (
    "task_acks_late",
    "task_reject_on_worker_lost",
    "task_acks_on_failure_or_timeout",
    "task_ignore_result",
    "task_time_limit",
    "worker_send_task_events",
    "task_send_sent_event",
    "broker_transport_options",
)

_redis: redis.Redis | None = None


def create_raw_app(broker_url: str) -> Celery:
    """A Celery app with PulseTrack's delivery and event settings, read from its own config."""
    from workers.app import celery_app as pulsetrack_app

    pulsetrack = pulsetrack_app.conf
    app = Celery("bench_raw", broker=broker_url)
    app.conf.update(
        {key: pulsetrack[key] for key in MIRRORED_SETTINGS},
        task_default_queue=RAW_QUEUE,
        broker_connection_retry_on_startup=True,
    )
    return app


def _counter() -> redis.Redis:
    # Made lazily, so each pool process gets its own connection after the fork.
    global _redis
    if _redis is None:
        _redis = redis.Redis.from_url(os.environ["BENCH_BROKER_URL"])
    return _redis


app = create_raw_app(os.environ.get("BENCH_BROKER_URL", ""))


@app.task(name=NOOP_TASK)
def noop() -> None:
    pipeline = _counter().pipeline(transaction=False)
    pipeline.incr(DONE_COUNTER).set(LAST_DONE_AT, time.time()).execute()


# --- The producer side, run by the benchmark itself ----------------------------------------

WARMUP_TASKS = 20
TIMEOUT_S = 180.0
POLL_S = 0.01


def run_raw_tasks(app: Celery, counter: redis.Redis, tasks: int) -> float:
    """Send `tasks` no-op tasks; return seconds from the first send to the last one done."""
    counter.delete(DONE_COUNTER, LAST_DONE_AT)
    started_at = time.time()
    for _ in range(tasks):
        app.send_task(NOOP_TASK, queue=RAW_QUEUE)
    deadline = time.monotonic() + TIMEOUT_S
    while int(counter.get(DONE_COUNTER) or 0) < tasks:
        if time.monotonic() > deadline:
            raise RuntimeError(f"raw Celery tasks still unfinished after {TIMEOUT_S:.0f}s")
        time.sleep(POLL_S)
    return float(counter.get(LAST_DONE_AT) or 0) - started_at


def measure_raw_celery(broker_url: str, tasks: int) -> float:
    """No-op tasks per second through the running raw worker, after a short warm-up."""
    producer = create_raw_app(broker_url)
    counter = redis.Redis.from_url(broker_url)
    run_raw_tasks(producer, counter, WARMUP_TASKS)
    return tasks / run_raw_tasks(producer, counter, tasks)
