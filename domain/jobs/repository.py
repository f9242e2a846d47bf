"""Every query on `jobs` and `job_parts`. Statuses come from `JobStatus`, never retyped.

The hot path (claim, progress, finish) is written-out SQL: building these with the ORM on every
call cost more CPU than the rest of a no-op job.
"""

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic_core import to_json
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from domain.errors import FieldError, InvalidInput
from domain.jobs.models import Job, JobPart, JobStatus
from domain.jobs.schemas import JobFilter
from domain.messaging import JobMessage, Message, PartMessage


def _sql(status: JobStatus) -> str:
    return f"'{status.value}'"


QUEUED, RUNNING = _sql(JobStatus.QUEUED), _sql(JobStatus.RUNNING)
SUCCEEDED, CANCELLED = _sql(JobStatus.SUCCEEDED), _sql(JobStatus.CANCELLED)
UNFINISHED = f"({QUEUED}, {RUNNING})"


def _db() -> BaseDBAsyncClient:
    return connections.get("default")


def encode_json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else to_json(value).decode()


# --- Claiming and running a job -----------------------------------------------------------------

# Only the job's current message may run it; a redelivery of that message counts one attempt more.
_CLAIM_JOB_SQL = f"""
UPDATE jobs SET status = {RUNNING}, attempts = attempts + 1,
       started_at = COALESCE(started_at, now()), updated_at = now()
WHERE id = $1 AND message_id = $2 AND status IN {UNFINISHED}
RETURNING kind, params::text AS params, attempts, cancel_requested, parts_total, parts_done
"""
_JOB_PROGRESS_SQL = f"""
UPDATE jobs SET progress = $2, progress_message = $3, updated_at = now()
WHERE id = $1 AND status = {RUNNING}
RETURNING cancel_requested
"""
# Only a running job can finish, and only once.
_FINISH_JOB_SQL = f"""
UPDATE jobs SET status = $2::varchar, finished_at = now(), updated_at = now(), result = $3::jsonb,
       error_code = $4, error_message = $5, attempts = COALESCE($6, attempts),
       progress = CASE WHEN $2::varchar = {SUCCEEDED} THEN 1.0 ELSE progress END
WHERE id = $1 AND status = {RUNNING} {{and_condition}}
RETURNING webhook_url
"""
_FINISH_ANY_JOB_SQL = _FINISH_JOB_SQL.format(and_condition="")
_FINISH_JOB_WITHOUT_WEBHOOK_SQL = _FINISH_JOB_SQL.format(and_condition="AND webhook_url IS NULL")


@dataclass(frozen=True)
class ClaimedJob:
    kind: str
    params: str
    attempts: int
    cancel_requested: bool
    parts_total: int
    parts_done: int

    @property
    def awaits_finishing(self) -> bool:
        """Its parts have all finished: this message runs the finishing step."""
        return self.parts_total > 0 and self.parts_done == self.parts_total


@dataclass(frozen=True)
class JobEnd:
    status: JobStatus
    result: dict[str, Any] | None = None
    error: tuple[str, str] | None = None
    # Overrides the attempts counted so far (a delivery that only gives up ran nothing).
    attempts: int | None = None

    def sql_params(self, job_id: uuid.UUID) -> list[Any]:
        code, message = self.error or (None, None)
        return [job_id, self.status.value, encode_json(self.result), code, message, self.attempts]


async def claim_job(job_id: uuid.UUID, message_id: uuid.UUID) -> ClaimedJob | None:
    rows = await _db().execute_query_dict(_CLAIM_JOB_SQL, [job_id, message_id])
    return ClaimedJob(**rows[0]) if rows else None


async def record_job_progress(job_id: uuid.UUID, fraction: float, message: str | None) -> bool:
    """Store progress; False when the job should stop (cancel requested, or no longer running)."""
    rows = await _db().execute_query_dict(_JOB_PROGRESS_SQL, [job_id, fraction, message])
    return bool(rows) and not rows[0]["cancel_requested"]


async def finish_job_without_webhook(job_id: uuid.UUID, end: JobEnd) -> bool:
    """One autocommit UPDATE for the common case; False if the job has a webhook or is not
    running."""
    return bool(
        await _db().execute_query_dict(_FINISH_JOB_WITHOUT_WEBHOOK_SQL, end.sql_params(job_id))
    )


