"""Webhook events for finished jobs, and their delivery log."""

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.messaging import WebhookMessage, send_after_commit
from domain.webhooks import repository
from domain.webhooks.models import WebhookAttempt, WebhookEvent

if TYPE_CHECKING:
    from domain.jobs.models import Job


def job_event_payload(job: "Job", event_type: str, timestamp: datetime) -> dict:
    """The Standard Webhooks body: `{type, timestamp, data}` with the job resource as data."""
    from domain.jobs.schemas import JobRead

    return {
        "type": event_type,
        "timestamp": timestamp.isoformat(),
        "data": JobRead.from_job(job).model_dump(mode="json"),
    }


async def record_job_event(job: "Job", *, connection: BaseDBAsyncClient) -> None:
    """In the caller's transaction, store the `job.<status>` event if the job has a webhook, and
    ask for its delivery once that transaction commits."""
    if not job.webhook_url:
        return
    now = datetime.now(UTC)
    event_type = f"job.{job.status}"
    event = await repository.insert_event(
        connection,
        job_id=job.id,
        type=event_type,
        url=job.webhook_url,
        payload=job_event_payload(job, event_type, now),
        next_attempt_at=now,
    )
    send_after_commit(WebhookMessage(event.id))


async def list_job_deliveries(*, job_id: uuid.UUID) -> list[WebhookEvent]:
    """The job's webhook events, each with its attempts, oldest first."""
    return await repository.list_job_events(job_id)


def attempts_of(event: WebhookEvent) -> list[WebhookAttempt]:
    return sorted(event.attempt_log, key=lambda attempt: attempt.attempt)
