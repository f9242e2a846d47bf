"""A job submitted over HTTP runs on a real worker and its webhook arrives signed."""

import json

import httpx
from standardwebhooks.webhooks import Webhook

from tests.conftest import TEST_WEBHOOK_SECRET
from tests.harness import (
    ManagedProcess,
    poll_until_finished,
    submit_echo,
    verified_event_types,
    wait_for,
)
from tests.webhook_receiver import WebhookReceiver


def test_submitted_job_succeeds_and_its_signed_webhook_arrives(
    worker: ManagedProcess, live_client: httpx.Client, webhook_receiver: WebhookReceiver
) -> None:
    submission = {
        "kind": "system.echo",
        "params": {"message": "hello", "sleep_s": 0.2, "steps": 2},
        "webhook_url": webhook_receiver.url,
    }
    accepted = live_client.post("/jobs", json=submission)
    assert accepted.status_code == 202
    job_id = accepted.json()["id"]
    assert accepted.headers["location"] == f"/jobs/{job_id}"
    assert accepted.headers["retry-after"] == "1"

    job = poll_until_finished(live_client, job_id)
    assert job["status"] == "succeeded"
    assert job["result"] == {"message": "hello", "attempt": 1}
    assert job["progress"] == {"fraction": 1.0, "message": "step 2 of 2"}
    assert job["attempts"] == 1

    wait_for(lambda: webhook_receiver.received)
    delivery = webhook_receiver.received[0]
    verified = Webhook(TEST_WEBHOOK_SECRET).verify(delivery.body, delivery.headers)
    assert verified["type"] == "job.succeeded"
    assert verified["data"]["id"] == job_id
    assert verified["data"]["result"] == {"message": "hello", "attempt": 1}
    assert json.loads(delivery.body)["data"]["status"] == "succeeded"

    log_url = f"/jobs/{job_id}/webhook-deliveries"
    # The receiver holds the request a moment before the worker records the answer it got.
    wait_for(lambda: live_client.get(log_url).json()["items"][0]["status"] != "pending")
    log = live_client.get(log_url).json()["items"]
    assert [(event["type"], event["status"]) for event in log] == [("job.succeeded", "delivered")]
    assert log[0]["attempts"][0]["status_code"] == 200


def test_a_job_that_fails_reports_its_error_and_a_failed_webhook(
    worker: ManagedProcess, live_client: httpx.Client, webhook_receiver: WebhookReceiver
) -> None:
    job_id = submit_echo(live_client, webhook_url=webhook_receiver.url, fail=True)

    job = poll_until_finished(live_client, job_id)
    assert job["status"] == "failed"
    assert job["error"] == {
        "code": "echo_failed",
        "message": "failed on request (params.fail = true)",
    }
    assert job["result"] is None
    assert job["progress"]["fraction"] == 0.0
    assert job["finished_at"] is not None
    wait_for(lambda: webhook_receiver.received)
    assert verified_event_types(webhook_receiver, TEST_WEBHOOK_SECRET) == ["job.failed"]


def test_a_job_without_a_webhook_finishes_with_its_result_and_full_progress(
    worker: ManagedProcess, live_client: httpx.Client
) -> None:
    job_id = submit_echo(live_client, message="quiet")

    job = poll_until_finished(live_client, job_id)
    assert (job["status"], job["result"]) == ("succeeded", {"message": "quiet", "attempt": 1})
    assert job["progress"]["fraction"] == 1.0
    assert job["error"] is None
    assert live_client.get(f"/jobs/{job_id}/webhook-deliveries").json()["items"] == []
