"""The API's relay sends committed jobs to the real broker in batches and marks them published."""

import asyncio
import json
import uuid
from collections.abc import Sequence

import pytest
import redis

from domain.jobs.models import Job
from domain.messaging import JobMessage, Message
from pulsetrack.settings import Settings
from workers import relay as relay_module
from workers.relay import MessageRelay

BURST = 50


async def queued_jobs(count: int) -> list[JobMessage]:
    jobs = [
        await Job.create(id=uuid.uuid4(), message_id=uuid.uuid4(), kind="system.echo", params={})
        for _ in range(count)
    ]
    return [JobMessage(job.id, job.kind, job.message_id) for job in jobs]


def task_ids_in_queue(settings: Settings) -> set[str]:
    broker = redis.Redis.from_url(settings.broker_url)
    return {
        json.loads(raw)["headers"]["id"] for raw in broker.lrange(settings.queue_default, 0, -1)
    }


@pytest.fixture
def batch_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of each batch the relay hands to the real `publish`."""
    sizes: list[int] = []
    publish = relay_module.publish

    def recording_publish(messages: Sequence[Message]) -> list[Message]:
        sizes.append(len(messages))
        return publish(messages)

    monkeypatch.setattr(relay_module, "publish", recording_publish)
    return sizes


async def test_a_burst_goes_out_in_batches_and_every_job_is_marked_published(
    clean_database: None, settings: Settings, batch_sizes: list[int]
) -> None:
    messages = await queued_jobs(BURST)
    relay = MessageRelay()

    for message in messages:
        relay.send([message])
    await relay.close(timeout_s=10)

    assert sum(batch_sizes) == BURST
    assert len(batch_sizes) < BURST
    assert not await Job.filter(published_at__isnull=True).exists()
    assert {str(m.message_id) for m in messages} <= task_ids_in_queue(settings)


async def test_a_job_the_sweep_reissued_meanwhile_is_not_marked_published(
    clean_database: None,
) -> None:
    [message] = await queued_jobs(1)
    await Job.filter(id=message.job_id).update(message_id=uuid.uuid4())
    relay = MessageRelay()

    relay.send([message])
    await relay.close(timeout_s=10)

    assert (await Job.get(id=message.job_id)).published_at is None


async def test_the_relay_keeps_running_after_a_batch_fails(
    clean_database: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = await queued_jobs(2)
    publish = relay_module.publish
    calls = 0

    def failing_once(messages: Sequence[Message]) -> list[Message]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("broker exploded")
        return publish(messages)

    monkeypatch.setattr(relay_module, "publish", failing_once)
    relay = MessageRelay()

    relay.send([first])
    await asyncio.sleep(0.2)
    relay.send([second])
    await relay.close(timeout_s=10)

    assert (await Job.get(id=first.job_id)).published_at is None  # left to the sweep
    assert (await Job.get(id=second.job_id)).published_at is not None
