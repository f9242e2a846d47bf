"""One extraction: prompt, call the provider (through the shared rate limit, retrying what is
worth retrying), validate, re-ask once with the errors, and return a valid result or fail.

Nothing here stores anything: a caller stores the `Extracted` it gets back, and an invalid
answer never gets that far.
"""

import asyncio
import json
import logging
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from domain.errors import field_errors
from domain.jobs.kinds import JobDeferred, JobFailed
from domain.llm import prompt, rate_limit
from domain.llm.providers import (
    ChatMessage,
    Completion,
    FatalError,
    Json,
    Provider,
    ProviderName,
    RateLimited,
    TransientError,
    build_provider,
)
from pulsetrack.settings import Settings

logger = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]
MAX_ERRORS_SHOWN = 20
_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


@dataclass(frozen=True)
class Target:
    """What to extract: a name, its version, the model that validates it and its strict schema."""

    name: str
    version: int
    model: type[BaseModel]
    schema: Json


@dataclass
class Extracted:
    result: Json
    model: str
    prompt_version: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    reasks: int = 0
    retries: int = 0


@dataclass
class Attempts:
    """Counts kept across the calls of one extraction, for its result (or its failure)."""

    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    models: list[str] = field(default_factory=list)


class Rejected(JobFailed):
    """The provider answered, but with nothing that can be stored for this text; carries the
    counts of the calls it took."""

    def __init__(self, code: str, message: str, attempts: Attempts) -> None:
        super().__init__(code, message)
        self.attempts = attempts

    @property
    def reasks(self) -> int:
        return max(len(self.attempts.models) - 1, 0)


class InvalidOutput(Rejected):
    """The answer was still invalid after the re-ask; carries the validation errors."""

    def __init__(self, errors: list[str], attempts: Attempts) -> None:
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
        super().__init__(
            "invalid_output", f"the model's answer was invalid twice: {shown}", attempts
        )
        self.errors = errors


def provider_for_job(name: ProviderName, settings: Settings) -> Provider:
    """The provider a job names; the job fails (not retried) if it cannot be used here."""
    try:
        return build_provider(name, settings)
    except FatalError as error:
        raise JobFailed(error.code, error.message) from None


def validate(model: type[BaseModel], text: str) -> tuple[Json | None, list[str]]:
    """The answer as validated JSON, or the list of what is wrong with it."""
    stripped = text.strip()
    if fenced := _FENCE.match(stripped):
        stripped = fenced.group(1)
    try:
        parsed: Any = json.loads(stripped)
    except ValueError as error:
        return None, [f"not JSON: {error}"]
    try:
        valid = model.model_validate(parsed)
    except ValidationError as invalid:
        return None, [f"{e.field}: {e.message}" for e in field_errors(invalid.errors())]
    return valid.model_dump(mode="json"), []


def backoff_s(retry: int, settings: Settings) -> float:
    """Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^retry)]."""
    ceiling = min(settings.llm_backoff_max_s, settings.llm_backoff_base_s * 2**retry)
    return random.uniform(0, ceiling)


def _rate_limit(provider: Provider, settings: Settings) -> rate_limit.RateLimit:
    per_minute = {
        "openai": (settings.llm_openai_requests_per_minute, settings.llm_openai_tokens_per_minute),
        "gemini": (settings.llm_gemini_requests_per_minute, settings.llm_gemini_tokens_per_minute),
    }.get(provider.name, (0, 0))
    return rate_limit.RateLimit(*per_minute)


def _estimated_tokens(messages: list[ChatMessage]) -> int:
    # About four characters a token, plus room for the answer: a reservation, not a bill.
    return sum(len(m["content"]) for m in messages) // 4 + 256


@dataclass
class Caller:
    """Calls one provider for one extraction: rate limit, retries, backoff, deferral."""

    provider: Provider
    target: Target
    settings: Settings
    may_defer: bool
    sleep: Sleep = asyncio.sleep
    attempts: Attempts = field(default_factory=Attempts)

    async def call(self, messages: list[ChatMessage]) -> Completion:
        limit = _rate_limit(self.provider, self.settings)
        for retry in range(self.settings.llm_max_retries + 1):
            await self._wait_for_room(limit, messages)
            started = time.perf_counter()
            try:
                completion = await self.provider.complete(
                    messages, self.target.schema, self.target.name
                )
            except TransientError as error:
                wait = backoff_s(retry, self.settings)
                self._retry_or_fail(retry, "provider_unavailable", error.message, wait)
            except RateLimited as error:
                wait = (
                    error.retry_after_s
                    if error.retry_after_s is not None
                    else backoff_s(retry, self.settings)
                )
                self._defer_if_long(wait, error.message)
                self._retry_or_fail(retry, "rate_limited", error.message, wait)
            except FatalError as error:
                raise JobFailed(error.code, error.message) from None
            else:
                self._count(completion, time.perf_counter() - started)
                return completion
            logger.info("%s: retry %d in %.1fs", self.provider.name, retry + 1, wait)
            await self.sleep(wait)
        raise AssertionError("unreachable")

    async def _wait_for_room(
        self, limit: rate_limit.RateLimit, messages: list[ChatMessage]
    ) -> None:
        wait = await rate_limit.reserve(
            self.settings.shared_redis_url, self.provider.name, limit, _estimated_tokens(messages)
        )
        if wait > 0:
            self._defer_if_long(wait, f"{self.provider.name}'s shared rate limit is reached")
            await self.sleep(wait)

    def _defer_if_long(self, wait: float, reason: str) -> None:
        if self.may_defer and wait > self.settings.llm_inline_wait_max_s:
            raise JobDeferred(wait, f"{reason}: trying again in {wait:.0f}s")

    def _retry_or_fail(self, retry: int, code: str, message: str, wait: float) -> None:
        self.attempts.retries += 1
        if retry >= self.settings.llm_max_retries:
            tries = retry + 1
            raise JobFailed(code, f"{message}; gave up after {tries} attempts")

    def _count(self, completion: Completion, seconds: float) -> None:
        self.attempts.prompt_tokens += completion.prompt_tokens
        self.attempts.completion_tokens += completion.completion_tokens
        self.attempts.latency_ms += seconds * 1000
        self.attempts.models.append(completion.model)


async def extract(
    text: str,
    target: Target,
    provider: Provider,
    settings: Settings,
    *,
    may_defer: bool = False,
    sleep: Sleep = asyncio.sleep,
) -> Extracted:
    """`text` as JSON valid against `target`; `JobFailed` (or `JobDeferred`) otherwise."""
    caller = Caller(provider, target, settings, may_defer, sleep)
    messages = prompt.build_messages(target.name, target.schema, text)
    completion = await caller.call(messages)
    result, errors = _checked(target, completion, caller.attempts)
    reasks = 0
    if errors:
        reasks = 1
        completion = await caller.call(prompt.reask(messages, completion.text, errors))
        result, errors = _checked(target, completion, caller.attempts)
    if result is None:
        raise InvalidOutput(errors, caller.attempts)
    counts = caller.attempts
    return Extracted(
        result=result,
        model=completion.model,
        prompt_version=prompt.PROMPT_VERSION,
        prompt_tokens=counts.prompt_tokens,
        completion_tokens=counts.completion_tokens,
        latency_ms=round(counts.latency_ms, 1),
        reasks=reasks,
        retries=counts.retries,
    )


def _checked(
    target: Target, completion: Completion, attempts: Attempts
) -> tuple[Json | None, list[str]]:
    if completion.refusal:
        raise Rejected("refused", f"the model refused: {completion.refusal[:300]}", attempts)
    return validate(target.model, completion.text)
