"""Storing search clicks in bulk: a JSON batch or a CSV file, all rows or none."""

import csv
import io
from collections.abc import Iterator, Sequence

from pydantic import ValidationError

from domain.errors import DomainError, FieldError, InvalidInput, field_errors
from domain.messaging import transaction
from domain.search import repository
from domain.search.schemas import MAX_BULK_ROWS, SearchClickWrite

MAX_CSV_ROWS = 200_000
MAX_CSV_BYTES = 32 * 1024 * 1024
MAX_REPORTED_ERRORS = 50
REQUIRED_COLUMNS = {"search_query", "clicks", "impressions"}
# Columns of seed 002's table that the database fills in itself: accepted, and ignored.
IGNORED_COLUMNS = {"search_id", "click_through_rate"}
KNOWN_COLUMNS = REQUIRED_COLUMNS | IGNORED_COLUMNS | {"search_date"}


class UploadTooLarge(DomainError):
    status = 413
    code = "upload_too_large"
    title = "The upload is too large"


def missing_file() -> InvalidInput:
    return InvalidInput(
        "a multipart upload needs the CSV in a part named 'file'",
        errors=[FieldError("file", "missing")],
    )


def _chunks(rows: list[SearchClickWrite], size: int) -> Iterator[list[SearchClickWrite]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


async def store_clicks(rows: list[SearchClickWrite]) -> int:
    """Store every row in one transaction; return how many."""
    async with transaction() as connection:
        for chunk in _chunks(rows, MAX_BULK_ROWS):
            await repository.insert_clicks([row.model_dump() for row in chunk], connection)
    return len(rows)


def _check_header(columns: Sequence[str] | None) -> None:
    columns = [column.strip() for column in columns or []]
    missing = sorted(REQUIRED_COLUMNS - set(columns))
    unknown = sorted(set(columns) - KNOWN_COLUMNS)
    errors = [FieldError("header", f"missing column {name!r}") for name in missing]
    errors += [FieldError("header", f"unknown column {name!r}") for name in unknown]
    if errors:
        expected = ", ".join(sorted(KNOWN_COLUMNS))
        raise InvalidInput(f"the CSV header must name its columns ({expected})", errors=errors)


def _row(values: dict[str, str | None]) -> dict[str, str]:
    """The columns to validate: blanks left out (so defaults apply), ignored columns dropped."""
    return {
        name.strip(): value.strip()
        for name, value in values.items()
        if name is not None and name.strip() not in IGNORED_COLUMNS and value and value.strip()
    }


def parse_csv(data: bytes) -> list[SearchClickWrite]:
    """Every row of a CSV upload, validated; 422 naming each bad line and field."""
    if len(data) > MAX_CSV_BYTES:
        raise UploadTooLarge(f"a CSV upload holds at most {MAX_CSV_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        not_text = FieldError("body", "not UTF-8")
        raise InvalidInput("the CSV is not UTF-8 text", errors=[not_text]) from None
    try:
        return _parse_rows(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        not_csv = FieldError("body", f"not CSV: {error}")
        raise InvalidInput("the CSV could not be read", errors=[not_csv]) from None


def _parse_rows(reader: "csv.DictReader[str]") -> list[SearchClickWrite]:
    _check_header(reader.fieldnames)
    rows: list[SearchClickWrite] = []
    errors: list[FieldError] = []
    for line, values in enumerate(reader, start=2):
        if len(rows) + len(errors) >= MAX_CSV_ROWS:
            raise UploadTooLarge(f"a CSV upload holds at most {MAX_CSV_ROWS:,} rows")
        if None in values:  # DictReader files surplus values under the key None
            errors.append(FieldError(f"line {line}", "more values than columns"))
            continue
        if None in values.values():  # ... and gives None for columns a short line lacks
            errors.append(FieldError(f"line {line}", "fewer values than columns"))
            continue
        try:
            rows.append(SearchClickWrite.model_validate(_row(values)))
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
