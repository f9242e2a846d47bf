from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.jobs.models import Job, JobPart, JobStatus
from domain.schema_types import MAX_INT, QueryTimestamp, WebhookUrl


class JobSubmission(BaseModel):
    # A misspelt `webhookUrl` must be a 422 naming it, not a job that silently sends no webhook.
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(min_length=1, max_length=64, examples=["system.echo"])
    params: dict[str, Any] = Field(default_factory=dict, examples=[{"message": "hello"}])
    webhook_url: WebhookUrl | None = None


class JobProgress(BaseModel):
    fraction: float
    message: str | None


class JobError(BaseModel):
    code: str
    message: str


class JobParts(BaseModel):
    """A fan-out job's parts: how many there are, have succeeded, and have failed."""

    total: int
    done: int
    failed: int


def _error(code: str | None, message: str | None) -> JobError | None:
    return JobError(code=code, message=message or "") if code else None


class JobRead(BaseModel):
    id: UUID
    kind: str
    status: JobStatus
    progress: JobProgress
    params: dict[str, Any]
    result: dict[str, Any] | None
    error: JobError | None
    parts: JobParts | None = Field(description="Only for a job that fanned out into parts.")
    attempts: int
    cancel_requested: bool
    webhook_url: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def from_job(cls, job: Job) -> "JobRead":
        return cls(
            id=job.id,
            kind=job.kind,
            status=job.status,
            progress=JobProgress(fraction=job.progress, message=job.progress_message),
            params=job.params,
            result=job.result,
            error=_error(job.error_code, job.error_message),
            parts=JobParts(total=job.parts_total, done=job.parts_done, failed=job.parts_failed)
            if job.parts_total
            else None,
            attempts=job.attempts,
            cancel_requested=job.cancel_requested,
            webhook_url=job.webhook_url,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
        )


class JobFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")  # `?state=failed` is a typo to report, not ignore

    kind: str | None = None
    status: JobStatus | None = None
    created_after: QueryTimestamp | None = None
    created_before: QueryTimestamp | None = None
    cursor: str | None = None
    limit: int = Field(default=50, ge=1, le=200)


class JobPage(BaseModel):
    items: list[JobRead]
    next_cursor: str | None


class JobPartRead(BaseModel):
    index: int
    status: JobStatus
    params: dict[str, Any]
    result: dict[str, Any] | None
    error: JobError | None
    attempts: int
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def from_part(cls, part: JobPart) -> "JobPartRead":
        return cls(
            index=part.index,
            status=part.status,
            params=part.params,
            result=part.result,
            error=_error(part.error_code, part.error_message),
            attempts=part.attempts,
            started_at=part.started_at,
            finished_at=part.finished_at,
        )


class JobPartFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: JobStatus | None = None
    after: int | None = Field(
        default=None, ge=0, le=MAX_INT, description="List the parts after this index."
    )
    limit: int = Field(default=100, ge=1, le=1000)


class JobPartPage(BaseModel):
    items: list[JobPartRead]
    next_after: int | None
