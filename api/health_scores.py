"""Health scores: one user's (computed by a job, kept as reports) and the population's."""

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Response, status

from api.deps import AdminApiKey, CurrentApiKey, IdempotencyKey, SettingsDep
from api.jobs import accepted_job
from domain.health import scores
from domain.health.score_schemas import (
    HealthScoreQuery,
    HealthScoreRead,
    LegacyHealthScoreQuery,
    PopulationScores,
    ScoreJobOptions,
)
from domain.jobs.schemas import JobRead
from domain.schema_types import MAX_INT

router = APIRouter(tags=["health scores"])
UserId = Annotated[int, Path(ge=1, le=MAX_INT, description="The user's id.")]
Options = Annotated[ScoreJobOptions | None, Body()]


@router.post("/users/{user_id}/health-score", status_code=status.HTTP_202_ACCEPTED)
async def score_user(
    user_id: UserId,
    response: Response,
    api_key: CurrentApiKey,
    settings: SettingsDep,
    options: Options = None,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Compute the user's health score now, as a job; poll the `Location`."""
    submitted = await scores.request_user_score(
        user_id=user_id,
        options=options or ScoreJobOptions(),
        api_key_id=api_key.id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
    return accepted_job(submitted, response)


@router.get("/users/{user_id}/health-score", response_model=HealthScoreRead)
async def get_user_score(
    user_id: UserId, query: Annotated[HealthScoreQuery, Query()], _: CurrentApiKey
) -> HealthScoreRead:
    """The user's latest health score and when it was computed; `computed_before` for history."""
    return await scores.latest_score(user_id=user_id, computed_before=query.computed_before)


@router.get("/get_health_score", response_model=HealthScoreRead, deprecated=True)
async def get_health_score(
    query: Annotated[LegacyHealthScoreQuery, Query()], _: CurrentApiKey
) -> HealthScoreRead:
    """Seed 001's name for `GET /users/{user_id}/health-score`; use that instead."""
    return await scores.latest_score(user_id=query.user_id, computed_before=query.computed_before)


@router.post("/health-scores/recompute", status_code=status.HTTP_202_ACCEPTED)
async def recompute_scores(
    response: Response,
    api_key: AdminApiKey,
    settings: SettingsDep,
    options: Options = None,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Score every user now, as one job of parts; poll the `Location`."""
    submitted = await scores.request_population_scores(
        options=options or ScoreJobOptions(),
        api_key_id=api_key.id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
    return accepted_job(submitted, response)


@router.get("/health-scores", response_model=PopulationScores)
async def population_scores(_: CurrentApiKey) -> PopulationScores:
    """The population's latest distribution of scores, by band and by cohort."""
    return PopulationScores.model_validate(await scores.latest_population())
