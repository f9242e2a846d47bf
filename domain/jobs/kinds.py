"""What a job kind is: a name, a params schema, a queue and an async function that runs it."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol
from uuid import UUID

from pydantic import BaseModel


class WorkQueue(StrEnum):
    """Kinds of work; settings map each to a broker queue name."""

    DEFAULT = "default"
    ML = "ml"
    LLM = "llm"
    WEBHOOKS = "webhooks"


class JobContext(Protocol):
    """What a running job sees of the platform."""

    job_id: UUID
    attempt: int

    async def report_progress(self, fraction: float, message: str | None = None) -> None:
        """Record progress; raises `JobCancelled` if the job was asked to stop."""


JobRunner = Callable[[Any, JobContext], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class JobKind:
    name: str
    params_model: type[BaseModel]
    queue: WorkQueue
    run: JobRunner
    description: str = ""


class JobFailed(Exception):
    """A job's own, expected failure: ends the job `failed` with this code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
