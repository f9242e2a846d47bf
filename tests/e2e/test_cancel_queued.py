"""Cancelling a queued job: it is cancelled at once and never runs, even once a worker gets its
message. No test here uses the `worker` fixture, so nothing consumes the queue until the test
starts a worker itself."""

from pathlib import Path

import httpx

from tests.conftest import TEST_WEBHOOK_SECRET
from tests.harness import start_worker, submit_echo, verified_event_types, wait_for
from tests.webhook_receiver import WebhookReceiver


def test_queued_job_is_cancelled_at_once_and_never_runs(
    live_client: httpx.Client,
    process_env: dict[str, str],
    tmp_path: Path,
    webhook_receiver: WebhookReceiver,
) -> None:
    job_id = submit_echo(live_client, webhook_url=webhook_receiver.url, message="never")

    cancelled = live_client.post(f"/jobs/{job_id}/cancel")

    assert cancelled.status_code == 202, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert "retry-after" not in cancelled.headers
    cancelled_event = ["job.cancelled"]
    late_worker = start_worker(process_env, tmp_path, name="late-worker")
    try:
        late_worker.wait_for_log(f"job={job_id} message", timeout=30)
        wait_for(
            lambda: verified_event_types(webhook_receiver, TEST_WEBHOOK_SECRET) == cancelled_event,
            timeout=30,
        )
    finally:
        late_worker.stop()
    assert "is stale or the job has finished; dropped" in late_worker.log()
    job = live_client.get(f"/jobs/{job_id}").json()
    assert job["status"] == "cancelled"
    assert job["attempts"] == 0
    assert job["started_at"] is None
    assert job["error"] == {"code": "cancelled", "message": "cancelled before it started"}
