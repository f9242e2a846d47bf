"""Periodic upkeep of the jobs table."""

import logging

from domain.jobs.service import expire_idempotency_keys, mark_published
from domain.jobs.sweep import reissue_unpublished_jobs
from pulsetrack.settings import get_settings
from workers.app import celery_app
from workers.publish import publish_jobs
from workers.runtime import run_async

logger = logging.getLogger(__name__)


@celery_app.task(name="jobs.republish_unpublished")
def republish_unpublished() -> int:
    """Publish queued jobs that have no live message; return how many were sent."""
    sent = publish_jobs(run_async(reissue_unpublished_jobs(settings=get_settings())))
    run_async(mark_published(sent))
    if sent:
        logger.info("re-published %d queued jobs", len(sent))
    return len(sent)


@celery_app.task(name="jobs.expire_idempotency_keys")
def expire_keys() -> int:
    return run_async(expire_idempotency_keys(settings=get_settings()))
