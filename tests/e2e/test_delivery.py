"""Delivery through real processes: batch prediction in parts on two worker processes, one of
them SIGKILLed inside a part's transaction; retries released by the beat sweep and made by the
simulated provider, a worker SIGKILLed inside a batch of attempts; and retraining on stored logs,
with a rollback."""

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tortoise import connections

from tests.harness import (
    PULSETRACK,
    ManagedProcess,
    poll_until_finished,
    start_api,
    start_beat,
    start_worker,
    wait_for,
)

NOTIFICATIONS, PART_SIZE = 2_400, 400


def notification(index: int) -> dict[str, object]:
    channel, provider = [("email", "ses"), ("sms", "vonage"), ("push", "fcm")][index % 3]
    return {
        "channel": channel,
        "provider": provider,
        "recipient_country": ["US", "NG", "IN", "DE"][index % 4],
        "template_type": ["otp", "marketing", "alert"][index % 3],
        "payload_size": [120, 900, 2000, 5000][index % 4],
        "business_priority": ["critical", "normal", "low", "high"][index % 4],
    }


@pytest.fixture
def delivery_system(
    process_env: dict[str, str], tmp_path: Path, live_api_key: str
) -> Iterator[tuple[httpx.Client, ManagedProcess]]:
    """An API, beat, and a two-process worker with small parts and fast retries, loaded with the
    crash module."""
    env = process_env | {
        "PULSETRACK_DELIVERY_PREDICT_PART_SIZE": str(PART_SIZE),
        "PULSETRACK_DELIVERY_RETRY_DELAY_SCALE": "0.0002",
        "PULSETRACK_DELIVERY_SWEEP_INTERVAL_S": "0.5",
        "PULSETRACK_DELIVERY_RELEASE_BATCH": "50",
        "PULSETRACK_DELIVERY_RELEASE_TIMEOUT_S": "3",
        "PULSETRACK_JOB_MODULES": '["tests.e2e.delivery_part_crashes"]',
        "PULSETRACK_TEST_CRASH_DIR": str(tmp_path),
    }
    api, base_url = start_api(env, tmp_path)
    worker = start_worker(env, tmp_path, name="delivery-worker", concurrency=2)
    beat = start_beat(env, tmp_path)
    headers = {"Authorization": f"Bearer {live_api_key}"}
    try:
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
            yield client, worker
    finally:
        beat.stop()
        worker.stop()
        api.stop()


async def _one(sql: str, *params: object) -> dict:
    rows = await connections.get("default").execute_query_dict(sql, list(params))
    return rows[0]


async def test_a_batch_prediction_stores_each_prediction_once_though_a_worker_dies(
    delivery_system: tuple[httpx.Client, ManagedProcess], tmp_path: Path, orm: None
) -> None:
    client, worker = delivery_system
    items = [notification(i) for i in range(NOTIFICATIONS)]
    stored = client.post("/notifications", json={"items": items}).json()

    accepted = client.post(
        "/notifications/predictions",
        json={"first_id": stored["first_id"], "last_id": stored["last_id"]},
    )
    job = poll_until_finished(client, accepted.json()["id"], timeout=120)

    assert job["status"] == "succeeded", job
    parts = NOTIFICATIONS // PART_SIZE
    assert job["parts"] == {"total": parts, "done": parts, "failed": 0}
    assert job["result"]["predicted"] == NOTIFICATIONS
    assert (tmp_path / "before-commit").exists()
    wait_for(lambda: "exited with 'signal 9 (SIGKILL)'" in worker.log(), timeout=10)
    counts = await _one(
        "SELECT count(*) AS n, count(DISTINCT notification_id) AS distinct_n, "
        "min(probability) AS low, max(probability) AS high "
        "FROM delivery_predictions WHERE job_id = $1",
        job["id"],
    )
    assert counts["n"] == counts["distinct_n"] == NOTIFICATIONS
    assert 0 < counts["low"] < counts["high"] < 1
    retried = [
        p for p in client.get(f"/jobs/{job['id']}/parts").json()["items"] if p["attempts"] > 1
    ]
    assert len(retried) == 1


async def test_retries_are_released_by_the_sweep_and_permanent_failures_never_retried(
    delivery_system: tuple[httpx.Client, ManagedProcess], tmp_path: Path, orm: None
) -> None:
    client, worker = delivery_system
    items = [notification(i) for i in range(300)]
    client.post("/notifications", json={"items": items, "schedule": True})

    async def unfinished() -> int:
        row = await _one(
            "SELECT count(*) AS n FROM delivery_notifications "
            "WHERE status IN ('scheduled', 'released', 'pending')"
        )
        return int(row["n"])

    deadline = time.monotonic() + 90
    while await unfinished() and time.monotonic() < deadline:
        time.sleep(0.5)

    assert await unfinished() == 0
    # A worker killed inside a batch's transaction stored none of it; released again, each
    # attempt was made once.
    assert (tmp_path / "attempts-before-commit").exists()
    wait_for(lambda: "exited with 'signal 9 (SIGKILL)'" in worker.log(), timeout=10)
    attempts = await _one(
        "SELECT count(*) AS n, count(DISTINCT (notification_id, attempt)) AS distinct_n, "
        "count(*) FILTER (WHERE attempt > 1) AS retries, "
        "count(*) FILTER (WHERE probability IS NULL OR model_version IS NULL) AS unpredicted "
        "FROM delivery_attempts"
    )
    assert attempts["n"] == attempts["distinct_n"]
    assert attempts["retries"] > 0
    assert attempts["unpredicted"] == 0
    after_permanent = await _one(
        "SELECT count(*) AS n FROM delivery_attempts a JOIN delivery_attempts b "
        "ON b.notification_id = a.notification_id AND b.attempt = a.attempt + 1 "
        "WHERE a.response_code IN (550, 404, 21211, 413)"
    )
    assert after_permanent["n"] == 0
    states = await _one(
        "SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered, "
        "count(*) FILTER (WHERE fallback_of_id IS NOT NULL) AS fallbacks "
        "FROM delivery_notifications"
    )
    assert states["delivered"] > 0


def test_training_on_stored_logs_registers_versions_and_a_rollback_restores_one(
    delivery_system: tuple[httpx.Client, ManagedProcess], process_env: dict[str, str]
) -> None:
    client, _ = delivery_system
    subprocess.run(
        [*PULSETRACK, "seed-delivery", "--notifications", "4000", "--days", "7", "--seed", "2"],
        env=process_env,
        check=True,
        capture_output=True,
    )
    before = client.get("/metrics").json()

    job = poll_until_finished(client, client.post("/train", json={"days": 30}).json()["id"], 120)
    models = client.get("/models").json()["items"]

    assert job["status"] == "succeeded", job
    assert set(job["result"]["holdout_metrics"]) == {"logistic", "lightgbm"}
    assert len(models) == 4
    trained = [model for model in models if model["source"] == "training"]
    assert {model["job_id"] for model in trained} == {job["id"]}
    active = [model for model in models if model["is_active"]]
    assert len(active) == 1
    assert (active[0]["source"] != "bootstrap") is job["result"]["promoted"]

    rolled_back = client.post(f"/models/{before['model_version']}/activate")
    assert rolled_back.json()["is_active"]
    wait_for(lambda: client.get("/metrics").json()["model_version"] == before["model_version"])
