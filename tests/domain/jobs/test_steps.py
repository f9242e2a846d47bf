"""However a runner ends, the platform gets an outcome to record, never an exception."""

import asyncio
import uuid

import pytest

from domain.jobs.errors import JobCancelled
from domain.jobs.kinds import JobFailed, Result
from domain.jobs.steps import Cancelled, Failed, StepContext, Succeeded, run_step
from pulsetrack.settings import Settings

SETTINGS = Settings(task_soft_time_limit_s=1, task_time_limit_s=2)


def context() -> StepContext:
    return StepContext(job_id=uuid.UUID(int=7), attempt=1)


async def returns(result: Result) -> Result:
    return result


async def raises(error: BaseException) -> Result:
    raise error


async def test_a_result_and_the_rows_staged_with_it_are_a_success() -> None:
    running = context()

    async def write(connection: object) -> None: ...

    running.commit_with_result(write)
    outcome = await run_step(returns({"n": 1}), running, SETTINGS)

    assert outcome == Succeeded({"n": 1}, [write])


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (JobFailed("bad_input", "the file is empty"), Failed("bad_input", "the file is empty")),
        (JobCancelled(), Cancelled()),
    ],
)
async def test_expected_endings_keep_their_meaning(error: Exception, expected: object) -> None:
    assert await run_step(raises(error), context(), SETTINGS) == expected


async def test_an_unexpected_error_is_an_internal_error_that_points_at_the_log() -> None:
    outcome = await run_step(raises(KeyError("x")), context(), SETTINGS)

    assert isinstance(outcome, Failed)
    assert outcome.code == "internal_error"
    assert str(uuid.UUID(int=7)) in outcome.message


async def test_a_runner_past_the_soft_time_limit_fails_by_name() -> None:
    outcome = await run_step(asyncio.sleep(5), context(), SETTINGS)  # type: ignore[arg-type]

    assert outcome == Failed("time_limit_exceeded", "did not finish within 1s")
