"""Storing notifications in bulk: a JSON batch or a CSV file, all rows or none (the semantics of
every other collection: a 422 naming each bad line and field, a 413 past the limits)."""

import csv
import io
from collections.abc import Sequence

from pydantic import ValidationError

from domain.delivery import repository
from domain.delivery.schemas import NotificationWrite, StoredNotifications
from domain.errors import FieldError, InvalidInput, field_errors
from domain.messaging import transaction
from domain.search.loading import MAX_CSV_BYTES, MAX_REPORTED_ERRORS, UploadTooLarge
from ml.delivery.policy import first_class

MAX_CSV_ROWS = 200_000
INSERT_CHUNK = 10_000
REQUIRED_COLUMNS = {"channel", "provider", "recipient_country", "template_type", "payload_size"}
# Columns of the generated sample (`data/delivery/sample/notifications.csv`) not stored as given.
IGNORED_COLUMNS = {"notification_id"}
KNOWN_COLUMNS = REQUIRED_COLUMNS | IGNORED_COLUMNS | {"business_priority", "send_time"}


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


def _check_header(columns: Sequence[str] | None) -> None:
    names = [column.strip() for column in columns or []]
    errors = [
        FieldError("header", f"missing column {n!r}") for n in sorted(REQUIRED_COLUMNS - set(names))
    ]
    errors += [
        FieldError("header", f"unknown column {n!r}") for n in sorted(set(names) - KNOWN_COLUMNS)
    ]
    if errors:
        expected = ", ".join(sorted(KNOWN_COLUMNS))
        raise InvalidInput(f"the CSV header must name its columns ({expected})", errors=errors)


def parse_csv(data: bytes) -> list[NotificationWrite]:
    """Every row of a CSV upload, validated; 422 naming each bad line and field."""
    if len(data) > MAX_CSV_BYTES:
        raise UploadTooLarge(f"a CSV upload holds at most {MAX_CSV_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            "the CSV is not UTF-8 text", errors=[FieldError("body", "not UTF-8")]
        ) from None
    try:
        return _parse_rows(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        not_csv = FieldError("body", f"not CSV: {error}")
        raise InvalidInput("the CSV could not be read", errors=[not_csv]) from None


def _parse_rows(reader: "csv.DictReader[str]") -> list[NotificationWrite]:
    _check_header(reader.fieldnames)
    rows: list[NotificationWrite] = []
    errors: list[FieldError] = []
    for line, values in enumerate(reader, start=2):
        if len(rows) + len(errors) >= MAX_CSV_ROWS:
            raise UploadTooLarge(f"a CSV upload holds at most {MAX_CSV_ROWS:,} rows")
        if None in values or None in values.values():
            errors.append(FieldError(f"line {line}", "not as many values as columns"))
            continue
        given = {
            name.strip(): value.strip()
            for name, value in values.items()
            if name.strip() not in IGNORED_COLUMNS and value.strip()
        }
        try:
            rows.append(NotificationWrite.model_validate(given))
        except ValidationError as error:
            errors += field_errors(error.errors(), prefix=f"line {line}")
    if errors:
        raise InvalidInput(
            f"{len(errors)} problems in the CSV; nothing was stored",
            errors=errors[:MAX_REPORTED_ERRORS],
        )
    if not rows:
        raise InvalidInput("the CSV has no rows", errors=[FieldError("body", "no rows")])
    return rows
