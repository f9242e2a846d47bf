"""The claim, finish, fan-out and sweep queries on the real PostgreSQL, one story each."""

import asyncio
import uuid
from datetime import date

from tortoise import connections
from tortoise.transactions import in_transaction

from domain.jobs import repository
from domain.jobs.models import Job, JobPart, JobStatus
from domain.jobs.repository import JobEnd
from domain.messaging import JobMessage, PartMessage

SUCCEEDED = JobEnd(JobStatus.SUCCEEDED, result={"ok": True})


async def queued_job(*, kind: str = "system.echo") -> Job:
    return await repository.insert_job(kind=kind, params={})


async def running_job() -> Job:
    job = await queued_job(kind="system.fan_out")
    await repository.claim_job(job.id, job.message_id)
    return job


async def fanned_out(parts: int, *, job: Job | None = None) -> tuple[Job, list[PartMessage]]:
    """A running job split into `parts` queued parts; the job as stored after the split."""
    job = job or await running_job()
    async with in_transaction() as connection:
        messages = await repository.start_fan_out(
            connection, job.id, job.kind, [{"n": n} for n in range(parts)]
        )
    assert messages is not None
    return await Job.get(id=job.id), messages


async def age(table: str, *, seconds: int, published: bool) -> None:
    """Pretend every row of `table` was last touched (and published) `seconds` ago."""
    published_at = f"now() - interval '{seconds} seconds'" if published else "NULL"
    await connections.get("default").execute_query(
        f"UPDATE {table} SET updated_at = now() - interval '{seconds} seconds', "
        f"published_at = {published_at}"
    )


async def test_only_the_current_message_claims_a_job_and_each_delivery_counts(
    clean_database: None,
) -> None:
    job = await queued_job()

    assert await repository.claim_job(job.id, uuid.uuid4()) is None
    first = await repository.claim_job(job.id, job.message_id)
    again = await repository.claim_job(job.id, job.message_id)  # a redelivery after a crash

    assert first is not None
    assert first.attempts == 1
    assert again is not None
    assert again.attempts == 2
    assert (await Job.get(id=job.id)).status == JobStatus.RUNNING


async def test_a_job_finishes_once_and_a_finished_job_is_never_claimed(
    clean_database: None,
) -> None:
    job = await queued_job()
    await repository.claim_job(job.id, job.message_id)

    assert await repository.finish_job_without_webhook(job.id, SUCCEEDED)
    assert not await repository.finish_job_without_webhook(job.id, SUCCEEDED)
    assert await repository.claim_job(job.id, job.message_id) is None
    stored = await Job.get(id=job.id)
    assert (stored.status, stored.result, stored.progress) == (JobStatus.SUCCEEDED, {"ok": True}, 1)


async def test_a_job_with_a_webhook_is_left_to_the_transactional_finish(
    clean_database: None,
) -> None:
    job = await repository.insert_job(kind="system.echo", params={}, webhook_url="http://h/")
    await repository.claim_job(job.id, job.message_id)

    assert not await repository.finish_job_without_webhook(job.id, SUCCEEDED)
    async with in_transaction() as connection:
        finished = await repository.finish_job(connection, job.id, SUCCEEDED)

    assert finished is not None
    assert finished.status == JobStatus.SUCCEEDED


async def test_progress_tells_a_running_job_to_stop_once_a_cancel_is_asked(
    clean_database: None,
) -> None:
    job = await running_job()

    assert await repository.record_job_progress(job.id, 0.5, "half")
    await Job.filter(id=job.id).update(cancel_requested=True)

    assert not await repository.record_job_progress(job.id, 0.6, "more")


