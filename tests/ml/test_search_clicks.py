"""The mock search logs have the structure the insights are meant to find."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from ml.synthetic.search_clicks import (
    POOR_SNIPPET_CTR_FACTOR,
    generate_search_clicks,
    query_traits,
    query_vocabulary,
)

MONDAY = date(2026, 1, 5)


@pytest.fixture(scope="module")
def four_weeks() -> pd.DataFrame:
    return generate_search_clicks(days=28, queries=3000, seed=4, start=MONDAY)


def test_the_same_seed_gives_the_same_rows_and_a_day_does_not_depend_on_the_others() -> None:
    week = generate_search_clicks(days=7, queries=500, seed=9, start=MONDAY)
    again = generate_search_clicks(days=7, queries=500, seed=9, start=MONDAY)
    other = generate_search_clicks(days=7, queries=500, seed=10, start=MONDAY)

    pd.testing.assert_frame_equal(week, again)
    assert not week["clicks"].equals(other["clicks"])


def test_every_row_is_one_the_api_would_accept(four_weeks: pd.DataFrame) -> None:
    assert (four_weeks["clicks"] >= 0).all()
    assert (four_weeks["clicks"] <= four_weeks["impressions"]).all()
    assert four_weeks["search_query"].str.len().between(1, 255).all()
    assert (four_weeks["impressions"] == 0).any()  # some tracked queries were not shown


def test_queries_are_distinct_and_read_like_searches() -> None:
    queries = query_vocabulary(20_000, np.random.default_rng(0))

    assert len(set(queries)) == 20_000
    assert all(query == query.strip() and "  " not in query for query in queries)


def test_a_few_queries_take_most_impressions(four_weeks: pd.DataFrame) -> None:
    per_query = four_weeks.groupby("search_query")["impressions"].sum().sort_values()

    top_percent = per_query.iloc[-len(per_query) // 100 :].sum() / per_query.sum()
    assert top_percent > 0.4
    assert per_query.median() < per_query.mean() / 5


def test_weekdays_are_busier_than_weekends(four_weeks: pd.DataFrame) -> None:
    weekday = pd.to_datetime(four_weeks["search_date"]).dt.day_of_week
    per_day = four_weeks.groupby(weekday)["impressions"].sum()

    assert per_day.loc[[0, 1, 2, 3]].min() > per_day.loc[[5, 6]].max()


def test_ctr_falls_with_the_result_position() -> None:
    traits = query_traits(5000, seed=2, daily_impressions=1e6)

    near_top = traits.ctr[traits.position < 3]
    far_down = traits.ctr[traits.position > 10]

    assert np.median(near_top) > 3 * np.median(far_down)


def test_some_popular_queries_have_a_poor_snippet() -> None:
    traits = query_traits(5000, seed=2, daily_impressions=1e6)
    popular = slice(0, 500)

    typical = np.median(traits.ctr[popular])
    poor = traits.ctr[popular] < typical * POOR_SNIPPET_CTR_FACTOR * 2

    assert 5 <= poor.sum() <= 60


def test_some_query_days_arrive_as_more_than_one_row(four_weeks: pd.DataFrame) -> None:
    rows_per_query_day = four_weeks.groupby(["search_date", "search_query"]).size()

    assert (rows_per_query_day == 2).mean() == pytest.approx(0.02, abs=0.01)
