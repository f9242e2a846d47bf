"""A kind declared only in a test module runs end to end, and its rows are stored exactly once
even when the worker dies around the commit and the message is delivered again."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tortoise import connections

from tests.harness import ManagedProcess, poll_until_finished, start_api, start_worker, wait_for

TALLY_MODULES = '["tests.e2e.tally_kind"]'
ROWS = 5


@pytest.fixture(scope="module")
def tally_env(process_env: dict[str, str]) -> dict[str, str]:
    return process_env | {"PULSETRACK_JOB_MODULES": TALLY_MODULES}


@pytest.fixture(scope="module")
def tally_worker(tally_env: dict[str, str], log_dir: Path) -> Iterator[ManagedProcess]:
    worker = start_worker(tally_env, log_dir, name="tally-worker")
    yield worker
    worker.stop()


@pytest.fixture(scope="module")
def tally_api(tally_env: dict[str, str], log_dir: Path) -> Iterator[str]:
    api, base_url = start_api(tally_env, log_dir)
    yield base_url
    api.stop()


@pytest.fixture
def tally_client(
    tally_api: str, live_api_key: str, tally_worker: ManagedProcess
) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {live_api_key}"}
    with httpx.Client(base_url=tally_api, headers=headers, timeout=30) as http:
        yield http


@pytest.fixture
def user_id(tally_client: httpx.Client, orm: None) -> int:
    created = tally_client.post("/users", json={"name": "Tally", "email": "tally@example.com"})
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def run_tally(client: httpx.Client, **params: object) -> dict:
    accepted = client.post("/jobs", json={"kind": "testing.tally", "params": params})
    assert accepted.status_code == 202, accepted.text
    return poll_until_finished(client, accepted.json()["id"], timeout=60)


def kills(worker: ManagedProcess) -> int:
    """Pool processes that died by SIGKILL so far, as the worker logged them."""
    return worker.log().count("exited with 'signal 9 (SIGKILL)'")


async def reports_of(job_id: str) -> int:
    rows = await connections.get("default").execute_query_dict(
        "SELECT count(*) AS n FROM reports WHERE job_id = $1", [job_id]
    )
    return int(rows[0]["n"])


async def test_the_kind_runs_end_to_end_with_its_rows(
    tally_client: httpx.Client, user_id: int
) -> None:
    job = run_tally(tally_client, user_id=user_id, rows=ROWS)

    assert (job["status"], job["result"], job["attempts"]) == ("succeeded", {"rows": ROWS}, 1)
    assert await reports_of(job["id"]) == ROWS


async def test_rows_written_before_the_worker_dies_uncommitted_are_stored_once(
    tally_client: httpx.Client, user_id: int, tally_worker: ManagedProcess
) -> None:
    killed_before = kills(tally_worker)

    job = run_tally(tally_client, user_id=user_id, rows=ROWS, crash="before_commit")

    assert (job["status"], job["attempts"]) == ("succeeded", 2)
    assert kills(tally_worker) == killed_before + 1
    assert await reports_of(job["id"]) == ROWS


async def test_rows_committed_before_the_worker_dies_unacked_are_not_stored_again(
    tally_client: httpx.Client, user_id: int, tally_worker: ManagedProcess
) -> None:
    killed_before = kills(tally_worker)

    job = run_tally(tally_client, user_id=user_id, rows=ROWS, crash="after_commit")

    assert (job["status"], job["attempts"]) == ("succeeded", 1)
    wait_for(lambda: kills(tally_worker) == killed_before + 1)
    # The redelivered message found the job finished and ran nothing.
    tally_worker.wait_for_log(f"job={job['id']} message", timeout=30)
    assert "is stale or the job has finished; dropped" in tally_worker.log()
    assert await reports_of(job["id"]) == ROWS


@pytest.mark.parametrize("crash", ["before_commit", "after_commit"])
async def test_each_part_stores_its_rows_once_when_the_worker_dies_around_the_commit(
    tally_client: httpx.Client, user_id: int, crash: str, tally_worker: ManagedProcess
) -> None:
    killed_before = kills(tally_worker)

    job = run_tally(tally_client, user_id=user_id, rows=ROWS, parts=4, crash=crash)

    wait_for(lambda: kills(tally_worker) == killed_before + 1)
    assert job["status"] == "succeeded", job
    assert job["result"] == {"rows": 4 * ROWS}
    assert job["parts"] == {"total": 4, "done": 4, "failed": 0}
    assert await reports_of(job["id"]) == 4 * ROWS
    parts = tally_client.get(f"/jobs/{job['id']}/parts").json()["items"]
    assert [part["attempts"] for part in parts] == [2 if crash == "before_commit" else 1, 1, 1, 1]
