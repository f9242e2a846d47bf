"""Every line a worker logs while running a job names the job, so one grep finds its story."""

import httpx

from tests.harness import ManagedProcess, poll_until_finished, submit_echo


def test_worker_log_lines_carry_the_id_of_the_job_they_are_about(
    worker: ManagedProcess, live_client: httpx.Client
) -> None:
    outcomes = {}
    for params in ({"message": "fine"}, {"fail": True}):
        job_id = submit_echo(live_client, **params)
        outcomes[job_id] = poll_until_finished(live_client, job_id)["status"]

    assert sorted(outcomes.values()) == ["failed", "succeeded"]
    for job_id, status in outcomes.items():
        worker.wait_for_log(f"job={job_id} job {status}", timeout=10)
