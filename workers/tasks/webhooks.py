from domain.webhooks.delivery import deliver_event, due_event_ids
from pulsetrack.settings import get_settings
from workers.app import celery_app
from workers.publish import publish_webhook_event
from workers.runtime import run_async


@celery_app.task(name="webhooks.deliver")
def deliver(event_id: str) -> None:
    """Make the event's next attempt; queue the retry now if it is due soon."""
    settings = get_settings()
    result = run_async(deliver_event(event_id=event_id, settings=settings))
    if result and result.retry_in_s and result.retry_in_s <= settings.webhook_inline_retry_max_s:
        publish_webhook_event(event_id, countdown=result.retry_in_s)


@celery_app.task(name="webhooks.send_due")
def send_due() -> int:
    """Publish every pending event whose attempt is due and has no message on the way."""
    event_ids = run_async(due_event_ids())
    return sum(publish_webhook_event(event_id) for event_id in event_ids)
