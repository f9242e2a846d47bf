"""Health scores through real processes: a population seeded by `pulsetrack seed`, scored by a
job of parts on a worker that is killed in the middle of parts, and one user scored after."""

import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from tortoise import connections

from tests.harness import (
    PULSETRACK,
    ManagedProcess,
    poll_until_finished,
    start_api,
    start_worker,
    wait_for,
)

USERS, PART_SIZE = 240, 40


@pytest.fixture
def population(process_env: dict[str, str], orm: None) -> str:
    start = (date.today() - timedelta(days=30)).isoformat()
    command = [*PULSETRACK, "seed", "--users", str(USERS), "--days", "30", "--seed", "8"]
    done = subprocess.run(
        [*command, "--start", start], env=process_env, check=True, capture_output=True, text=True
    )
    return done.stdout


@pytest.fixture
def scoring_system(
    process_env: dict[str, str], tmp_path: Path, live_api_key: str
) -> Iterator[tuple[httpx.Client, ManagedProcess]]:
    """An API and a two-process worker with small parts, loaded with the crash module."""
    env = process_env | {
        "PULSETRACK_HEALTH_SCORE_PART_SIZE": str(PART_SIZE),
        "PULSETRACK_HEALTH_SCORE_MIN_COHORT": "5",
        "PULSETRACK_JOB_MODULES": '["tests.e2e.health_part_crashes"]',
        "PULSETRACK_TEST_CRASH_DIR": str(tmp_path),
    }
    api, base_url = start_api(env, tmp_path)
    worker = start_worker(env, tmp_path, name="health-worker", concurrency=2)
    headers = {"Authorization": f"Bearer {live_api_key}"}
    try:
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
            yield client, worker
    finally:
        worker.stop()
        api.stop()


async def report_counts(job_id: str) -> tuple[int, int]:
    rows = await connections.get("default").execute_query_dict(
        "SELECT count(*) AS reports, count(DISTINCT user_id) AS users FROM reports "
        "WHERE job_id = $1 AND kind = 'health_score'",
        [job_id],
    )
    return rows[0]["reports"], rows[0]["users"]


async def test_the_population_is_scored_in_parts_once_per_user_though_the_worker_dies(
    population: str, scoring_system: tuple[httpx.Client, ManagedProcess], tmp_path: Path
) -> None:
    client, worker = scoring_system

    accepted = client.post("/health-scores/recompute")
    job = poll_until_finished(client, accepted.json()["id"], timeout=120)

    assert job["status"] == "succeeded", job
    parts = USERS // PART_SIZE
    assert job["parts"] == {"total": parts, "done": parts, "failed": 0}
    assert job["result"]["users"] == USERS
    assert (tmp_path / "before-commit").exists()
    assert (tmp_path / "after-commit").exists()
    # The worker's main process logs a lost child when it notices, maybe after the job ended.
    wait_for(lambda: worker.log().count("exited with 'signal 9 (SIGKILL)'") == 2, timeout=10)
    assert await report_counts(job["id"]) == (USERS, USERS)
    retried = [
        p for p in client.get(f"/jobs/{job['id']}/parts").json()["items"] if p["attempts"] > 1
    ]
    assert len(retried) == 1  # the part killed before its commit ran again; the other did not

    distribution = client.get("/health-scores").json()
    assert distribution["job_id"] == job["id"]
    assert distribution["users"] == USERS
    assert sum(distribution["bands"].values()) == distribution["scored"]
    assert sum(cohort["users"] for cohort in distribution["cohorts"]) == USERS


def test_one_user_is_scored_against_the_population_and_explained(
    population: str, scoring_system: tuple[httpx.Client, ManagedProcess]
) -> None:
    client, _ = scoring_system
    user_id = client.get("/users?limit=1&sort=id").json()["items"][0]["id"]

    job = poll_until_finished(client, client.post(f"/users/{user_id}/health-score").json()["id"])
    score = client.get(f"/users/{user_id}/health-score").json()
    legacy = client.get(f"/get_health_score?user_id={user_id}").json()

    assert job["status"] == "succeeded", job
    assert score == legacy
    assert score["job_id"] == job["id"]
    assert score["status"] == "scored"
    assert 0 <= score["score"] <= 100
    assert score["band"] in {"high", "moderate", "low"}
    assert score["cohort"]["compared_with"] > 0
    assert score["factors"]["raising"] or score["factors"]["lowering"]
    for component in score["components"].values():
        assert 0 <= component["score"] <= 100
        assert component["percentile"] is None or 0 <= component["percentile"] <= 100
    earlier = client.get(f"/users/{user_id}/health-score?computed_before={score['computed_at']}")
    assert earlier.status_code in (200, 404)
