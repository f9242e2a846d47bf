"""A job of parts spreads over every worker, finishes once, fails or cancels as a whole, and
gets back part messages the broker lost."""

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

from pulsetrack.settings import Settings
from tests.conftest import TEST_WEBHOOK_SECRET
from tests.harness import (
    ManagedProcess,
    poll_until_finished,
    start_beat,
    start_worker,
    verified_event_types,
    wait_for,
)
from tests.webhook_receiver import WebhookReceiver


@pytest.fixture(scope="module")
def two_workers(process_env: dict[str, str], log_dir: Path) -> Iterator[list[ManagedProcess]]:
    workers = [start_worker(process_env, log_dir, name=f"fan-out-{n}") for n in (1, 2)]
    yield workers
    for worker in workers:
        worker.stop()


def submit_fan_out(
    client: httpx.Client, *, webhook_url: str | None = None, **params: object
) -> str:
    submission = {"kind": "system.fan_out", "params": params, "webhook_url": webhook_url}
    accepted = client.post("/jobs", json=submission)
    assert accepted.status_code == 202, accepted.text
    return str(accepted.json()["id"])


def parts_of(client: httpx.Client, job_id: str) -> list[dict]:
    return list(client.get(f"/jobs/{job_id}/parts", params={"limit": 1000}).json()["items"])


def test_parts_run_on_every_worker_and_the_job_finishes_once_with_one_webhook(
    two_workers: list[ManagedProcess],
    live_client: httpx.Client,
    webhook_receiver: WebhookReceiver,
) -> None:
    job_id = submit_fan_out(
        live_client, message="done", parts=12, sleep_s=0.3, webhook_url=webhook_receiver.url
    )

    seen_progress = []
    while (job := live_client.get(f"/jobs/{job_id}").json())["status"] == "queued" or (
        job["status"] == "running"
    ):
        if job["parts"]:
            seen_progress.append((job["parts"]["done"], job["progress"]["fraction"]))
        time.sleep(0.1)

    assert job["status"] == "succeeded", job
    assert job["result"] == {"message": "done", "parts": 12}
    assert job["parts"] == {"total": 12, "done": 12, "failed": 0}
    assert job["progress"]["fraction"] == 1.0
    assert any(0 < done < 12 for done, _ in seen_progress)
    assert all(fraction == pytest.approx(done / 12) for done, fraction in seen_progress)
    assert [part["status"] for part in parts_of(live_client, job_id)] == ["succeeded"] * 12
    for worker in two_workers:
        assert f"job={job_id} part" in worker.log()  # each worker ran some of the parts
    wait_for(lambda: webhook_receiver.received)
    time.sleep(1)
    assert verified_event_types(webhook_receiver, TEST_WEBHOOK_SECRET) == ["job.succeeded"]


def test_a_failing_part_fails_the_job_naming_it_and_the_rest_never_start(
    two_workers: list[ManagedProcess], live_client: httpx.Client
) -> None:
    job_id = submit_fan_out(live_client, parts=10, sleep_s=0.5, fail_part=0)

    job = poll_until_finished(live_client, job_id)

    assert job["status"] == "failed"
    assert job["error"]["code"] == "part_failed"
    assert job["error"]["message"] == (
        "part 1 of 10 failed (echo_failed): part 0 failed on request"
    )
    assert job["parts"]["failed"] == 1
    parts = parts_of(live_client, job_id)
    assert parts[0]["status"] == "failed"
    assert parts[0]["error"]["code"] == "echo_failed"
    never_started = [part for part in parts if part["started_at"] is None]
    assert len(never_started) >= 7  # at most the other worker's part ran beside the failing one
    assert {part["status"] for part in never_started} == {"cancelled"}
    time.sleep(1)
    # Only a part already running beside the failing one may have finished, and it started first.
    succeeded = [p for p in parts_of(live_client, job_id) if p["status"] == "succeeded"]
    assert len(succeeded) <= 1
    assert all(part["started_at"] < job["finished_at"] for part in succeeded)


def test_cancelling_the_job_stops_its_running_parts_and_drops_the_rest(
    two_workers: list[ManagedProcess], live_client: httpx.Client
) -> None:
    job_id = submit_fan_out(live_client, parts=10, sleep_s=5)
    wait_for(lambda: sum(p["status"] == "running" for p in parts_of(live_client, job_id)) == 2)

    cancelled = live_client.post(f"/jobs/{job_id}/cancel")

    assert cancelled.status_code == 202
    assert cancelled.json()["status"] == "cancelled"

    def all_stopped() -> list[dict] | None:
        parts = parts_of(live_client, job_id)
        return parts if all(p["status"] == "cancelled" for p in parts) else None

    parts = wait_for(all_stopped, timeout=5)  # running parts stop at their next checkpoint
    assert isinstance(parts, list)
    assert sum(part["started_at"] is not None for part in parts) == 2
    assert live_client.get(f"/jobs/{job_id}").json()["parts"]["done"] == 0


@pytest.fixture
def sweeping_worker(
    process_env: dict[str, str], tmp_path: Path, two_workers: list[ManagedProcess]
) -> Iterator[ManagedProcess]:
    """The other workers stopped; one worker and beat, with a sweep that presumes a part's
    message lost after 3 s."""
    for worker in two_workers:
        worker.stop()
    env = process_env | {"PULSETRACK_REPUBLISH_AFTER_S": "3"}
    worker = start_worker(env, tmp_path, name="sweeping-worker")
    beat = start_beat(env, tmp_path)
    yield worker
    beat.stop()
    worker.stop()


def test_part_messages_the_broker_lost_are_sent_again_and_each_part_runs_once(
    sweeping_worker: ManagedProcess,
    live_client: httpx.Client,
    settings: Settings,
    broker: redis.Redis,
) -> None:
    job_id = submit_fan_out(live_client, parts=5, sleep_s=2)
    wait_for(lambda: any(p["status"] == "running" for p in parts_of(live_client, job_id)))

    lost = broker.llen(settings.queue_default)
    broker.delete(settings.queue_default)  # the waiting part messages are gone

    job = poll_until_finished(live_client, job_id, timeout=60)
    assert lost >= 3
    assert job["status"] == "succeeded", job
    assert [part["attempts"] for part in parts_of(live_client, job_id)] == [1] * 5
    assert "lost job and part messages" in sweeping_worker.log()
