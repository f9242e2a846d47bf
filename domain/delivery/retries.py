"""Retry scheduling: due attempts live in the database and the sweep releases them to workers.

A scheduled notification has a due time (`next_attempt_at`). Every `delivery_sweep_interval_s`
the sweep claims the due ones (`released`, with `released_at`) and hands them to the workers in
batches of `delivery_release_batch`, one message per batch on the queue of their priority class.
A delay is never held as a Celery ETA: a message held past the broker's visibility timeout would
be delivered twice. A batch whose message is lost, or whose worker dies, is released again after
`delivery_release_timeout_s`.

A worker makes a batch's attempts in one transaction: it claims the rows still released at the
attempt number it was given (a second delivery of the message finds none), predicts each attempt,
has the simulated provider perform it (the synthetic world's latent model), stores the attempts
with their predictions, and reschedules each failure by the policy: a later due time, or the end
(permanent failure, attempts spent, hopeless, or past its time to live), or a fallback channel.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.delivery import registry
from domain.delivery.models import NotificationStatus
from domain.messaging import transaction
from ml.delivery.features import encode
from ml.delivery.models import predict
from ml.delivery.policy import (
    Decision,
    after_failure,
    ended_fallback,
    fallback_provider,
    first_class,
    load_policy,
)
from ml.synthetic.notifications import PROVIDERS, SMS_SEGMENT_CHARS, Attempts, draw_outcomes
from pulsetrack.settings import Settings

# At most this many batches per sweep run, so one run stays short; the next run takes the rest.
MAX_BATCHES_PER_SWEEP = 40

_RELEASE_SQL = """
WITH due AS (
    SELECT id FROM delivery_notifications
    WHERE (status = 'scheduled' AND next_attempt_at <= now())
       OR (status = 'released' AND released_at < now() - make_interval(secs => $1))
    ORDER BY next_attempt_at
    LIMIT $2
    FOR UPDATE SKIP LOCKED
)
UPDATE delivery_notifications n SET status = 'released', released_at = now()
FROM due WHERE n.id = due.id
RETURNING n.id, n.attempts, coalesce(n.priority_class, 'normal') AS priority_class
"""

_CLAIM_SQL = """
SELECT n.id, n.channel, n.provider, n.recipient_country, n.template_type, n.payload_size,
    n.business_priority, n.send_time, n.attempts, n.last_status, n.last_response_code,
    n.last_latency_ms, n.next_attempt_at, n.expires_at
FROM delivery_notifications n
JOIN unnest($1::bigint[], $2::int[]) AS given(id, attempts)
    ON n.id = given.id AND n.attempts = given.attempts
WHERE n.status = 'released'
ORDER BY n.id
FOR UPDATE OF n
"""

_UPDATE_SQL = """
UPDATE delivery_notifications n
SET status = u.status, attempts = n.attempts + 1, last_status = u.last_status,
    last_response_code = u.code, last_latency_ms = u.latency, next_attempt_at = u.next_at,
    priority_class = u.priority_class, policy_version = u.policy_version,
    expires_at = u.expires_at, released_at = NULL
FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::int[], $5::int[],
            $6::timestamptz[], $7::varchar[], $8::varchar[], $9::timestamptz[])
    AS u(id, status, last_status, code, latency, next_at, priority_class, policy_version,
         expires_at)
WHERE n.id = u.id
"""

_FALLBACK_SQL = """
INSERT INTO delivery_notifications (channel, provider, recipient_country, template_type,
    payload_size, business_priority, send_time, status, next_attempt_at, attempts, last_status,
    last_response_code, last_latency_ms, priority_class, policy_version, fallback_of_id,
    created_at)
SELECT $2, $3, n.recipient_country, n.template_type, least(n.payload_size, $4),
    n.business_priority, now(), 'scheduled', now(), 0, 'none', 0, 0, $5, $6, n.id, now()
