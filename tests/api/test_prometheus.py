"""`GET /prometheus` over HTTP, in process: job figures read from the real database."""

from datetime import UTC, datetime, timedelta

import httpx
from prometheus_client.parser import text_string_to_metric_families

from domain.jobs.models import Job, JobStatus
from domain.webhooks.models import WebhookAttempt, WebhookEvent
from tests.api.test_jobs import submit


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def finish(job_id: str, status: JobStatus, run_s: float) -> None:
    started = datetime.now(UTC) - timedelta(seconds=run_s)
    await Job.filter(id=job_id).update(
        status=status, started_at=started, finished_at=started + timedelta(seconds=run_s)
    )


async def test_prometheus_reports_jobs_run_times_queues_and_webhooks(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    ids = [(await submit(client, auth)).json()["id"] for _ in range(4)]
    await finish(ids[0], JobStatus.SUCCEEDED, 0.3)
    await finish(ids[1], JobStatus.SUCCEEDED, 20)
    await finish(ids[2], JobStatus.FAILED, 2)
    event = await WebhookEvent.create(
        id="msg_1", job_id=ids[0], type="job.succeeded", url="http://x", payload={}
    )
    for attempt, code in enumerate([500, None, 200], start=1):
        await WebhookAttempt.create(
            event=event,
            attempt=attempt,
            attempted_at=datetime.now(UTC),
            status_code=code,
            duration_ms=1.0,
        )

    response = await client.get("/prometheus", headers=auth)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    got = samples(response.text)
    echo = ("kind", "system.echo")
    assert got[("pulsetrack_jobs_submitted_total", (echo,))] == 4
    assert got[("pulsetrack_jobs_finished_total", (echo, ("status", "succeeded")))] == 2
    assert got[("pulsetrack_jobs_finished_total", (echo, ("status", "failed")))] == 1
    assert got[("pulsetrack_jobs", (echo, ("status", "queued")))] == 1
    assert got[("pulsetrack_job_run_seconds_bucket", (echo, ("le", "0.5")))] == 1
    assert got[("pulsetrack_job_run_seconds_bucket", (echo, ("le", "5.0")))] == 2
    assert got[("pulsetrack_job_run_seconds_bucket", (echo, ("le", "+Inf")))] == 3
    assert got[("pulsetrack_job_run_seconds_count", (echo,))] == 3
    assert abs(got[("pulsetrack_job_run_seconds_sum", (echo,))] - 22.3) < 0.01
    assert got[("pulsetrack_job_parts_in_flight", (("status", "queued"),))] == 0
    assert ("pulsetrack_queue_depth", (("queue", "default"),)) in got
    for outcome in ("delivered", "http_error", "no_response"):
        assert got[("pulsetrack_webhook_attempts_total", (("outcome", outcome),))] == 1
    latency = ("route", "/jobs"), ("method", "POST"), ("status", "202")
    assert got[("pulsetrack_api_request_duration_seconds_count", tuple(sorted(latency)))] >= 4


async def test_prometheus_needs_an_api_key(client: httpx.AsyncClient) -> None:
    response = await client.get("/prometheus")

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
