"""A worker never silently drops a job: a message for a kind it does not know ends the job
`failed` with a clear code, and a worker whose kinds cannot be loaded refuses to start."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.harness import PULSETRACK, ManagedProcess, poll_until_finished, start_api, wait_for


@pytest.fixture(scope="module")
def api_that_knows_more_kinds(process_env: dict[str, str], log_dir: Path) -> Iterator[str]:
    """An API deployed with a job module that the running workers do not have."""
    env = process_env | {"PULSETRACK_JOB_MODULES": '["tests.e2e.tally_kind"]'}
    api, base_url = start_api(env, log_dir)
    yield base_url
    api.stop()


def test_a_job_whose_kind_the_worker_lacks_fails_with_a_clear_code(
    api_that_knows_more_kinds: str, live_api_key: str, worker: ManagedProcess, orm: None
) -> None:
    headers = {"Authorization": f"Bearer {live_api_key}"}
    with httpx.Client(base_url=api_that_knows_more_kinds, headers=headers) as client:
        accepted = client.post("/jobs", json={"kind": "testing.tally", "params": {"user_id": 1}})
        assert accepted.status_code == 202, accepted.text

        job = poll_until_finished(client, accepted.json()["id"])

    assert job["status"] == "failed"
    assert job["error"]["code"] == "unknown_job_kind"
    assert "does not know 'testing.tally'" in job["error"]["message"]
    worker.wait_for_log(f"no task 'testing.tally' on this worker: its job {job['id']} ended failed")


def test_a_worker_whose_job_module_cannot_be_imported_refuses_to_start(
    process_env: dict[str, str], tmp_path: Path
) -> None:
    env = process_env | {"PULSETRACK_JOB_MODULES": '["tests.e2e.no_such_kinds"]'}
    worker = ManagedProcess("broken-worker", [*PULSETRACK, "worker"], env, tmp_path / "w.log")

    worker.start()

    assert worker.process is not None
    wait_for(lambda: worker.process is not None and worker.process.poll() is not None, timeout=30)
    assert worker.process.returncode != 0
    assert "No module named 'tests.e2e.no_such_kinds'" in worker.log()
    assert " ready." not in worker.log()