FROM delivery_notifications n WHERE n.id = $1
"""

ATTEMPT_COLUMNS = (
    "notification_id",
    "attempt",
    "due_at",
    "attempted_at",
    "provider",
    "status",
    "response_code",
    "latency_ms",
    "delivered",
    "probability",
    "model_version",
)


# (notification replaced, channel, provider, priority class) of a fallback notification.
Fallback = tuple[int, str, str, str]


@dataclass(frozen=True)
class Release:
    """One batch of released notifications for a worker: (id, attempts so far) pairs."""

    priority_class: str
    pairs: list[tuple[int, int]]


async def release_due(*, settings: Settings) -> list[Release]:
    """Claim the due notifications (and those released too long ago) in batches per class."""
    releases: list[Release] = []
    size = settings.delivery_release_batch
    for _ in range(MAX_BATCHES_PER_SWEEP):
        async with transaction() as connection:
            rows = await connection.execute_query_dict(
                _RELEASE_SQL, [float(settings.delivery_release_timeout_s), size]
            )
        by_class: dict[str, list[tuple[int, int]]] = {}
        for row in rows:
            by_class.setdefault(row["priority_class"], []).append((row["id"], row["attempts"]))
        releases += [Release(name, pairs) for name, pairs in sorted(by_class.items())]
        if len(rows) < size:
            break
    return releases


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in rows[0]}


def _inputs(columns: dict[str, list[Any]], now: datetime) -> dict[str, Any]:
    """The model's view of the attempt about to be made, now."""
    return {
        **{name: columns[name] for name in ("channel", "provider", "recipient_country")},
        "template_type": columns["template_type"],
        "payload_size": columns["payload_size"],
        "send_time": pd.DatetimeIndex([now] * len(columns["channel"])),
        "previous_attempts": columns["attempts"],
        "last_status": columns["last_status"],
        "response_code": columns["last_response_code"],
        "latency_ms": columns["last_latency_ms"],
    }


def _simulated_provider(columns: dict[str, list[Any]], now: datetime) -> Any:
    """The provider's answers: drawn from the same latent model as the generated logs."""
    attempts = Attempts(
        notification_ids=np.asarray(columns["id"], dtype=np.int64),
        channels=np.asarray(columns["channel"], dtype=object),
        providers=np.asarray(columns["provider"], dtype=object),
        countries=np.asarray(columns["recipient_country"], dtype=object),
        templates=np.asarray(columns["template_type"], dtype=object),
        payload_sizes=np.asarray(columns["payload_size"], dtype=np.int64),
        times=pd.DatetimeIndex([now] * len(columns["id"])),
        previous_attempts=np.asarray(columns["attempts"], dtype=np.int64),
        last_statuses=np.asarray(columns["last_status"], dtype=object),
        last_response_codes=np.asarray(columns["last_response_code"], dtype=np.int64),
        last_latencies_ms=np.asarray(columns["last_latency_ms"], dtype=np.int64),
    )
    return draw_outcomes(attempts, np.random.default_rng())


async def make_attempts(pairs: Sequence[Sequence[int]], *, settings: Settings) -> int:
    """Make the attempts of one released batch, exactly once; return how many were made."""
    active = await registry.active_model(settings)
    async with transaction() as connection:
        rows = await connection.execute_query_dict(
            _CLAIM_SQL, [[pair[0] for pair in pairs], [pair[1] for pair in pairs]]
        )
        if not rows:
            return 0  # a redelivered message: its batch was made already
        now = datetime.now(UTC)
        columns = _columns(rows)
        probabilities = predict(active.model, encode(_inputs(columns, now)))
        outcomes = _simulated_provider(columns, now)
        await _store_attempts(connection, columns, outcomes, probabilities, active.version, now)
        after = {
            **columns,
            "attempts": [count + 1 for count in columns["attempts"]],
            "last_status": outcomes.statuses.tolist(),
            "last_response_code": outcomes.response_codes.tolist(),
            "last_latency_ms": outcomes.latencies_ms.tolist(),
        }
        next_probabilities = predict(active.model, encode(_inputs(after, now)))
        scale = settings.delivery_retry_delay_scale
        await _reschedule(connection, after, outcomes, next_probabilities, now, scale)
    return len(rows)


