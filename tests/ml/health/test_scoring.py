"""The health score's arithmetic, without a database: bounds, monotonicity, percentiles, and
the awkward populations (one person, ties, missing components, too little data)."""

import json
import math
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ml.health.population import (
    POPULATION,
    cohort_keys,
    distributions,
    relative_columns,
    score_columns,
)
from ml.health.report import Places, ReportColumns, build_reports
from ml.health.scoring import COMPONENT_NAMES, METRICS, band_of, directions, percentiles_among

HEALTHY = {
    "activity_days": 28.0,
    "daily_steps": 11_000.0,
    "weekly_active_minutes": 200.0,
    "sleep_nights": 28.0,
    "sleep_hours": 7.5,
    "sleep_onset_sd_minutes": 20.0,
    "fasting_glucose_mg_dl": 88.0,
    "hba1c_percent": 5.2,
    "blood_pressure_readings": 10.0,
    "systolic_mmhg": 112.0,
    "diastolic_mmhg": 72.0,
    "heart_rate_readings": 40.0,
    "resting_heart_rate": 58.0,
    "bmi": 22.0,
}
# Each input, the range hypothesis draws it from, and where its healthy range is.
RANGES = {
    "daily_steps": (0, 30_000),
    "weekly_active_minutes": (0, 1_000),
    "sleep_hours": (2, 14),
    "sleep_onset_sd_minutes": (0, 300),
    "fasting_glucose_mg_dl": (40, 400),
    "hba1c_percent": (4, 14),
    "systolic_mmhg": (80, 220),
    "diastolic_mmhg": (40, 140),
    "resting_heart_rate": (30, 130),
    "bmi": (14, 60),
}
WINDOW = {"from": "2026-03-01", "to": "2026-03-30", "days": 30, "lab_days": 365}
BANDS = {band.input: band for metric in METRICS.values() for band in metric.bands}


def columns(**values: float) -> dict[str, np.ndarray]:
    return {name: np.array([value], dtype=float) for name, value in (HEALTHY | values).items()}


def scored(min_components: int = 3, **values: float) -> tuple[dict[str, float], float]:
    result = score_columns(columns(**values), min_components=min_components)
    return {name: float(score[0]) for name, score in result.components.items()}, float(
        result.overall[0]
    )


inputs = st.fixed_dictionaries(
    {name: st.floats(low, high, allow_nan=False) for name, (low, high) in RANGES.items()}
)


@given(inputs)
def test_every_score_lies_between_0_and_100(values: dict[str, float]) -> None:
    components, overall = scored(**values)

    assert all(0 <= score <= 100 for score in components.values())
    assert 0 <= overall <= 100


@settings(max_examples=300)
@given(inputs, st.sampled_from(sorted(RANGES)), st.floats(0.01, 1))
def test_moving_one_input_towards_its_healthy_range_never_lowers_a_score(
    values: dict[str, float], name: str, share: float
) -> None:
    band, value = BANDS[name], values[name]
    low, high = band.healthy
    target = min(max(value, low), high)  # the nearest healthy value
    better = value + share * (target - value)
    before_components, before = scored(**values)
    after_components, after = scored(**(values | {name: better}))

    assert all(after_components[c] >= before_components[c] - 1e-9 for c in before_components)
    assert after >= before - 1e-9


def test_a_healthy_person_scores_100_in_the_high_band() -> None:
    components, overall = scored()

    assert set(components.values()) == {100.0}
    assert (overall, band_of(overall)) == (100.0, "high")


@pytest.mark.parametrize(
    ("score", "band"), [(80, "high"), (79.9, "moderate"), (50, "moderate"), (49.9, "low")]
)
def test_bands_follow_the_life_essential_8_thresholds(score: float, band: str) -> None:
    assert band_of(score) == band


def test_a_missing_component_is_left_out_and_the_weights_renormalised() -> None:
    without_labs = {"fasting_glucose_mg_dl": math.nan, "hba1c_percent": math.nan}
    components, overall = scored(**without_labs, systolic_mmhg=150, diastolic_mmhg=95)

    assert math.isnan(components["glycaemia"])
    expected = (100 + 100 + components["cardiovascular"] + 100) / 4
    assert overall == pytest.approx(expected)


def test_a_metric_with_too_little_data_counts_as_missing() -> None:
    components, _ = scored(activity_days=3, sleep_nights=4, heart_rate_readings=2)

    assert math.isnan(components["activity"])
    assert math.isnan(components["sleep"])
    assert components["cardiovascular"] == 100  # blood pressure alone


def test_fewer_components_than_required_give_no_overall_score() -> None:
    missing = {name: math.nan for name in ("fasting_glucose_mg_dl", "hba1c_percent", "bmi")}
    _, overall = scored(min_components=3, activity_days=0, **missing)

    assert math.isnan(overall)


