"""The one beat schedule: the platform's sweeps, and every `JobSchedule` in the catalog. Each
entry expires, so a backlog never replays stale runs."""

from datetime import timedelta
from typing import Any

from celery.schedules import crontab

from domain.jobs.catalog import job_schedules
from pulsetrack.settings import Settings

# A scheduled job missed by more than this is left to the next day's run.
SCHEDULED_JOB_EXPIRES_S = 3600


def cron(expression: str) -> crontab:
    """A crontab from the five usual fields: minute hour day-of-month month day-of-week."""
    minute, hour, day_of_month, month_of_year, day_of_week = expression.split()
    return crontab(
        minute=minute,
        hour=hour,
        day_of_month=day_of_month,
        month_of_year=month_of_year,
        day_of_week=day_of_week,
    )


def _job_schedules(settings: Settings) -> dict[str, dict[str, Any]]:
    return {
        # Submits the schedule's jobs (rows and messages) for the day it runs on.
        name: {
            "task": "jobs.run_schedule",
            "schedule": cron(schedule.cron(settings)),
            "args": [name],
            "options": {"expires": SCHEDULED_JOB_EXPIRES_S},
        }
        for name, schedule in job_schedules().items()
    }


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    # The sweeps use a seconds interval, not crontab: a minute is too slow to recover a job
    # submitted while the broker was down.
    sweep_every = timedelta(seconds=settings.sweep_interval_s)
    return {
        # Re-send queued jobs and parts whose message never reached the broker or was lost.
        "jobs.republish_unpublished": {
            "task": "jobs.republish_unpublished",
            "schedule": sweep_every,
            "options": {"expires": settings.sweep_interval_s},
        },
        # Send webhook retries that are due and have no message on the way.
        "webhooks.send_due": {
            "task": "webhooks.send_due",
            "schedule": sweep_every,
            "options": {"expires": settings.sweep_interval_s},
        },
        # Release the delivery attempts that are due (their due times live in the database).
        "delivery.release_due": {
            "task": "delivery.release_due",
            "schedule": timedelta(seconds=settings.delivery_sweep_interval_s),
            "options": {"expires": settings.delivery_sweep_interval_s},
        },
        # Forget idempotency keys past their retention.
        "jobs.expire_idempotency_keys": {
            "task": "jobs.expire_idempotency_keys",
            "schedule": crontab(minute=17),
            "options": {"expires": 3600},
        },
        **_retention(settings),
        **_job_schedules(settings),
    }


def _retention(settings: Settings) -> dict[str, dict[str, Any]]:
    if settings.job_retention_days == 0:
        return {}  # retention off: keep every job
    return {
        # Purge finished jobs past their retention, with their parts and webhook logs.
        "jobs.purge_finished": {
            "task": "jobs.purge_finished",
            "schedule": timedelta(seconds=settings.job_retention_interval_s),
            "options": {"expires": settings.job_retention_interval_s},
        }
    }
