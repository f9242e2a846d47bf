"""Daily search insights (docs/search-insights.md): computed in PostgreSQL by the SQL files in
`sql/`, stored one row per day."""

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any
from uuid import UUID

from pydantic_core import to_json
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.jobs.kinds import ResultWrite
from domain.search import repository
from pulsetrack.settings import Settings

# Bump when a definition in docs/search-insights.md changes; each row says which it followed.
DEFINITIONS_VERSION = "1"


@dataclass(frozen=True)
class DayInsight:
    insight_date: date
    average_ctr: float | None
    mean_query_ctr: float | None
    queries: int
    total_clicks: int
    total_impressions: int
    top_queries: list[dict[str, Any]]
    low_performance_queries: list[dict[str, Any]]

    def summary(self) -> dict[str, Any]:
        """The job's result: the figures, and how many queries made each list."""
        return asdict(self) | {
            "insight_date": self.insight_date.isoformat(),
            "top_queries": len(self.top_queries),
            "low_performance_queries": len(self.low_performance_queries),
        }

    def stored(self, *, job_id: UUID | None) -> ResultWrite:
        """The write that upserts this day's row, for `commit_with_result`."""
        values = asdict(self) | {
            "top_queries": to_json(self.top_queries).decode(),
            "low_performance_queries": to_json(self.low_performance_queries).decode(),
            "definitions_version": DEFINITIONS_VERSION,
        }

        async def upsert(connection: BaseDBAsyncClient) -> None:
            await repository.upsert_insight(connection, values, job_id=job_id)

        return upsert


async def top_queries(
    first_day: date, last_day: date, settings: Settings, *, limit: int, min_impressions: int
) -> list[dict[str, Any]]:
    """The best queries by the lower bound of their CTR's Wilson interval over the period."""
    return await repository.top_queries(
        first_day,
        last_day,
        min_impressions=min_impressions,
        z=settings.search_wilson_z,
        limit=limit,
    )


async def compute_day(day: date, settings: Settings) -> DayInsight:
    """One day's insights, read from the day's rows (nothing is stored here)."""
    totals = await repository.daily_ctr(day, day)
    top = await top_queries(
        day,
        day,
        settings,
        limit=settings.search_top_queries,
        min_impressions=settings.search_top_min_impressions,
    )
    low = await repository.low_performance_queries(
        day,
        day,
        impressions_quantile=settings.search_low_impressions_quantile,
        ctr_quantile=settings.search_low_ctr_quantile,
        limit=settings.search_low_performers,
    )
    if not totals:  # no rows at all that day
        return DayInsight(day, None, None, 0, 0, 0, top, low)
    day_totals = totals[0]
    return DayInsight(
        insight_date=day,
        average_ctr=day_totals.average_ctr,
        mean_query_ctr=day_totals.mean_query_ctr,
        queries=day_totals.queries,
        total_clicks=day_totals.total_clicks,
        total_impressions=day_totals.total_impressions,
        top_queries=top,
        low_performance_queries=low,
    )
