"""What a job kind is: a name, a params schema, a queue and the async functions that run it.

A feature declares its kinds once, as module-level `JobKind`s in `domain/<feature>/jobs.py`; the
catalog finds them there, and the Celery tasks, routes and API validation all derive from it.

A kind runs in one piece (`run` returns the result), or fans out: `run` returns `FanOut(parts)`,
every part runs as its own message through `run_part`, possibly on many workers at once, and once
the last part has finished `finish` (optional) turns the parts' results into the job's result.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from pydantic import BaseModel
from tortoise.backends.base.client import BaseDBAsyncClient

from pulsetrack.settings import Settings

ParamsT = TypeVar("ParamsT", bound=BaseModel)
Result = dict[str, Any]
# Rows a runner stores with its result: run inside the transaction that records the success.
ResultWrite = Callable[[BaseDBAsyncClient], Awaitable[object]]


class WorkQueue(StrEnum):
    """Kinds of work; settings map each to a broker queue name."""

    DEFAULT = "default"
    ML = "ml"
    LLM = "llm"
    WEBHOOKS = "webhooks"


class JobContext(Protocol):
    """What a running job, part or finishing step sees of the platform."""

    job_id: UUID
    attempt: int
    # The part being run (its index and the job's number of parts); None outside a part.
    part_index: int | None

    async def report_progress(self, fraction: float, message: str | None = None) -> None:
        """Record progress; raises `JobCancelled` if the job was asked to stop."""

    def commit_with_result(self, write: ResultWrite) -> None:
        """Run `write(connection)` in the transaction that records this step's success, so
        its rows are stored exactly once, with the result, or not at all."""


@dataclass(frozen=True)
class FanOut:
    """What a fan-out kind's `run` returns: one params dict per part (JSON-serialisable)."""

    parts: Sequence[dict[str, Any]]


JobRunner = Callable[[ParamsT, JobContext], Awaitable[Result | FanOut]]
PartRunner = Callable[[ParamsT, dict[str, Any], JobContext], Awaitable[Result]]
# Receives every part's result, in part order.
Finisher = Callable[[ParamsT, list[Result], JobContext], Awaitable[Result]]


@dataclass(frozen=True)
class JobKind(Generic[ParamsT]):
    name: str
    params_model: type[ParamsT]
    queue: WorkQueue
    run: JobRunner[ParamsT]
    run_part: PartRunner[ParamsT] | None = None
    finish: Finisher[ParamsT] | None = None
    description: str = ""
    # The job row is the business record users read back (an extraction, a comparison report):
    # retention keeps it, and purges only its parts and webhook delivery log.
    retained: bool = False

    @property
    def fans_out(self) -> bool:
        return self.run_part is not None


@dataclass(frozen=True)
class ScheduledRun:
    """One job a schedule submits: its params, and a key naming this run (e.g. the date it is
    for), so that a second beat or a repeated beat message submits nothing new."""

    params: dict[str, Any]
    key: str


@dataclass(frozen=True)
class JobSchedule:
    """Jobs that beat submits on a cron schedule (UTC), declared beside their kind."""

    name: str
    kind: JobKind[Any]
    cron: Callable[[Settings], str]  # five fields: minute hour day-of-month month day-of-week
    runs: Callable[[date, Settings], list[ScheduledRun]]  # what to submit on a given day
    description: str = ""


class JobFailed(Exception):
    """A job's own, expected failure: ends the job `failed` with this code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class JobDeferred(Exception):
    """Put the job back in the queue to run again after `countdown_s` (a rate limit's
    Retry-After), instead of holding a worker while it waits. Jobs only, not parts."""

    def __init__(self, countdown_s: float, reason: str) -> None:
        super().__init__(reason)
        self.countdown_s = countdown_s
        self.reason = reason
