"""One event loop and one Tortoise context per worker process; every task's async code runs here.

Celery has no async tasks and Tortoise is async, so each worker process initialises the ORM once
(`worker_process_init`) on a long-lived loop and runs task coroutines on it.
"""

import asyncio
import logging
import uuid
from collections.abc import Coroutine
from typing import Any, TypeVar

import uvloop
from celery import Task
from celery.signals import setup_logging, worker_process_init, worker_process_shutdown
from tortoise import Tortoise
from tortoise.context import TortoiseContext

from domain.jobs.execution import execute_job
from pulsetrack.database import tortoise_config
from pulsetrack.logs import configure_logging, current_job_id
from pulsetrack.settings import get_settings
from workers.publish import publish_webhook_event

T = TypeVar("T")
logger = logging.getLogger(__name__)

_loop: asyncio.AbstractEventLoop | None = None
_orm: TortoiseContext | None = None


@setup_logging.connect
def _configure_logging(**_: Any) -> None:
    configure_logging(get_settings().log_level)


@worker_process_init.connect
def init_worker_process(**_: Any) -> None:
    global _loop, _orm
    _loop = uvloop.new_event_loop()
    _orm = _loop.run_until_complete(Tortoise.init(config=tortoise_config(get_settings())))


@worker_process_shutdown.connect
def close_worker_process(**_: Any) -> None:
    if _loop is not None and _orm is not None:
        with _orm:
            _loop.run_until_complete(Tortoise.close_connections())


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a task's coroutine on this process's loop, inside its ORM context."""
    if _loop is None or _orm is None:  # a solo or threads pool sends no worker_process_init
        init_worker_process()
    assert _loop is not None
    assert _orm is not None
    with _orm:
        return _loop.run_until_complete(coroutine)


def run_job_task(task: Task, job_id: str) -> None:
    """The body of every job task: run the job, then announce its webhook once committed."""
    token = current_job_id.set(job_id)
    try:
        outcome = run_async(
            execute_job(
                job_id=uuid.UUID(job_id),
                message_id=uuid.UUID(task.request.id),
                settings=get_settings(),
            )
        )
    finally:
        current_job_id.reset(token)
    if outcome is not None and outcome.webhook_event_id:
        publish_webhook_event(outcome.webhook_event_id)
