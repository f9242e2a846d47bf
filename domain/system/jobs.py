"""`system.echo` and `system.fan_out`: trivial job kinds that exercise the platform (tests,
benchmarks, and trying it out)."""

import asyncio
import os
import signal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.jobs.kinds import FanOut, JobContext, JobFailed, JobKind, WorkQueue
from pulsetrack.settings import get_settings


class EchoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt parameter is an error, not a no-op

    message: str = Field(default="", max_length=10_000, description="Returned as the result.")
    sleep_s: float = Field(default=0.0, ge=0, le=3600, description="Total time to sleep.")
    steps: int = Field(default=1, ge=1, le=1000, description="Progress checkpoints while sleeping.")
    fail: bool = Field(default=False, description="End the job `failed` on purpose.")
    crash_first_deliveries: int = Field(
        default=0,
        ge=0,
        description="Fault injection: SIGKILL the worker process on this many first deliveries. "
        "Refused unless PULSETRACK_FAULT_INJECTION is true.",
    )

    @field_validator("crash_first_deliveries")
    @classmethod
    def _fault_injection_enabled(cls, value: int) -> int:
        if value and not get_settings().fault_injection:
            raise ValueError("fault injection is disabled (PULSETRACK_FAULT_INJECTION)")
        return value


async def echo(params: EchoParams, context: JobContext) -> dict[str, Any]:
    """Sleep in `steps` checkpoints, then return the message (or fail, or crash, on request)."""
    if context.attempt <= params.crash_first_deliveries:
        os.kill(os.getpid(), signal.SIGKILL)
    checkpoints = params.steps if params.sleep_s else 0  # a no-op has no progress to report
    for step in range(1, checkpoints + 1):
        await asyncio.sleep(params.sleep_s / params.steps)
        await context.report_progress(step / params.steps, f"step {step} of {params.steps}")
    if params.fail:
        raise JobFailed("echo_failed", "failed on request (params.fail = true)")
    return {"message": params.message, "attempt": context.attempt}


ECHO = JobKind(
    name="system.echo",
    params_model=EchoParams,
    queue=WorkQueue.DEFAULT,
    run=echo,
    description="Returns its message after an optional sleep; for tests and benchmarks.",
)


class FanOutParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(default="", max_length=10_000, description="Returned as the result.")
    parts: int = Field(default=4, ge=0, le=10_000, description="How many parts to fan out into.")
    sleep_s: float = Field(default=0.0, ge=0, le=3600, description="Each part's sleep.")
    fail_part: int | None = Field(
        default=None, ge=0, description="End the part with this index `failed` on purpose."
    )


async def plan_fan_out(params: FanOutParams, context: JobContext) -> FanOut:
    return FanOut([{"index": index} for index in range(params.parts)])


async def run_fan_out_part(
    params: FanOutParams, part: dict[str, Any], context: JobContext
) -> dict[str, Any]:
    """Sleep (checking for a cancel every second), then return the part's index."""
    remaining = params.sleep_s
    while remaining > 0:
        await asyncio.sleep(min(remaining, 1.0))
        remaining -= 1.0
        await context.report_progress(0.0)
    if part["index"] == params.fail_part:
        raise JobFailed("echo_failed", f"part {part['index']} failed on request")
    return {"index": part["index"], "attempt": context.attempt}


async def finish_fan_out(
    params: FanOutParams, results: list[dict[str, Any]], context: JobContext
) -> dict[str, Any]:
    return {"message": params.message, "parts": len(results)}


FAN_OUT = JobKind(
    name="system.fan_out",
    params_model=FanOutParams,
    queue=WorkQueue.DEFAULT,
    run=plan_fan_out,
    run_part=run_fan_out_part,
    finish=finish_fan_out,
    description="Fans out into `parts` no-op parts, then returns its message; for tests and "
    "benchmarks of fan-out.",
)
