"""API keys: created once and shown once, stored as SHA-256, checked on every request."""

import hashlib
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from domain.auth.models import ApiKey, Scope
from domain.errors import Forbidden, NotFound, Unauthorized

KEY_PREFIX = "pt_"
# Every request authenticates: remembering a live key this long saves a query (and a connection
# reset) on nearly all of them. The price: a revoked key keeps working for up to this long.
KNOWN_KEY_TTL_S = 5.0


@dataclass(frozen=True)
class NewApiKey:
    api_key: ApiKey
    secret: str  # the only time the plain key exists outside its owner


def hash_key(secret: str) -> str:
    # Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


async def create_api_key(*, name: str, scopes: Sequence[Scope] = tuple(Scope)) -> NewApiKey:
    """Make a new key called `name` with these scopes (all three by default)."""
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    api_key = await ApiKey.create(
        name=name,
        key_hash=hash_key(secret),
        prefix=secret[:10],
        scopes=[scope.value for scope in Scope if scope in scopes],
    )
    return NewApiKey(api_key, secret)


async def list_api_keys() -> list[ApiKey]:
    """Every key, revoked ones too, oldest first."""
    return await ApiKey.all().order_by("id")


async def revoke_api_key(*, prefix: str) -> ApiKey:
    """Revoke the live key whose prefix is `prefix`; API processes refuse it within
    `KNOWN_KEY_TTL_S`."""
    api_key = await ApiKey.get_or_none(prefix=prefix, revoked_at=None)
    if api_key is None:
        raise NotFound(f"no live API key with prefix {prefix!r}")
    api_key.revoked_at = datetime.now(UTC)
    await api_key.save(update_fields=["revoked_at"])
    return api_key


def require_scope(api_key: ApiKey, scope: Scope) -> None:
    """403 naming `scope` unless the key has it."""
    if scope.value not in api_key.scopes:
        raise Forbidden(
            f"this API key lacks the {scope.value!r} scope "
            f"(it has: {', '.join(api_key.scopes) or 'none'})"
        )


class KnownKeys:
    """Live keys seen in the last `KNOWN_KEY_TTL_S` seconds, by hash (unknown keys never enter)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._keys: dict[str, tuple[float, ApiKey]] = {}

    def get(self, key_hash: str) -> ApiKey | None:
        known = self._keys.get(key_hash)
        if known is None or known[0] < self._clock():
            return None
        return known[1]

    def remember(self, key_hash: str, api_key: ApiKey) -> None:
        now = self._clock()
        self._keys = {h: known for h, known in self._keys.items() if known[0] >= now}
        self._keys[key_hash] = (now + KNOWN_KEY_TTL_S, api_key)


known_keys = KnownKeys()


async def authenticate(*, secret: str | None) -> ApiKey:
    """The live key matching `secret`, or 401; a revocation takes up to `KNOWN_KEY_TTL_S`."""
    if not secret:
        raise Unauthorized("missing API key: send 'Authorization: Bearer <key>'")
    key_hash = hash_key(secret)
    if api_key := known_keys.get(key_hash):
        return api_key
    api_key = await ApiKey.get_or_none(key_hash=key_hash, revoked_at=None)
    if api_key is None:
        raise Unauthorized("invalid or revoked API key")
    # Only on a cache miss, so `last_used_at` is right to within `KNOWN_KEY_TTL_S`.
    api_key.last_used_at = datetime.now(UTC)
    await api_key.save(update_fields=["last_used_at"])
    known_keys.remember(key_hash, api_key)
    return api_key
