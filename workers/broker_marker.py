"""A marker kept in the broker, so the sweep can tell that the broker lost its messages.

Why a marker rather than looking for each queued job's message in the broker: it costs one
lookup per sweep whatever the backlog, it works the same on Redis and RabbitMQ (RabbitMQ cannot
list a queue's messages without consuming them), and it has no race with a message on its way
from the queue to a worker. A broker that restarts with its data (Redis AOF, RabbitMQ durable
queues) keeps the marker, and nothing is re-sent; one that comes back empty has lost the marker
with the messages, and the sweep re-sends every queued job's message at once instead of after
`republish_after_s`. The marker is set again only after that, so a sweep that dies half-way is
simply repeated.
"""

from kombu import Connection

from workers.app import celery_app

MARKER = "pulsetrack.broker-marker"


def _is_redis(connection: Connection) -> bool:
    return connection.transport.driver_type == "redis"


def broker_lost_its_messages() -> bool:
    """True when the marker is gone: the broker is new or restarted without its data."""
    with celery_app.connection_for_write() as connection:
        if _is_redis(connection):
            return not connection.default_channel.client.exists(MARKER)
        if connection.transport.driver_type != "amqp":
            return False  # an in-memory broker in unit tests: nothing to lose across restarts
        try:
            connection.default_channel.queue_declare(queue=MARKER, passive=True)
        except connection.channel_errors:
            return True
        return False


def set_broker_marker() -> None:
    """Leave the marker in the broker, where it lives and dies with the queued messages."""
    with celery_app.connection_for_write() as connection:
        if _is_redis(connection):
            connection.default_channel.client.set(MARKER, "1")
        elif connection.transport.driver_type == "amqp":
            # A durable queue that nothing consumes: it survives a restart exactly as the task
            # queues do. A fresh channel, as a failed passive declare closed the default one.
            with connection.channel() as channel:
                channel.queue_declare(queue=MARKER, durable=True, auto_delete=False)
