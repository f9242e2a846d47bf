"""The one beat schedule. Each entry expires so a backlog never replays stale sweeps."""

from datetime import timedelta
from typing import Any

from celery.schedules import crontab

from pulsetrack.settings import Settings


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    # The sweeps use a seconds interval, not crontab: a minute is too slow to recover a job
    # submitted while the broker was down.
    sweep_every = timedelta(seconds=settings.sweep_interval_s)
    return {
        # Re-send queued jobs whose message never reached the broker or was lost.
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
        # Forget idempotency keys past their retention.
        "jobs.expire_idempotency_keys": {
            "task": "jobs.expire_idempotency_keys",
            "schedule": crontab(minute=17),
            "options": {"expires": 3600},
        },
    }
