from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.models import Model


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATUSES


TERMINAL_STATUSES = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED})


class Job(Model):
    """One unit of heavy work: the database row is the source of truth, the broker only a signal."""

    id = fields.UUIDField(primary_key=True)
    kind = fields.CharField(max_length=64, db_index=True)
    status = fields.CharEnumField(JobStatus, max_length=16, default=JobStatus.QUEUED)
    params: dict = fields.JSONField()
    result: dict | None = fields.JSONField(null=True)
    error_code = fields.CharField(max_length=64, null=True)
    error_message = fields.TextField(null=True)
    progress = fields.FloatField(default=0.0)
    progress_message = fields.CharField(max_length=255, null=True)
    attempts = fields.IntField(default=0)
    cancel_requested = fields.BooleanField(default=False)
    # A fan-out job's parts (0 for a job that runs in one piece); `parts_done` also drives
    # `progress` while the parts run.
    parts_total = fields.IntField(default=0)
    parts_done = fields.IntField(default=0)
    parts_failed = fields.IntField(default=0)
    webhook_url = fields.CharField(max_length=2048, null=True)
    api_key: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.ApiKey", related_name="jobs", null=True, on_delete=fields.SET_NULL
    )
    idempotency_key = fields.CharField(max_length=255, null=True)
    request_hash = fields.CharField(max_length=64, null=True)
    # The Celery task id of the one message allowed to run this job; a message with another id
    # is a stale duplicate and is dropped.
    message_id = fields.UUIDField()
    published_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    started_at = fields.DatetimeField(null=True)
    # Indexed for retention, which purges finished jobs oldest first.
    finished_at = fields.DatetimeField(null=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    @property
    def awaits_parts(self) -> bool:
        """It fanned out and some of its parts have not finished."""
        return self.parts_total > 0 and self.parts_done < self.parts_total

    class Meta:
        table = "jobs"
        unique_together = (("api_key", "idempotency_key"),)
        indexes = (("status", "published_at"),)


class JobPart(Model):
    """One slice of a fan-out job (a chunk of ids, a date), run by its own broker message."""

    id = fields.UUIDField(primary_key=True)
    job: fields.ForeignKeyRelation[Job] = fields.ForeignKeyField(
        "models.Job", related_name="parts", on_delete=fields.CASCADE
    )
    index = fields.IntField()
    status = fields.CharEnumField(JobStatus, max_length=16, default=JobStatus.QUEUED)
    params: dict = fields.JSONField()
    result: dict | None = fields.JSONField(null=True)
    error_code = fields.CharField(max_length=64, null=True)
    error_message = fields.TextField(null=True)
    attempts = fields.IntField(default=0)
    message_id = fields.UUIDField()
    published_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    job_id: UUID

    class Meta:
        table = "job_parts"
        unique_together = (("job", "index"),)
        indexes = (("status", "published_at"),)