async def test_fanning_out_stores_queued_parts_and_makes_the_planning_message_stale(
    clean_database: None,
) -> None:
    job = await running_job()

    stored, messages = await fanned_out(3, job=job)

    assert (stored.parts_total, stored.parts_done, stored.progress) == (3, 0, 0.0)
    assert stored.message_id != job.message_id
    assert await repository.claim_job(job.id, job.message_id) is None
    parts = await JobPart.filter(job_id=job.id).order_by("index")
    assert [(part.index, part.params, part.status) for part in parts] == [
        (n, {"n": n}, JobStatus.QUEUED) for n in range(3)
    ]
    assert {m.part_id for m in messages} == {part.id for part in parts}


async def test_a_job_asked_to_stop_while_planning_does_not_fan_out(clean_database: None) -> None:
    job = await running_job()
    await Job.filter(id=job.id).update(cancel_requested=True)

    async with in_transaction() as connection:
        messages = await repository.start_fan_out(connection, job.id, job.kind, [{}])

    assert messages is None
    assert await JobPart.filter(job_id=job.id).count() == 0


async def test_the_last_part_done_hands_the_job_a_fresh_message_for_its_finishing_step(
    clean_database: None,
) -> None:
    job, messages = await fanned_out(2)
    counts = []
    for message in messages:
        claimed = await repository.claim_part(message.part_id, message.message_id)
        assert claimed is not None
        async with in_transaction() as connection:
            counts.append(
                await repository.count_part_done(message.part_id, job.id, {"x": 1}, connection)
            )

    assert [(c.parts_done, c.is_last) for c in counts if c] == [(1, False), (2, True)]
    stored = await Job.get(id=job.id)
    assert counts[1] is not None
    assert stored.message_id == counts[1].message_id != job.message_id
    assert (stored.progress, stored.attempts, stored.published_at) == (1.0, 0, None)
    claimed = await repository.claim_job(job.id, stored.message_id)
    assert claimed is not None
    assert claimed.awaits_finishing
    assert await repository.part_results(job.id) == [{"x": 1}, {"x": 1}]


async def test_parts_whose_rows_refer_to_their_job_commit_side_by_side(
    clean_database: None,
) -> None:
    job, messages = await fanned_out(2)

    async def finish_part(message: PartMessage, day: int) -> int:
        await repository.claim_part(message.part_id, message.message_id)
        async with in_transaction() as connection:
            # A result row that refers to the job: it takes a KEY SHARE lock on the job's row.
            await connection.execute_query(
                "INSERT INTO search_insights (insight_date, queries, total_clicks, "
                "total_impressions, top_queries, low_performance_queries, definitions_version, "
                "computed_at, job_id) VALUES ($1, 0, 0, 0, '[]', '[]', '1', now(), $2)",
                [date(2026, 1, day), job.id],
            )
            await asyncio.sleep(0.1)  # both parts hold that lock before either counts itself
            count = await repository.count_part_done(message.part_id, job.id, {}, connection)
        assert count is not None
        return count.parts_done

    done = await asyncio.gather(*(finish_part(m, day) for day, m in enumerate(messages, 1)))

    assert sorted(done) == [1, 2]


async def test_a_part_of_a_job_that_stopped_is_neither_claimed_nor_counted(
    clean_database: None,
) -> None:
    job, (first, second) = await fanned_out(2)
    await repository.claim_part(first.part_id, first.message_id)
    async with in_transaction() as connection:
        await repository.finish_job(
            connection, job.id, JobEnd(JobStatus.CANCELLED, error=("cancelled", "by a test"))
        )
        await repository.cancel_unfinished_parts(connection, job.id, "the job was cancelled")

    async with in_transaction() as connection:
        count = await repository.count_part_done(first.part_id, job.id, {}, connection)

    assert count is None
    assert await repository.claim_part(second.part_id, second.message_id) is None
    statuses = await JobPart.filter(job_id=job.id).values_list("status", flat=True)
    assert set(statuses) == {JobStatus.CANCELLED}
    assert (await Job.get(id=job.id)).parts_done == 0


