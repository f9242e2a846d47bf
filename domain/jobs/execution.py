"""Running a job inside a worker: claim it, run its kind (or its finishing step), and record the
outcome, with the rows the step wrote, exactly once."""

import logging
import uuid
from collections.abc import Awaitable
from dataclasses import replace

from pydantic import BaseModel, ValidationError
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.errors import InvalidInput
from domain.jobs import repository
from domain.jobs.catalog import AnyJobKind, get_job_kind
from domain.jobs.kinds import FanOut, Result, ResultWrite
from domain.jobs.models import Job, JobStatus
from domain.jobs.parts import fail_part
from domain.jobs.repository import ClaimedJob, JobEnd
from domain.jobs.steps import (
    Cancelled,
    Deferred,
    Failed,
    StepContext,
    StepOutcome,
    Succeeded,
    commit_with_rows,
    internal_error,
    run_step,
)
from domain.messaging import PART_TASK_SUFFIX, PartMessage, is_part_task, send_after_commit
from domain.webhooks.service import record_job_event
from pulsetrack.settings import Settings

logger = logging.getLogger(__name__)

CANCELLED_WHILE_RUNNING = JobEnd(
    JobStatus.CANCELLED, error=("cancelled", "cancelled while running")
)


def unknown_kind(task_name: str) -> Failed:
    return Failed(
        "unknown_job_kind",
        f"the worker that received this job does not know {task_name!r}; deploy the module "
        "that declares the kind to the workers of its queue",
    )


async def end_job(
    job_id: uuid.UUID, end: JobEnd, writes: list[ResultWrite] | None = None
) -> JobStatus | None:
    """Record how a running job ended, with its step's rows; None if it was not running."""
    if not writes and await repository.finish_job_without_webhook(job_id, end):
        return end.status  # the common case: one autocommit UPDATE, no transaction

    async def finish(connection: BaseDBAsyncClient) -> Job | None:
        job = await repository.finish_job(connection, job_id, end)
        if job is not None:
            await record_job_event(job, connection=connection)
        return job

    return end.status if await commit_with_rows(writes or [], finish) else None


async def execute_job(
    *, job_id: uuid.UUID, message_id: uuid.UUID, settings: Settings
) -> JobStatus | None:
    """Run the job if this message is its current one; None when there was nothing to do."""
    try:
        status = await _claim_and_run(job_id, message_id, settings)
    except Exception:
        # Never leave a claimed job `running` forever because the platform itself failed.
        logger.exception("running the job failed")
        failure = JobEnd(JobStatus.FAILED, error=("internal_error", "the worker failed"))
        return await end_job(job_id, failure)
    if status is not None and status.is_terminal:
        logger.info("job %s", status)
    return status


async def _claim_and_run(
    job_id: uuid.UUID, message_id: uuid.UUID, settings: Settings
) -> JobStatus | None:
    claimed = await repository.claim_job(job_id, message_id)
    if claimed is None:
        logger.info("message %s is stale or the job has finished; dropped", message_id)
        return None
    if claimed.attempts > settings.max_deliveries:
        # This delivery only gives up, it runs nothing: report the attempts that really ran.
        limit = settings.max_deliveries
        message = f"the worker running this job died on each of {limit} deliveries; giving up"
        end = JobEnd(JobStatus.FAILED, error=("delivery_limit_exceeded", message), attempts=limit)
        return await end_job(job_id, end)
    if claimed.cancel_requested:
        return await end_job(job_id, CANCELLED_WHILE_RUNNING)
    try:
        kind = get_job_kind(claimed.kind)
        params = kind.params_model.model_validate_json(claimed.params)
    except (InvalidInput, ValidationError):
        # The workers run other code than the API that accepted the job.
        logger.exception("cannot run a %s job here", claimed.kind)
        return await end_job(job_id, _as_end(unknown_kind(claimed.kind)))
    return await _run(job_id, kind, params, claimed, settings)


