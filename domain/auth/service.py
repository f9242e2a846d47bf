"""API keys: created once and shown once, stored as SHA-256, checked on every request."""

import hashlib
import secrets
from dataclasses import dataclass

from domain.auth.models import ApiKey
from domain.errors import Unauthorized

KEY_PREFIX = "pt_"


@dataclass(frozen=True)
class NewApiKey:
    api_key: ApiKey
    secret: str  # the only time the plain key exists outside its owner


def hash_key(secret: str) -> str:
    # Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


async def create_api_key(*, name: str) -> NewApiKey:
    """Make a new key called `name`."""
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    api_key = await ApiKey.create(name=name, key_hash=hash_key(secret), prefix=secret[:10])
    return NewApiKey(api_key, secret)


async def authenticate(*, secret: str | None) -> ApiKey:
    """The live key matching `secret`, or 401."""
    if not secret:
        raise Unauthorized("missing API key: send 'Authorization: Bearer <key>'")
    api_key = await ApiKey.get_or_none(key_hash=hash_key(secret), revoked_at=None)
    if api_key is None:
        raise Unauthorized("invalid or revoked API key")
    return api_key
