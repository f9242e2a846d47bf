"""Submitting the jobs a schedule asks for: idempotent per run, however often beat fires."""

import logging
from datetime import date

from domain.jobs.catalog import job_schedules
from domain.jobs.schemas import JobSubmission
from domain.jobs.service import submit_job
from pulsetrack.settings import Settings

logger = logging.getLogger(__name__)


def schedule_key(schedule_name: str, run_key: str) -> str:
    """The idempotency key of one scheduled run; keys of scheduled jobs have no API key."""
    return f"schedule:{schedule_name}:{run_key}"


async def run_schedule(*, name: str, today: date, settings: Settings) -> int:
    """Submit every job the schedule `name` wants today; return how many were new."""
    schedule = job_schedules()[name]
    created = 0
    for run in schedule.runs(today, settings):
        submitted = await submit_job(
            submission=JobSubmission(kind=schedule.kind.name, params=run.params),
            api_key_id=None,
            idempotency_key=schedule_key(name, run.key),
            settings=settings,
        )
        created += submitted.created
    logger.info("schedule %s submitted %d new jobs", name, created)
    return created
