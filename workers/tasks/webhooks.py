from domain.webhooks.delivery import deliver_event, send_due_events
from pulsetrack.settings import get_settings
from workers.app import celery_app
from workers.publish import WEBHOOK_DELIVERY_TASK
from workers.runtime import run_task


@celery_app.task(name=WEBHOOK_DELIVERY_TASK)
def deliver(event_id: str) -> None:
    """Make the event's next attempt (its retry is sent after the attempt is logged)."""
    run_task(deliver_event(event_id=event_id, settings=get_settings()))


@celery_app.task(name="webhooks.send_due")
def send_due() -> int:
    """Publish every pending event whose attempt is due and has no message on the way."""
    return run_task(send_due_events())
