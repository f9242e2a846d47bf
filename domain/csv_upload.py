"""CSV uploads, read the same way for every collection: UTF-8, a header naming known columns,
each row validated by the collection's write schema, all rows or none (a 422 naming each bad
line and field, a 413 past the limits)."""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from domain.errors import DomainError, FieldError, InvalidInput, field_errors

MAX_CSV_BYTES = 32 * 1024 * 1024
MAX_REPORTED_ERRORS = 50

Row = TypeVar("Row", bound=BaseModel)


class UploadTooLarge(DomainError):
    status = 413
    code = "upload_too_large"
    title = "The upload is too large"


def missing_file() -> InvalidInput:
    return InvalidInput(
        "a multipart upload needs the CSV in a part named 'file'",
        errors=[FieldError("file", "missing")],
    )


@dataclass(frozen=True)
class CsvLayout(Generic[Row]):
    """A collection's CSV: its write schema, the columns it must and may have, and the columns
    accepted but not stored (the database fills them in, or a sample carries them)."""

    schema: type[Row]
    required: frozenset[str]
    optional: frozenset[str] = frozenset()
    ignored: frozenset[str] = frozenset()
    max_rows: int = 200_000

    @property
    def known(self) -> frozenset[str]:
        return self.required | self.optional | self.ignored


def parse_csv(data: bytes, layout: CsvLayout[Row]) -> list[Row]:
    """Every row of a CSV upload, validated; 422 naming each bad line and field."""
    if len(data) > MAX_CSV_BYTES:
        raise UploadTooLarge(f"a CSV upload holds at most {MAX_CSV_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        not_text = FieldError("body", "not UTF-8")
        raise InvalidInput("the CSV is not UTF-8 text", errors=[not_text]) from None
    try:
        return _parse_rows(csv.DictReader(io.StringIO(text, newline="")), layout)
    except csv.Error as error:
        not_csv = FieldError("body", f"not CSV: {error}")
        raise InvalidInput("the CSV could not be read", errors=[not_csv]) from None


def _check_header(columns: Sequence[str] | None, layout: CsvLayout[Row]) -> None:
    names = {column.strip() for column in columns or []}
    errors = [
        FieldError("header", f"missing column {n!r}") for n in sorted(layout.required - names)
    ]
    errors += [FieldError("header", f"unknown column {n!r}") for n in sorted(names - layout.known)]
    if errors:
        expected = ", ".join(sorted(layout.known))
        raise InvalidInput(f"the CSV header must name its columns ({expected})", errors=errors)


def _row(values: dict[str, str], ignored: frozenset[str]) -> dict[str, str]:
    """The columns to validate: blanks left out (so defaults apply), ignored columns dropped."""
    return {
        name.strip(): value.strip()
        for name, value in values.items()
        if name.strip() not in ignored and value.strip()
    }


def _parse_rows(reader: "csv.DictReader[str]", layout: CsvLayout[Row]) -> list[Row]:
    _check_header(reader.fieldnames, layout)
    rows: list[Row] = []
    errors: list[FieldError] = []
    for line, values in enumerate(reader, start=2):
        if len(rows) + len(errors) >= layout.max_rows:
            raise UploadTooLarge(f"a CSV upload holds at most {layout.max_rows:,} rows")
        if None in values:  # DictReader files surplus values under the key None
            errors.append(FieldError(f"line {line}", "more values than columns"))
            continue
        if None in values.values():  # ... and gives None for columns a short line lacks
            errors.append(FieldError(f"line {line}", "fewer values than columns"))
            continue
        try:
            rows.append(layout.schema.model_validate(_row(values, layout.ignored)))
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
