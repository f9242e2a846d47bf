"""`pulsetrack seed-delivery`: generated notification logs written with COPY (a tool, not domain).

Each generated notification is stored with the attempts the legacy policy made for it, and its
state after them (delivered, or failed), so that `POST /train` has stored logs to learn from;
`with_attempts=False` stores the notifications alone, pending (what the benchmark predicts).
"""

from datetime import UTC

import asyncpg
import numpy as np
import pandas as pd

from ml.synthetic.notifications import generate_notifications

_NOTIFICATION_COLUMNS = (
    "id",
    "channel",
    "provider",
    "recipient_country",
    "template_type",
    "payload_size",
    "business_priority",
    "send_time",
    "status",
    "attempts",
    "last_status",
    "last_response_code",
    "last_latency_ms",
    "created_at",
)
_ATTEMPT_COLUMNS = (
    "notification_id",
    "attempt",
    "due_at",
    "attempted_at",
    "provider",
    "status",
    "response_code",
    "latency_ms",
    "delivered",
)


def _utc(values: pd.Series) -> list:
    return [moment.to_pydatetime() for moment in values.dt.tz_localize(UTC)]


def _final_states(notifications: pd.DataFrame, attempts: pd.DataFrame | None) -> pd.DataFrame:
    if attempts is None:
        return notifications.assign(
            status="pending",
            attempts=0,
            last_status="none",
            last_response_code=0,
            last_latency_ms=0,
        )
    last = attempts.groupby("notification_id").last()
    return notifications.assign(
        status=np.where(last["delivered"].to_numpy(), "delivered", "failed"),
        attempts=last["attempt"].to_numpy(),
        last_status=last["status"].to_numpy(),
        last_response_code=last["response_code"].to_numpy(),
        last_latency_ms=last["latency_ms"].to_numpy(),
    )


async def copy_delivery_logs(
    database_url: str,
    *,
    count: int,
    days: int,
    seed: int,
    start: pd.Timestamp,
    with_attempts: bool = True,
) -> tuple[int, int]:
    """Generate and COPY the logs after the stored ones; (notifications, attempts) written."""
    notifications, attempts = generate_notifications(
        count=count, start=start.to_pydatetime(), days=days, seed=seed
    )
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        async with connection.transaction():
            offset = await connection.fetchval(
                "SELECT coalesce(max(id), 0) FROM delivery_notifications"
            )
            rows = _final_states(notifications, attempts if with_attempts else None)
            rows = rows.assign(id=rows["notification_id"] + offset, created_at=rows["send_time"])
            records = zip(
                *[
                    _utc(rows[name]) if name in ("send_time", "created_at") else rows[name].tolist()
                    for name in _NOTIFICATION_COLUMNS
                ],
                strict=True,
            )
            await connection.copy_records_to_table(
                "delivery_notifications", records=list(records), columns=_NOTIFICATION_COLUMNS
            )
            written = 0
            if with_attempts:
                stored = attempts.assign(
                    notification_id=attempts["notification_id"] + offset,
                    due_at=attempts["attempted_at"],
                )
                columns = [
                    _utc(stored[name])
                    if name in ("due_at", "attempted_at")
                    else stored[name].tolist()
                    for name in _ATTEMPT_COLUMNS
                ]
                await connection.copy_records_to_table(
                    "delivery_attempts",
                    records=list(zip(*columns, strict=True)),
                    columns=_ATTEMPT_COLUMNS,
                )
                written = len(stored)
            await connection.execute(
                "SELECT setval(pg_get_serial_sequence('delivery_notifications', 'id'), "
                "(SELECT max(id) FROM delivery_notifications))"
            )
    finally:
        await connection.close()
    return len(notifications), written