async def _store_attempts(
    connection: BaseDBAsyncClient,
    columns: dict[str, list[Any]],
    outcomes: Any,
    probabilities: np.ndarray,
    version: int,
    now: datetime,
) -> None:
    records = list(
        zip(
            columns["id"],
            [count + 1 for count in columns["attempts"]],
            [
                due or sent
                for due, sent in zip(columns["next_attempt_at"], columns["send_time"], strict=True)
            ],
            [now] * len(columns["id"]),
            columns["provider"],
            outcomes.statuses.tolist(),
            outcomes.response_codes.tolist(),
            outcomes.latencies_ms.tolist(),
            outcomes.delivered.tolist(),
            probabilities.tolist(),
            [version] * len(columns["id"]),
            strict=True,
        )
    )
    async with connection.acquire_connection() as driver:
        await driver.copy_records_to_table(
            "delivery_attempts", records=records, columns=ATTEMPT_COLUMNS
        )


async def _reschedule(
    connection: BaseDBAsyncClient,
    after: dict[str, list[Any]],
    outcomes: Any,
    next_probabilities: np.ndarray,
    now: datetime,
    delay_scale: float,
) -> None:
    """Each notification's next state: delivered, or its next due time by the policy, or its end."""
    policy = load_policy()
    updates: list[tuple[Any, ...]] = []
    fallbacks: list[Fallback] = []
    for index, notification_id in enumerate(after["id"]):
        channel, business = after["channel"][index], after["business_priority"][index]
        decision = after_failure(
            probability=float(next_probabilities[index]),
            channel=channel,
            attempts_made=after["attempts"][index],
            business_priority=business,
            response_code=int(outcomes.response_codes[index]),
            policy=policy,
        )
        expires = after["expires_at"][index] or after["send_time"][index] + timedelta(
            seconds=decision.retry.ttl_s
        )
        status, next_at = _next_state(
            bool(outcomes.delivered[index]), decision, expires, now, delay_scale
        )
        target = _fallback_channel(decision, status, channel, business, policy)
        if target:
            # Another channel is likelier to reach them than this one again.
            status, next_at = NotificationStatus.FAILED, None
            provider = fallback_provider(channel, policy) or PROVIDERS[target][0]
            fallbacks.append((notification_id, target, provider, first_class(business, policy)))
        updates.append(
            (
                notification_id,
                status.value,
                str(outcomes.statuses[index]),
                int(outcomes.response_codes[index]),
                int(outcomes.latencies_ms[index]),
                next_at,
                decision.priority_class,
                decision.policy_version,
                expires,
            )
        )
    await connection.execute_query(
        _UPDATE_SQL, [list(column) for column in zip(*updates, strict=True)]
    )
    for fallback in fallbacks:
        await _schedule_fallback(connection, fallback, policy)


def _fallback_channel(
    decision: Decision,
    status: NotificationStatus,
    channel: str,
    business_priority: str,
    policy: dict[str, Any],
) -> str | None:
    if status is NotificationStatus.DELIVERED:
        return None
    if status is NotificationStatus.EXPIRED:
        return ended_fallback(channel, business_priority, policy)
    return decision.fallback


async def _schedule_fallback(
    connection: BaseDBAsyncClient, fallback: Fallback, policy: dict[str, Any]
) -> None:
    """A new notification on the fallback channel, due now, linked to the one it replaces, its
    payload cut to one SMS (it says the message is there; it is not the whole message)."""
    notification_id, channel, provider, priority_class = fallback
    await connection.execute_query(
        _FALLBACK_SQL,
        [notification_id, channel, provider, SMS_SEGMENT_CHARS, priority_class, policy["version"]],
    )


def _next_state(
    delivered: bool, decision: Any, expires: datetime, now: datetime, delay_scale: float
) -> tuple[NotificationStatus, datetime | None]:
    if delivered:
        return NotificationStatus.DELIVERED, None
    if decision.retry.next_delay_s is None:
        return NotificationStatus.FAILED, None
    next_at = now + timedelta(seconds=decision.retry.next_delay_s * delay_scale)
    if next_at > expires:
        return NotificationStatus.EXPIRED, None
    return NotificationStatus.SCHEDULED, next_at
