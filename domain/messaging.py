"""Broker messages that domain code asks for and the edge sends once the rows behind them commit.

In the spirit of Polar's enqueue-after-commit buffer: a domain function calls `send_after_commit`
and never talks to the broker. Inside `transaction()` the message waits for the commit and is
dropped on rollback; outside one (an autocommit statement has already committed) it goes
straight to the buffer. The edge, the API's middleware or a worker's task wrapper, opens the
buffer with `collect_messages()` and sends what it holds when the request or task is done.
Anything that is never sent (process killed, broker down) is found again by the sweeps, because
the rows say what should have been sent.
"""

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction


@dataclass(frozen=True)
class JobMessage:
    """Runs a job (or its finishing step); only the message whose id is the job's current
    `message_id` may run it."""

    job_id: uuid.UUID
    kind: str
    message_id: uuid.UUID
    # Seconds the broker holds it back: a job that deferred itself (`JobDeferred`).
    countdown: float | None = None

    @property
    def task_name(self) -> str:
        return self.kind

    @property
    def entity_id(self) -> uuid.UUID:
        return self.job_id


@dataclass(frozen=True)
class PartMessage:
    """Runs one part of a fan-out job, on the kind's queue."""

    part_id: uuid.UUID
    kind: str
    message_id: uuid.UUID

    @property
    def task_name(self) -> str:
        return part_task_name(self.kind)

    @property
    def entity_id(self) -> uuid.UUID:
        return self.part_id


@dataclass(frozen=True)
class WebhookMessage:
    """Makes the next delivery attempt of a webhook event, now or after `countdown` seconds."""

    event_id: str
    countdown: float | None = None


Message = JobMessage | PartMessage | WebhookMessage


PART_TASK_SUFFIX = ".part"


def part_task_name(kind: str) -> str:
    """The Celery task that runs the parts of `kind`."""
    return kind + PART_TASK_SUFFIX


def is_part_task(task_name: str) -> bool:
    return task_name.endswith(PART_TASK_SUFFIX)


class NoMessageBuffer(RuntimeError):
    """A message was asked for outside any edge that would send it."""


_buffer: ContextVar[list[Message] | None] = ContextVar("message_buffer", default=None)


def send_after_commit(message: Message) -> None:
    """Send `message` once the current transaction commits (at once if there is none)."""
    buffer = _buffer.get()
    if buffer is None:
        raise NoMessageBuffer(
            f"{message!r} was requested outside collect_messages(); it would never be sent"
        )
    buffer.append(message)


@contextmanager
def collect_messages() -> Iterator[list[Message]]:
    """The edge's buffer: every message committed inside the block, in the order asked for."""
    collected: list[Message] = []
    token = _buffer.set(collected)
    try:
        yield collected
    finally:
        _buffer.reset(token)


@asynccontextmanager
async def transaction() -> AsyncIterator[BaseDBAsyncClient]:
    """`in_transaction()` whose requested messages join the edge's buffer only after the commit."""
    outer = _buffer.get()
    pending: list[Message] = []
    token = _buffer.set(pending)
    try:
        async with in_transaction() as connection:
            yield connection
    finally:
        _buffer.reset(token)
    # Reached only when the block committed: an exception (rollback) skips this.
    if outer is None and pending:
        raise NoMessageBuffer(f"{pending!r} committed outside collect_messages()")
    if outer is not None:
        outer.extend(pending)
