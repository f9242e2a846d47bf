"""`testing.tally`: a job kind declared here and nowhere else.

Processes started with `PULSETRACK_JOB_MODULES='["tests.e2e.tally_kind"]'` run it; no file of the
platform names it. Each run (or each part) stores `rows` reports for a user through
`commit_with_result`, and on request the worker dies on its first delivery, either after the rows
were written but before they commit, or after the commit but before the message is acknowledged.
"""

import os
import signal
from datetime import date
from typing import Any, Literal

from celery.signals import task_postrun
from pydantic import BaseModel, ConfigDict, Field
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.health.models import Report
from domain.jobs.kinds import FanOut, JobContext, JobKind, Result, WorkQueue

REPORT_KIND = "tally"
Crash = Literal["never", "before_commit", "after_commit"]


class TallyParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: int
    rows: int = Field(default=3, ge=1, le=1000)
    parts: int = Field(default=0, ge=0, le=100, description="0: runs in one piece.")
    crash: Crash = "never"


_die_after_this_task = False


@task_postrun.connect
def _die_before_the_ack(**_: Any) -> None:
    # task_postrun runs in the pool process after the task returned (its transaction has
    # committed) and before the main process acknowledges the message.
    if _die_after_this_task:
        os.kill(os.getpid(), signal.SIGKILL)


def _store_rows(params: TallyParams, context: JobContext, label: str, *, may_crash: bool) -> None:
    global _die_after_this_task
    crash = params.crash if may_crash and context.attempt == 1 else "never"

    async def write(connection: BaseDBAsyncClient) -> None:
        await Report.bulk_create(
            [
                Report(
                    user_id=params.user_id,
                    kind=REPORT_KIND,
                    period_start=date(2026, 1, 1),
                    period_end=date(2026, 1, 1),
                    content={"label": label, "row": row},
                    job_id=context.job_id,
                )
                for row in range(params.rows)
            ],
            using_db=connection,
        )
        if crash == "before_commit":
            os.kill(os.getpid(), signal.SIGKILL)

    context.commit_with_result(write)
    _die_after_this_task = crash == "after_commit"


async def tally(params: TallyParams, context: JobContext) -> Result | FanOut:
    if params.parts:
        return FanOut([{"part": part} for part in range(params.parts)])
    _store_rows(params, context, "whole", may_crash=True)
    return {"rows": params.rows}


async def tally_part(params: TallyParams, part: dict[str, Any], context: JobContext) -> Result:
    _store_rows(params, context, f"part {part['part']}", may_crash=part["part"] == 0)
    return {"rows": params.rows}


async def total(params: TallyParams, results: list[Result], context: JobContext) -> Result:
    return {"rows": sum(result["rows"] for result in results)}


TALLY = JobKind(
    name="testing.tally",
    params_model=TallyParams,
    queue=WorkQueue.ML,
    run=tally,
    run_part=tally_part,
    finish=total,
    description="Stores `rows` reports per run or part; can crash around its commit.",
)
