"""Health score endpoints in process (no worker: submitted jobs stay queued)."""

from datetime import UTC, datetime

import httpx
import pytest

from api.main import app
from domain.health.models import HealthScoreRun
from domain.operations.retention import purge_finished_jobs
from tests.api.test_jobs import assert_problem, error_fields
from tests.domain.operations.test_retention import business_rows_of, job, keeping
from tests.factories import create_user


async def test_scoring_a_user_submits_a_job_on_the_ml_queue(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)

    accepted = await client.post(f"/users/{user['id']}/health-score", headers=auth)

    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["kind"] == "health.score_user"
    assert accepted.json()["params"]["user_id"] == user["id"]
    assert accepted.headers["location"] == f"/jobs/{accepted.json()['id']}"


async def test_scoring_or_reading_a_user_who_does_not_exist_is_a_404(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    scored = await client.post("/users/999999/health-score", headers=auth)
    read = await client.get("/users/999999/health-score", headers=auth)

    assert "no user with id 999999" in assert_problem(scored, 404, "user_not_found")["detail"]
    assert_problem(read, 404, "user_not_found")


async def test_a_user_never_scored_gets_a_404_that_says_how_to_get_a_score(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)

    response = await client.get(f"/users/{user['id']}/health-score", headers=auth)
    legacy = await client.get(f"/get_health_score?user_id={user['id']}", headers=auth)

    problem = assert_problem(response, 404, "health_score_not_found")
    assert f"POST /users/{user['id']}/health-score" in problem["detail"]
    assert legacy.json() == problem


async def test_the_population_unscored_is_a_404_and_recompute_submits_one_job(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    missing = await client.get("/health-scores", headers=auth)
    accepted = await client.post(
        "/health-scores/recompute", json={"as_of": "2026-03-01"}, headers=auth
    )

    assert_problem(missing, 404, "health_scores_not_found")
    assert accepted.status_code == 202
    assert (accepted.json()["kind"], accepted.json()["params"]) == (
        "health.score_population",
        {"as_of": "2026-03-01"},
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [({"as_of": "2999-01-01"}, "as_of"), ({"asof": "2026-01-01"}, "asof")],
)
async def test_bad_job_options_are_refused_naming_the_field(
    client: httpx.AsyncClient, auth: dict[str, str], body: dict[str, str], field: str
) -> None:
    response = await client.post("/health-scores/recompute", json=body, headers=auth)

    assert field in error_fields(assert_problem(response, 422, "invalid_input"))


@pytest.mark.parametrize("query", ["user_id=0", "user_id=x", "", "user_id=1&computed_before=no"])
async def test_the_legacy_endpoint_validates_its_query(
    client: httpx.AsyncClient, auth: dict[str, str], query: str
) -> None:
    response = await client.get(f"/get_health_score?{query}", headers=auth)

    assert_problem(response, 422, "invalid_input")


def test_the_seed_001_name_is_marked_deprecated_in_openapi() -> None:
    operation = app.openapi()["paths"]["/get_health_score"]["get"]

    assert operation["deprecated"] is True
    assert "/users/{user_id}/health-score" in operation["description"]


async def test_the_population_scores_outlive_their_job_once_retention_removed_it(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    old = await job(finished_days_ago=40, kind="health.score_population")
    await business_rows_of(old)
    await HealthScoreRun.filter(job_id=old.id).update(completed_at=datetime.now(UTC))

    await purge_finished_jobs(settings=keeping(30))
    scores = await client.get("/health-scores", headers=auth)

    assert scores.status_code == 200, scores.text
    assert scores.json()["job_id"] is None
