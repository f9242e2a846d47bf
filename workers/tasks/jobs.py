"""A Celery task for every job kind in the catalog (and one for its parts), and the upkeep of
the jobs table. Nothing here names a kind: adding one to the catalog adds its tasks."""

import logging
import uuid
from datetime import UTC, datetime

from celery import Task

from domain.jobs.catalog import job_kinds
from domain.jobs.execution import execute_job
from domain.jobs.parts import execute_part
from domain.jobs.scheduling import run_schedule
from domain.jobs.service import expire_idempotency_keys
from domain.jobs.sweep import reissue_lost_messages
from domain.messaging import part_task_name
from domain.operations.retention import purge_finished_jobs
from pulsetrack.logs import current_job_id
from pulsetrack.settings import get_settings
from workers.app import celery_app
from workers.broker_marker import broker_lost_its_messages, set_broker_marker
from workers.runtime import run_task

logger = logging.getLogger(__name__)


def run_job(task: Task, job_id: str) -> None:
    """The body of every job task: run the job this message stands for."""
    token = current_job_id.set(job_id)
    try:
        run_task(
            execute_job(
                job_id=uuid.UUID(job_id),
                message_id=uuid.UUID(task.request.id),
                settings=get_settings(),
            )
        )
    finally:
        current_job_id.reset(token)


def run_part(task: Task, part_id: str) -> None:
    """The body of every part task: run the part this message stands for."""
    run_task(
        execute_part(
            part_id=uuid.UUID(part_id),
            message_id=uuid.UUID(task.request.id),
            settings=get_settings(),
        )
    )


for _kind in job_kinds().values():
    celery_app.task(name=_kind.name, bind=True)(run_job)
    if _kind.fans_out:
        celery_app.task(name=part_task_name(_kind.name), bind=True)(run_part)


@celery_app.task(name="jobs.republish_unpublished")
def republish_unpublished() -> int:
    """Send again the messages of queued jobs and parts that have none alive; return how many."""
    emptied = broker_lost_its_messages()
    if emptied:
        logger.warning("the broker lost its messages (marker gone); re-sending every queued job")
    count = run_task(reissue_lost_messages(settings=get_settings(), broker_emptied=emptied))
    if emptied:
        set_broker_marker()
    if count:
        logger.info("re-published %d lost job and part messages", count)
    return count


@celery_app.task(name="jobs.run_schedule")
def run_job_schedule(name: str) -> int:
    """Submit the jobs of the schedule `name` for today (UTC); return how many were new."""
    today = datetime.now(UTC).date()
    return run_task(run_schedule(name=name, today=today, settings=get_settings()))


@celery_app.task(name="jobs.expire_idempotency_keys")
def expire_keys() -> int:
    return run_task(expire_idempotency_keys(settings=get_settings()))


@celery_app.task(name="jobs.purge_finished")
def purge_finished() -> int:
    """Remove finished jobs past their retention and their operational rows; return how many."""
    return run_task(purge_finished_jobs(settings=get_settings())).total
