"""Reading health scores and asking for them: the API's door into health scoring."""

from datetime import datetime
from typing import Any

from domain.errors import NotFound
from domain.health import repository
from domain.health.jobs import SCORE_POPULATION, SCORE_USER
from domain.health.models import HealthScoreRun
from domain.health.score_schemas import HealthScoreRead, ScoreJobOptions
from domain.jobs.service import SubmittedJob, submit_kind
from pulsetrack.settings import Settings


class UserNotFound(NotFound):
    code = "user_not_found"


class HealthScoreNotFound(NotFound):
    code = "health_score_not_found"


async def _known_user(user_id: int) -> None:
    if not await repository.user_exists(user_id):
        raise UserNotFound(f"no user with id {user_id}")


async def _submit(
    kind: str,
    params: dict[str, Any],
    options: ScoreJobOptions,
    *,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    if options.as_of is not None:
        params = params | {"as_of": options.as_of.isoformat()}
    return await submit_kind(
        kind,
        params,
        webhook_url=options.webhook_url,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )


async def request_user_score(
    *,
    user_id: int,
    options: ScoreJobOptions,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """Submit the job that scores one user; 404 for a user that does not exist."""
    await _known_user(user_id)
    return await _submit(
        SCORE_USER.name,
        {"user_id": user_id},
        options,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )


async def request_population_scores(
    *,
    options: ScoreJobOptions,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """Submit the job that scores every user, in parts."""
    return await _submit(
        SCORE_POPULATION.name,
        {},
        options,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )


async def latest_score(*, user_id: int, computed_before: datetime | None) -> HealthScoreRead:
    """The user's newest score (before `computed_before`), or 404 saying how to get one."""
    await _known_user(user_id)
    report = await repository.latest_report(user_id, computed_before=computed_before)
    if report is None:
        when = f" computed before {computed_before.isoformat()}" if computed_before else " yet"
        raise HealthScoreNotFound(
            f"no health score for user {user_id}{when}: POST /users/{user_id}/health-score "
            "computes one, and the whole population is scored every night"
        )
    return HealthScoreRead.model_validate(
        {
            "user_id": user_id,
            "computed_at": report.created_at,
            "job_id": report.job_id,  # type: ignore[attr-defined]
            **report.content,
        }
    )


class NoPopulationScores(NotFound):
    code = "health_scores_not_found"


async def latest_population() -> HealthScoreRun:
    """The latest completed population run, or 404."""
    run = await repository.latest_run(completed=True)
    if run is None:
        raise NoPopulationScores(
            "the population has not been scored yet: POST /health-scores/recompute scores it, "
            "and it is scored every night"
        )
    return run
