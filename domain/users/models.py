from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class User(Model):
    """A person whose health and commerce data PulseTrack stores (a "patient" in seed 004)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255)
    # Unique regardless of case: a hand-written index on lower(email) in the migration.
    email = fields.CharField(max_length=255)
    birth_date = fields.DateField(null=True)
    sex = fields.CharEnumField(Sex, max_length=16, default=Sex.UNKNOWN)
    height_cm = fields.FloatField(null=True)
    medical_conditions: list = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "users"
