"""A runner can defer its job (`JobDeferred`): the step's outcome says for how long; a part,
which has no message of its own to delay, cannot."""

import uuid

from domain.jobs.kinds import JobDeferred
from domain.jobs.steps import Deferred, Failed, StepContext, run_step
from pulsetrack.settings import get_settings


async def rate_limited() -> dict:
    raise JobDeferred(42.0, "rate limited: retry after 42 s")


async def test_a_job_that_defers_itself_says_how_long_to_wait() -> None:
    context = StepContext(job_id=uuid.uuid4(), attempt=1)

    outcome = await run_step(rate_limited(), context, get_settings())

    assert outcome == Deferred(42.0, "rate limited: retry after 42 s")


async def test_a_part_cannot_defer_and_fails_saying_why() -> None:
    context = StepContext(job_id=uuid.uuid4(), attempt=1, part_index=3)

    outcome = await run_step(rate_limited(), context, get_settings())

    assert isinstance(outcome, Failed)
    assert outcome.code == "cannot_defer"
    assert "rate limited" in outcome.message
