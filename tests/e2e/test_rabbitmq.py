"""On RabbitMQ (the e2e tier's second run in CI): durable priority queues, and messages lost with
an emptied broker re-sent by the sweep. The shared server is never stopped: its queues are
purged and the marker deleted, which is what a node reset leaves behind."""

import time
from pathlib import Path

import httpx
import pytest
from kombu import Connection

from pulsetrack.settings import Settings
from tests.harness import poll_until_finished, start_beat, start_worker, submit_echo, wait_for
from workers.broker_marker import MARKER


@pytest.fixture
def amqp(settings: Settings) -> str:
    if not settings.broker_is_amqp:
        pytest.skip("runs with PULSETRACK_BROKER_URL=amqp://...")
    return settings.broker_url


def test_queues_are_durable_with_priorities(
    amqp: str, settings: Settings, process_env: dict[str, str], tmp_path: Path
) -> None:
    start_worker(process_env, tmp_path, name="amqp-declaring-worker").stop()
    with Connection(amqp) as connection, connection.channel() as channel:
        for queue in settings.all_queues:
            # Redeclaring with the same arguments succeeds; other arguments would be refused.
            declared = channel.queue_declare(
                queue=queue, durable=True, auto_delete=False, arguments={"x-max-priority": 9}
            )
            assert declared.queue == queue


def test_messages_lost_with_an_emptied_rabbitmq_are_sent_again(
    amqp: str,
    settings: Settings,
    process_env: dict[str, str],
    live_client: httpx.Client,
    tmp_path: Path,
) -> None:
    env = process_env | {"PULSETRACK_PUBLISH_GRACE_S": "1"}
    beat = start_beat(env, tmp_path)
    worker = start_worker(env, tmp_path, name="amqp-marker-worker")
    try:
        worker.wait_for_log("jobs.republish_unpublished", timeout=15)
        with Connection(amqp) as connection, connection.channel() as channel:
            wait_for(lambda: _has_queue(connection, MARKER), timeout=15)
        worker.stop()
        job_ids = [submit_echo(live_client, message=str(n)) for n in range(10)]
        with Connection(amqp) as connection, connection.channel() as channel:
            for queue in settings.all_queues:
                channel.queue_purge(queue)
            channel.queue_delete(MARKER)
        started = time.monotonic()
        worker = start_worker(env, tmp_path, name="amqp-after-reset-worker")
        jobs = [poll_until_finished(live_client, job_id, timeout=60) for job_id in job_ids]
    finally:
        worker.stop()
        beat.stop()

    assert [job["status"] for job in jobs] == ["succeeded"] * 10
    assert [job["attempts"] for job in jobs] == [1] * 10
    assert time.monotonic() - started < 60
    assert "the broker lost its messages" in worker.log()


def _has_queue(connection: Connection, name: str) -> bool:
    with connection.channel() as channel:
        try:
            channel.queue_declare(queue=name, passive=True)
            return True
        except connection.channel_errors:
            return False
