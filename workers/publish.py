"""Publishing messages for committed rows. Failures are logged, never raised: a sweep re-sends."""

import logging
import uuid

from kombu.exceptions import OperationalError

from domain.jobs.catalog import get_job_kind
from pulsetrack.settings import get_settings
from workers.app import celery_app, queue_name

logger = logging.getLogger(__name__)


def publish_job(*, job_id: uuid.UUID, kind: str, message_id: uuid.UUID) -> bool:
    """Send the job's message; True if the broker took it."""
    queue = queue_name(get_job_kind(kind).queue, get_settings())
    try:
        celery_app.send_task(kind, args=[str(job_id)], task_id=str(message_id), queue=queue)
    except (OperationalError, OSError) as error:
        logger.warning("job %s not published (%s); the sweep will re-send it", job_id, error)
        return False
    return True


def publish_webhook_event(event_id: str, *, countdown: float | None = None) -> bool:
    """Send a delivery message for a webhook event; True if the broker took it."""
    try:
        celery_app.send_task("webhooks.deliver", args=[event_id], countdown=countdown)
    except (OperationalError, OSError) as error:
        logger.warning("webhook %s not published (%s); the sweep will send it", event_id, error)
        return False
    return True
