"""The jobs resource: submit, poll, list, cancel, and see webhook deliveries."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.deps import CurrentApiKey, IdempotencyKey, SettingsDep
from domain.jobs import service
from domain.jobs.models import Job, JobStatus
from domain.jobs.schemas import (
    JobFilter,
    JobPage,
    JobPartFilter,
    JobPartPage,
    JobPartRead,
    JobRead,
    JobSubmission,
)
from domain.jobs.service import SubmittedJob
from domain.webhooks.schemas import WebhookDeliveries, WebhookEventRead
from domain.webhooks.service import list_job_deliveries

router = APIRouter(prefix="/jobs", tags=["jobs"])

POLL_AFTER_S = "1"


def poll_again_unless_finished(status: JobStatus, response: Response) -> None:
    """`Retry-After` on whatever shows a job's state while the job is unfinished."""
    if not status.is_terminal:
        response.headers["Retry-After"] = POLL_AFTER_S


def job_response(job: Job, response: Response) -> JobRead:
    """The job, with `Retry-After` while it is unfinished."""
    poll_again_unless_finished(job.status, response)
    return JobRead.from_job(job)


def accepted_job(
    submitted: SubmittedJob, response: Response, *, location: str = "/jobs"
) -> JobRead:
    """A 202's body and headers: the job, and the `Location` to poll (`{location}/{id}`)."""
    response.headers["Location"] = f"{location}/{submitted.job.id}"
    return job_response(submitted.job, response)


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=JobRead)
async def submit_job(
    submission: JobSubmission,
    response: Response,
    api_key: CurrentApiKey,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Accept a job; poll the `Location` it returns until the status is terminal."""
    submitted = await service.submit_job(
        submission=submission,
        api_key_id=api_key.id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
    return accepted_job(submitted, response)


@router.get("", response_model=JobPage)
async def list_jobs(filters: Annotated[JobFilter, Query()], _: CurrentApiKey) -> JobPage:
    """Jobs newest first, filtered by kind, status and creation time; follow `next_cursor`."""
    jobs, next_cursor = await service.list_jobs(filters=filters)
    return JobPage(items=[JobRead.from_job(job) for job in jobs], next_cursor=next_cursor)


@router.get("/{job_id}", response_model=JobRead)
async def get_job(job_id: uuid.UUID, response: Response, _: CurrentApiKey) -> JobRead:
    """One job: status, progress, result or error; `Retry-After` until it finishes."""
    return job_response(await service.get_job(job_id=job_id), response)


@router.post("/{job_id}/cancel", status_code=status.HTTP_202_ACCEPTED, response_model=JobRead)
async def cancel_job(job_id: uuid.UUID, response: Response, _: CurrentApiKey) -> JobRead:
    """Cancel a queued job now, or ask a running one to stop; 409 if it has finished."""
    return job_response(await service.cancel_job(job_id=job_id), response)


@router.get("/{job_id}/parts", response_model=JobPartPage)
async def list_job_parts(
    job_id: uuid.UUID, filters: Annotated[JobPartFilter, Query()], _: CurrentApiKey
) -> JobPartPage:
    """A fan-out job's parts in order, each with its status, result or error; follow
    `next_after`."""
    parts, next_after = await service.list_parts(job_id=job_id, filters=filters)
    return JobPartPage(items=[JobPartRead.from_part(part) for part in parts], next_after=next_after)


@router.get("/{job_id}/webhook-deliveries", response_model=WebhookDeliveries)
async def list_webhook_deliveries(job_id: uuid.UUID, _: CurrentApiKey) -> WebhookDeliveries:
    """Every webhook event for the job with each delivery attempt."""
    await service.get_job(job_id=job_id)
    events = await list_job_deliveries(job_id=job_id)
    return WebhookDeliveries(items=[WebhookEventRead.from_event(event) for event in events])
