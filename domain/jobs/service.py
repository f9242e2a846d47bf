"""Submitting, reading, listing and cancelling jobs: the API's door into the job platform."""

import base64
import binascii
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from domain.errors import FieldError, InvalidInput, field_errors
from domain.jobs.catalog import get_job_kind
from domain.jobs.errors import IdempotencyKeyReused, JobAlreadyFinished, JobNotFound
from domain.jobs.models import Job, JobStatus
from domain.jobs.schemas import JobFilter, JobMessage, JobSubmission
from domain.webhooks.service import record_job_event
from domain.webhooks.targets import check_webhook_url
from pulsetrack.settings import Settings

# A message the sweep has since replaced (new message_id) is not the job's live one: skip it.
_MARK_PUBLISHED_SQL = """
UPDATE jobs SET published_at = now()
FROM unnest($1::uuid[], $2::uuid[]) AS sent(id, message_id)
WHERE jobs.id = sent.id AND jobs.message_id = sent.message_id
"""


@dataclass(frozen=True)
class SubmittedJob:
    job: Job
    created: bool  # False when an idempotency key replayed an earlier submission


@dataclass(frozen=True)
class CancelledJob:
    job: Job
    webhook_event_id: str | None


def _validate_params(submission: JobSubmission) -> dict:
    kind = get_job_kind(submission.kind)
    try:
        params = kind.params_model.model_validate(submission.params)
    except ValidationError as error:
        raise InvalidInput(
            f"invalid params for {kind.name}", errors=field_errors(error.errors(), prefix="params")
        ) from None
    return params.model_dump(mode="json")


def _request_hash(kind: str, params: dict, webhook_url: str | None) -> str:
    canonical = json.dumps([kind, params, webhook_url], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def _replay(api_key_id: int | None, idempotency_key: str, request_hash: str) -> Job | None:
    job = await Job.get_or_none(api_key_id=api_key_id, idempotency_key=idempotency_key)
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
    """Validate and store a job (queued, not yet published); replay an idempotent resubmission."""
    params = _validate_params(submission)
    webhook_url = str(submission.webhook_url) if submission.webhook_url else None
    if webhook_url:
        await check_webhook_url(webhook_url, allowed_hosts=settings.webhook_allowed_hosts)
    request_hash = _request_hash(submission.kind, params, webhook_url)
    if idempotency_key and (job := await _replay(api_key_id, idempotency_key, request_hash)):
        return SubmittedJob(job, created=False)
    try:
        job = await Job.create(
            id=uuid.uuid4(),
            message_id=uuid.uuid4(),
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
    return SubmittedJob(job, created=True)


async def mark_published(messages: Sequence[JobMessage]) -> None:
    """Note that these jobs' current messages reached the broker, so the sweep leaves them alone."""
    if messages:
        await connections.get("default").execute_query(
            _MARK_PUBLISHED_SQL,
            [[m.job_id for m in messages], [m.message_id for m in messages]],
        )


async def get_job(*, job_id: uuid.UUID) -> Job:
    """The job with this id, or 404."""
    job = await Job.get_or_none(id=job_id)
    if job is None:
        raise JobNotFound(f"no job with id {job_id}")
    return job


def _encode_cursor(job: Job) -> str:
    raw = f"{job.created_at.isoformat()}|{job.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        created_at, job_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return datetime.fromisoformat(created_at), uuid.UUID(job_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput(
            "invalid cursor", errors=[FieldError("cursor", "not a cursor this API returned")]
        ) from None


async def list_jobs(*, filters: JobFilter) -> tuple[list[Job], str | None]:
    """Jobs newest first, filtered, one page at a time; returns the page and the next cursor."""
    query = Job.all()
    if filters.kind:
        query = query.filter(kind=filters.kind)
    if filters.status:
        query = query.filter(status=filters.status)
    if filters.created_after:
        query = query.filter(created_at__gte=filters.created_after)
    if filters.created_before:
        query = query.filter(created_at__lt=filters.created_before)
    if filters.cursor:
        created_at, job_id = _decode_cursor(filters.cursor)
        query = query.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=job_id))
    jobs = await query.order_by("-created_at", "-id").limit(filters.limit + 1)
    page, more = jobs[: filters.limit], len(jobs) > filters.limit
    return page, (_encode_cursor(page[-1]) if more else None)


async def cancel_job(*, job_id: uuid.UUID) -> CancelledJob:
    """Cancel a queued job at once; ask a running one to stop at its next checkpoint."""
    async with in_transaction() as connection:
        job = await Job.select_for_update().using_db(connection).get_or_none(id=job_id)
        if job is None:
            raise JobNotFound(f"no job with id {job_id}")
        if job.status.is_terminal:
            raise JobAlreadyFinished(f"job {job_id} has already finished ({job.status})")
        event_id = None
        if job.status == JobStatus.QUEUED:
            job.status = JobStatus.CANCELLED
            job.finished_at = datetime.now(UTC)
            job.error_code, job.error_message = "cancelled", "cancelled before it started"
            await job.save(using_db=connection)
            event_id = await record_job_event(job, connection=connection)
        else:
            job.cancel_requested = True
            await job.save(using_db=connection, update_fields=["cancel_requested", "updated_at"])
    return CancelledJob(job, event_id)


async def expire_idempotency_keys(*, settings: Settings) -> int:
    """Forget idempotency keys older than the configured retention; return how many."""
    cutoff = datetime.now(UTC) - timedelta(hours=settings.idempotency_ttl_h)
    return await Job.filter(idempotency_key__isnull=False, created_at__lt=cutoff).update(
        idempotency_key=None
    )
