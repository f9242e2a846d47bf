"""Field types shared by the write schemas: what PostgreSQL can store, and plausible values."""

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl

MAX_INT = 2**31 - 1  # PostgreSQL INTEGER
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A device clock may run a little ahead; a reading further in the future is a mistake.
CLOCK_SKEW = timedelta(days=1)
NOT_BLANK = r"\S"  # a JSON Schema pattern matches anywhere in the string


def say_blank_is_empty(schema: dict[str, Any]) -> None:
    # Strings are stripped before their length is checked, so a blank one is as short as an
    # empty one; the document says so, or a client's generated code would send "   ".
    for field in schema.get("properties", {}).values():
        for variant in (field, field.get("items", {}), *field.get("anyOf", [])):
            if variant.get("type") == "string" and variant.get("minLength") == 1:
                variant.setdefault("pattern", NOT_BLANK)


class WriteSchema(BaseModel):
    """Base of every write schema: unknown fields and non-finite numbers are errors."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        str_strip_whitespace=True,
        json_schema_extra=say_blank_is_empty,
    )


def _storable_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _iso_8601(value: object) -> object:
    # The document says an ISO 8601 date or date-time; `0.5` is a client's mistake, not 1970.
    if isinstance(value, int | float) or (isinstance(value, str) and not ISO_DATE.match(value)):
        raise ValueError("must be an ISO 8601 date or date-time (e.g. 2026-11-22T08:30:00Z)")
    return value


def _utc(value: datetime) -> datetime:
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    try:
        return aware.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00+05:00 is before year 1 in UTC
        raise ValueError("must be between the years 1 and 9999 in UTC") from None


def _not_in_future(value: datetime) -> datetime:
    if value > datetime.now(UTC) + CLOCK_SKEW:
        raise ValueError("must not be in the future")
    return value


def _past_date(value: date) -> date:
    if value > date.today() + CLOCK_SKEW or value.year < 1900:
        raise ValueError("must be between 1900 and today")
    return value


Text = Annotated[str, AfterValidator(_storable_text)]
RecordId = Annotated[int, Field(ge=1, le=MAX_INT)]
# Naive times are taken as UTC; every time is converted to UTC, as PostgreSQL stores it.
Timestamp = Annotated[datetime, AfterValidator(_utc)]
PastTimestamp = Annotated[datetime, AfterValidator(_utc), AfterValidator(_not_in_future)]
PastDate = Annotated[date, AfterValidator(_past_date)]
# Query parameters are text, which lax pydantic would also read as seconds since 1970. (JSON
# bodies need no such check: their strict pass, `api/strict_json.py`, refuses a number there.)
QueryTimestamp = Annotated[datetime, BeforeValidator(_iso_8601), AfterValidator(_utc)]
QueryDate = Annotated[date, BeforeValidator(_iso_8601)]

# A job's webhook: stored normalised in 2048 characters, and `https://host` gains a `/` on the way,
# so the document promises one character less than is stored.
WebhookUrl = Annotated[HttpUrl, Field(max_length=2048, json_schema_extra={"maxLength": 2047})]
