"""Broker faults under real processes: a private Redis stopped under a worker holding unacked
messages, and one SIGKILLed and restarted empty. Nothing is lost, nothing runs twice, and the
system started by `pulsetrack run` stays up (a child that dies is restarted)."""

import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest

from pulsetrack.embedded import free_port
from tests.harness import (
    PULSETRACK,
    ManagedProcess,
    RedisServer,
    poll_until_finished,
    start_api,
    start_beat,
    start_worker,
    submit_echo,
    wait_for,
)


@dataclass
class RunningSystem:
    broker: RedisServer
    run: ManagedProcess
    client: httpx.Client

    def child(self, command: str) -> psutil.Process:
        """The supervised process running `pulsetrack <command>` (workers exec into celery)."""
        assert self.run.process is not None
        for child in psutil.Process(self.run.process.pid).children():
            if command in child.cmdline():
                return child
        raise AssertionError(f"no {command} child")


@pytest.fixture
def running_system(
    process_env: dict[str, str], tmp_path: Path, live_api_key: str, clean_database: None
) -> Iterator[RunningSystem]:
    """`pulsetrack run` on the test database and a private Redis the test may stop or kill."""
    broker = RedisServer(tmp_path / "redis").start()
    api_port = free_port()
    env = process_env | {
        "PULSETRACK_BROKER_URL": broker.url,
        "PULSETRACK_PUBLISH_GRACE_S": "1",
        "PULSETRACK_API_PORT": str(api_port),
        "PULSETRACK_FLOWER_PORT": str(free_port()),
        "PULSETRACK_VAR_DIR": str(tmp_path / "var"),
    }
    run = ManagedProcess("run", [*PULSETRACK, "run"], env, tmp_path / "run.log").start()
    try:
        run.wait_for_log("Press Ctrl-C to stop.", timeout=120)
        headers = {"Authorization": f"Bearer {live_api_key}"}
        base_url = f"http://127.0.0.1:{api_port}"
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
            yield RunningSystem(broker, run, client)
    finally:
        run.stop(timeout=30)
        broker.stop()


def assert_each_ran_once(log: str, job_ids: list[str]) -> None:
    assert {job_id: log.count(f"job={job_id} job succeeded") for job_id in job_ids} == {
        job_id: 1 for job_id in job_ids
    }


def test_a_worker_that_dies_is_restarted_and_the_system_stays_up(
    running_system: RunningSystem,
) -> None:
    system = running_system
    system.child("worker").send_signal(signal.SIGKILL)

    system.run.wait_for_log("worker exited with code -9; restarting in 1 s", timeout=10)
    job_id = submit_echo(system.client, message="after the crash")
    assert poll_until_finished(system.client, job_id, timeout=60)["status"] == "succeeded"
    assert system.run.process is not None
    assert system.run.process.poll() is None


def test_redis_stopped_under_a_worker_holding_unacked_messages(
    running_system: RunningSystem,
) -> None:
    system, client = running_system, running_system.client
    job_ids = [submit_echo(client, message=str(n), sleep_s=2, steps=2) for n in range(6)]
    wait_for(lambda: client.get(f"/jobs/{job_ids[0]}").json()["status"] == "running")

    system.broker.stop()
    time.sleep(5)  # the running task finishes and cannot ack; the worker loses its connection
    system.broker.start()

    jobs = [poll_until_finished(client, job_id, timeout=90) for job_id in job_ids]
    assert [job["status"] for job in jobs] == ["succeeded"] * 6, jobs
    assert_each_ran_once(system.run.log(), job_ids)
    assert client.get("/readyz").status_code == 200


@pytest.fixture
def private_broker(
    process_env: dict[str, str], tmp_path: Path, live_api_key: str, clean_database: None
) -> Iterator[tuple[RedisServer, dict[str, str], httpx.Client]]:
    broker = RedisServer(tmp_path / "redis").start()
    env = process_env | {"PULSETRACK_BROKER_URL": broker.url, "PULSETRACK_PUBLISH_GRACE_S": "1"}
    api, base_url = start_api(env, tmp_path)
    try:
        headers = {"Authorization": f"Bearer {live_api_key}"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
            yield broker, env, client
    finally:
        api.stop()
        broker.stop()


def test_messages_lost_with_a_redis_killed_and_restarted_empty_run_within_a_minute(
    private_broker: tuple[RedisServer, dict[str, str], httpx.Client], tmp_path: Path
) -> None:
    broker, env, client = private_broker
    beat = start_beat(env, tmp_path)
    worker = start_worker(env, tmp_path, name="marker-worker")
    # The first sweep leaves its marker in the broker; then no worker consumes for a while.
    worker.wait_for_log("jobs.republish_unpublished", timeout=15)
    worker.stop()
    try:
        job_ids = [submit_echo(client, message=str(n)) for n in range(60)]
        assert broker.process is not None
        assert len(os.listdir(broker.data_dir)) > 0

        broker.crash()
        broker.start()
        started = time.monotonic()
        worker = start_worker(env, tmp_path, name="after-crash-worker")

        jobs = [poll_until_finished(client, job_id, timeout=60) for job_id in job_ids]
        took = time.monotonic() - started
    finally:
        worker.stop()
        beat.stop()

    assert [job["status"] for job in jobs] == ["succeeded"] * 60
    assert [job["attempts"] for job in jobs] == [1] * 60
    assert took < 60
    assert "the broker lost its messages" in worker.log()
    assert_each_ran_once(worker.log(), job_ids)
