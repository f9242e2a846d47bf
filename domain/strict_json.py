"""Validation of JSON as an OpenAPI document reads it: `true` is not a number, `"5"` not an
integer, `0` not a date-time. Pydantic's strict JSON mode does that (a date, a UUID or an enum
still comes as a string), except that it refuses `3.0` for an integer, which JSON Schema and lax
pydantic both accept; those errors are dropped here."""

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails


def strict_json_errors(validate_json: Callable[..., Any], raw: str | bytes) -> list[ErrorDetails]:
    """What `validate_json(raw, strict=True)` refuses that the JSON Schema would refuse too."""
    try:
        validate_json(raw, strict=True)
    except ValidationError as error:
        return [item for item in error.errors(include_url=False) if not _integral(item)]
    return []


def _integral(error: ErrorDetails) -> bool:
    value = error.get("input")
    return error["type"] == "int_type" and isinstance(value, float) and value.is_integer()
