"""Every query of retention: choosing a batch of finished jobs, tallying what goes, deleting it.

What a purge removes is added to `purged_totals` in the transaction that removes it, so the
Prometheus counters read from the tables (`domain/operations/metrics.py`) never go down.
"""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.jobs.models import TERMINAL_STATUSES, JobStatus
from domain.webhooks.models import WebhookEventStatus

FINISHED = "(" + ", ".join(sorted(f"'{status.value}'" for status in TERMINAL_STATUSES)) + ")"
UNFINISHED = f"('{JobStatus.QUEUED.value}', '{JobStatus.RUNNING.value}')"
PENDING = f"'{WebhookEventStatus.PENDING.value}'"
# How a webhook attempt counts in `pulsetrack_webhook_attempts`.
ATTEMPT_OUTCOME_SQL = """CASE WHEN status_code BETWEEN 200 AND 299 THEN 'delivered'
            WHEN status_code IS NOT NULL THEN 'http_error'
            ELSE 'no_response' END"""

# Oldest first along the `finished_at` index; a job whose parts still run or whose webhook still
# has an attempt to make is left for a later run, and a row another transaction holds is skipped.
_CHOOSE_JOBS_SQL = f"""
SELECT j.id, j.kind, j.status,
       extract(epoch FROM j.finished_at - j.started_at)::float AS seconds
FROM jobs j
WHERE j.finished_at < $1 AND j.status IN {FINISHED} AND j.kind <> ALL($2::varchar[])
  AND NOT EXISTS (SELECT 1 FROM job_parts p WHERE p.job_id = j.id AND p.status IN {UNFINISHED})
  AND NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.job_id = j.id AND e.status = {PENDING})
ORDER BY j.finished_at
LIMIT $3
FOR UPDATE OF j SKIP LOCKED
"""
_COUNT_CHILDREN_SQL = """
SELECT (SELECT count(*) FROM job_parts WHERE job_id = ANY($1::uuid[])) AS job_parts,
       (SELECT count(*) FROM webhook_events WHERE job_id = ANY($1::uuid[])) AS webhook_events
"""
_ATTEMPT_OUTCOMES_SQL = f"""
SELECT {ATTEMPT_OUTCOME_SQL} AS outcome, count(*) AS n
FROM webhook_attempts a JOIN webhook_events e ON e.id = a.event_id
WHERE e.job_id = ANY($1::uuid[])
GROUP BY 1
"""
# Parts, webhook events and attempts go with their job (ON DELETE CASCADE).
_DELETE_JOBS_SQL = "DELETE FROM jobs WHERE id = ANY($1::uuid[])"

# The jobs retention keeps (their kind is `retained`) lose only their parts and delivery log.
_CHOOSE_RETAINED_PARTS_SQL = f"""
SELECT p.id FROM job_parts p JOIN jobs j ON j.id = p.job_id
WHERE j.kind = ANY($2::varchar[]) AND j.finished_at < $1 AND j.status IN {FINISHED}
  AND p.status IN {FINISHED}
LIMIT $3
FOR UPDATE OF p SKIP LOCKED
"""
_CHOOSE_RETAINED_EVENTS_SQL = f"""
SELECT e.id FROM webhook_events e JOIN jobs j ON j.id = e.job_id
WHERE j.kind = ANY($2::varchar[]) AND j.finished_at < $1 AND j.status IN {FINISHED}
  AND e.status <> {PENDING}
LIMIT $3
FOR UPDATE OF e SKIP LOCKED
"""
_EVENT_ATTEMPT_OUTCOMES_SQL = f"""
SELECT {ATTEMPT_OUTCOME_SQL} AS outcome, count(*) AS n
FROM webhook_attempts WHERE event_id = ANY($1::varchar[])
GROUP BY 1
"""

_ADD_TOTALS_SQL = """
INSERT INTO purged_totals (family, kind, label, value)
SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::float8[])
ON CONFLICT (family, kind, label) DO UPDATE SET value = purged_totals.value + EXCLUDED.value
"""
_READ_TOTALS_SQL = "SELECT family, kind, label, value FROM purged_totals"

# (family, kind, label) -> amount
Totals = dict[tuple[str, str, str], float]


async def choose_jobs(
    connection: BaseDBAsyncClient,
    *,
    finished_before: datetime,
    keep_kinds: Sequence[str],
    limit: int,
) -> list[dict]:
    """Lock up to `limit` purgeable jobs: id, kind, status and run time (seconds, or None)."""
    return await connection.execute_query_dict(
        _CHOOSE_JOBS_SQL, [finished_before, list(keep_kinds), limit]
    )


async def count_children(connection: BaseDBAsyncClient, job_ids: list[UUID]) -> dict[str, int]:
    rows = await connection.execute_query_dict(_COUNT_CHILDREN_SQL, [job_ids])
    return dict(rows[0])


async def attempt_outcomes_of_jobs(
    connection: BaseDBAsyncClient, job_ids: list[UUID]
) -> dict[str, int]:
    rows = await connection.execute_query_dict(_ATTEMPT_OUTCOMES_SQL, [job_ids])
    return {row["outcome"]: row["n"] for row in rows}


async def delete_jobs(connection: BaseDBAsyncClient, job_ids: list[UUID]) -> None:
    await connection.execute_query(_DELETE_JOBS_SQL, [job_ids])


async def choose_retained_parts(
    connection: BaseDBAsyncClient, *, finished_before: datetime, kinds: Sequence[str], limit: int
) -> list[UUID]:
    rows = await connection.execute_query_dict(
        _CHOOSE_RETAINED_PARTS_SQL, [finished_before, list(kinds), limit]
    )
    return [row["id"] for row in rows]


async def delete_parts(connection: BaseDBAsyncClient, part_ids: list[UUID]) -> None:
    await connection.execute_query("DELETE FROM job_parts WHERE id = ANY($1::uuid[])", [part_ids])


async def choose_retained_events(
    connection: BaseDBAsyncClient, *, finished_before: datetime, kinds: Sequence[str], limit: int
) -> list[str]:
    rows = await connection.execute_query_dict(
        _CHOOSE_RETAINED_EVENTS_SQL, [finished_before, list(kinds), limit]
    )
    return [row["id"] for row in rows]


async def attempt_outcomes_of_events(
    connection: BaseDBAsyncClient, event_ids: list[str]
) -> dict[str, int]:
    rows = await connection.execute_query_dict(_EVENT_ATTEMPT_OUTCOMES_SQL, [event_ids])
    return {row["outcome"]: row["n"] for row in rows}


async def delete_events(connection: BaseDBAsyncClient, event_ids: list[str]) -> None:
    await connection.execute_query(
        "DELETE FROM webhook_events WHERE id = ANY($1::varchar[])", [event_ids]
    )


async def add_totals(connection: BaseDBAsyncClient, totals: Totals) -> None:
    if not totals:
        return
    families, kinds, labels = zip(*totals, strict=True)
    await connection.execute_query(
        _ADD_TOTALS_SQL, [list(families), list(kinds), list(labels), list(totals.values())]
    )


async def read_totals(connection: BaseDBAsyncClient) -> Totals:
    rows = await connection.execute_query_dict(_READ_TOTALS_SQL)
    return {(row["family"], row["kind"], row["label"]): row["value"] for row in rows}
