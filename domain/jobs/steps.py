"""Running one step of a job (the job itself, one part, or the finishing step) and turning how it
ended into an outcome the platform records."""

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.jobs import repository
from domain.jobs.errors import JobCancelled
from domain.jobs.kinds import FanOut, JobDeferred, JobFailed, Result, ResultWrite
from domain.messaging import transaction
from pulsetrack.settings import Settings

T = TypeVar("T")
logger = logging.getLogger(__name__)


@dataclass
class StepContext:
    """The `JobContext` a runner receives."""

    job_id: uuid.UUID
    attempt: int
    part_index: int | None = None
    writes: list[ResultWrite] = field(default_factory=list)

    async def report_progress(self, fraction: float, message: str | None = None) -> None:
        if self.part_index is None:
            fraction = min(max(fraction, 0.0), 1.0)
            keep_going = await repository.record_job_progress(self.job_id, fraction, message)
        else:  # a part's progress is the job's count of finished parts
            keep_going = await repository.parent_accepts_parts(self.job_id)
        if not keep_going:
            raise JobCancelled()

    def commit_with_result(self, write: ResultWrite) -> None:
        self.writes.append(write)


@dataclass(frozen=True)
class Succeeded:
    value: Result | FanOut
    writes: list[ResultWrite]


@dataclass(frozen=True)
class Failed:
    code: str
    message: str


@dataclass(frozen=True)
class Cancelled:
    pass


@dataclass(frozen=True)
class Deferred:
    countdown_s: float
    reason: str


StepOutcome = Succeeded | Failed | Cancelled | Deferred


def internal_error(job_id: uuid.UUID) -> Failed:
    return Failed(
        "internal_error",
        f"the job failed unexpectedly; the worker log has the details for job {job_id}",
    )


async def run_step(
    step: Awaitable[Result | FanOut], context: StepContext, settings: Settings
) -> StepOutcome:
    """Await a runner within the soft time limit; how it ended, never an exception."""
    try:
        value = await asyncio.wait_for(step, timeout=settings.task_soft_time_limit_s)
    except JobCancelled:
        return Cancelled()
    except JobFailed as failure:
        return Failed(failure.code, failure.message)
    except JobDeferred as deferral:
        if context.part_index is not None:
            return Failed("cannot_defer", f"a part cannot defer itself: {deferral.reason}")
        return Deferred(deferral.countdown_s, deferral.reason)
    except TimeoutError:
        limit = settings.task_soft_time_limit_s
        return Failed("time_limit_exceeded", f"did not finish within {limit}s")
    except Exception:
        logger.exception("job raised an unexpected error")
        return internal_error(context.job_id)
    return Succeeded(value, context.writes)


class _NotRecorded(Exception):
    """The step's end could not be recorded (its job or part stopped): undo its rows."""


async def commit_with_rows(
    writes: list[ResultWrite], record: Callable[[BaseDBAsyncClient], Awaitable[T | None]]
) -> T | None:
    """In one transaction, a step's rows and then `record` of how it ended; committed only if
    `record` returns something, rolled back (rows and all) if it returns None."""
    try:
        async with transaction() as connection:
            for write in writes:
                await write(connection)
            recorded = await record(connection)
            if recorded is None:
                raise _NotRecorded
    except _NotRecorded:
        return None
    return recorded
