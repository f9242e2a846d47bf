"""Reading search insights and asking for them to be computed: the API's door into search."""

from datetime import date

from domain.errors import NotFound
from domain.jobs.service import SubmittedJob, submit_kind
from domain.search import insights, repository
from domain.search.jobs import BACKFILL, COMPUTE_INSIGHTS
from domain.search.models import SearchInsight
from domain.search.schemas import (
    BackfillRequest,
    InsightJobOptions,
    Period,
    TopQueries,
    TopQueriesQuery,
)
from pulsetrack.settings import Settings


class InsightNotFound(NotFound):
    code = "insight_not_found"


async def get_insight(*, day: date) -> SearchInsight:
    """The stored insights of one day, or 404."""
    insight = await repository.get_insight(day)
    if insight is None:
        raise InsightNotFound(
            f"no search insights for {day} yet: they are computed each night for the day before, "
            f"or now by POST /search-insights/{day}/run"
        )
    return insight


async def list_insights(*, period: Period) -> list[SearchInsight]:
    """The stored insights of every day in the period that has them, oldest first."""
    return await repository.list_insights(period.first_day, period.last_day)


async def period_top_queries(*, query: TopQueriesQuery, settings: Settings) -> TopQueries:
    """The top queries over any period, ranked as the daily insights rank them."""
    min_impressions = query.min_impressions or settings.search_top_min_impressions
    ranked = await insights.top_queries(
        query.first_day,
        query.last_day,
        settings,
        limit=query.limit,
        min_impressions=min_impressions,
    )
    return TopQueries.model_validate(
        {
            "first_day": query.first_day,
            "last_day": query.last_day,
            "min_impressions": min_impressions,
            "items": ranked,
        }
    )


async def request_day(
    *,
    day: date,
    options: InsightJobOptions,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """Submit the job that computes one day's insights."""
    return await submit_kind(
        COMPUTE_INSIGHTS.name,
        {"day": day.isoformat()},
        webhook_url=options.webhook_url,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )


async def request_backfill(
    *,
    request: BackfillRequest,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """Submit the job that computes every day of a range, one part per day."""
    params = {"first_day": request.first_day.isoformat(), "last_day": request.last_day.isoformat()}
    return await submit_kind(
        BACKFILL.name,
        params,
        webhook_url=request.webhook_url,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
