from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from domain.jobs.models import Job, JobStatus


@dataclass(frozen=True)
class JobMessage:
    """What a job's broker message carries: the job, its kind, and the one message id that may
    run it."""

    job_id: UUID
    kind: str
    message_id: UUID

    @classmethod
    def of(cls, job: Job) -> "JobMessage":
        return cls(job.id, job.kind, job.message_id)


class JobSubmission(BaseModel):
    kind: str = Field(min_length=1, max_length=64, examples=["system.echo"])
    params: dict[str, Any] = Field(default_factory=dict, examples=[{"message": "hello"}])
    webhook_url: HttpUrl | None = Field(default=None, max_length=2048)


class JobProgress(BaseModel):
    fraction: float
    message: str | None


class JobError(BaseModel):
    code: str
    message: str


class JobRead(BaseModel):
    id: UUID
    kind: str
    status: JobStatus
    progress: JobProgress
    params: dict[str, Any]
    result: dict[str, Any] | None
    error: JobError | None
    attempts: int
    cancel_requested: bool
    webhook_url: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def from_job(cls, job: Job) -> "JobRead":
        error = None
        if job.error_code:
            error = JobError(code=job.error_code, message=job.error_message or "")
        return cls(
            id=job.id,
            kind=job.kind,
            status=job.status,
            progress=JobProgress(fraction=job.progress, message=job.progress_message),
            params=job.params,
            result=job.result,
            error=error,
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
    created_after: datetime | None = None
    created_before: datetime | None = None
    cursor: str | None = None
    limit: int = Field(default=50, ge=1, le=200)


class JobPage(BaseModel):
    items: list[JobRead]
    next_cursor: str | None
