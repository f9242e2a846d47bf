"""Extensions for `st run` over the live document (`tests/api/test_openapi_schemathesis.py`).

Every built-in check runs (`--checks all`). One is tightened, not dropped: a schema-valid request
may be refused (422) only for a rule that no JSON Schema can hold, and the problem then says so in
its own words. Such rules are: a referenced record that does not exist, fields that must agree
(`end` after `start`, clicks at most impressions, a provider that sends on the channel), ranges
that depend on another field (a blood oxygen reading in percent), times relative to now (not in
the future), an opaque `cursor` the API did not return, a webhook host that does not resolve to
a public address, an LLM provider not configured here. `schemathesis.toml` lets 422 through the
built-in positive data check, and `business_rules_only` below fails any 422 whose errors are ones
the document should have prevented: a type, a format, a bound, a required or unknown field.
"""

from typing import Any

import schemathesis
from schemathesis import Case, CheckContext, Response

# Pydantic's own messages: each means the document let through a value the API's model refuses.
SCHEMA_LEVEL_MESSAGES = (
    "Input should",
    "Field required",
    "Extra inputs are not permitted",
    "String should",
    "List should",
    "Dictionary should",
    "Tuple should",
    "Set should",
    "Value should",
    "URL input should",
    "must be an ISO 8601",
)


class SchemaValidRequestRefused(AssertionError):
    """A schema-valid request refused for a reason the document could and should state."""


@schemathesis.check
def business_rules_only(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    errors: list[dict[str, Any]] = (response.json() or {}).get("errors") or []
    schema_level = [
        e for e in errors if str(e.get("message", "")).startswith(SCHEMA_LEVEL_MESSAGES)
    ]
    if schema_level:
        listed = "; ".join(f"{e['field']}: {e['message']}" for e in schema_level)
        raise SchemaValidRequestRefused(
            f"Valid data was refused for what the document should say: {listed}"
        )
    return None
