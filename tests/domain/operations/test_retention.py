"""Retention on the real PostgreSQL: what goes, what stays, in batches, and the counters kept."""

import uuid
from datetime import UTC, date, datetime, timedelta

import asyncpg
from tortoise.transactions import in_transaction

from domain.health.models import HealthScoreRun, Report
from domain.jobs.models import Job, JobPart, JobStatus
from domain.llm.models import Extraction
from domain.operations import retention
from domain.operations.metrics import read_job_metrics
from domain.operations.retention import Purged, purge_finished_jobs
from domain.search.models import SearchInsight
from domain.users.models import User
from domain.webhooks.models import WebhookAttempt, WebhookEvent, WebhookEventStatus
from pulsetrack.settings import Settings

NOW = datetime.now(UTC)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


async def job(
    *, finished_days_ago: float | None, status: JobStatus = JobStatus.SUCCEEDED, kind: str = "x.y"
) -> Job:
    finished = None if finished_days_ago is None else days_ago(finished_days_ago)
    started = None if finished is None else finished - timedelta(seconds=2)
    return await Job.create(
        kind=kind,
        params={},
        status=status,
        message_id=uuid.uuid4(),
        started_at=started,
        finished_at=finished,
    )


async def with_parts(owner: Job, count: int, status: JobStatus = JobStatus.SUCCEEDED) -> None:
    for index in range(count):
        await JobPart.create(
            job=owner,
            index=index,
            params={},
            status=status,
            message_id=uuid.uuid4(),
            finished_at=NOW if status.is_terminal else None,
        )


async def with_webhook(
    owner: Job, *, attempts: int, status: WebhookEventStatus = WebhookEventStatus.DELIVERED
) -> WebhookEvent:
    event = await WebhookEvent.create(
        id=f"msg_{uuid.uuid4().hex}",
        job=owner,
        type="job.finished",
        url="http://127.0.0.1/hook",
        payload={},
        status=status,
        attempts=attempts,
    )
    for number in range(1, attempts + 1):
        code = 200 if number == attempts else 503
        await WebhookAttempt.create(
            event=event, attempt=number, attempted_at=NOW, status_code=code, duration_ms=3.0
        )
    return event


async def business_rows_of(owner: Job) -> None:
    """A health score run, a report and a search insight, all made by `owner`."""
    user = await User.create(name="Ada", email=f"{uuid.uuid4().hex}@example.com")
    await HealthScoreRun.create(
        job=owner,
        as_of=date.today(),
        window_days=30,
        lab_window_days=365,
        method_version="1",
        users=1,
        scored=1,
        bands={},
        cohorts=[],
        with_reports=True,
    )
    await Report.create(
        user=user,
        kind="health_score",
        period_start=date.today(),
        period_end=date.today(),
        content={},
        job=owner,
    )
    await SearchInsight.create(
        insight_date=date.today(),
        queries=0,
        total_clicks=0,
        total_impressions=0,
        top_queries=[],
        low_performance_queries=[],
        definitions_version="1",
        computed_at=NOW,
        job=owner,
    )


def keeping(days: int, *, batch: int = 2000) -> Settings:
    return Settings().model_copy(update={"job_retention_days": days, "job_retention_batch": batch})


