"""The retry sweep and the attempts it releases: adapters over `domain/delivery/retries.py`."""

import logging

from domain.delivery.retries import make_attempts, release_due
from pulsetrack.settings import get_settings
from workers.app import celery_app
from workers.runtime import run_task

logger = logging.getLogger(__name__)

SEND_ATTEMPTS_TASK = "delivery.send_attempts"


@celery_app.task(name="delivery.release_due")
def release_due_attempts() -> int:
    """Release the due attempts, one message per batch on its priority class's queue. A batch
    whose message is not sent is released again after `delivery_release_timeout_s`."""
    settings = get_settings()
    releases = run_task(release_due(settings=settings))
    with celery_app.producer_or_acquire() as producer:
        for release in releases:
            # The queue follows the batch's priority class, so it is chosen here, per message.
            celery_app.send_task(
                SEND_ATTEMPTS_TASK,
                args=[release.pairs],
                queue=settings.delivery_queues[release.priority_class],
                producer=producer,
            )
    released = sum(len(release.pairs) for release in releases)
    if released:
        logger.info("released %d due delivery attempts in %d batches", released, len(releases))
    return released


@celery_app.task(name=SEND_ATTEMPTS_TASK)
def send_attempts(pairs: list[list[int]]) -> int:
    """Make one released batch's attempts (none if a redelivery finds them made)."""
    return run_task(make_attempts(pairs, settings=get_settings()))
