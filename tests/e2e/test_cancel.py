"""Cancelling a started job: a running one stops at its next checkpoint and announces it, a
finished one cannot be cancelled."""

import httpx

from tests.conftest import TEST_WEBHOOK_SECRET
from tests.harness import (
    ManagedProcess,
    poll_until_finished,
    submit_echo,
    verified_event_types,
    wait_for,
)
from tests.webhook_receiver import WebhookReceiver


def test_running_job_asked_to_stop_ends_cancelled_at_its_next_checkpoint(
    worker: ManagedProcess, live_client: httpx.Client, webhook_receiver: WebhookReceiver
) -> None:
    job_id = submit_echo(live_client, webhook_url=webhook_receiver.url, sleep_s=10, steps=100)
    wait_for(lambda: live_client.get(f"/jobs/{job_id}").json()["progress"]["fraction"] > 0)

    asked = live_client.post(f"/jobs/{job_id}/cancel")

    assert asked.status_code == 202, asked.text
    assert asked.json()["status"] == "running"
    assert asked.json()["cancel_requested"] is True
    job = poll_until_finished(live_client, job_id, timeout=3)
    assert job["status"] == "cancelled"
    assert job["attempts"] == 1
    assert job["progress"]["fraction"] < 1
    assert job["error"] == {"code": "cancelled", "message": "cancelled while running"}
    cancelled_event = ["job.cancelled"]
    wait_for(
        lambda: verified_event_types(webhook_receiver, TEST_WEBHOOK_SECRET) == cancelled_event,
        timeout=15,
    )


def test_cancelling_a_finished_job_is_a_conflict(
    worker: ManagedProcess, live_client: httpx.Client
) -> None:
    job_id = submit_echo(live_client, message="done")
    assert poll_until_finished(live_client, job_id)["status"] == "succeeded"

    refused = live_client.post(f"/jobs/{job_id}/cancel")

    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"] == "/problems/job_already_finished"
    assert live_client.get(f"/jobs/{job_id}").json()["status"] == "succeeded"
