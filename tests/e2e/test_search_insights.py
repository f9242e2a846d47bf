"""Search insights through real processes: mock logs from `pulsetrack seed-search`, a day and a
backfill run by a worker, and beat submitting the nightly run by itself."""

import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from tests.harness import PULSETRACK, ManagedProcess, poll_until_finished, start_beat, wait_for

DAYS = 5
YESTERDAY = date.today() - timedelta(days=1)
FIRST_DAY = date.today() - timedelta(days=DAYS)


@pytest.fixture
def search_logs(process_env: dict[str, str], orm: None) -> str:
    """Five days of mock logs ending yesterday, written the way an operator writes them."""
    command = [*PULSETRACK, "seed-search", "--days", str(DAYS), "--queries", "400", "--seed", "3"]
    done = subprocess.run(command, env=process_env, check=True, capture_output=True, text=True)
    return done.stdout


def run_job(client: httpx.Client, path: str, body: dict | None = None) -> dict:
    accepted = client.post(path, json=body)
    assert accepted.status_code == 202, accepted.text
    return poll_until_finished(client, accepted.json()["id"], timeout=60)


def test_a_day_is_computed_by_a_worker_and_recomputing_it_changes_nothing(
    search_logs: str, worker: ManagedProcess, live_client: httpx.Client
) -> None:
    first = run_job(live_client, f"/search-insights/{YESTERDAY}/run")
    stored = live_client.get(f"/search-insights/{YESTERDAY}").json()
    second = run_job(live_client, f"/search-insights/{YESTERDAY}/run")
    again = live_client.get(f"/search-insights/{YESTERDAY}").json()

    assert "search_clicks rows" in search_logs
    assert (first["status"], second["status"]) == ("succeeded", "succeeded")
    assert first["result"]["queries"] == stored["queries"] > 300
    assert first["result"]["average_ctr"] == stored["average_ctr"]
    assert len(stored["top_queries"]) == 5
    assert stored["low_performance_queries"]
    assert stored["job_id"] == first["id"]
    assert again["job_id"] == second["id"]
    unchanged = ("average_ctr", "mean_query_ctr", "top_queries", "low_performance_queries")
    assert {key: again[key] for key in unchanged} == {key: stored[key] for key in unchanged}
    period = live_client.get(f"/search-insights?from={YESTERDAY}&to={YESTERDAY}").json()
    assert len(period["items"]) == 1


def test_a_backfill_computes_each_day_as_a_part(
    search_logs: str, worker: ManagedProcess, live_client: httpx.Client
) -> None:
    body = {"first_day": FIRST_DAY.isoformat(), "last_day": YESTERDAY.isoformat()}

    job = run_job(live_client, "/search-insights/backfill", body)

    assert job["status"] == "succeeded", job
    assert job["parts"] == {"total": DAYS, "done": DAYS, "failed": 0}
    assert job["result"] == {**body, "days": DAYS, "days_with_data": DAYS}
    listed = live_client.get(f"/search-insights?from={FIRST_DAY}&to={YESTERDAY}").json()["items"]
    assert [item["insight_date"] for item in listed] == [
        (FIRST_DAY + timedelta(days=n)).isoformat() for n in range(DAYS)
    ]


@pytest.fixture
def every_minute_beat(process_env: dict[str, str], tmp_path: Path) -> Iterator[ManagedProcess]:
    """Beat with the nightly run moved to every minute (the worker decides which days: the
    default three before today)."""
    beat = start_beat(process_env | {"PULSETRACK_SEARCH_INSIGHTS_CRON": "* * * * *"}, tmp_path)
    yield beat
    beat.stop()


def test_beat_submits_the_nightly_insights_itself(
    search_logs: str,
    worker: ManagedProcess,
    every_minute_beat: ManagedProcess,
    live_client: httpx.Client,
) -> None:
    recent = [YESTERDAY - timedelta(days=back) for back in (2, 1, 0)]

    def recent_days_stored() -> list[dict] | None:
        period = f"/search-insights?from={recent[0]}&to={recent[-1]}"
        items = live_client.get(period).json()["items"]
        return items if len(items) == len(recent) else None

    items = wait_for(recent_days_stored, timeout=90, interval=1)

    assert isinstance(items, list)
    assert "Sending due task search.daily_insights" in every_minute_beat.log()
    jobs = live_client.get("/jobs?kind=search.compute_insights").json()["items"]
    assert sorted(job["params"]["day"] for job in jobs) == [day.isoformat() for day in recent]
    assert [item["insight_date"] for item in items] == [day.isoformat() for day in recent]
    assert all(job["status"] == "succeeded" for job in jobs)
