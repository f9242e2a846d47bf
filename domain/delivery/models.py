"""Notifications, their delivery attempts, the predictions made for them and the model registry."""

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.models import Model


class NotificationStatus(StrEnum):
    PENDING = "pending"  # stored, no attempt scheduled yet
    SCHEDULED = "scheduled"  # an attempt is due at `next_attempt_at`; the sweep releases it
    RELEASED = "released"  # handed to a worker; its attempt is being made
    DELIVERED = "delivered"
    FAILED = "failed"  # a permanent failure, or the policy's attempts are spent
    EXPIRED = "expired"  # its time to live ran out before it was delivered


class Notification(Model):
    """One notification to deliver, and where its delivery stands."""

    id = fields.BigIntField(primary_key=True)
    channel = fields.CharField(max_length=8)
    provider = fields.CharField(max_length=16)
    recipient_country = fields.CharField(max_length=2)
    template_type = fields.CharField(max_length=16)
    payload_size = fields.IntField()
    business_priority = fields.CharField(max_length=8, default="normal")
    send_time = fields.DatetimeField(db_index=True)  # when its first attempt is wanted
    status = fields.CharEnumField(NotificationStatus, max_length=16, default="pending")
    attempts = fields.IntField(default=0)
    last_status = fields.CharField(max_length=16, default="none")
    last_response_code = fields.IntField(default=0)
    last_latency_ms = fields.IntField(default=0)
    priority_class = fields.CharField(max_length=8, null=True)
    policy_version = fields.CharField(max_length=16, null=True)
    next_attempt_at = fields.DatetimeField(null=True)
    released_at = fields.DatetimeField(null=True)
    expires_at = fields.DatetimeField(null=True)
    # The notification this one is the fallback of (say an SMS after a push kept failing).
    # (A plain id, not a foreign key: aerich cannot create a table that references itself.)
    fallback_of_id = fields.BigIntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "delivery_notifications"


class DeliveryAttempt(Model):
    """One attempt to deliver a notification, with the provider's answer."""

    id = fields.BigIntField(primary_key=True)
    notification: fields.ForeignKeyRelation[Notification] = fields.ForeignKeyField(
        "models.Notification", on_delete=fields.CASCADE, related_name="attempt_rows"
    )
    attempt = fields.IntField()
    due_at = fields.DatetimeField(null=True)  # when the policy wanted it made
    attempted_at = fields.DatetimeField()
    provider = fields.CharField(max_length=16)
    status = fields.CharField(max_length=16)
    response_code = fields.IntField()
    latency_ms = fields.IntField()
    delivered = fields.BooleanField()
    probability = fields.FloatField(null=True)  # predicted before the attempt
    model_version = fields.IntField(null=True)

    class Meta:
        table = "delivery_attempts"
        unique_together = (("notification", "attempt"),)


class DeliveryPrediction(Model):
    """A probability of delivery on the next attempt, and the model version that made it."""

    id = fields.BigIntField(primary_key=True)
    notification: fields.ForeignKeyRelation[Notification] = fields.ForeignKeyField(
        "models.Notification", on_delete=fields.CASCADE, related_name="predictions"
    )
    model_version = fields.IntField()
    probability = fields.FloatField()
    priority_class = fields.CharField(max_length=8)
    next_attempt = fields.IntField()  # the attempt number it is a prediction for
    job_id = fields.UUIDField(null=True)
    predicted_at = fields.DatetimeField()

    class Meta:
        table = "delivery_predictions"


class DeliveryModelVersion(Model):
    """A versioned model artifact in the registry, with what it was trained on and scored."""

    version = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=16)
    artifact: dict = fields.JSONField()
    features: list = fields.JSONField()
    metrics: dict = fields.JSONField()  # on its holdout, reliability curve included
    training: dict = fields.JSONField()  # data range, row counts, how it compared
    source = fields.CharField(max_length=32)  # "bootstrap", or "training" (by job `job_id`)
    is_active = fields.BooleanField(default=False)
    activated_at: datetime | None = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    job_id: UUID | None = fields.UUIDField(null=True)

    class Meta:
        table = "delivery_models"


class DeliveryMonitorReport(Model):
    """Live quality of the active model against outcomes, and feature drift (PSI)."""

    id = fields.IntField(primary_key=True)
    model_version = fields.IntField()
    computed_at = fields.DatetimeField()
    window_from = fields.DatetimeField()
    window_to = fields.DatetimeField()
    live: dict = fields.JSONField()
    drift: dict = fields.JSONField()
    alerts: list = fields.JSONField()

    class Meta:
        table = "delivery_monitor_reports"