@given(st.lists(st.floats(0, 100), min_size=1, max_size=60), st.floats(0, 100))
def test_a_percentile_is_the_share_of_the_others_beaten_ties_counting_half(
    others: list[float], score: float
) -> None:
    beaten = sum(other < score for other in others)
    tied = sum(other == score for other in others)

    [percentile] = percentiles_among(np.array([score]), np.sort(others))

    assert percentile == pytest.approx(100 * (beaten + tied / 2) / len(others))


def test_a_user_in_the_distribution_is_not_compared_with_themselves() -> None:
    others = np.array([10.0, 50.0, 50.0, 90.0])

    # This user is the 50 at index 1: beats 10, ties the other 50, loses to 90.
    [percentile] = percentiles_among(np.array([50.0]), others, leave_out=1)

    assert percentile == pytest.approx(100 * 1.5 / 3)


def population(steps: list[float], ages: list[str], sexes: list[str]) -> dict:
    table = columns()
    n = len(steps)
    table = {name: np.repeat(values, n) for name, values in table.items()}
    table["daily_steps"] = np.array(steps, dtype=float)
    result = score_columns(table, min_components=3)
    cohorts = cohort_keys(np.array(ages), np.array(sexes))
    return {"result": result, "cohorts": cohorts, "stored": distributions(result, cohorts)}


@dataclass(frozen=True)
class Place:
    percentile: float | None
    cohort: str
    compared_with: int


def place(run: dict, row: int, *, min_cohort: int) -> dict[str, Place]:
    everyone = relative_columns(
        run["result"], run["cohorts"], run["stored"], min_cohort=min_cohort, counted_in=True
    )
    return {
        name: Place(
            None if math.isnan(places.percentiles[row]) else float(places.percentiles[row]),
            places.cohorts[row],
            int(places.compared_with[row]),
        )
        for name, places in everyone.items()
    }


def test_a_small_cohort_falls_back_to_the_whole_population() -> None:
    steps = [2000, 4000, 6000, 8000, 12000]
    run = population(steps, ["30-39"] * 2 + ["40-49"] * 3, ["female"] * 5)

    small = place(run, 0, min_cohort=2)["activity"]
    big_enough = place(run, 2, min_cohort=2)["activity"]

    assert (small.cohort, small.compared_with) == (POPULATION, 4)
    assert (big_enough.cohort, big_enough.compared_with) == ("40-49/female", 2)
    assert big_enough.percentile == 0  # 6,000 beats neither 8,000 nor 12,000


def test_a_population_of_one_has_no_one_to_compare_with() -> None:
    run = population([9000], ["30-39"], ["male"])

    alone = place(run, 0, min_cohort=1)["overall"]

    assert (alone.percentile, alone.compared_with) == (None, 0)


def test_a_cohort_of_ties_puts_everyone_at_the_50th_percentile() -> None:
    run = population([7000] * 4, ["50-59"] * 4, ["female"] * 4)

    assert {place(run, row, min_cohort=3)["overall"].percentile for row in range(4)} == {50.0}


def report_of(values: dict[str, float], places: dict[str, Places] | None = None) -> dict:
    table = columns(**values)
    result = score_columns(table, min_components=3)
    if places is None:  # nobody to compare with
        places = relative_columns(result, np.array(["x"]), {}, min_cohort=1, counted_in=False)
    report_columns = ReportColumns(
        table, result.metrics, result.components, result.overall, places, directions(table),
        age_bands=np.array(["40-49"]), sexes=np.array(["male"]),
    )  # fmt: skip
    [text] = build_reports(report_columns, window=WINDOW)
    return json.loads(text)


def test_a_user_with_no_data_gets_insufficient_data_naming_every_component() -> None:
    nothing = {name: math.nan for name in HEALTHY} | {
        "activity_days": 0, "sleep_nights": 0, "blood_pressure_readings": 0,
        "heart_rate_readings": 0,
    }  # fmt: skip

    report = report_of(nothing)

    assert report["status"] == "insufficient_data"
    assert "score" not in report
    assert [missing["component"] for missing in report["missing"]] == list(COMPONENT_NAMES)
    assert report["missing"][0]["reason"] == "0 days of activity in the last 30 days (needs 7)"
    assert report["coverage"] == {
        "components": 0, "of": 5, "activity_days": 0, "sleep_nights": 0, "window_days": 30
    }  # fmt: skip


def test_a_scored_report_explains_what_raises_and_lowers_the_score() -> None:
    report = report_of({"systolic_mmhg": 150.0, "diastolic_mmhg": 95.0, "daily_steps": 3000.0})

    assert report["status"] == "scored"
    assert report["factors"]["lowering"][0].startswith(
        "A blood pressure of 150/95 mmHg is above the healthy range (below 120/80 mmHg)"
    )
    assert "3,000 steps a day" in report["factors"]["lowering"][1]
    assert all("in the healthy range" in text for text in report["factors"]["raising"])
    assert report["percentile"] is None  # nobody to compare with
    assert sum(c["weight"] for c in report["components"].values()) == pytest.approx(1)
