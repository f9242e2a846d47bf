"""Running one part of a fan-out job: claimed and recorded like a job, counted on its parent.

A part's rows commit with its success. The part that completes the count hands the parent to its
finishing step (a message for the parent); a part that fails ends the parent `failed`, naming the
part, and cancels the parts that have not finished.
"""

import json
import logging
import uuid

from domain.jobs import repository
from domain.jobs.catalog import get_job_kind
from domain.jobs.kinds import Result, ResultWrite
from domain.jobs.models import JobStatus
from domain.jobs.repository import ClaimedPart, JobEnd
from domain.jobs.steps import (
    Cancelled,
    Failed,
    StepContext,
    Succeeded,
    commit_with_rows,
    internal_error,
    run_step,
)
from domain.messaging import JobMessage, send_after_commit, transaction
from domain.webhooks.service import record_job_event
from pulsetrack.logs import current_job_id
from pulsetrack.settings import Settings

logger = logging.getLogger(__name__)


async def execute_part(
    *, part_id: uuid.UUID, message_id: uuid.UUID, settings: Settings
) -> JobStatus | None:
    """Run the part if this message is its current one and its job still runs."""
    claimed = await repository.claim_part(part_id, message_id)
    if claimed is None:
        logger.info("part message %s is stale, or its part or job has ended; dropped", message_id)
        return None
    current_job_id.set(str(claimed.job_id))
    try:
        status = await _run(part_id, claimed, settings)
    except Exception:
        logger.exception("running part %d failed", claimed.index)
        status = await fail_part(part_id, claimed, Failed("internal_error", "the worker failed"))
    logger.info("part %d of %d %s", claimed.index + 1, claimed.parts_total, status)
    return status


async def _run(part_id: uuid.UUID, claimed: ClaimedPart, settings: Settings) -> JobStatus | None:
    if claimed.attempts > settings.max_deliveries:
        limit = settings.max_deliveries
        message = f"the worker running this part died on each of {limit} deliveries; giving up"
        failure = Failed("delivery_limit_exceeded", message)
        return await fail_part(part_id, claimed, failure, attempts=limit)
    kind = get_job_kind(claimed.kind)
    if kind.run_part is None:
        return await fail_part(part_id, claimed, internal_error(claimed.job_id))
    params = kind.params_model.model_validate_json(claimed.job_params)
    context = StepContext(claimed.job_id, claimed.attempts, part_index=claimed.index)
    step = kind.run_part(params, json.loads(claimed.part_params), context)
    match await run_step(step, context, settings):
        case Succeeded(value=dict() as result, writes=writes):
            return await _count_done(part_id, claimed, result, writes)
        case Failed() as failure:
            return await fail_part(part_id, claimed, failure)
        case Cancelled():
            return await _cancel(part_id)
    logger.error("part %d returned something other than a dict", claimed.index)
    return await fail_part(part_id, claimed, internal_error(claimed.job_id))


async def _count_done(
    part_id: uuid.UUID, claimed: ClaimedPart, result: Result, writes: list[ResultWrite]
) -> JobStatus | None:
    if writes:
        count = await commit_with_rows(
            writes,
            lambda connection: repository.count_part_done(
                part_id, claimed.job_id, result, connection
            ),
        )
    else:  # one statement commits it: no transaction to open
        count = await repository.count_part_done(part_id, claimed.job_id, result)
    if count is None:
        logger.info("part %d finished after its job had stopped; discarded", claimed.index)
        return JobStatus.CANCELLED
    if count.is_last:
        send_after_commit(JobMessage(claimed.job_id, count.kind, count.message_id))
    return JobStatus.SUCCEEDED


async def fail_part(
    part_id: uuid.UUID, claimed: ClaimedPart, failure: Failed, *, attempts: int | None = None
) -> JobStatus | None:
    """End a running part `failed`, and its job with it: the other parts will not run."""
    error = (failure.code, failure.message)
    async with transaction() as connection:
        if not await repository.end_part(
            connection, part_id, JobStatus.FAILED, error=error, attempts=attempts
        ):
            return None
        which = f"part {claimed.index + 1} of {claimed.parts_total}"
        message = f"{which} failed ({failure.code}): {failure.message}"
        end = JobEnd(JobStatus.FAILED, error=("part_failed", message))
        job = await repository.finish_job(connection, claimed.job_id, end)
        if job is not None:
            await repository.cancel_unfinished_parts(
                connection, claimed.job_id, f"not run: {which} failed"
            )
            await record_job_event(job, connection=connection)
    return JobStatus.FAILED


async def _cancel(part_id: uuid.UUID) -> JobStatus | None:
    async with transaction() as connection:
        error = ("cancelled", "cancelled while running")
        ended = await repository.end_part(connection, part_id, JobStatus.CANCELLED, error=error)
    return JobStatus.CANCELLED if ended else None
