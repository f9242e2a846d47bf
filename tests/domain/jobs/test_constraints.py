"""The database itself refuses job rows the model would never write (hand-written CHECKs)."""

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError

from domain.jobs.models import Job

_INSERT_SQL = """
INSERT INTO jobs (id, kind, status, params, progress, attempts, cancel_requested, message_id,
                  created_at, updated_at, finished_at)
VALUES ($1, 'system.echo', $2, '{}'::jsonb, $3, $4, false, $5, now(), now(), $6)
"""


async def insert_job_row(
    *,
    status: str = "queued",
    progress: float = 0.0,
    attempts: int = 0,
    finished: bool = False,
) -> uuid.UUID:
    """Write a jobs row with raw SQL, past the ORM, so only the database can object."""
    job_id = uuid.uuid4()
    finished_at = datetime.now(UTC) if finished else None
    await connections.get("default").execute_query(
        _INSERT_SQL, [job_id, status, progress, attempts, uuid.uuid4(), finished_at]
    )
    return job_id


async def test_a_well_formed_row_is_accepted(clean_database: None) -> None:
    queued = await insert_job_row()
    succeeded = await insert_job_row(status="succeeded", progress=1.0, attempts=1, finished=True)

    assert await Job.filter(id__in=[queued, succeeded]).count() == 2


@pytest.mark.parametrize(
    ("row", "constraint"),
    [
        pytest.param({"status": "bogus"}, "ck_jobs_status", id="unknown-status"),
        pytest.param({"progress": 1.5}, "ck_jobs_progress", id="progress-above-one"),
        pytest.param({"progress": -0.1}, "ck_jobs_progress", id="negative-progress"),
        pytest.param({"attempts": -1}, "ck_jobs_attempts", id="negative-attempts"),
        pytest.param(
            {"status": "succeeded"}, "ck_jobs_finished_when_terminal", id="terminal-unfinished"
        ),
        pytest.param(
            {"status": "cancelled"}, "ck_jobs_finished_when_terminal", id="cancelled-unfinished"
        ),
        pytest.param(
            {"status": "running", "finished": True},
            "ck_jobs_finished_when_terminal",
            id="running-finished",
        ),
    ],
)
async def test_the_database_refuses_an_impossible_job_row(
    clean_database: None, row: dict[str, Any], constraint: str
) -> None:
    with pytest.raises(IntegrityError, match=constraint):
        await insert_job_row(**row)

    assert await Job.all().count() == 0