async def finish_job(connection: BaseDBAsyncClient, job_id: uuid.UUID, end: JobEnd) -> Job | None:
    """End a running job in the caller's transaction; the job as stored, or None."""
    if not await connection.execute_query_dict(_FINISH_ANY_JOB_SQL, end.sql_params(job_id)):
        return None
    return await Job.get(id=job_id, using_db=connection)


# A job that deferred itself is queued again under a new message id (any other message for it is
# now stale); the delivery that deferred it ran to its end, so it does not count towards the
# delivery cap. `published_at` is set by whoever publishes the delayed message.
_DEFER_JOB_SQL = f"""
UPDATE jobs SET status = {QUEUED}, message_id = gen_random_uuid(), published_at = NULL,
       attempts = attempts - 1, progress_message = $2, updated_at = now()
WHERE id = $1 AND status = {RUNNING} AND NOT cancel_requested
RETURNING kind, message_id
"""


async def defer_job(job_id: uuid.UUID, reason: str) -> JobMessage | None:
    """Queue a running job again with a fresh message id; that message (not yet delayed), or
    None if the job was not running or was asked to stop."""
    rows = await _db().execute_query_dict(_DEFER_JOB_SQL, [job_id, reason[:255]])
    return JobMessage(job_id, rows[0]["kind"], rows[0]["message_id"]) if rows else None


# --- Fan-out: parts ----------------------------------------------------------------------------

# The planning message becomes stale (a redelivery must not make the parts twice), and no message
# runs the job again until its last part rotates `message_id` for the finishing step.
_START_FAN_OUT_SQL = f"""
UPDATE jobs SET parts_total = $2::int, parts_done = 0, parts_failed = 0,
       message_id = gen_random_uuid(), progress = 0,
       progress_message = '0 of ' || $2::int || ' parts done', updated_at = now()
WHERE id = $1 AND status = {RUNNING} AND NOT cancel_requested
RETURNING id
"""
_INSERT_PARTS_SQL = f"""
INSERT INTO job_parts (id, job_id, index, status, params, attempts, message_id, created_at,
                       updated_at)
SELECT gen_random_uuid(), $1, part.ordinality - 1, {QUEUED}, part.params::jsonb, 0,
       gen_random_uuid(), now(), now()
FROM unnest($2::text[]) WITH ORDINALITY AS part(params, ordinality)
RETURNING id, message_id
"""
_CLAIM_PART_SQL = f"""
UPDATE job_parts part SET status = {RUNNING}, attempts = part.attempts + 1,
       started_at = COALESCE(part.started_at, now()), updated_at = now()
FROM jobs job
WHERE part.id = $1 AND part.message_id = $2 AND part.status IN {UNFINISHED}
  AND job.id = part.job_id AND job.status = {RUNNING} AND NOT job.cancel_requested
RETURNING part.job_id, part.index, part.params::text AS part_params, part.attempts, job.kind,
          job.params::text AS job_params, job.parts_total
"""
_PARENT_RUNNING_SQL = f"""
SELECT 1 FROM jobs WHERE id = $1 AND status = {RUNNING} AND NOT cancel_requested
"""
# The parent row is locked first, so a cancel and the parts finishing take turns. NO KEY UPDATE,
# not UPDATE: a part's rows that refer to the job (reports, insights) hold a KEY SHARE lock on its
# row, which UPDATE would wait for, and two such parts would deadlock. The part that completes the
# count gives the job a fresh message id for its finishing step (and resets `attempts`, which
# count the deliveries of the current step).
_COUNT_PART_DONE_SQL = f"""
WITH parent AS (
    SELECT id FROM jobs WHERE id = $2 AND status = {RUNNING} FOR NO KEY UPDATE
), part AS (
    UPDATE job_parts SET status = {SUCCEEDED}, result = $3::jsonb, finished_at = now(),
           updated_at = now()
    WHERE id = $1 AND status = {RUNNING} AND job_id IN (SELECT id FROM parent)
    RETURNING job_id
)
UPDATE jobs SET parts_done = jobs.parts_done + 1,
       progress = (jobs.parts_done + 1)::float / jobs.parts_total,
       progress_message = (jobs.parts_done + 1) || ' of ' || jobs.parts_total || ' parts done',
       message_id = CASE WHEN jobs.parts_done + 1 = jobs.parts_total
                         THEN gen_random_uuid() ELSE jobs.message_id END,
       published_at = CASE WHEN jobs.parts_done + 1 = jobs.parts_total
                           THEN NULL ELSE jobs.published_at END,
       attempts = CASE WHEN jobs.parts_done + 1 = jobs.parts_total THEN 0 ELSE jobs.attempts END,
       updated_at = now()
FROM part WHERE jobs.id = part.job_id
RETURNING jobs.parts_done, jobs.parts_total, jobs.kind, jobs.message_id
"""
_END_PART_SQL = f"""
UPDATE job_parts SET status = $2::varchar, error_code = $3, error_message = $4,
       attempts = COALESCE($5, attempts), finished_at = now(), updated_at = now()
WHERE id = $1 AND status = {RUNNING}
RETURNING job_id
"""
_COUNT_PART_FAILED_SQL = "UPDATE jobs SET parts_failed = parts_failed + 1 WHERE id = $1"
_CANCEL_UNFINISHED_PARTS_SQL = f"""
UPDATE job_parts SET status = {CANCELLED}, error_code = 'cancelled', error_message = $2,
       finished_at = now(), updated_at = now()
WHERE job_id = $1 AND status IN {UNFINISHED}
"""
_PART_RESULTS_SQL = "SELECT result::text AS result FROM job_parts WHERE job_id = $1 ORDER BY index"


