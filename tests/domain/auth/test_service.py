"""API keys: a live key is remembered for a few seconds, so a revocation takes up to that long."""

import pytest

from domain.auth import service
from domain.auth.models import ApiKey
from domain.errors import Unauthorized


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(service, "known_keys", service.KnownKeys(clock))
    return clock


async def test_a_known_key_is_not_looked_up_again(api_key: str, clock: Clock) -> None:
    first = await service.authenticate(secret=api_key)
    await ApiKey.filter(id=first.id).delete()
    clock.now += service.KNOWN_KEY_TTL_S

    assert (await service.authenticate(secret=api_key)).id == first.id


async def test_a_revoked_key_stops_working_once_it_is_forgotten(api_key: str, clock: Clock) -> None:
    await service.authenticate(secret=api_key)
    await ApiKey.filter(key_hash=service.hash_key(api_key)).delete()
    clock.now += service.KNOWN_KEY_TTL_S + 0.1

    with pytest.raises(Unauthorized):
        await service.authenticate(secret=api_key)


async def test_an_unknown_key_is_never_remembered(api_key: str, clock: Clock) -> None:
    with pytest.raises(Unauthorized):
        await service.authenticate(secret=api_key + "x")
    await ApiKey.create(name="late", key_hash=service.hash_key(api_key + "x"), prefix="pt_")

    assert await service.authenticate(secret=api_key + "x")
