"""One event loop and one Tortoise context per worker process, and the edge every task runs in.

Celery has no async tasks and Tortoise is async, so each worker process initialises the ORM once
(`worker_process_init`) on a long-lived loop and runs task coroutines on it. `run_task` is the
edge of the after-commit messaging: it collects what the task's domain code asked to send and
publishes it once the coroutine is done.
"""

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

import uvloop
from celery.signals import setup_logging, worker_process_init, worker_process_shutdown
from tortoise import Tortoise
from tortoise.context import TortoiseContext

from domain.jobs.repository import mark_published
from domain.messaging import collect_messages
from pulsetrack.database import tortoise_config
from pulsetrack.logs import configure_logging
from pulsetrack.settings import get_settings
from workers.publish import publish

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
    """Run a coroutine on this process's loop, inside its ORM context."""
    if _loop is None or _orm is None:  # a solo or threads pool sends no worker_process_init
        init_worker_process()
    assert _loop is not None
    assert _orm is not None
    with _orm:
        return _loop.run_until_complete(coroutine)


def run_task(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a task's domain coroutine, then send the messages it committed (even if it raised
    afterwards: what committed is true)."""
    with collect_messages() as messages:
        try:
            return run_async(coroutine)
        finally:
            if messages:
                run_async(mark_published(publish(messages)))
