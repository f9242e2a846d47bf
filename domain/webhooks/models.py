from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.models import Model


class WebhookEventStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    GONE = "gone"


class WebhookEvent(Model):
    """One event to deliver to a job's webhook URL; its id is the `webhook-id` of every attempt."""

    id = fields.CharField(max_length=40, primary_key=True)
    job: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Job", related_name="webhook_events", on_delete=fields.CASCADE
    )
    type = fields.CharField(max_length=32)
    url = fields.CharField(max_length=2048)
    payload: dict = fields.JSONField()
    status = fields.CharEnumField(
        WebhookEventStatus, max_length=16, default=WebhookEventStatus.PENDING
    )
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True, db_index=True)
    # Set while one worker is sending, so a duplicate message cannot send the same attempt twice.
    lease_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    job_id: UUID
    attempt_log: fields.ReverseRelation["WebhookAttempt"]

    class Meta:
        table = "webhook_events"
        unique_together = (("job", "type"),)


class WebhookAttempt(Model):
    """The log of one HTTP attempt to deliver an event."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation[WebhookEvent] = fields.ForeignKeyField(
        "models.WebhookEvent", related_name="attempt_log", on_delete=fields.CASCADE
    )
    attempt = fields.IntField()
    attempted_at = fields.DatetimeField()
    status_code = fields.IntField(null=True)
    error = fields.TextField(null=True)
    duration_ms = fields.FloatField()
    next_attempt_at = fields.DatetimeField(null=True)

    class Meta:
        table = "webhook_attempts"
        unique_together = (("event", "attempt"),)
