"""How many messages wait in each queue, on Redis or RabbitMQ."""

from typing import Any

from kombu import Connection

from workers.app import celery_app


def _redis_depth(connection: Connection, queue: str) -> int:
    channel: Any = connection.default_channel  # kombu's Redis channel
    # kombu keeps a queue's prioritised messages in one list per priority step, named by
    # `_q_for_pri` (the transport's own naming, rather than a copy of it here).
    names = {channel._q_for_pri(queue, step) for step in channel.priority_steps}
    return sum(channel.client.llen(name) for name in names)


def queue_depths(queues: list[str]) -> dict[str, int]:
    """Messages ready in each queue (not those a worker already holds)."""
    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
        if connection.transport.driver_type == "redis":
            return {queue: _redis_depth(connection, queue) for queue in queues}
        depths = {}
        for queue in queues:
            # A channel each: a passive declare of a queue not declared yet closes its channel.
            with connection.channel() as channel:
                try:
                    declared = channel.queue_declare(queue=queue, passive=True)
                except connection.channel_errors:
                    continue
                depths[queue] = declared.message_count
        return depths