async def test_a_failed_part_is_counted_on_its_job(clean_database: None) -> None:
    job, (part, _) = await fanned_out(2)
    await repository.claim_part(part.part_id, part.message_id)

    async with in_transaction() as connection:
        ended = await repository.end_part(
            connection, part.part_id, JobStatus.FAILED, error=("boom", "it broke")
        )

    stored = await JobPart.get(id=part.part_id)
    assert ended
    assert (stored.status, stored.error_code) == (JobStatus.FAILED, "boom")
    assert (await Job.get(id=job.id)).parts_failed == 1


async def test_the_sweep_reissues_jobs_never_published_once_the_grace_is_over(
    clean_database: None,
) -> None:
    job = await queued_job()
    await age("jobs", seconds=5, published=False)

    too_soon = await repository.reissue_unpublished(grace_s=10, republish_after_s=3600, limit=10)
    reissued = await repository.reissue_unpublished(grace_s=1, republish_after_s=3600, limit=10)

    assert too_soon == []
    assert [(m.job_id, m.kind) for m in reissued] == [(job.id, "system.echo")]
    assert isinstance(reissued[0], JobMessage)
    assert reissued[0].message_id != job.message_id
    assert await repository.claim_job(job.id, job.message_id) is None  # the old one is stale


async def test_the_sweep_reissues_messages_presumed_lost_but_not_running_jobs(
    clean_database: None,
) -> None:
    lost = await queued_job()
    await running_job()
    await age("jobs", seconds=60, published=True)

    reissued = await repository.reissue_unpublished(grace_s=1, republish_after_s=30, limit=10)

    assert [m.entity_id for m in reissued] == [lost.id]


async def test_the_sweep_reissues_queued_parts_and_a_lost_finishing_message(
    clean_database: None,
) -> None:
    job, messages = await fanned_out(2)
    await age("job_parts", seconds=60, published=True)

    reissued_parts = await repository.reissue_unpublished(grace_s=1, republish_after_s=30, limit=9)
    for message in reissued_parts:
        assert isinstance(message, PartMessage)
        await repository.claim_part(message.part_id, message.message_id)
        async with in_transaction() as connection:
            await repository.count_part_done(message.part_id, job.id, {}, connection)
    await age("jobs", seconds=60, published=False)  # its finishing message never went out
    reissued_job = await repository.reissue_unpublished(grace_s=1, republish_after_s=30, limit=9)

    assert {m.entity_id for m in reissued_parts} == {m.part_id for m in messages}
    assert [(type(m), m.entity_id) for m in reissued_job] == [(JobMessage, job.id)]


async def test_marking_published_skips_a_message_the_sweep_replaced(clean_database: None) -> None:
    current, replaced = await queued_job(), await queued_job()
    await Job.filter(id=replaced.id).update(message_id=uuid.uuid4())

    await repository.mark_published(
        [JobMessage(job.id, job.kind, job.message_id) for job in (current, replaced)]
    )

    assert (await Job.get(id=current.id)).published_at is not None
    assert (await Job.get(id=replaced.id)).published_at is None


async def test_a_deferred_job_is_queued_again_under_a_new_message_without_using_a_delivery(
    clean_database: None,
) -> None:
    job = await queued_job()
    await repository.claim_job(job.id, job.message_id)

    message = await repository.defer_job(job.id, "rate limited: retry after 40 s")

    stored = await Job.get(id=job.id)
    assert message is not None
    assert message.message_id == stored.message_id != job.message_id
    assert (stored.status, stored.attempts) == (JobStatus.QUEUED, 0)
    assert stored.progress_message == "rate limited: retry after 40 s"
    assert await repository.claim_job(job.id, job.message_id) is None  # the old one is stale
    again = await repository.claim_job(job.id, message.message_id)
    assert again is not None
    assert again.attempts == 1


async def test_a_job_asked_to_stop_is_not_deferred(clean_database: None) -> None:
    job = await queued_job()
    await repository.claim_job(job.id, job.message_id)
    await Job.filter(id=job.id).update(cancel_requested=True)

    assert await repository.defer_job(job.id, "rate limited") is None
