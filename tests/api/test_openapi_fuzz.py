"""Schemathesis fuzzes every operation of the OpenAPI schema on a live server: never a 5xx.

Valid and invalid requests alike (examples, boundary values, random data, malformed input); a
server error, from any of them, fails the test with a curl command that reproduces it. Before each
operation's run, two users with a record of every kind are stored, and about half the generated ids
are pointed at them, so that updates and deletes reach real rows, not only 404s.
"""

import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from tortoise import connections
from tortoise.models import Model

from api.entities import USER_OWNED
from api.main import app
from domain.resources import Resource, create_record, validate_write
from domain.users.resources import USERS
from tests import factories

MAX_EXAMPLES = 20  # per operation, of which there are about 80
CONTRACT_EXAMPLES = int(os.environ.get("PULSETRACK_CONTRACT_EXAMPLES", "5"))
CONTRACT_CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_dict(app.openapi())

SEED_FIELDS: dict[str, Callable[..., factories.Body]] = {
    "health-metrics": factories.health_metric_fields,
    "physical-activities": factories.physical_activity_fields,
    "sleep-sessions": factories.sleep_session_fields,
    "blood-tests": factories.blood_test_fields,
    "meals": factories.meal_fields,
    "appointments": factories.appointment_fields,
    "reports": factories.report_fields,
    "orders": factories.order_fields,
}
# Collection path -> ids of the records made for the operation being fuzzed.
seeded: dict[str, list[int]] = {}


def _existing(collection: str, value: object) -> object:
    ids = seeded.get(collection)
    if not ids or not isinstance(value, int) or isinstance(value, bool):
        return value
    return ids[value % len(ids)]


@schema.hook
def before_generate_path_parameters(
    context: schemathesis.HookContext, strategy: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    assert context.operation is not None
    # "/meals/{record_id}" names a meal; "/users/{user_id}/meals" names a user.
    collection = context.operation.path.split("/")[1]

    def point_at_seeded(parameters: Any) -> Any:
        if not isinstance(parameters, dict):
            return parameters
        return {name: _existing(collection, value) for name, value in parameters.items()}

    return st.one_of(strategy, strategy.map(point_at_seeded))


@schema.hook
def before_generate_body(
    context: schemathesis.HookContext, strategy: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    def point_at_seeded_user(body: Any) -> Any:
        if not isinstance(body, dict) or "user_id" not in body:
            return body
        return body | {"user_id": _existing("users", body["user_id"])}

    return st.one_of(strategy, strategy.map(point_at_seeded_user))


@pytest.fixture(scope="module")
def auth_header(live_api_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {live_api_key}"}


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    """One keep-alive connection for thousands of requests."""
    with requests.Session() as http:
        yield http


@pytest.fixture
async def seed(orm: None) -> AsyncIterator[None]:
    """Two users with a record in every collection; only the first has orders, so the second can
    be deleted. Made through the domain service, which is much quicker than HTTP."""
    users = [await _store(USERS, factories.user_fields()) for _ in range(2)]
    seeded.clear()
    seeded["users"] = [user.pk for user in users]
    for resource, path, *_ in USER_OWNED:
        owners = users[:1] if path == "orders" else users
        fields = SEED_FIELDS[path]
        seeded[path] = [(await _store(resource, fields(user_id=user.pk))).pk for user in owners]
    yield
    seeded.clear()


async def _store(resource: Resource, body: factories.Body) -> Model:
    return await create_record(resource, validate_write(resource, body))


@pytest.fixture(scope="module", autouse=True)
async def forget_fuzzed_jobs(orm: None) -> AsyncIterator[None]:
    """Jobs the fuzzer submits stay queued (no worker runs here); later tests must not run them."""
    yield
    # A worker only runs a job whose row is queued: without the rows, their messages are no-ops.
    await connections.get("default").execute_script(
        "TRUNCATE jobs, webhook_events, webhook_attempts RESTART IDENTITY CASCADE"
    )


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_gets_a_server_error(
    case: schemathesis.Case,
    live_api: str,
    auth_header: dict[str, str],
    session: requests.Session,
    seed: None,
) -> None:
    case.call_and_validate(
        base_url=live_api, session=session, headers=auth_header, checks=[not_a_server_error]
    )


@schema.parametrize()
@settings(
    max_examples=CONTRACT_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_response_is_what_the_document_says(
    case: schemathesis.Case,
    live_api: str,
    auth_header: dict[str, str],
    session: requests.Session,
    seed: None,
) -> None:
    """Every answer, errors included, has a status code, content type and body the document
    declares for its operation (schemathesis ST103, ST105 and the response schema check)."""
    case.call_and_validate(
        base_url=live_api, session=session, headers=auth_header, checks=CONTRACT_CHECKS
    )
