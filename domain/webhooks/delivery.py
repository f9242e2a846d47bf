"""Delivering one webhook attempt: claim the event, sign, POST, log, and schedule the retry."""

import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from standardwebhooks.webhooks import Webhook

from domain.errors import DomainError
from domain.messaging import WebhookMessage, send_after_commit, transaction
from domain.webhooks import repository
from domain.webhooks.models import WebhookEvent, WebhookEventStatus
from domain.webhooks.targets import check_webhook_url
from pulsetrack.logs import current_job_id
from pulsetrack.settings import Settings

logger = logging.getLogger(__name__)

USER_AGENT = "PulseTrack-Webhooks/1"
# Accept a message that arrives a little before the event is due (clocks of broker and database).
DUE_TOLERANCE_S = 2
# A sweep leaves recently-due events alone: their own retry message is probably on its way.
SWEEP_GRACE_S = 60


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
    """Make the next attempt for an event, if it is due and no one else is making it; a retry
    due soon is sent to the broker once the attempt is logged, later ones wait for the sweep."""
    event = await repository.claim_event(
        event_id, lease_s=settings.webhook_timeout_s + 30, due_tolerance_s=DUE_TOLERANCE_S
    )
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
    async with transaction() as connection:
        await repository.record_attempt(
            connection,
            event,
            status=status,
            next_attempt_at=next_attempt_at,
            attempt=attempt,
            attempted_at=attempted_at,
            status_code=outcome.status_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )
        if retry_in_s and retry_in_s <= settings.webhook_inline_retry_max_s:
            send_after_commit(WebhookMessage(event.id, countdown=retry_in_s))
    logger.info("webhook %s attempt %d: %s", event.id, attempt, outcome.error or "delivered")
    return DeliveryResult(status, attempt, retry_in_s)


async def send_due_events(*, limit: int = 500) -> int:
    """Ask for a delivery message for each pending event whose attempt is due and that nobody
    holds; return how many."""
    event_ids = await repository.due_event_ids(grace_s=SWEEP_GRACE_S, limit=limit)
    for event_id in event_ids:
        send_after_commit(WebhookMessage(event_id))
    return len(event_ids)
