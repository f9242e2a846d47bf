"""Every query on the delivery tables."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.delivery.models import DeliveryModelVersion, DeliveryMonitorReport, NotificationStatus
from domain.delivery.schemas import PredictionFilter

NOTIFICATION_COLUMNS = (
    "channel",
    "provider",
    "recipient_country",
    "template_type",
    "payload_size",
    "business_priority",
    "send_time",
    "priority_class",
)
PREDICTION_COLUMNS = (
    "notification_id",
    "model_version",
    "probability",
    "priority_class",
    "next_attempt",
    "job_id",
    "predicted_at",
)

_INSERT_NOTIFICATIONS_SQL = """
INSERT INTO delivery_notifications (channel, provider, recipient_country, template_type,
    payload_size, business_priority, send_time, priority_class, status, next_attempt_at,
    attempts, last_status, last_response_code, last_latency_ms, created_at)
SELECT channel, provider, country, template, size, priority, send_time, class, $9::varchar,
    CASE WHEN $9::varchar = 'scheduled' THEN send_time END, 0, 'none', 0, 0, now()
FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::int[],
            $6::varchar[], $7::timestamptz[], $8::varchar[])
    AS row(channel, provider, country, template, size, priority, send_time, class)
RETURNING id
"""


def _db(connection: BaseDBAsyncClient | None = None) -> BaseDBAsyncClient:
    return connection or connections.get("default")


async def insert_notifications(
    connection: BaseDBAsyncClient, rows: Sequence[dict[str, Any]], *, scheduled: bool
) -> list[int]:
    """Many notifications in one statement; their ids, in order."""
    columns = [[row[column] for row in rows] for column in NOTIFICATION_COLUMNS]
    status = NotificationStatus.SCHEDULED if scheduled else NotificationStatus.PENDING
    returned = await connection.execute_query_dict(
        _INSERT_NOTIFICATIONS_SQL, [*columns, status.value]
    )
    return [row["id"] for row in returned]


# --- Selections for batch prediction ----------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    sent_from: datetime | None = None
    sent_to: datetime | None = None
    status: str | None = None
    first_id: int | None = None
    last_id: int | None = None

    def where(self, first_parameter: int) -> tuple[str, list[Any]]:
        """A WHERE clause over `delivery_notifications` and its parameters, numbered from
        `first_parameter`. Every filter is a parameter, never text."""
        conditions, values = [], []
        for column, operator, value in (
            ("send_time", ">=", self.sent_from),
            ("send_time", "<", self.sent_to),
            ("status", "=", self.status),
            ("id", ">=", self.first_id),
            ("id", "<=", self.last_id),
        ):
            if value is not None:
                values.append(value)
                conditions.append(f"{column} {operator} ${first_parameter + len(values) - 1}")
        return (" AND ".join(conditions) or "true"), values


async def id_bounds(selection: Selection) -> tuple[int, int, int] | None:
    """(smallest id, largest id, count) of the selected notifications; None if none are."""
    where, values = selection.where(1)
    rows = await _db().execute_query_dict(
        f"SELECT min(id) AS low, max(id) AS high, count(*) AS n "
        f"FROM delivery_notifications WHERE {where}",
        values,
    )
    row = rows[0]
    return None if row["n"] == 0 else (row["low"], row["high"], row["n"])


_MODEL_INPUTS = """
SELECT id, channel, provider, recipient_country, template_type, payload_size,
    business_priority, coalesce(next_attempt_at, send_time) AS send_time,
    attempts AS previous_attempts, last_status, last_response_code AS response_code,
    last_latency_ms AS latency_ms
FROM delivery_notifications
WHERE id BETWEEN $1 AND $2 AND {where}
ORDER BY id
"""


async def model_inputs(first_id: int, last_id: int, selection: Selection) -> dict[str, list[Any]]:
    """The model's inputs of the selected notifications with ids in [first_id, last_id], as
    columns (the batch feature pipeline reads columns)."""
    where, values = selection.where(3)
    async with _db().acquire_connection() as driver:
        records = await driver.fetch(_MODEL_INPUTS.format(where=where), first_id, last_id, *values)
    names = list(records[0].keys()) if records else []
    return {name: [record[index] for record in records] for index, name in enumerate(names)}


async def copy_predictions(
    connection: BaseDBAsyncClient, records: Sequence[tuple[Any, ...]]
) -> None:
    """Predictions in bulk with COPY, inside the caller's transaction."""
    async with connection.acquire_connection() as driver:
        await driver.copy_records_to_table(
            "delivery_predictions", records=records, columns=PREDICTION_COLUMNS
        )


async def predictions_of_job(job_id: UUID) -> int:
    rows = await _db().execute_query_dict(
        "SELECT count(*) AS n FROM delivery_predictions WHERE job_id = $1", [job_id]
    )
    return int(rows[0]["n"])


# --- Stored predictions and their outcomes ---------------------------------------------------

