"""The search insight job kinds, and the nightly schedule that submits them."""

from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.jobs.kinds import (
    FanOut,
    JobContext,
    JobKind,
    JobSchedule,
    Result,
    ScheduledRun,
    WorkQueue,
)
from domain.schema_types import PastDate
from domain.search.insights import compute_day
from pulsetrack.settings import Settings, get_settings

MAX_BACKFILL_DAYS = 3660


class InsightDayParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: PastDate = Field(description="The day to compute (UTC); today gives a partial day.")


class BackfillParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first_day: PastDate
    last_day: PastDate = Field(description="Included.")

    @model_validator(mode="after")
    def _a_bounded_range(self) -> "BackfillParams":
        if self.last_day < self.first_day:
            raise ValueError("last_day must not be before first_day")
        if (self.last_day - self.first_day).days >= MAX_BACKFILL_DAYS:
            raise ValueError(f"a backfill covers at most {MAX_BACKFILL_DAYS} days")
        return self

    def days(self) -> list[date]:
        span = (self.last_day - self.first_day).days
        return [self.first_day + timedelta(days=offset) for offset in range(span + 1)]


async def _compute_and_store(day: date, context: JobContext) -> Result:
    insight = await compute_day(day, get_settings())
    context.commit_with_result(insight.stored(job_id=context.job_id))
    return insight.summary()


async def compute_insights(params: InsightDayParams, context: JobContext) -> Result:
    return await _compute_and_store(params.day, context)


async def plan_backfill(params: BackfillParams, context: JobContext) -> FanOut:
    return FanOut([{"day": day.isoformat()} for day in params.days()])


async def backfill_day(params: BackfillParams, part: dict[str, Any], context: JobContext) -> Result:
    summary = await _compute_and_store(date.fromisoformat(part["day"]), context)
    return {"day": part["day"], "queries": summary["queries"]}


async def finish_backfill(
    params: BackfillParams, results: list[Result], context: JobContext
) -> Result:
    return {
        "first_day": params.first_day.isoformat(),
        "last_day": params.last_day.isoformat(),
        "days": len(results),
        "days_with_data": sum(1 for result in results if result["queries"]),
    }


COMPUTE_INSIGHTS = JobKind(
    name="search.compute_insights",
    params_model=InsightDayParams,
    queue=WorkQueue.DEFAULT,
    run=compute_insights,
    description="Computes and stores one day's search insights (upserted by date).",
)

BACKFILL = JobKind(
    name="search.backfill",
    params_model=BackfillParams,
    queue=WorkQueue.DEFAULT,
    run=plan_backfill,
    run_part=backfill_day,
    finish=finish_backfill,
    description="Computes the insights of every day in a range, one part per day.",
)


def _recent_days(today: date, settings: Settings) -> list[ScheduledRun]:
    """Yesterday, and the days before it again, for clicks that arrived late."""
    days = [
        today - timedelta(days=back)
        for back in range(1, settings.search_insights_recompute_days + 1)
    ]
    return [ScheduledRun({"day": day.isoformat()}, key=f"{today}:{day}") for day in days]


DAILY_INSIGHTS = JobSchedule(
    name="search.daily_insights",
    kind=COMPUTE_INSIGHTS,
    cron=lambda settings: settings.search_insights_cron,
    runs=_recent_days,
    description="Yesterday's insights, and the days before recomputed for late data.",
)
