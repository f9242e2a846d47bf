"""Beat's nightly insights: declared beside the kind, in the one beat schedule, one job per day."""

from datetime import date

from celery.schedules import crontab

from domain.jobs.catalog import job_schedules
from domain.search.jobs import COMPUTE_INSIGHTS, DAILY_INSIGHTS
from pulsetrack.settings import Settings
from workers.schedule import beat_schedule


def test_the_nightly_insights_are_in_the_beat_schedule_at_the_configured_time() -> None:
    settings = Settings(search_insights_cron="15 3 * * *")

    entry = beat_schedule(settings)["search.daily_insights"]

    assert entry["task"] == "jobs.run_schedule"
    assert entry["args"] == ["search.daily_insights"]
    assert entry["schedule"] == crontab(minute="15", hour="3")
    assert entry["options"]["expires"] > 0
    assert job_schedules()["search.daily_insights"] is DAILY_INSIGHTS


def test_each_night_computes_yesterday_and_recomputes_the_days_before() -> None:
    runs = DAILY_INSIGHTS.runs(date(2026, 3, 10), Settings(search_insights_recompute_days=3))

    assert DAILY_INSIGHTS.kind is COMPUTE_INSIGHTS
    assert [run.params for run in runs] == [
        {"day": "2026-03-09"},
        {"day": "2026-03-08"},
        {"day": "2026-03-07"},
    ]
    assert len({run.key for run in runs}) == 3
    tomorrow = DAILY_INSIGHTS.runs(date(2026, 3, 11), Settings(search_insights_recompute_days=3))
    assert not {run.key for run in runs} & {run.key for run in tomorrow}