async def _run(
    job_id: uuid.UUID,
    kind: AnyJobKind,
    params: BaseModel,
    claimed: ClaimedJob,
    settings: Settings,
) -> JobStatus | None:
    context = StepContext(job_id=job_id, attempt=claimed.attempts)
    step: Awaitable[Result | FanOut]
    if claimed.awaits_finishing:
        step = _finishing_step(kind, params, context)
    else:
        step = kind.run(params, context)
    outcome = await run_step(step, context, settings)
    if isinstance(outcome, Succeeded) and isinstance(outcome.value, FanOut):
        if outcome.value.parts:
            return await _fan_out(job_id, kind, outcome.value, outcome.writes)
        # Nothing to split: straight to the finishing step.
        outcome = await run_step(_finishing_step(kind, params, context), context, settings)
    return await _record(job_id, outcome)


async def _finishing_step(kind: AnyJobKind, params: BaseModel, context: StepContext) -> Result:
    results = await repository.part_results(context.job_id)
    if kind.finish is None:
        return {"parts": len(results)}
    return await kind.finish(params, results, context)


async def _record(job_id: uuid.UUID, outcome: StepOutcome) -> JobStatus | None:
    match outcome:
        case Cancelled():
            return await end_job(job_id, CANCELLED_WHILE_RUNNING)
        case Failed():
            return await end_job(job_id, _as_end(outcome))
        case Deferred():
            return await _defer(job_id, outcome)
        case Succeeded(value=dict() as result, writes=writes):
            return await end_job(job_id, JobEnd(JobStatus.SUCCEEDED, result=result), writes)
    logger.error("a step returned %r: runners return a dict (and only `run` a FanOut)", outcome)
    return await end_job(job_id, _as_end(internal_error(job_id)))


async def _defer(job_id: uuid.UUID, deferral: Deferred) -> JobStatus | None:
    """Queue the job again, its message held back by the broker, freeing this worker."""
    message = await repository.defer_job(job_id, deferral.reason)
    if message is None:  # asked to stop meanwhile
        return await end_job(job_id, CANCELLED_WHILE_RUNNING)
    send_after_commit(replace(message, countdown=deferral.countdown_s))
    logger.info("job deferred for %.1fs: %s", deferral.countdown_s, deferral.reason)
    return JobStatus.QUEUED


async def _fan_out(
    job_id: uuid.UUID, kind: AnyJobKind, fan_out: FanOut, writes: list[ResultWrite]
) -> JobStatus | None:
    """Store the parts (with the planning step's rows) and send one message per part."""
    if not kind.fans_out:
        logger.error("%s returned FanOut but declares no run_part", kind.name)
        return await end_job(job_id, _as_end(internal_error(job_id)))

    async def store_parts(connection: BaseDBAsyncClient) -> list[PartMessage] | None:
        messages = await repository.start_fan_out(connection, job_id, kind.name, fan_out.parts)
        for message in messages or []:
            send_after_commit(message)
        return messages

    if await commit_with_rows(writes, store_parts) is None:
        # Asked to stop while planning: the parts were never stored.
        return await end_job(job_id, CANCELLED_WHILE_RUNNING)
    logger.info("job fanned out into %d parts", len(fan_out.parts))
    return JobStatus.RUNNING


def _as_end(failure: Failed) -> JobEnd:
    return JobEnd(JobStatus.FAILED, error=(failure.code, failure.message))


async def fail_unknown_task(
    *, task_name: str, entity_id: uuid.UUID, message_id: uuid.UUID
) -> JobStatus | None:
    """End the job (or part) of a message whose task this worker does not have `failed`."""
    failure = unknown_kind(task_name.removesuffix(PART_TASK_SUFFIX))
    if is_part_task(task_name):
        claimed_part = await repository.claim_part(entity_id, message_id)
        return await fail_part(entity_id, claimed_part, failure) if claimed_part else None
    if await repository.claim_job(entity_id, message_id) is None:
        return None
    return await end_job(entity_id, _as_end(failure))
