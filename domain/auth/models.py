from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class Scope(StrEnum):
    """What a key may do: `read` (GET), `write` (data and jobs), `admin` (model activation,
    recompute of everything)."""

    READ = "read"
    WRITE = "write"
    ADMIN = "admin"


ALL_SCOPES = [scope.value for scope in Scope]


class ApiKey(Model):
    """An API key; only its SHA-256 is stored, the key itself is shown once at creation."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    key_hash = fields.CharField(max_length=64, unique=True)
    prefix = fields.CharField(max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)
    # Keys made before scopes existed keep every scope (the migration's default).
    scopes: list[str] = fields.JSONField(default=ALL_SCOPES)
    # When the key last authenticated, to within the API's key cache time.
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_keys"