@dataclass(frozen=True)
class ClaimedPart:
    job_id: uuid.UUID
    index: int
    part_params: str
    attempts: int
    kind: str
    job_params: str
    parts_total: int


@dataclass(frozen=True)
class PartsCount:
    parts_done: int
    parts_total: int
    kind: str
    message_id: uuid.UUID

    @property
    def is_last(self) -> bool:
        return self.parts_done == self.parts_total


async def start_fan_out(
    connection: BaseDBAsyncClient, job_id: uuid.UUID, kind: str, parts: Sequence[dict[str, Any]]
) -> list[PartMessage] | None:
    """Store the job's parts, queued; None if the job stopped running or was asked to stop."""
    if not await connection.execute_query_dict(_START_FAN_OUT_SQL, [job_id, len(parts)]):
        return None
    encoded = [encode_json(part) for part in parts]
    rows = await connection.execute_query_dict(_INSERT_PARTS_SQL, [job_id, encoded])
    return [PartMessage(row["id"], kind, row["message_id"]) for row in rows]


async def claim_part(part_id: uuid.UUID, message_id: uuid.UUID) -> ClaimedPart | None:
    rows = await _db().execute_query_dict(_CLAIM_PART_SQL, [part_id, message_id])
    return ClaimedPart(**rows[0]) if rows else None


async def parent_accepts_parts(job_id: uuid.UUID) -> bool:
    """The job is still running and nobody asked it to stop."""
    return bool(await _db().execute_query_dict(_PARENT_RUNNING_SQL, [job_id]))


async def count_part_done(
    part_id: uuid.UUID,
    job_id: uuid.UUID,
    result: dict[str, Any],
    connection: BaseDBAsyncClient | None = None,
) -> PartsCount | None:
    """Mark a running part succeeded and count it on its running job; None if either stopped."""
    rows = await (connection or _db()).execute_query_dict(
        _COUNT_PART_DONE_SQL, [part_id, job_id, encode_json(result)]
    )
    return PartsCount(**rows[0]) if rows else None


async def end_part(
    connection: BaseDBAsyncClient,
    part_id: uuid.UUID,
    status: JobStatus,
    *,
    error: tuple[str, str],
    attempts: int | None = None,
) -> bool:
    """End a running part `failed` or `cancelled`; False if it was not running."""
    code, message = error
    rows = await connection.execute_query_dict(
        _END_PART_SQL, [part_id, status.value, code, message, attempts]
    )
    if rows and status == JobStatus.FAILED:
        await connection.execute_query(_COUNT_PART_FAILED_SQL, [rows[0]["job_id"]])
    return bool(rows)


async def cancel_unfinished_parts(
    connection: BaseDBAsyncClient, job_id: uuid.UUID, reason: str
) -> None:
    await connection.execute_query(_CANCEL_UNFINISHED_PARTS_SQL, [job_id, reason])


