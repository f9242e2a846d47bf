"""What keeps a worker from silently dropping jobs: it refuses to start without a task for every
kind routed to its queues, and a message for a task it does not know ends its job `failed`."""

import asyncio
import logging
import uuid
from typing import Any

from celery import Celery
from celery.signals import task_unknown, worker_init
from kombu.message import Message
from tortoise import Tortoise

from domain.jobs.catalog import AnyJobKind, job_kinds
from domain.jobs.execution import fail_unknown_task
from domain.jobs.repository import mark_published
from domain.messaging import collect_messages
from pulsetrack.database import tortoise_config
from pulsetrack.settings import get_settings
from workers.app import job_task_names

logger = logging.getLogger(__name__)


def missing_job_tasks(app: Celery, kinds: dict[str, AnyJobKind], queues: set[str]) -> list[str]:
    """The task names that kinds routed to `queues` need and `app` does not have."""
    routes = app.conf.task_routes
    needed = [
        name
        for kind in kinds.values()
        for name in job_task_names(kind)
        if routes.get(name, {}).get("queue") in queues
    ]
    return [name for name in needed if name not in app.tasks]


@worker_init.connect
def refuse_to_start_without_every_task(sender: Any, **_: Any) -> None:
    queues = set(sender.app.amqp.queues.consume_from)
    missing = missing_job_tasks(sender.app, job_kinds(), queues)
    if missing:
        # SystemExit, not an Exception: Celery logs and swallows what its signal handlers raise.
        raise SystemExit(
            f"refusing to start: no task for job kinds routed to this worker's queues "
            f"({', '.join(sorted(missing))}); their jobs would never run"
        )


@task_unknown.connect
def fail_job_of_unknown_task(name: str, id: str, message: Message, **_: Any) -> None:
    """Runs in the worker's main process, which has no ORM of its own: one short-lived one."""
    try:
        args = message.payload[0]
        entity_id, message_id = uuid.UUID(str(args[0])), uuid.UUID(id)
    except (TypeError, ValueError, IndexError, KeyError):
        logger.warning("message %s for unknown task %r names no job; dropped", id, name)
        return
    asyncio.run(_fail_job_of(name, entity_id, message_id))


async def _fail_job_of(task_name: str, entity_id: uuid.UUID, message_id: uuid.UUID) -> None:
    from workers.publish import publish

    orm = await Tortoise.init(config=tortoise_config(get_settings()))
    try:
        with orm, collect_messages() as messages:
            status = await fail_unknown_task(
                task_name=task_name, entity_id=entity_id, message_id=message_id
            )
            await mark_published(await asyncio.to_thread(publish, messages))
        logger.error("no task %r on this worker: its job %s ended %s", task_name, entity_id, status)
    finally:
        with orm:
            await Tortoise.close_connections()
