"""`pulsetrack run` with no configuration: embedded servers, the whole system, a clean stop."""

import os
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from pulsetrack.embedded import free_port
from tests.harness import PULSETRACK, ManagedProcess, wait_for
from tests.webhook_receiver import WebhookReceiver

UNCONFIGURED = {
    "PULSETRACK_DATABASE_URL": "",
    "PULSETRACK_BROKER_URL": "",
    "PULSETRACK_WEBHOOK_SECRET": "",
    "PULSETRACK_FLOWER_BASIC_AUTH": "",
}


@pytest.fixture
def running_system(tmp_path: Path) -> Iterator[tuple[ManagedProcess, Path, dict[str, int]]]:
    ports = {"api": free_port(), "flower": free_port()}
    env = (
        os.environ
        | UNCONFIGURED
        | {
            "PULSETRACK_VAR_DIR": str(tmp_path / "var"),
            "PULSETRACK_API_PORT": str(ports["api"]),
            "PULSETRACK_FLOWER_PORT": str(ports["flower"]),
        }
    )
    system = ManagedProcess("run", [*PULSETRACK, "run"], env, tmp_path / "run.log").start()
    try:
        system.wait_for_log("Press Ctrl-C to stop.", timeout=120)
        yield system, tmp_path / "var", ports
    finally:
        system.stop(timeout=30)


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_run_serves_jobs_on_embedded_servers_and_stops_cleanly(
    running_system: tuple[ManagedProcess, Path, dict[str, int]],
    webhook_receiver: WebhookReceiver,
) -> None:
    system, var_dir, ports = running_system
    api_key = (var_dir / "dev-api-key").read_text().strip()
    assert api_key in system.log(), "the development key is printed"
    headers = {"Authorization": f"Bearer {api_key}"}
    base_url = f"http://127.0.0.1:{ports['api']}"

    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        submission = {"kind": "system.echo", "params": {"message": "embedded"}}
        job_id = client.post(
            "/jobs", json=submission | {"webhook_url": webhook_receiver.url}
        ).json()["id"]
        job = wait_for(
            lambda: (j := client.get(f"/jobs/{job_id}").json())["status"] == "succeeded" and j,
            timeout=30,
        )
        # A fresh system predicts delivery at once, from the committed bootstrap model.
        notification = {
            "channel": "push",
            "provider": "fcm",
            "recipient_country": "JP",
            "template_type": "alert",
            "payload_size": 300,
        }
        prediction = client.post("/predict", json=notification)
    assert job["result"]["message"] == "embedded"
    assert prediction.status_code == 200, prediction.text
    assert prediction.json()["model_kind"] == "lightgbm"

    wait_for(lambda: webhook_receiver.received)
    secret = (var_dir / "webhook-secret").read_text().strip()
    delivery = webhook_receiver.received[0]
    assert Webhook(secret).verify(delivery.body, delivery.headers)["data"]["id"] == job_id

    flower = f"http://127.0.0.1:{ports['flower']}/"
    password_file = var_dir / "flower-password"
    assert f"password in {password_file}" in system.log()
    assert password_file.stat().st_mode & 0o077 == 0, "only the owner may read the password"
    flower_auth = ("admin", password_file.read_text().strip())
    assert httpx.get(flower, timeout=10).status_code == 401
    assert httpx.get(flower, auth=("admin", "pulsetrack"), timeout=10).status_code == 401
    assert httpx.get(flower, auth=flower_auth, timeout=10).status_code == 200
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        assert_flower_shows_a_job_run_while_it_watches(client, flower, flower_auth)

    assert system.process is not None
    system.process.send_signal(signal.SIGINT)
    assert system.process.wait(timeout=60) == 0
    assert not port_open(ports["api"])
    assert not port_open(ports["flower"])
    assert not (var_dir / "postgres" / "postmaster.pid").exists()


def assert_flower_shows_a_job_run_while_it_watches(
    client: httpx.Client, flower: str, auth: tuple[str, str]
) -> None:
    """Flower only sees events sent after it subscribed, and it may still be connecting: submit a
    job every so often until Flower reports one of them succeeded."""
    job_ids: list[str] = []

    def flower_saw_one_succeed() -> bool:
        job_ids.append(client.post("/jobs", json={"kind": "system.echo"}).json()["id"])
        time.sleep(1)
        tasks = httpx.get(f"{flower}api/tasks", auth=auth, timeout=10).json()
        return any(
            task["name"] == "system.echo"
            and task["state"] == "SUCCESS"
            and any(job_id in str(task["args"]) for job_id in job_ids)
            for task in tasks.values()
        )

    wait_for(flower_saw_one_succeed, timeout=30)
