"""Running a job inside a worker: claim it, run its kind, record the outcome exactly once."""

import asyncio
import logging
import uuid
from dataclasses import dataclass

from tortoise import connections
from tortoise.transactions import in_transaction

from domain.jobs.catalog import get_job_kind
from domain.jobs.errors import JobCancelled
from domain.jobs.kinds import JobFailed
from domain.jobs.models import Job, JobStatus
from domain.webhooks.service import record_job_event
from pulsetrack.settings import Settings

logger = logging.getLogger(__name__)

# Only the job's current message may run it; a redelivery of that message counts one attempt more.
_CLAIM_SQL = """
UPDATE jobs SET status = 'running', attempts = attempts + 1,
       started_at = COALESCE(started_at, now()), updated_at = now()
WHERE id = $1 AND message_id = $2 AND status IN ('queued', 'running')
RETURNING kind, params::text AS params, attempts, cancel_requested
"""
_PROGRESS_SQL = """
UPDATE jobs SET progress = $2, progress_message = $3, updated_at = now()
WHERE id = $1 AND status = 'running'
RETURNING cancel_requested
"""


# Only a running job can finish, and only once. Written out rather than built by the ORM on each
# call: building the query cost more CPU than the rest of a no-op job.
_FINISH_SQL = """
UPDATE jobs SET status = $2::varchar, finished_at = now(), updated_at = now(), result = $3::jsonb,
       error_code = $4, error_message = $5, attempts = COALESCE($6, attempts),
       progress = CASE WHEN $2::varchar = 'succeeded' THEN 1.0 ELSE progress END
WHERE id = $1 AND status = 'running' {and_condition}
RETURNING id
"""
_FINISH_ANY_SQL = _FINISH_SQL.format(and_condition="")
_FINISH_IF_NO_WEBHOOK_SQL = _FINISH_SQL.format(and_condition="AND webhook_url IS NULL")


@dataclass(frozen=True)
class JobOutcome:
    status: JobStatus
    webhook_event_id: str | None


@dataclass
class RunningJob:
    """The `JobContext` a job kind's runner receives."""

    job_id: uuid.UUID
    attempt: int

    async def report_progress(self, fraction: float, message: str | None = None) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        rows = await connections.get("default").execute_query_dict(
            _PROGRESS_SQL, [self.job_id, fraction, message]
        )
        if not rows or rows[0]["cancel_requested"]:
            raise JobCancelled()


async def _finish(
    job_id: uuid.UUID,
    status: JobStatus,
    *,
    result: dict | None = None,
    error: tuple[str, str] | None = None,
    attempts: int | None = None,
) -> JobOutcome | None:
    code, message = error or (None, None)
    params = [job_id, status.value, _encode_result(result), code, message, attempts]
    # Most jobs have no webhook: one autocommit UPDATE finishes them, no transaction or re-read.
    default = connections.get("default")
    if await default.execute_query_dict(_FINISH_IF_NO_WEBHOOK_SQL, params):
        return JobOutcome(status, None)
    async with in_transaction() as connection:
        if not await connection.execute_query_dict(_FINISH_ANY_SQL, params):
            return None
        job = await Job.get(id=job_id, using_db=connection)
        return JobOutcome(status, await record_job_event(job, connection=connection))


def _encode_result(result: dict | None) -> str | None:
    return None if result is None else Job._meta.fields_map["result"].to_db_value(result, Job)


async def _cancel(job_id: uuid.UUID) -> JobOutcome | None:
    return await _finish(
        job_id, JobStatus.CANCELLED, error=("cancelled", "cancelled while running")
    )


async def fail_job(*, job_id: uuid.UUID, code: str, message: str) -> JobOutcome | None:
    """End a running job `failed`."""
    return await _finish(job_id, JobStatus.FAILED, error=(code, message))


async def _run_kind(job_id: uuid.UUID, claimed: dict, settings: Settings) -> JobOutcome | None:
    running = RunningJob(job_id=job_id, attempt=claimed["attempts"])
    try:
        kind = get_job_kind(claimed["kind"])
        params = kind.params_model.model_validate_json(claimed["params"])
        result = await asyncio.wait_for(
            kind.run(params, running), timeout=settings.task_soft_time_limit_s
        )
    except JobCancelled:
        return await _cancel(job_id)
    except JobFailed as failure:
        return await fail_job(job_id=job_id, code=failure.code, message=failure.message)
    except TimeoutError:
        limit = settings.task_soft_time_limit_s
        return await fail_job(
            job_id=job_id, code="time_limit_exceeded", message=f"did not finish within {limit}s"
        )
    except Exception:
        logger.exception("job raised an unexpected error")
        return await fail_job(
            job_id=job_id,
            code="internal_error",
            message=f"the job failed unexpectedly; the worker log has the details for job {job_id}",
        )
    return await _finish(job_id, JobStatus.SUCCEEDED, result=result)


async def execute_job(
    *, job_id: uuid.UUID, message_id: uuid.UUID, settings: Settings
) -> JobOutcome | None:
    """Run the job if this message is its current one; None when there was nothing to do."""
    try:
        outcome = await _claim_and_run(job_id, message_id, settings)
    except Exception:
        # Never leave a claimed job `running` forever because the platform itself failed.
        logger.exception("running the job failed")
        return await fail_job(job_id=job_id, code="internal_error", message="the worker failed")
    if outcome is not None:
        logger.info("job %s", outcome.status)
    return outcome


async def _claim_and_run(
    job_id: uuid.UUID, message_id: uuid.UUID, settings: Settings
) -> JobOutcome | None:
    rows = await connections.get("default").execute_query_dict(_CLAIM_SQL, [job_id, message_id])
    if not rows:
        logger.info("message %s is stale or the job has finished; dropped", message_id)
        return None
    claimed = rows[0]
    if claimed["attempts"] > settings.max_deliveries:
        # This delivery only gives up, it runs nothing: report the attempts that really ran.
        limit = settings.max_deliveries
        return await _finish(
            job_id,
            JobStatus.FAILED,
            attempts=limit,
            error=(
                "delivery_limit_exceeded",
                f"the worker running this job died on each of {limit} deliveries; giving up",
            ),
        )
    if claimed["cancel_requested"]:
        return await _cancel(job_id)
    return await _run_kind(job_id, claimed, settings)
