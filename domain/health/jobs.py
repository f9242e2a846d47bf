"""The health score job kinds, and the nightly schedule of the population's."""

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from domain.health import scoring
from domain.jobs.kinds import (
    FanOut,
    JobContext,
    JobKind,
    JobSchedule,
    Result,
    ScheduledRun,
    WorkQueue,
)
from domain.schema_types import MAX_INT, PastDate
from pulsetrack.settings import Settings, get_settings


def _today() -> date:
    return datetime.now(UTC).date()


class AsOf(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: PastDate = Field(
        default_factory=_today,
        description="The scoring window ends the day before this date (UTC); default today.",
    )


class ScoreUserParams(AsOf):
    user_id: int = Field(ge=1, le=MAX_INT)


async def score_user(params: ScoreUserParams, context: JobContext) -> Result:
    return await scoring.score_user(params.user_id, params.as_of, context, get_settings())


async def plan_population(params: AsOf, context: JobContext) -> FanOut:
    return await scoring.plan_population(params.as_of, context, get_settings())


async def score_part(params: AsOf, part: dict[str, Any], context: JobContext) -> Result:
    return await scoring.score_part(params.as_of, part, context, get_settings())


async def finish_population(params: AsOf, results: list[Result], context: JobContext) -> Result:
    return await scoring.finish_population(results, context)


SCORE_USER = JobKind(
    name="health.score_user",
    params_model=ScoreUserParams,
    queue=WorkQueue.ML,
    run=score_user,
    description="One user's health score against the latest population run, kept as a report.",
)

SCORE_POPULATION = JobKind(
    name="health.score_population",
    params_model=AsOf,
    queue=WorkQueue.ML,
    run=plan_population,
    run_part=score_part,
    finish=finish_population,
    description="Every user's health score, in parts, with the population's distribution.",
)


def _tonight(today: date, settings: Settings) -> list[ScheduledRun]:
    return [ScheduledRun({"as_of": today.isoformat()}, key=today.isoformat())]


NIGHTLY_SCORES = JobSchedule(
    name="health.nightly_scores",
    kind=SCORE_POPULATION,
    cron=lambda settings: settings.health_score_cron,
    runs=_tonight,
    description="Scores the whole population each night, once per date.",
)
