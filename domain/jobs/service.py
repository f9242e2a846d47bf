"""Submitting, reading, listing and cancelling jobs: the API's door into the job platform."""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import HttpUrl, ValidationError
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from domain.errors import FieldError, InvalidInput, field_errors
from domain.jobs import repository
from domain.jobs.catalog import get_job_kind
from domain.jobs.errors import IdempotencyKeyReused, JobAlreadyFinished, JobNotFound
from domain.jobs.models import Job, JobPart, JobStatus
from domain.jobs.schemas import JobFilter, JobPartFilter, JobSubmission
from domain.messaging import JobMessage, send_after_commit, transaction
from domain.strict_json import strict_json_errors
from domain.webhooks.service import record_job_event
from domain.webhooks.targets import check_webhook_url
from pulsetrack.settings import Settings


@dataclass(frozen=True)
class SubmittedJob:
    job: Job
    created: bool  # False when an idempotency key replayed an earlier submission


def _validate_params(submission: JobSubmission) -> dict:
    """The kind's params, checked as strictly as the document describes them (`"5"` is not an
    integer), as every JSON body is."""
    kind = get_job_kind(submission.kind)
    raw = json.dumps(submission.params)
    errors = strict_json_errors(kind.params_model.model_validate_json, raw)
    if not errors:
        try:
            return kind.params_model.model_validate_json(raw).model_dump(mode="json")
        except ValidationError as error:
            # A rule across fields runs only once every field passed, which with `3.0` for an
            # integer is not until this lax pass.
            errors = error.errors(include_url=False)
    raise InvalidInput(
        f"invalid params for {kind.name}", errors=field_errors(errors, prefix="params")
    )


def _request_hash(kind: str, params: dict, webhook_url: str | None) -> str:
    canonical = json.dumps([kind, params, webhook_url], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def _replay(api_key_id: int | None, idempotency_key: str, request_hash: str) -> Job | None:
    job = await repository.find_by_idempotency_key(api_key_id, idempotency_key)
    if job is not None and job.request_hash != request_hash:
        raise IdempotencyKeyReused(
            "this Idempotency-Key was already used with a different request body",
            errors=[FieldError("Idempotency-Key", "already used with a different body")],
        )
    return job


async def submit_job(
    *,
    submission: JobSubmission,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """Validate and store a job, then ask for its message; replay an idempotent resubmission."""
    params = _validate_params(submission)
    webhook_url = str(submission.webhook_url) if submission.webhook_url else None
    if webhook_url:
        await check_webhook_url(webhook_url, allowed_hosts=settings.webhook_allowed_hosts)
    request_hash = _request_hash(submission.kind, params, webhook_url)
    if idempotency_key and (job := await _replay(api_key_id, idempotency_key, request_hash)):
        return SubmittedJob(job, created=False)
    try:
        job = await repository.insert_job(
            kind=submission.kind,
            params=params,
            webhook_url=webhook_url,
            api_key_id=api_key_id,
            idempotency_key=idempotency_key,
            request_hash=request_hash,
        )
    except IntegrityError:
        # Two requests raced with the same key: the unique constraint picked the winner.
        if idempotency_key and (job := await _replay(api_key_id, idempotency_key, request_hash)):
            return SubmittedJob(job, created=False)
        raise
    send_after_commit(JobMessage(job.id, job.kind, job.message_id))
    return SubmittedJob(job, created=True)


def _body_field(params_field: str) -> str:
    return "body" if params_field == "params" else params_field.removeprefix("params.")


async def submit_kind(
    kind: str,
    params: dict,
    *,
    webhook_url: HttpUrl | None,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """`submit_job` for an endpoint of a feature, whose clients send the params at the top of
    their body: a 422 names `last_day`, not `params.last_day`."""
    submission = JobSubmission(kind=kind, params=params, webhook_url=webhook_url)
    try:
        return await submit_job(
            submission=submission,
            api_key_id=api_key_id,
            idempotency_key=idempotency_key,
            settings=settings,
        )
    except InvalidInput as invalid:
        invalid.errors = [FieldError(_body_field(e.field), e.message) for e in invalid.errors]
        raise


async def get_job(*, job_id: uuid.UUID) -> Job:
    """The job with this id, or 404."""
    job = await repository.get_job(job_id)
    if job is None:
        raise JobNotFound(f"no job with id {job_id}")
    return job


async def list_jobs(*, filters: JobFilter) -> tuple[list[Job], str | None]:
    """Jobs newest first, filtered, one page at a time; returns the page and the next cursor."""
    return await repository.list_jobs(filters)


async def list_parts(
    *, job_id: uuid.UUID, filters: JobPartFilter
) -> tuple[list[JobPart], int | None]:
    """A job's parts in order, one page at a time; returns the page and the index to go on after."""
    await get_job(job_id=job_id)
    parts = await repository.list_parts(
        job_id=job_id, status=filters.status, after_index=filters.after, limit=filters.limit + 1
    )
    page, more = parts[: filters.limit], len(parts) > filters.limit
    return page, (page[-1].index if more else None)


async def cancel_job(*, job_id: uuid.UUID) -> Job:
    """Cancel a queued job, or one waiting for its parts, at once (its unstarted parts never run);
    ask a running one to stop at its next checkpoint."""
    async with transaction() as connection:
        job = await repository.lock_job(connection, job_id)
        if job is None:
            raise JobNotFound(f"no job with id {job_id}")
        if job.status.is_terminal:
            raise JobAlreadyFinished(f"job {job_id} has already finished ({job.status})")
        if job.status == JobStatus.QUEUED or job.awaits_parts:
            return await _cancel_now(connection, job)
        job.cancel_requested = True
        await repository.save_job(connection, job, "cancel_requested")
    return job


async def _cancel_now(connection: BaseDBAsyncClient, job: Job) -> Job:
    reason = "cancelled before it started" if job.status == JobStatus.QUEUED else "cancelled"
    job.status, job.finished_at = JobStatus.CANCELLED, datetime.now(UTC)
    job.error_code, job.error_message = "cancelled", reason
    await repository.save_job(connection, job)
    if job.parts_total:
        await repository.cancel_unfinished_parts(connection, job.id, "the job was cancelled")
    await record_job_event(job, connection=connection)
    return job


async def expire_idempotency_keys(*, settings: Settings) -> int:
    """Forget idempotency keys older than the configured retention; return how many."""
    cutoff = datetime.now(UTC) - timedelta(hours=settings.idempotency_ttl_h)
    return await repository.forget_idempotency_keys(created_before=cutoff)
