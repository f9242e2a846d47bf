"""Registered extraction schemas (versioned) and the validated results of extraction jobs."""

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ExtractionSchema(Model):
    """One version of a user's target, as JSON Schema; registering a name again adds a version."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64)
    version = fields.IntField()
    json_schema: dict = fields.JSONField()
    description = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "extraction_schemas"
        unique_together = (("name", "version"),)


class Extraction(Model):
    """A validated extraction: stored with its job's success, never when it was invalid."""

    job: fields.OneToOneRelation = fields.OneToOneField(
        "models.Job", related_name="extraction", on_delete=fields.CASCADE, primary_key=True
    )
    schema_name = fields.CharField(max_length=64)
    schema_version = fields.IntField()
    provider = fields.CharField(max_length=16)
    model = fields.CharField(max_length=200)
    prompt_version = fields.CharField(max_length=16)
    result: dict = fields.JSONField()
    prompt_tokens = fields.IntField()
    completion_tokens = fields.IntField()
    latency_ms = fields.FloatField()
    reasks = fields.IntField()
    retries = fields.IntField()
    # What was saved from it (`{"meals": [ids]}` or `{"health_metrics": [ids]}`), if asked.
    saved: dict | None = fields.JSONField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "extractions"


class BatchItemStatus(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class BatchExtraction(Model):
    """One text of a batch extraction job: its validated result, or why the model's answer was
    refused (never the invalid answer). Stored with its part's success; one per text."""

    id = fields.BigIntField(primary_key=True)
    job: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Job", related_name="batch_extractions", on_delete=fields.CASCADE
    )
    index = fields.IntField()  # the text's position in the batch
    status = fields.CharEnumField(BatchItemStatus, max_length=16)
    provider = fields.CharField(max_length=16)
    model = fields.CharField(max_length=200, null=True)
    prompt_version = fields.CharField(max_length=16)
    result: dict | None = fields.JSONField(null=True)
    error_code = fields.CharField(max_length=64, null=True)
    error_message = fields.TextField(null=True)
    prompt_tokens = fields.IntField()
    completion_tokens = fields.IntField()
    latency_ms = fields.FloatField()
    reasks = fields.IntField()
    retries = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "batch_extractions"
        unique_together = (("job_id", "index"),)
