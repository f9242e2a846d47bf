"""Webhook delivery retries on failure, stops on 410 Gone, and gives up after its schedule."""

import time

import httpx
from standardwebhooks.webhooks import Webhook

from pulsetrack.settings import Settings
from tests.conftest import TEST_WEBHOOK_SECRET
from tests.harness import ManagedProcess, poll_until_finished, submit_echo, wait_for
from tests.webhook_receiver import WebhookReceiver


def run_job_with_webhook(client: httpx.Client, webhook_url: str) -> str:
    job_id = submit_echo(client, webhook_url=webhook_url, message="hi")
    assert poll_until_finished(client, job_id)["status"] == "succeeded"
    return job_id


def settled_event(client: httpx.Client, job_id: str, timeout: float = 20) -> dict:
    """The job's one webhook event, once it is no longer pending."""

    def settled() -> dict | None:
        events = client.get(f"/jobs/{job_id}/webhook-deliveries").json()["items"]
        assert len(events) <= 1, events
        return events[0] if events and events[0]["status"] != "pending" else None

    return wait_for(settled, timeout=timeout)  # type: ignore[return-value]


def test_failed_delivery_is_retried_with_the_same_webhook_id(
    worker: ManagedProcess, live_client: httpx.Client, webhook_receiver: WebhookReceiver
) -> None:
    webhook_receiver.statuses = [500]

    job_id = run_job_with_webhook(live_client, webhook_receiver.url)
    event = settled_event(live_client, job_id)

    assert (event["type"], event["status"]) == ("job.succeeded", "delivered")
    first, second = event["attempts"]
    assert (first["attempt"], first["status_code"], first["error"]) == (1, 500, "HTTP 500")
    assert first["next_attempt_at"] is not None
    assert (second["attempt"], second["status_code"], second["error"]) == (2, 200, None)
    assert second["next_attempt_at"] is None
    assert event["next_attempt_at"] is None
    assert len(webhook_receiver.received) == 2
    for request in webhook_receiver.received:
        assert request.headers["webhook-id"] == event["id"]
        Webhook(TEST_WEBHOOK_SECRET).verify(request.body, request.headers)


def test_gone_receiver_gets_one_attempt_and_no_more(
    worker: ManagedProcess, live_client: httpx.Client, webhook_receiver: WebhookReceiver
) -> None:
    webhook_receiver.statuses = [410]

    job_id = run_job_with_webhook(live_client, webhook_receiver.url)
    event = settled_event(live_client, job_id)

    assert event["status"] == "gone"
    assert [attempt["status_code"] for attempt in event["attempts"]] == [410]
    assert event["attempts"][0]["next_attempt_at"] is None
    # Longer than the first retry delay (1 s ± 20 % in tests): a retry would have arrived.
    time.sleep(2)
    assert len(webhook_receiver.received) == 1
    assert len(settled_event(live_client, job_id)["attempts"]) == 1


def test_delivery_fails_for_good_once_the_retry_schedule_is_spent(
    worker: ManagedProcess,
    live_client: httpx.Client,
    webhook_receiver: WebhookReceiver,
    settings: Settings,
) -> None:
    webhook_receiver.statuses = [500] * 10
    expected_attempts = len(settings.webhook_retry_schedule_s) + 1

    job_id = run_job_with_webhook(live_client, webhook_receiver.url)
    event = settled_event(live_client, job_id)

    assert event["status"] == "failed"
    assert [attempt["status_code"] for attempt in event["attempts"]] == [500] * expected_attempts
    *retried, last = event["attempts"]
    assert all(attempt["next_attempt_at"] for attempt in retried)
    assert last["next_attempt_at"] is None
    assert event["next_attempt_at"] is None
    assert len(webhook_receiver.received) == expected_attempts
