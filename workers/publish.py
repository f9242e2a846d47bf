"""Sending the messages an edge collected. Failures are logged, never raised: a sweep re-sends."""

import logging
from collections.abc import Sequence

from kombu.exceptions import OperationalError

from domain.messaging import JobMessage, Message, WebhookMessage
from workers.app import celery_app

logger = logging.getLogger(__name__)

LOGGED_IDS = 10
WEBHOOK_DELIVERY_TASK = "webhooks.deliver"


def _send(message: Message, producer: object) -> None:
    # No queue here: `task_routes` picks it from the task name.
    if isinstance(message, WebhookMessage):
        celery_app.send_task(
            WEBHOOK_DELIVERY_TASK,
            args=[message.event_id],
            countdown=message.countdown,
            producer=producer,
        )
    else:
        celery_app.send_task(
            message.task_name,
            args=[str(message.entity_id)],
            task_id=str(message.message_id),
            countdown=message.countdown if isinstance(message, JobMessage) else None,
            producer=producer,
        )


def _entity(message: Message) -> str:
    return message.event_id if isinstance(message, WebhookMessage) else str(message.entity_id)


def publish(messages: Sequence[Message]) -> list[Message]:
    """Send each message over one producer; return those the broker took, in order."""
    sent: list[Message] = []
    try:
        with celery_app.producer_or_acquire() as producer:
            for message in messages:
                _send(message, producer)
                sent.append(message)
    except (OperationalError, OSError) as error:
        # The broker is down: the rest would only wait for the same timeout one by one.
        unsent = [_entity(message) for message in messages[len(sent) :]]
        logger.warning(
            "%d messages not published (%s); the sweep will re-send them: %s",
            len(unsent),
            error,
            ", ".join(unsent[:LOGGED_IDS]) + (", ..." if len(unsent) > LOGGED_IDS else ""),
        )
    return sent
