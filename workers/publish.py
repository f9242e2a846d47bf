"""Publishing messages for committed rows. Failures are logged, never raised: a sweep re-sends."""

import logging
from collections.abc import Sequence

from kombu.exceptions import OperationalError

from domain.jobs.catalog import get_job_kind
from domain.jobs.schemas import JobMessage
from pulsetrack.settings import get_settings
from workers.app import celery_app, queue_name

logger = logging.getLogger(__name__)

LOGGED_JOB_IDS = 10


def publish_jobs(messages: Sequence[JobMessage]) -> list[JobMessage]:
    """Send each job's message over one producer; return those the broker took, in order."""
    settings = get_settings()
    sent: list[JobMessage] = []
    try:
        with celery_app.producer_or_acquire() as producer:
            for message in messages:
                celery_app.send_task(
                    message.kind,
                    args=[str(message.job_id)],
                    task_id=str(message.message_id),
                    queue=queue_name(get_job_kind(message.kind).queue, settings),
                    producer=producer,
                )
                sent.append(message)
    except (OperationalError, OSError) as error:
        # The broker is down: the rest would only wait for the same timeout one by one.
        unsent = [str(message.job_id) for message in messages[len(sent) :]]
        logger.warning(
            "%d jobs not published (%s); the sweep will re-send them: %s",
            len(unsent),
            error,
            ", ".join(unsent[:LOGGED_JOB_IDS]) + (", ..." if len(unsent) > LOGGED_JOB_IDS else ""),
        )
    return sent


def publish_webhook_event(event_id: str, *, countdown: float | None = None) -> bool:
    """Send a delivery message for a webhook event; True if the broker took it."""
    try:
        celery_app.send_task("webhooks.deliver", args=[event_id], countdown=countdown)
    except (OperationalError, OSError) as error:
        logger.warning("webhook %s not published (%s); the sweep will send it", event_id, error)
        return False
    return True
