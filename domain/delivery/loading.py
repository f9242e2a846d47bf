"""Storing notifications in bulk: a JSON batch or a CSV file, all rows or none (the semantics of
every other collection: a 422 naming each bad line and field, a 413 past the limits)."""

from collections.abc import Sequence

from domain import csv_upload
from domain.csv_upload import CsvLayout
from domain.delivery import repository
from domain.delivery.schemas import NotificationWrite, StoredNotifications
from domain.messaging import transaction
from ml.delivery.policy import first_class

INSERT_CHUNK = 10_000
# The generated sample (`data/delivery/sample/notifications.csv`) carries ids, not stored as given.
CSV_LAYOUT = CsvLayout(
    NotificationWrite,
    required=frozenset(
        {"channel", "provider", "recipient_country", "template_type", "payload_size"}
    ),
    optional=frozenset({"business_priority", "send_time"}),
    ignored=frozenset({"notification_id"}),
)


async def store_notifications(
    rows: Sequence[NotificationWrite], *, schedule: bool
) -> StoredNotifications:
    """Store every row in one transaction (and, if asked, schedule each first attempt)."""
    ids: list[int] = []
    async with transaction() as connection:
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = [
                row.model_dump() | {"priority_class": first_class(row.business_priority)}
                for row in rows[start : start + INSERT_CHUNK]
            ]
            ids += await repository.insert_notifications(connection, chunk, scheduled=schedule)
    return StoredNotifications(created=len(ids), first_id=min(ids), last_id=max(ids))


def parse_csv(data: bytes) -> list[NotificationWrite]:
    """Every row of a CSV upload of notifications, validated; 422 naming each bad line and field."""
    return csv_upload.parse_csv(data, CSV_LAYOUT)
