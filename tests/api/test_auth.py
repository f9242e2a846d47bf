"""API keys guard every endpoint; the probes (and the API docs, and the dashboard's files) answer
anyone."""

import uuid
from datetime import UTC, datetime

import httpx
import pytest
from fastapi.routing import APIRoute

from api.main import app
from domain.auth.models import ApiKey
from domain.auth.service import hash_key
from domain.jobs.models import Job

SOME_JOB = f"/jobs/{uuid.uuid4()}"
JOBS_ENDPOINTS = [
    ("POST", "/jobs"),
    ("GET", "/jobs"),
    ("GET", SOME_JOB),
    ("POST", f"{SOME_JOB}/cancel"),
    ("GET", f"{SOME_JOB}/webhook-deliveries"),
]
SUBMISSION = {"kind": "system.echo", "params": {}}


async def call(
    client: httpx.AsyncClient, method: str, path: str, headers: dict[str, str] | None = None
) -> httpx.Response:
    body = SUBMISSION if method == "POST" and path == "/jobs" else None
    return await client.request(method, path, json=body, headers=headers)


def assert_unauthorized(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["type"], problem["status"]) == ("/problems/unauthorized", 401)
    assert problem["title"]
    assert problem["detail"]


@pytest.mark.parametrize(("method", "path"), JOBS_ENDPOINTS)
async def test_jobs_endpoints_without_a_key_are_401(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    assert_unauthorized(await call(client, method, path))


# The dashboard's files load without a key: the page they make is what asks for one.
DASHBOARD_FILES = {"/dashboard", "/dashboard/", "/dashboard/{relative:path}"}
OPEN_PATHS = {"/healthz", "/readyz", *DASHBOARD_FILES}
LLM_IDS = {
    "extraction_id": uuid.uuid4(),
    "batch_id": uuid.uuid4(),
    "comparison_id": uuid.uuid4(),
    "name": "meal_log",
}
EVERY_GUARDED_ENDPOINT = sorted(
    (method, route.path_format)
    for route in app.routes
    if isinstance(route, APIRoute) and route.path not in OPEN_PATHS
    for method in route.methods
)


@pytest.mark.parametrize(("method", "path"), EVERY_GUARDED_ENDPOINT)
async def test_every_endpoint_but_the_probes_is_401_without_a_key(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    concrete = path.format(
        job_id=uuid.uuid4(), record_id=1, user_id=1, day="2026-01-01", version=1, **LLM_IDS
    )

    assert_unauthorized(await client.request(method, concrete))


@pytest.mark.parametrize(("method", "path"), JOBS_ENDPOINTS)
async def test_jobs_endpoints_with_a_wrong_key_are_401(
    client: httpx.AsyncClient, api_key: str, method: str, path: str
) -> None:
    wrong = {"Authorization": f"Bearer {api_key}x"}

    assert_unauthorized(await call(client, method, path, wrong))


@pytest.mark.parametrize(
    "authorization",
    ["", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "pt_no-scheme"],
    ids=["empty", "scheme-only", "scheme-and-space", "basic-auth", "no-scheme"],
)
async def test_malformed_authorization_headers_are_401(
    client: httpx.AsyncClient, authorization: str
) -> None:
    response = await client.get("/jobs", headers={"Authorization": authorization})

    assert_unauthorized(response)


async def test_a_revoked_key_is_401(client: httpx.AsyncClient, api_key: str) -> None:
    await ApiKey.filter(key_hash=hash_key(api_key)).update(revoked_at=datetime.now(UTC))

    assert_unauthorized(await client.get("/jobs", headers={"Authorization": f"Bearer {api_key}"}))


async def test_an_unauthenticated_submission_stores_nothing(client: httpx.AsyncClient) -> None:
    assert_unauthorized(await client.post("/jobs", json=SUBMISSION))

    assert await Job.all().count() == 0


async def test_a_valid_key_opens_the_jobs_endpoints(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/jobs", headers=auth)

    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None}


async def test_liveness_needs_no_key(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_needs_no_key_and_reports_database_and_broker(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "broker": "ok"}
