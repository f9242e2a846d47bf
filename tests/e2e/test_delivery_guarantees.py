"""A job survives its worker process dying and the broker being down: it runs exactly once more."""

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from pulsetrack.settings import Settings
from tests.harness import (
    ManagedProcess,
    RedisServer,
    poll_until_finished,
    start_api,
    start_beat,
    start_worker,
    submit_echo,
)


def test_job_whose_worker_process_is_killed_is_redelivered_and_succeeds(
    worker: ManagedProcess, live_client: httpx.Client
) -> None:
    job_id = submit_echo(live_client, message="survivor", crash_first_deliveries=1)

    job = poll_until_finished(live_client, job_id, timeout=60)

    assert job["status"] == "succeeded", job
    assert job["attempts"] == 2
    assert job["result"] == {"message": "survivor", "attempt": 2}


def test_poison_job_that_kills_every_worker_fails_after_the_delivery_limit(
    worker: ManagedProcess, live_client: httpx.Client, settings: Settings
) -> None:
    job_id = submit_echo(live_client, message="poison", crash_first_deliveries=100)

    job = poll_until_finished(live_client, job_id, timeout=60)

    assert job["status"] == "failed", job
    assert job["attempts"] == settings.max_deliveries
    assert job["result"] is None
    assert job["error"]["code"] == "delivery_limit_exceeded"
    assert f"died on each of {settings.max_deliveries} deliveries" in job["error"]["message"]


@dataclass(frozen=True)
class OutageSystem:
    broker: RedisServer
    api: ManagedProcess
    worker: ManagedProcess
    beat: ManagedProcess
    client: httpx.Client


@pytest.fixture
def outage_system(
    process_env: dict[str, str], tmp_path: Path, live_api_key: str, clean_database: None
) -> Iterator[OutageSystem]:
    """API, worker and beat on a private Redis that the test can stop and start again."""
    broker = RedisServer(tmp_path / "redis").start()
    # A one-second publish grace lets the sweep recover the job within the test's patience.
    env = process_env | {"PULSETRACK_BROKER_URL": broker.url, "PULSETRACK_PUBLISH_GRACE_S": "1"}
    processes: list[ManagedProcess] = []
    try:
        api, base_url = start_api(env, tmp_path)
        processes.append(api)
        processes.append(worker := start_worker(env, tmp_path, name="outage-worker"))
        processes.append(beat := start_beat(env, tmp_path))
        # Connected and sending: the outage must interrupt live connections, not a start-up.
        beat.wait_for_log("Sending due task", timeout=10)
        headers = {"Authorization": f"Bearer {live_api_key}"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
            yield OutageSystem(broker, api, worker, beat, client)
    finally:
        for process in processes:
            process.stop()
        broker.stop()


def test_job_submitted_while_the_broker_is_down_runs_once_when_it_is_back(
    outage_system: OutageSystem,
) -> None:
    system, client = outage_system, outage_system.client
    system.broker.stop()

    started = time.monotonic()
    job_id = submit_echo(client, message="patient")

    assert time.monotonic() - started < 5
    assert client.get(f"/jobs/{job_id}").json()["status"] == "queued"
    system.api.wait_for_log(f"the sweep will re-send them: {job_id}", timeout=5)
    # Keep the broker down until the worker and beat have both lost their connections.
    system.worker.wait_for_log("Cannot connect to redis", timeout=15)
    system.beat.wait_for_log("Message Error", timeout=15)

    system.broker.start()
    job = poll_until_finished(client, job_id, timeout=60)

    assert job["status"] == "succeeded", job
    assert job["attempts"] == 1
    assert job["result"] == {"message": "patient", "attempt": 1}
    system.worker.wait_for_log("re-published 1 lost job and part messages", timeout=5)
    system.worker.wait_for_log(f"job={job_id} job succeeded", timeout=5)
    assert system.worker.log().count(f"job={job_id} job succeeded") == 1
    # The API's own connection recovered too: the next job is published at once, not swept.
    next_id = submit_echo(client, message="prompt")
    assert poll_until_finished(client, next_id)["status"] == "succeeded"
    assert system.api.log().count("not published") == 1
