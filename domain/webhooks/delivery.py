"""Delivering one webhook attempt: claim the event, sign, POST, log, and schedule the retry."""

import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from standardwebhooks.webhooks import Webhook
from tortoise import connections
from tortoise.transactions import in_transaction

from domain.errors import DomainError
from domain.webhooks.models import WebhookAttempt, WebhookEvent, WebhookEventStatus
from domain.webhooks.targets import check_webhook_url
from pulsetrack.logs import current_job_id
from pulsetrack.settings import Settings

logger = logging.getLogger(__name__)

USER_AGENT = "PulseTrack-Webhooks/1"
# Accept a message that arrives a little before the event is due (clocks of broker and database).
DUE_TOLERANCE_S = 2
# A sweep leaves recently-due events alone: their own retry message is probably on its way.
SWEEP_GRACE_S = 60

_CLAIM_SQL = """
UPDATE webhook_events SET lease_until = now() + make_interval(secs => $2)
WHERE id = $1 AND status = 'pending'
  AND next_attempt_at <= now() + make_interval(secs => $3)
  AND (lease_until IS NULL OR lease_until < now())
RETURNING id
"""
_DUE_SQL = """
SELECT id FROM webhook_events
WHERE status = 'pending' AND next_attempt_at <= now() - make_interval(secs => $1)
  AND (lease_until IS NULL OR lease_until < now())
ORDER BY next_attempt_at LIMIT $2
"""


@dataclass(frozen=True)
class AttemptOutcome:
    status_code: int | None
    error: str | None
    duration_ms: float


@dataclass(frozen=True)
class DeliveryResult:
    status: WebhookEventStatus
    attempt: int
    retry_in_s: float | None


def sign(secret: str, message_id: str, timestamp: datetime, body: str) -> dict[str, str]:
    """The three Standard Webhooks headers for this body."""
    # The library reads the wall-clock time as UTC: any other zone would sign another instant.
    timestamp = timestamp.astimezone(UTC)
    signature = Webhook(secret).sign(message_id, timestamp, body)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": signature,
    }


def retry_delay_s(attempt: int, schedule: list[int]) -> float | None:
    """Seconds until the attempt after `attempt` (±20 % jitter); None once the schedule is spent."""
    if attempt > len(schedule):
        return None
    return schedule[attempt - 1] * random.uniform(0.8, 1.2)


async def _claim(event_id: str, settings: Settings) -> WebhookEvent | None:
    lease_s = settings.webhook_timeout_s + 30
    rows = await connections.get("default").execute_query_dict(
        _CLAIM_SQL, [event_id, lease_s, DUE_TOLERANCE_S]
    )
    return await WebhookEvent.get(id=event_id) if rows else None


async def _post(event: WebhookEvent, settings: Settings) -> AttemptOutcome:
    started = time.perf_counter()
    body = json.dumps(event.payload, separators=(",", ":"))
    headers = sign(settings.webhook_secret.get_secret_value(), event.id, datetime.now(UTC), body)
    headers |= {"content-type": "application/json", "user-agent": USER_AGENT}
    try:
        # Checked again here, not only at submission: DNS may have changed since.
        await check_webhook_url(event.url, allowed_hosts=settings.webhook_allowed_hosts)
        async with httpx.AsyncClient(timeout=settings.webhook_timeout_s) as client:
            response = await client.post(event.url, content=body, headers=headers)
        status_code, error = response.status_code, None
        if not response.is_success:
            error = f"HTTP {status_code}"
    except DomainError as refused:
        status_code, error = None, refused.message
    except httpx.HTTPError as failure:
        status_code, error = None, f"{type(failure).__name__}: {failure}"
    return AttemptOutcome(status_code, error, (time.perf_counter() - started) * 1000)


def _next_status(outcome: AttemptOutcome, retry_in_s: float | None) -> WebhookEventStatus:
    if outcome.status_code is not None and 200 <= outcome.status_code < 300:
        return WebhookEventStatus.DELIVERED
    if outcome.status_code == 410:
        return WebhookEventStatus.GONE
    return WebhookEventStatus.PENDING if retry_in_s is not None else WebhookEventStatus.FAILED


async def deliver_event(*, event_id: str, settings: Settings) -> DeliveryResult | None:
    """Make the next attempt for an event, if it is due and no one else is making it."""
    event = await _claim(event_id, settings)
    if event is None:
        return None
    current_job_id.set(str(event.job_id))  # the task's log lines name the job, like job tasks
    attempt = event.attempts + 1
    attempted_at = datetime.now(UTC)
    outcome = await _post(event, settings)
    retry_in_s = retry_delay_s(attempt, settings.webhook_retry_schedule_s)
    status = _next_status(outcome, retry_in_s)
    if status != WebhookEventStatus.PENDING:
        retry_in_s = None
    next_attempt_at = attempted_at + timedelta(seconds=retry_in_s) if retry_in_s else None
    async with in_transaction() as connection:
        await WebhookAttempt.create(
            event_id=event.id,
            attempt=attempt,
            attempted_at=attempted_at,
            status_code=outcome.status_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
            next_attempt_at=next_attempt_at,
            using_db=connection,
        )
        await (
            WebhookEvent.filter(id=event.id)
            .using_db(connection)
            .update(
                status=status, attempts=attempt, next_attempt_at=next_attempt_at, lease_until=None
            )
        )
    logger.info("webhook %s attempt %d: %s", event.id, attempt, outcome.error or "delivered")
    return DeliveryResult(status, attempt, retry_in_s)


async def due_event_ids(*, limit: int = 500) -> list[str]:
    """Pending events whose attempt is due and that nobody holds: the sweep publishes these."""
    rows = await connections.get("default").execute_query_dict(_DUE_SQL, [SWEEP_GRACE_S, limit])
    return [row["id"] for row in rows]
