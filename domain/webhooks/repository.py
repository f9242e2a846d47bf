"""Every query on `webhook_events` and `webhook_attempts`. Statuses come from the enum."""

import uuid
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.webhooks.models import WebhookAttempt, WebhookEvent, WebhookEventStatus

PENDING = f"'{WebhookEventStatus.PENDING.value}'"

# A lease keeps a duplicate message from sending the same attempt twice.
_CLAIM_SQL = f"""
UPDATE webhook_events SET lease_until = now() + make_interval(secs => $2)
WHERE id = $1 AND status = {PENDING}
  AND next_attempt_at <= now() + make_interval(secs => $3)
  AND (lease_until IS NULL OR lease_until < now())
RETURNING id
"""
_DUE_SQL = f"""
SELECT id FROM webhook_events
WHERE status = {PENDING} AND next_attempt_at <= now() - make_interval(secs => $1)
  AND (lease_until IS NULL OR lease_until < now())
ORDER BY next_attempt_at LIMIT $2
"""


async def insert_event(connection: BaseDBAsyncClient, **fields: Any) -> WebhookEvent:
    return await WebhookEvent.create(id=f"msg_{uuid.uuid4().hex}", using_db=connection, **fields)


async def claim_event(
    event_id: str, *, lease_s: float, due_tolerance_s: float
) -> WebhookEvent | None:
    """Lease a pending event whose attempt is due; None if it is not due or someone holds it."""
    rows = await connections.get("default").execute_query_dict(
        _CLAIM_SQL, [event_id, lease_s, due_tolerance_s]
    )
    return await WebhookEvent.get(id=event_id) if rows else None


async def record_attempt(
    connection: BaseDBAsyncClient,
    event: WebhookEvent,
    *,
    status: WebhookEventStatus,
    next_attempt_at: datetime | None,
    **attempt: Any,
) -> None:
    """Log one attempt and move the event on, releasing its lease."""
    await WebhookAttempt.create(
        event_id=event.id, next_attempt_at=next_attempt_at, using_db=connection, **attempt
    )
    await (
        WebhookEvent.filter(id=event.id)
        .using_db(connection)
        .update(
            status=status,
            attempts=attempt["attempt"],
            next_attempt_at=next_attempt_at,
            lease_until=None,
        )
    )


async def due_event_ids(*, grace_s: float, limit: int) -> list[str]:
    rows = await connections.get("default").execute_query_dict(_DUE_SQL, [grace_s, limit])
    return [row["id"] for row in rows]


async def list_job_events(job_id: uuid.UUID) -> list[WebhookEvent]:
    """The job's webhook events, each with its attempts prefetched, oldest first."""
    return (
        await WebhookEvent.filter(job_id=job_id)
        .order_by("created_at")
        .prefetch_related("attempt_log")
    )
