"""One request and token rate per provider, shared by every worker through Redis, so that adding
workers spaces requests out instead of causing a storm of 429s.

A generic cell rate algorithm: Redis keeps, per provider and resource, the theoretical time at
which the next unit may go; each call reserves its units atomically (one Lua script, Redis's own
clock) and learns how long to wait before sending. Requests are thereby spread evenly over the
minute rather than sent in bursts.
"""

from dataclasses import dataclass

import redis.asyncio as aioredis

# KEYS[1]: the provider's key; ARGV: seconds per unit, units. Returns the wait in microseconds.
_RESERVE = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local per_unit = tonumber(ARGV[1])
local units = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - now
local next_tat = tat + per_unit * units
redis.call('SET', KEYS[1], next_tat, 'PX', math.ceil((next_tat - now) / 1000) + 1000)
return wait
"""
KEY_PREFIX = "pulsetrack:llm:rate"
# Requests are spaced for 98 % of the limit: the delay between reserving a slot and the request
# reaching the provider varies (milliseconds when the machine is quiet, tens of them under load),
# and must never push more requests into the provider's counting window than it allows. Two
# single requests can still arrive closer together than the spacing; the window count holds.
HEADROOM = 0.98


@dataclass(frozen=True)
class RateLimit:
    requests_per_minute: int
    tokens_per_minute: int

    @property
    def unlimited(self) -> bool:
        return not self.requests_per_minute and not self.tokens_per_minute


async def reserve(redis_url: str, provider: str, limit: RateLimit, tokens: int) -> float:
    """Reserve one request and `tokens` tokens of `provider`'s rate; the seconds to wait before
    sending it (0 when there is room now)."""
    if limit.unlimited:
        return 0.0
    client = aioredis.Redis.from_url(redis_url)
    try:
        script = client.register_script(_RESERVE)
        waits = [0]
        for resource, per_minute, units in (
            ("requests", limit.requests_per_minute, 1),
            ("tokens", limit.tokens_per_minute, tokens),
        ):
            if per_minute:
                per_unit_us = 60_000_000 / (per_minute * HEADROOM)
                key = f"{KEY_PREFIX}:{provider}:{resource}"
                waits.append(int(await script(keys=[key], args=[per_unit_us, units])))
    finally:
        await client.aclose()
    return max(waits) / 1_000_000
