"""Every query on `search_clicks` and `search_insights`. The insight queries are the SQL files in
`sql/`, kept readable on their own (seed 002 asks for the SQL itself)."""

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.search.models import SearchClick, SearchInsight

SQL_DIR = Path(__file__).resolve().parent / "sql"
# Columns a client writes; `search_id` and `click_through_rate` come from the database.
CLICK_COLUMNS = ("search_query", "clicks", "impressions", "search_date")

_INSERT_CLICKS_SQL = """
INSERT INTO search_clicks (search_query, clicks, impressions, search_date, created_at)
SELECT query, clicks, impressions, day, now()
FROM unnest($1::varchar[], $2::int[], $3::int[], $4::date[]) AS row(query, clicks, impressions, day)
"""


@functools.cache
def sql(name: str) -> str:
    """The statement in `sql/<name>.sql`."""
    return (SQL_DIR / f"{name}.sql").read_text()


def _db(connection: BaseDBAsyncClient | None = None) -> BaseDBAsyncClient:
    return connection or connections.get("default")


@dataclass(frozen=True)
class DailyCtr:
    day: date
    queries: int
    total_clicks: int
    total_impressions: int
    average_ctr: float | None
    mean_query_ctr: float | None


async def daily_ctr(first_day: date, last_day: date) -> list[DailyCtr]:
    rows = await _db().execute_query_dict(sql("daily_ctr"), [first_day, last_day])
    return [DailyCtr(**row) for row in rows]


async def top_queries(
    first_day: date, last_day: date, *, min_impressions: int, z: float, limit: int
) -> list[dict[str, Any]]:
    params = [first_day, last_day, min_impressions, z, limit]
    return await _db().execute_query_dict(sql("top_queries"), params)


async def low_performance_queries(
    first_day: date,
    last_day: date,
    *,
    impressions_quantile: float,
    ctr_quantile: float,
    limit: int,
) -> list[dict[str, Any]]:
    params = [first_day, last_day, impressions_quantile, ctr_quantile, limit]
    return await _db().execute_query_dict(sql("low_performance_queries"), params)


async def upsert_insight(
    connection: BaseDBAsyncClient, values: dict[str, Any], *, job_id: UUID | None
) -> None:
    """Insert or replace the day's row (`values` in the column order of `upsert_insight.sql`)."""
    await _db(connection).execute_query(sql("upsert_insight"), [*values.values(), job_id])


async def insert_clicks(rows: list[dict[str, Any]], connection: BaseDBAsyncClient) -> None:
    """Many rows in one statement (thousands per request)."""
    columns = [[row[column] for row in rows] for column in CLICK_COLUMNS]
    await connection.execute_query(_INSERT_CLICKS_SQL, columns)


async def get_insight(day: date) -> SearchInsight | None:
    return await SearchInsight.get_or_none(insight_date=day)


async def list_insights(first_day: date, last_day: date) -> list[SearchInsight]:
    return await SearchInsight.filter(
        insight_date__gte=first_day, insight_date__lte=last_day
    ).order_by("insight_date")


async def count_clicks() -> int:
    return await SearchClick.all().count()
