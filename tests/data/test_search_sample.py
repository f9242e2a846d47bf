"""The committed sample output (data/search/) is what the definitions give for the committed mock
rows: recomputed here with pandas, no database needed."""

import json
from pathlib import Path

import pandas as pd
import pytest

from pulsetrack.settings import Settings
from tests.search_reference import pandas_insight

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "search"


@pytest.fixture(scope="module")
def clicks() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "search_clicks.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def insights() -> list[dict]:
    return list(json.loads((SAMPLE / "search_insights.json").read_text()))


def test_the_sample_has_two_weeks_of_rows_and_one_insight_row_per_day(
    clicks: pd.DataFrame, insights: list[dict]
) -> None:
    days = sorted(clicks["search_date"].unique())

    assert len(days) == 14
    assert [row["insight_date"] for row in insights] == days


def test_each_days_insights_are_what_pandas_computes_from_its_rows(
    clicks: pd.DataFrame, insights: list[dict]
) -> None:
    settings = Settings()
    for insight in insights:
        day = clicks[clicks["search_date"] == insight["insight_date"]]
        expected = pandas_insight(day, settings)

        assert insight["queries"] == expected["queries"]
        assert insight["average_ctr"] == pytest.approx(expected["average_ctr"], rel=1e-12)
        assert insight["mean_query_ctr"] == pytest.approx(expected["mean_query_ctr"], rel=1e-12)
        assert [row["query"] for row in insight["top_queries"]] == expected["top"]
        assert [row["query"] for row in insight["low_performance_queries"]] == expected["low"]
