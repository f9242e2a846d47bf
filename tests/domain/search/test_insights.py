"""The insight SQL against hand-computed answers, against pandas on generated data, and stored
idempotently. Each test writes its rows for one day and reads only that day back."""

import asyncio
from datetime import date, timedelta
from typing import Any

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError, OperationalError

from domain.messaging import collect_messages, transaction
from domain.search import repository
from domain.search.insights import compute_day
from domain.search.models import SearchClick, SearchInsight
from ml.synthetic.search_clicks import generate_search_clicks
from pulsetrack.settings import Settings
from tests.search_reference import Z, pandas_insight, wilson_lower_bound

DAY = date(2026, 3, 2)
# query: (clicks, impressions) rows; "a" arrives as two rows, "d" was never shown.
ROWS = {
    "a": [(10, 100), (5, 50)],
    "b": [(50, 200)],
    "c": [(1, 1)],
    "d": [(0, 0)],
    "e": [(0, 400)],
    "f": [(20, 100)],
    "g": [(20, 100)],
}


async def store(rows: dict[str, list[tuple[int, int]]], day: date = DAY) -> None:
    await SearchClick.bulk_create(
        [
            SearchClick(search_query=query, clicks=clicks, impressions=impressions, search_date=day)
            for query, counts in rows.items()
            for clicks, impressions in counts
        ]
    )


async def top(min_impressions: int, limit: int = 5) -> list[tuple[str, float]]:
    ranked = await repository.top_queries(
        DAY, DAY, min_impressions=min_impressions, z=Z, limit=limit
    )
    return [(row["query"], row["wilson_lower_bound"]) for row in ranked]


async def low(impressions_quantile: float, ctr_quantile: float) -> list[str]:
    rows = await repository.low_performance_queries(
        DAY, DAY, impressions_quantile=impressions_quantile, ctr_quantile=ctr_quantile, limit=20
    )
    return [row["query"] for row in rows]


async def test_daily_ctr_is_reported_both_weighted_and_as_a_mean_of_queries(
    clean_database: None,
) -> None:
    await store(ROWS)

    [daily] = await repository.daily_ctr(DAY, DAY)

    assert (daily.total_clicks, daily.total_impressions, daily.queries) == (106, 951, 6)
    assert daily.average_ctr == 106 / 951
    # a .1, b .25, c 1, e 0, f .2, g .2; "d" had no impressions and has no CTR.
    assert daily.mean_query_ctr == pytest.approx((0.1 + 0.25 + 1 + 0 + 0.2 + 0.2) / 6)


async def test_a_day_without_impressions_has_no_ctr_rather_than_a_division_error(
    clean_database: None,
) -> None:
    await store({"nobody": [(0, 0)], "saw": [(0, 0)]})

    [daily] = await repository.daily_ctr(DAY, DAY)
    insight = await compute_day(DAY, Settings())

    assert (daily.queries, daily.average_ctr, daily.mean_query_ctr) == (0, None, None)
    assert insight.top_queries == insight.low_performance_queries == []


async def test_top_queries_rank_by_the_wilson_bound_and_break_ties_by_name(
    clean_database: None,
) -> None:
    await store(ROWS)

    ranked = await top(min_impressions=100)

    assert [query for query, _ in ranked] == ["b", "f", "g", "a", "e"]
    assert ranked[0][1] == pytest.approx(wilson_lower_bound(50, 200))
    assert ranked[1][1] == ranked[2][1]  # f and g tie exactly; the name decides


async def test_the_impressions_floor_keeps_one_lucky_click_off_the_top(
    clean_database: None,
) -> None:
    await store(ROWS)

    without_floor = await top(min_impressions=1, limit=2)
    with_floor = await top(min_impressions=100, limit=2)

    # 1 click of 1 impression: a CTR of 1, but a Wilson bound of only ~0.21, still above b's.
    assert without_floor[0] == ("c", pytest.approx(wilson_lower_bound(1, 1)))
    assert "c" not in [query for query, _ in with_floor]


async def test_low_performers_are_the_popular_queries_with_the_lowest_ctr(
    clean_database: None,
) -> None:
    await store(ROWS)

    # Top decile of impressions (>= 400): only e, and e is its own bottom quartile.
    assert await low(0.9, 0.25) == ["e"]
    # Impressions at or above the median (>= 100): a, b, e, f, g; their CTR quartile is 0.1.
    assert await low(0.5, 0.25) == ["e", "a"]


async def test_the_sql_agrees_with_pandas_on_a_generated_day(clean_database: None) -> None:
    frame = generate_search_clicks(days=1, queries=1500, seed=11, start=DAY)
    await repository.insert_clicks(frame.to_dict("records"), connections.get("default"))
    settings = Settings()

    insight = await compute_day(DAY, settings)
    expected = pandas_insight(frame, settings)

    assert insight.queries == expected["queries"]
    assert insight.average_ctr == pytest.approx(expected["average_ctr"], rel=1e-12)
    assert insight.mean_query_ctr == pytest.approx(expected["mean_query_ctr"], rel=1e-12)
    assert [row["query"] for row in insight.top_queries] == expected["top"]
    assert [row["query"] for row in insight.low_performance_queries] == expected["low"]
    assert len(expected["low"]) > 3


async def upsert(day: date) -> None:
    insight = await compute_day(day, Settings())
    with collect_messages():
        async with transaction() as connection:
            await insight.stored(job_id=None)(connection)


async def stored_rows(day: date) -> list[dict[str, Any]]:
    return await SearchInsight.filter(insight_date=day).values(
        "average_ctr", "queries", "top_queries", "low_performance_queries"
    )


async def test_computing_a_day_twice_leaves_one_row_with_the_same_content(
    clean_database: None,
) -> None:
    await store(ROWS)

    await upsert(DAY)
    first = await stored_rows(DAY)
    await upsert(DAY)

    assert await stored_rows(DAY) == first
    assert len(first) == 1


async def test_two_runs_of_one_day_at_once_leave_one_row(clean_database: None) -> None:
    await store(ROWS)

    await asyncio.gather(upsert(DAY), upsert(DAY), upsert(DAY))

    assert len(await stored_rows(DAY)) == 1


async def test_late_rows_change_the_day_when_it_is_recomputed(clean_database: None) -> None:
    await store(ROWS)
    await upsert(DAY)

    await store({"late": [(100, 100)]})
    await upsert(DAY)

    [row] = await stored_rows(DAY)
    assert row["queries"] == 7


@pytest.mark.parametrize(("clicks", "impressions"), [(5, 4), (-1, 4), (0, -1)])
async def test_the_database_refuses_impossible_counts(
    clean_database: None, clicks: int, impressions: int
) -> None:
    with pytest.raises(IntegrityError, match="ck_search_clicks_counts"):
        await connections.get("default").execute_query(
            "INSERT INTO search_clicks (search_query, clicks, impressions, search_date, created_at)"
            " VALUES ('q', $1, $2, $3, now())",
            [clicks, impressions, DAY],
        )


async def test_the_database_derives_the_ctr_and_refuses_one_given(clean_database: None) -> None:
    await store({"q": [(3, 12), (0, 0)]})

    ctrs = (
        await SearchClick.filter(search_date=DAY)
        .order_by("id")
        .values_list("click_through_rate", flat=True)
    )

    assert ctrs == [0.25, None]
    with pytest.raises(OperationalError, match="generated column"):
        await connections.get("default").execute_query(
            "INSERT INTO search_clicks (search_query, clicks, impressions, click_through_rate, "
            "search_date, created_at) VALUES ('q', 1, 2, 0.9, $1, now())",
            [DAY - timedelta(days=1)],
        )
