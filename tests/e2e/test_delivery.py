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


def failing_push(*, business_priority: str, payload_size: int = 300) -> dict[str, object]:
    """A push unlikely to get through: FCM, to Mexico, a marketing template."""
    return {
        "channel": "push",
        "provider": "fcm",
        "recipient_country": "MX",
        "template_type": "marketing",
        "payload_size": payload_size,
        "business_priority": business_priority,
    }


async def _all(sql: str, *params: object) -> list[dict]:
    return await connections.get("default").execute_query_dict(sql, list(params))


_FALLBACKS_SQL = """
SELECT f.id, f.channel, f.provider, f.payload_size, f.priority_class, f.policy_version,
    o.id AS original_id, o.channel AS original_channel, o.status AS original_status,
    o.business_priority,
    o.payload_size AS original_size,
    (SELECT array_agg(a.provider ORDER BY a.attempt) FROM delivery_attempts a
     WHERE a.notification_id = o.id) AS original_providers,
    (SELECT array_agg(a.response_code ORDER BY a.attempt) FROM delivery_attempts a
     WHERE a.notification_id = o.id) AS original_codes,
    (SELECT bool_or(a.delivered) FROM delivery_attempts a
     WHERE a.notification_id = o.id) AS original_delivered,
    (SELECT max(a.attempted_at) FROM delivery_attempts a
     WHERE a.notification_id = o.id) AS original_last_at,
    (SELECT min(a.attempted_at) FROM delivery_attempts a
     WHERE a.notification_id = f.id) AS fallback_first_at,
    (SELECT array_agg(DISTINCT a.provider) FROM delivery_attempts a
     WHERE a.notification_id = f.id) AS fallback_providers
FROM delivery_notifications f JOIN delivery_notifications o ON o.id = f.fallback_of_id
"""


async def test_a_push_that_keeps_failing_falls_back_to_sms_through_the_sweep(
    delivery_system: tuple[httpx.Client, ManagedProcess], tmp_path: Path, orm: None
) -> None:
    client, _ = delivery_system
    (tmp_path / "attempts-before-commit").touch()  # no crash here: the fallback is the story
    critical = [failing_push(business_priority="critical") for _ in range(200)]
    too_large = [failing_push(business_priority=p, payload_size=5000) for p in ("normal", "high")]
    stored = client.post("/notifications", json={"items": critical + too_large, "schedule": True})
    first_id = stored.json()["first_id"]

    async def unfinished() -> int:
        row = await _one(
            "SELECT count(*) AS n FROM delivery_notifications "
            "WHERE status IN ('scheduled', 'released', 'pending')"
        )
        return int(row["n"])

    deadline = time.monotonic() + 120
    while await unfinished() and time.monotonic() < deadline:
        time.sleep(0.5)

    assert await unfinished() == 0
    fallbacks = await _all(_FALLBACKS_SQL)
    assert fallbacks
    for fallback in fallbacks:
        # The push was given up, its attempts all on the push provider; the SMS came after them.
        assert fallback["original_channel"] == "push"
        assert fallback["original_status"] == "failed"
        assert not fallback["original_delivered"]
        assert set(fallback["original_providers"]) == {"fcm"}
        assert (fallback["channel"], fallback["provider"]) == ("sms", "twilio")
        assert fallback["fallback_providers"] == ["twilio"]
        assert fallback["fallback_first_at"] >= fallback["original_last_at"]
        assert fallback["payload_size"] == min(fallback["original_size"], 160)
        assert fallback["policy_version"] == "v2"
        # A fallback starts in its business priority's class ("high" for both critical and high);
        # its own failed attempts are classed by the policy like any other retry, and only the
        # high one may then be demoted (an SMS predicted below `demote_below`).
        allowed = {"high"} if fallback["business_priority"] == "critical" else {"high", "low"}
        assert fallback["priority_class"] in allowed
    # Pushes that kept failing on temporary errors (two at least) before the switch.
    kept_failing = [
        f
        for f in fallbacks
        if len(f["original_codes"]) >= 2
        and not {550, 404, 21211, 413} & set(f["original_codes"][:2])
    ]
    assert kept_failing
    # Every critical push not delivered ended in a fallback (the policy's `when_ended`).
    unreplaced = await _one(
        "SELECT count(*) AS n FROM delivery_notifications o WHERE o.channel = 'push' "
        "AND o.business_priority = 'critical' AND o.status <> 'delivered' "
        "AND NOT EXISTS (SELECT 1 FROM delivery_notifications f WHERE f.fallback_of_id = o.id)"
    )
    assert unreplaced["n"] == 0
    # Too large for a push: rejected (413, permanent) and never retried; a high one goes by SMS.
    oversized = await _all(
        "SELECT n.business_priority, n.status, count(a.*) AS attempts, "
        "array_agg(a.response_code) AS codes, "
        "(SELECT count(*) FROM delivery_notifications f WHERE f.fallback_of_id = n.id) AS sms "
        "FROM delivery_notifications n JOIN delivery_attempts a ON a.notification_id = n.id "
        "WHERE n.id >= $1 AND n.payload_size = 5000 GROUP BY n.id ORDER BY n.id",
        first_id,
    )
    assert [(row["business_priority"], row["attempts"], row["sms"]) for row in oversized] == [
        ("normal", 1, 0),
        ("high", 1, 1),
    ]
    assert all(row["codes"] == [413] and row["status"] == "failed" for row in oversized)
    after_permanent = await _one(
        "SELECT count(*) AS n FROM delivery_attempts a JOIN delivery_attempts b "
        "ON b.notification_id = a.notification_id AND b.attempt = a.attempt + 1 "
        "WHERE a.response_code IN (550, 404, 21211, 413)"
    )
    assert after_permanent["n"] == 0


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