async def part_results(job_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every part's result, in part order."""
    rows = await _db().execute_query_dict(_PART_RESULTS_SQL, [job_id])
    return [json.loads(row["result"]) for row in rows]


async def list_parts(
    *, job_id: uuid.UUID, status: JobStatus | None, after_index: int | None, limit: int
) -> list[JobPart]:
    query = JobPart.filter(job_id=job_id)
    if status is not None:
        query = query.filter(status=status)
    if after_index is not None:
        query = query.filter(index__gt=after_index)
    return await query.order_by("index").limit(limit)


# --- Publishing and the sweep ------------------------------------------------------------------

# A message the sweep has since replaced (new message_id) is not the live one: skip it.
_MARK_PUBLISHED_SQL = """
UPDATE {table} SET published_at = now()
FROM unnest($1::uuid[], $2::uuid[]) AS sent(id, message_id)
WHERE {table}.id = sent.id AND {table}.message_id = sent.message_id
"""
# Queued jobs with no live message, and fan-out jobs whose finishing message was lost. A fresh
# message id makes any earlier message stale, so a job can never run twice side by side.
_REISSUE_JOBS_SQL = f"""
UPDATE jobs SET message_id = gen_random_uuid(), published_at = NULL, updated_at = now()
WHERE id IN (
    SELECT id FROM jobs
    WHERE (status = {QUEUED}
           OR (status = {RUNNING} AND parts_total > 0 AND parts_done = parts_total))
      AND ((published_at IS NULL AND updated_at < now() - make_interval(secs => $1))
           OR published_at < now() - make_interval(secs => $2))
    ORDER BY created_at LIMIT $3
    FOR UPDATE SKIP LOCKED
)
RETURNING id, kind, message_id
"""
_REISSUE_PARTS_SQL = f"""
UPDATE job_parts part SET message_id = gen_random_uuid(), published_at = NULL, updated_at = now()
FROM jobs job
WHERE part.id IN (
    SELECT part.id FROM job_parts part JOIN jobs job ON job.id = part.job_id
    WHERE part.status = {QUEUED} AND job.status = {RUNNING}
      AND ((part.published_at IS NULL AND part.updated_at < now() - make_interval(secs => $1))
           OR part.published_at < now() - make_interval(secs => $2))
    ORDER BY part.created_at, part.index LIMIT $3
    FOR UPDATE OF part SKIP LOCKED
) AND job.id = part.job_id
RETURNING part.id, job.kind, part.message_id
"""


async def mark_published(messages: Sequence[Message]) -> None:
    """Note that these messages reached the broker, so the sweep leaves their rows alone."""
    for table, of_table in (("jobs", JobMessage), ("job_parts", PartMessage)):
        sent = [message for message in messages if isinstance(message, of_table)]
        if sent:
            await _db().execute_query(
                _MARK_PUBLISHED_SQL.format(table=table),
                [[m.entity_id for m in sent], [m.message_id for m in sent]],
            )


async def reissue_unpublished(
    *, grace_s: float, republish_after_s: float, limit: int
) -> list[JobMessage | PartMessage]:
    """Give each job and part with no live message a new message id; return the new messages."""
    params = [grace_s, republish_after_s, limit]
    jobs = await _db().execute_query_dict(_REISSUE_JOBS_SQL, params)
    parts = await _db().execute_query_dict(_REISSUE_PARTS_SQL, params)
    return [JobMessage(row["id"], row["kind"], row["message_id"]) for row in jobs] + [
        PartMessage(row["id"], row["kind"], row["message_id"]) for row in parts
    ]


# --- Submitting, reading, cancelling -----------------------------------------------------------


async def insert_job(**fields: Any) -> Job:
    return await Job.create(id=uuid.uuid4(), message_id=uuid.uuid4(), **fields)


async def find_by_idempotency_key(api_key_id: int | None, idempotency_key: str) -> Job | None:
    return await Job.get_or_none(api_key_id=api_key_id, idempotency_key=idempotency_key)


async def get_job(job_id: uuid.UUID) -> Job | None:
    return await Job.get_or_none(id=job_id)


async def lock_job(connection: BaseDBAsyncClient, job_id: uuid.UUID) -> Job | None:
    # NO KEY UPDATE: nothing here changes the id that result rows refer to (see above).
    return await Job.select_for_update(no_key=True).using_db(connection).get_or_none(id=job_id)


async def save_job(connection: BaseDBAsyncClient, job: Job, *fields: str) -> None:
    await job.save(using_db=connection, update_fields=[*fields, "updated_at"] if fields else None)


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


async def list_jobs(filters: JobFilter) -> tuple[list[Job], str | None]:
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


async def forget_idempotency_keys(*, created_before: datetime) -> int:
    return await Job.filter(idempotency_key__isnull=False, created_at__lt=created_before).update(
        idempotency_key=None
    )