# Each prediction is for one attempt (`next_attempt`); its outcome is that attempt, once made.
_PREDICTIONS_SQL = """
SELECT p.id, p.notification_id, n.channel, n.provider, n.recipient_country, n.template_type,
    n.business_priority, p.model_version, p.probability, p.priority_class, p.next_attempt,
    p.job_id, p.predicted_at, a.delivered, a.status AS attempt_status, a.response_code,
    a.attempted_at
FROM delivery_predictions p
JOIN delivery_notifications n ON n.id = p.notification_id
LEFT JOIN delivery_attempts a
    ON a.notification_id = p.notification_id AND a.attempt = p.next_attempt
WHERE {where}
ORDER BY p.id DESC
LIMIT {limit}
"""
_OUTCOMES = {
    "known": "a.id IS NOT NULL",
    "unknown": "a.id IS NULL",
    "delivered": "a.delivered",
    "failed": "NOT a.delivered",
}


def _prediction_conditions(
    filters: PredictionFilter, after_id: int | None
) -> tuple[str, list[Any]]:
    """The WHERE clause of a page of predictions; every value is a parameter, never text."""
    conditions, values = [], []
    for column, operator, value in (
        ("n.channel", "=", filters.channel),
        ("n.provider", "=", filters.provider),
        ("p.priority_class", "=", filters.priority_class),
        ("p.model_version", "=", filters.model_version),
        ("p.job_id", "=", filters.job_id),
        ("p.predicted_at", ">=", filters.time_from),
        ("p.predicted_at", "<", filters.time_to),
        ("p.id", "<", after_id),
    ):
        if value is not None:
            values.append(value)
            conditions.append(f"{column} {operator} ${len(values)}")
    if filters.outcome is not None:
        conditions.append(_OUTCOMES[filters.outcome])
    return (" AND ".join(conditions) or "true"), values


async def list_predictions(
    filters: PredictionFilter, *, after_id: int | None, limit: int
) -> list[dict[str, Any]]:
    """Up to `limit` predictions newest first (below `after_id`), with their attempts if made."""
    where, values = _prediction_conditions(filters, after_id)
    sql = _PREDICTIONS_SQL.format(where=where, limit=int(limit))
    return await _db().execute_query_dict(sql, values)


# --- The model registry -----------------------------------------------------------------------

_REGISTRY_LOCK = 0x0DE1_1FE5  # an advisory lock: one process registers the bootstrap models


async def lock_registry(connection: BaseDBAsyncClient) -> None:
    await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [_REGISTRY_LOCK])


async def active_version() -> int | None:
    rows = await _db().execute_query_dict("SELECT version FROM delivery_models WHERE is_active", [])
    return rows[0]["version"] if rows else None


async def get_model(version: int) -> DeliveryModelVersion | None:
    return await DeliveryModelVersion.get_or_none(version=version)


async def list_models() -> list[DeliveryModelVersion]:
    return await DeliveryModelVersion.all().order_by("-version")


async def count_models(connection: BaseDBAsyncClient) -> int:
    return await DeliveryModelVersion.all().using_db(connection).count()


async def create_model(connection: BaseDBAsyncClient, **fields: Any) -> DeliveryModelVersion:
    return await DeliveryModelVersion.create(using_db=connection, **fields)


async def set_active(connection: BaseDBAsyncClient, version: int) -> None:
    """Make `version` the one active model (the unique index allows one)."""
    await connection.execute_query(
        "UPDATE delivery_models SET is_active = false WHERE is_active AND version <> $1", [version]
    )
    await connection.execute_query(
        "UPDATE delivery_models SET is_active = true, activated_at = now() "
        "WHERE version = $1 AND NOT is_active",
        [version],
    )


# --- Training data and monitoring -------------------------------------------------------------

_STORED_EVENTS_SQL = """
SELECT a.notification_id, a.attempt, n.channel, n.provider, n.recipient_country,
    n.template_type, n.payload_size, a.attempted_at AS send_time,
    a.attempt - 1 AS previous_attempts,
    coalesce(lag(a.status) OVER w, 'none') AS last_status,
    coalesce(lag(a.response_code) OVER w, 0) AS response_code,
    coalesce(lag(a.latency_ms) OVER w, 0) AS latency_ms,
    a.delivered, a.probability, a.model_version
FROM delivery_attempts a JOIN delivery_notifications n ON n.id = a.notification_id
WHERE a.attempted_at >= $1 AND a.attempted_at < $2
WINDOW w AS (PARTITION BY a.notification_id ORDER BY a.attempt)
ORDER BY a.attempted_at, a.notification_id
"""


async def stored_events(first: datetime, last: datetime) -> dict[str, list[Any]]:
    """Every stored attempt in [first, last) with the state before it: the training set's rows
    (and, where one was made, the prediction made before the attempt)."""
    async with _db().acquire_connection() as driver:
        records = await driver.fetch(_STORED_EVENTS_SQL, first, last)
    names = list(records[0].keys()) if records else []
    return {name: [record[index] for record in records] for index, name in enumerate(names)}


async def latest_attempt_time() -> datetime | None:
    rows = await _db().execute_query_dict(
        "SELECT max(attempted_at) AS latest FROM delivery_attempts", []
    )
    latest: datetime | None = rows[0]["latest"]
    return latest


async def latest_monitor_report() -> DeliveryMonitorReport | None:
    return await DeliveryMonitorReport.all().order_by("-computed_at", "-id").first()


async def create_monitor_report(connection: BaseDBAsyncClient, **fields: Any) -> None:
    await DeliveryMonitorReport.create(using_db=connection, **fields)