async def test_old_finished_jobs_go_with_their_parts_and_webhook_log_and_business_data_stays(
    clean_database: None,
) -> None:
    old = await job(finished_days_ago=40)
    await with_parts(old, 3)
    await with_webhook(old, attempts=2)
    await business_rows_of(old)
    recent = await job(finished_days_ago=5)
    await with_webhook(recent, attempts=1)
    queued = await job(finished_days_ago=None, status=JobStatus.QUEUED)
    running = await job(finished_days_ago=None, status=JobStatus.RUNNING)
    await Job.filter(id__in=[queued.id, running.id]).update(created_at=days_ago(90))
    still_retrying = await job(finished_days_ago=40, status=JobStatus.FAILED)
    await with_webhook(still_retrying, attempts=1, status=WebhookEventStatus.PENDING)
    parts_running = await job(finished_days_ago=40, status=JobStatus.CANCELLED)
    await with_parts(parts_running, 1, status=JobStatus.RUNNING)

    purged = await purge_finished_jobs(settings=keeping(30))

    assert purged == Purged(jobs=1, job_parts=3, webhook_events=1, webhook_attempts=2)
    kept = {row.id for row in await Job.all()}
    assert kept == {recent.id, queued.id, running.id, still_retrying.id, parts_running.id}
    assert await WebhookEvent.filter(job_id=recent.id).count() == 1
    assert await WebhookAttempt.all().count() == 2  # the recent job's and the pending event's
    run = await HealthScoreRun.get()
    assert run.job_id is None
    assert await Report.filter(job_id__isnull=True).count() == 1
    assert await SearchInsight.filter(job_id__isnull=True).count() == 1


async def test_a_retained_kind_keeps_its_job_and_loses_its_parts_and_delivery_log(
    clean_database: None,
) -> None:
    assert {"llm.extract", "llm.compare"} <= set(retention.retained_kinds())
    extraction = await job(finished_days_ago=40, kind="llm.extract")
    await Extraction.create(
        job=extraction,
        schema_name="meal",
        schema_version=1,
        provider="local",
        model="m",
        prompt_version="1",
        result={"name": "soup"},
        prompt_tokens=1,
        completion_tokens=1,
        latency_ms=1.0,
        reasks=0,
        retries=0,
    )
    await with_webhook(extraction, attempts=3)
    comparison = await job(finished_days_ago=40, kind="llm.compare")
    await with_parts(comparison, 4)

    purged = await purge_finished_jobs(settings=keeping(30))

    assert purged == Purged(jobs=0, job_parts=4, webhook_events=1, webhook_attempts=3)
    assert await Job.all().count() == 2
    assert await Extraction.filter(job_id=extraction.id).exists()


async def test_it_works_in_batches_oldest_first_and_skips_rows_another_transaction_holds(
    clean_database: None,
) -> None:
    jobs = [await job(finished_days_ago=40 + n) for n in range(7)]
    settings = keeping(30, batch=3)
    cutoff = NOW - timedelta(days=30)

    async with in_transaction() as connection:
        batch = await retention._purge_jobs(connection, cutoff, [], 3)
    assert batch.chosen == 3
    left = {row.id for row in await Job.all()}
    assert left == {j.id for j in jobs[:4]}  # the three oldest went first

    holder = await asyncpg.connect(settings.database_url.replace("postgres://", "postgresql://"))
    try:
        async with holder.transaction():  # another process, busy with the oldest job
            await holder.execute("SELECT 1 FROM jobs WHERE id = $1 FOR UPDATE", jobs[0].id)
            purged = await purge_finished_jobs(settings=settings)
    finally:
        await holder.close()
    assert purged.jobs == 3
    assert {row.id for row in await Job.all()} == {jobs[0].id}
    assert (await purge_finished_jobs(settings=settings)).jobs == 1


async def test_zero_days_keeps_everything(clean_database: None) -> None:
    await job(finished_days_ago=4000)

    assert (await purge_finished_jobs(settings=keeping(0))).total == 0
    assert await Job.all().count() == 1


async def test_the_counters_read_from_the_tables_never_go_down(clean_database: None) -> None:
    old = await job(finished_days_ago=40, kind="system.echo")
    await with_webhook(old, attempts=2)
    await with_parts(old, 2)
    await job(finished_days_ago=1, kind="system.echo", status=JobStatus.FAILED)
    before = await read_job_metrics()

    await purge_finished_jobs(settings=keeping(30))
    after = await read_job_metrics()

    assert after.jobs == before.jobs
    assert after.submitted() == {"system.echo": 2}
    assert after.run_times == before.run_times
    assert after.webhook_attempts == before.webhook_attempts == {"delivered": 1, "http_error": 1}
    assert before.purged == {}
    assert after.purged == {"jobs": 1, "job_parts": 2, "webhook_events": 1, "webhook_attempts": 2}
