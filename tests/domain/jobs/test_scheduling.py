"""A schedule submits each of its runs once, however often beat fires on a day."""

import asyncio
from datetime import date

from domain.jobs.models import Job
from domain.jobs.scheduling import run_schedule
from domain.messaging import collect_messages
from pulsetrack.settings import Settings

SETTINGS = Settings(search_insights_recompute_days=3)


async def fire(today: date) -> int:
    with collect_messages() as messages:
        created = await run_schedule(name="search.daily_insights", today=today, settings=SETTINGS)
    assert len(messages) == created  # one message for each job it created, none for the others
    return created


async def test_beat_firing_twice_in_a_day_submits_the_days_jobs_once(clean_database: None) -> None:
    assert await fire(date(2026, 3, 10)) == 3
    assert await fire(date(2026, 3, 10)) == 0

    days = await Job.filter(kind="search.compute_insights").values_list("params", flat=True)
    assert sorted(params["day"] for params in days) == ["2026-03-07", "2026-03-08", "2026-03-09"]
    assert not await Job.filter(kind="search.compute_insights", api_key_id__not_isnull=True)


async def test_two_beats_at_once_submit_each_job_once(clean_database: None) -> None:
    created = await asyncio.gather(*(fire(date(2026, 3, 10)) for _ in range(3)))

    assert sum(created) == 3
    assert await Job.filter(kind="search.compute_insights").count() == 3


async def test_the_next_day_recomputes_the_days_before_it(clean_database: None) -> None:
    await fire(date(2026, 3, 10))

    assert await fire(date(2026, 3, 11)) == 3
    assert await Job.filter(kind="search.compute_insights").count() == 6
