"""Synthetic health data: reproducible, inside every constraint, correlated as people are."""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from pydantic import BaseModel

from domain.commerce.schemas import OrderWrite
from domain.health.metric_kinds import METRIC_SPECS, MetricKind, canonical_value
from domain.health.schemas import (
    BLOOD_TEST_RESULTS,
    AppointmentFields,
    BloodTestFields,
    HealthMetricFields,
    MealFields,
    PhysicalActivityFields,
    SleepSessionFields,
)
from domain.users.schemas import UserWrite
from ml.synthetic.export import read_csv, write_csv
from ml.synthetic.health_data import TABLES, HealthDataset, generate_health_data

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
SAMPLE_COMMAND = "pulsetrack seed --users 40 --days 14 --seed 0 --no-db --csv data/sample"


@pytest.fixture(scope="module")
def dataset() -> HealthDataset:
    """Enough people and weeks for the built-in effects to stand well clear of the noise."""
    return generate_health_data(users=400, days=42, seed=7)


@pytest.fixture(scope="module")
def people(dataset: HealthDataset) -> pd.DataFrame:
    """Per user: age at the start, BMI from their median weight, median steps."""
    users = dataset["users"].set_index("id")
    metrics = dataset["health_metrics"]
    weight = metrics[metrics["kind"] == "weight"].groupby("user_id")["value"].median()
    first_day = pd.Timestamp(dataset["physical_activities"]["date"].min())
    return pd.DataFrame(
        {
            "age": (first_day - pd.to_datetime(users["birth_date"])).dt.days / 365.25,
            "bmi": weight / (users["height_cm"] / 100) ** 2,
            "steps": dataset["physical_activities"].groupby("user_id")["steps"].median(),
            "resting_hr": metrics[metrics["kind"] == "heart_rate"]
            .groupby("user_id")["value"]
            .median(),
        }
    )


def test_the_same_seed_gives_the_same_data() -> None:
    first = generate_health_data(users=30, days=10, seed=3)
    second = generate_health_data(users=30, days=10, seed=3)
    other = generate_health_data(users=30, days=10, seed=4)

    for table in TABLES:
        pd.testing.assert_frame_equal(first[table], second[table])
    assert not first["users"]["email"].equals(other["users"]["email"])
    assert len(first["health_metrics"]) != len(other["health_metrics"])


def test_every_table_is_there_and_refers_to_real_users(dataset: HealthDataset) -> None:
    user_ids = set(dataset["users"]["id"])

    assert list(dataset.tables) == list(TABLES)
    for table in TABLES:
        frame = dataset[table]
        assert len(frame) > 0, table
        assert frame["id"].tolist() == list(range(1, len(frame) + 1)), table
        if table != "users":
            assert set(frame["user_id"]) <= user_ids, table
    assert not dataset["physical_activities"].duplicated(["user_id", "date"]).any()
    assert dataset["users"]["email"].str.lower().is_unique


def test_metric_values_are_in_canonical_units_and_plausible_ranges(dataset: HealthDataset) -> None:
    metrics = dataset["health_metrics"]

    assert set(metrics["kind"]) == {kind.value for kind in MetricKind}
    for kind, readings in metrics.groupby("kind"):
        spec = METRIC_SPECS[MetricKind(kind)]
        assert set(readings["unit"]) == {spec.unit}
        assert readings["value"].between(spec.minimum, spec.maximum).all(), kind


def test_rows_satisfy_the_database_check_constraints(dataset: HealthDataset) -> None:
    users, activity = dataset["users"], dataset["physical_activities"]
    sleep, blood, meals = dataset["sleep_sessions"], dataset["blood_tests"], dataset["meals"]

    assert users["height_cm"].dropna().between(30, 272).all()
    assert set(users["sex"]) <= {"female", "male", "other", "unknown"}
    assert all(isinstance(json.loads(text), list) for text in users["medical_conditions"])
    assert (activity[["steps", "distance_km", "calories"]] >= 0).all().all()
    assert activity["active_minutes"].between(0, 1440).all()
    assert (sleep["end"] > sleep["start"]).all()
    assert (sleep["duration_minutes"] > 0).all()
    assert sleep["quality"].dropna().between(1, 5).all()
    assert blood[list(BLOOD_TEST_RESULTS)].notna().any(axis=1).all()
    assert (meals[["calories", "protein_g", "carbohydrate_g", "fat_g"]].fillna(0) >= 0).all().all()
    assert set(dataset["appointments"]["status"]) <= {
        "scheduled",
        "completed",
        "cancelled",
        "no-show",
    }
    assert (dataset["orders"]["quantity"] > 0).all()


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A DataFrame row as an API client would send it: None for missing, datetimes for times."""
    plain = {}
    for key, value in row.items():
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        elif value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            value = None
        plain[key] = value
    return plain


@pytest.mark.parametrize(
    ("table", "schema", "drop"),
    [
        ("users", UserWrite, ["id", "created_at", "updated_at"]),
        ("physical_activities", PhysicalActivityFields, ["id", "user_id", "created_at"]),
        ("sleep_sessions", SleepSessionFields, ["id", "user_id", "created_at"]),
        ("health_metrics", HealthMetricFields, ["id", "user_id", "created_at"]),
        ("blood_tests", BloodTestFields, ["id", "user_id", "created_at"]),
        ("meals", MealFields, ["id", "user_id", "created_at"]),
        ("appointments", AppointmentFields, ["id", "user_id", "created_at"]),
        ("orders", OrderWrite, ["id"]),
    ],
)
def test_every_row_is_one_the_api_would_accept(
    table: str, schema: type[BaseModel], drop: list[str]
) -> None:
    frame = generate_health_data(users=40, days=14, seed=11)[table].drop(columns=drop)
    if table == "users":
        frame["medical_conditions"] = frame["medical_conditions"].map(json.loads)

    for row in frame.to_dict("records"):
        schema.model_validate(_plain(row))


def test_steps_follow_a_weekly_rhythm(dataset: HealthDataset) -> None:
    activity = dataset["physical_activities"]
    by_day = activity.groupby(pd.to_datetime(activity["date"]).dt.day_of_week)["steps"].mean()
    working_days = by_day.loc[0:4].mean()

    assert by_day[5] > working_days  # an active Saturday
    assert by_day[6] < 0.9 * working_days  # a quiet Sunday


def test_activity_falls_with_age_and_bmi(people: pd.DataFrame) -> None:
    assert people["steps"].corr(people["age"]) < -0.1
    assert people["steps"].corr(people["bmi"]) < -0.1
    assert people["resting_hr"].corr(people["steps"]) < -0.1  # fitter hearts beat slower


def test_sleep_is_longer_and_better_after_active_days(dataset: HealthDataset) -> None:
    sleep, activity = dataset["sleep_sessions"], dataset["physical_activities"]
    day = (sleep["start"] - pd.Timedelta(hours=12)).dt.date
    nights = sleep.assign(date=day).merge(activity, on=["user_id", "date"])
    relative_steps = nights["steps"] / nights.groupby("user_id")["steps"].transform("median")

    assert relative_steps.corr(nights["duration_minutes"]) > 0.05
    assert relative_steps.corr(nights["quality"].astype(float)) > 0.05


def test_weekend_nights_start_later_and_last_longer(dataset: HealthDataset) -> None:
    sleep = dataset["sleep_sessions"]
    evening = sleep["start"] - pd.Timedelta(hours=12)
    weekend = evening.dt.day_of_week.isin([4, 5])  # Friday and Saturday nights
    bedtime = (evening - evening.dt.normalize()).dt.total_seconds() / 3600

    assert bedtime[weekend].mean() - bedtime[~weekend].mean() > 0.5
    assert (
        sleep["duration_minutes"][weekend].mean() - sleep["duration_minutes"][~weekend].mean() > 20
    )


def test_glucose_and_blood_pressure_rise_with_bmi_and_age(
    dataset: HealthDataset, people: pd.DataFrame
) -> None:
    labs = dataset["blood_tests"].join(people, on="user_id")
    metrics = dataset["health_metrics"]
    systolic = metrics[metrics["kind"] == "blood_pressure_systolic"].groupby("user_id")["value"]
    per_user = people.assign(systolic=systolic.median())

    assert labs["fasting_glucose_mg_dl"].corr(labs["bmi"]) > 0.2
    assert labs["fasting_glucose_mg_dl"].corr(labs["age"]) > 0.1
    assert labs["hba1c_percent"].corr(labs["fasting_glucose_mg_dl"]) > 0.8
    assert per_user["systolic"].corr(per_user["age"]) > 0.3
    assert per_user["systolic"].corr(per_user["bmi"]) > 0.1


def test_men_are_taller_than_women(dataset: HealthDataset) -> None:
    height = dataset["users"].groupby("sex")["height_cm"].mean()

    assert 10 < height["male"] - height["female"] < 18


def test_some_users_skip_days_but_most_track_nearly_every_day(dataset: HealthDataset) -> None:
    days_tracked = dataset["physical_activities"].groupby("user_id").size() / 42

    assert (days_tracked < 0.85).mean() > 0.1
    assert days_tracked.median() > 0.9


def test_a_few_values_are_extreme_yet_plausible(dataset: HealthDataset) -> None:
    steps = dataset["physical_activities"]["steps"]
    metrics = dataset["health_metrics"]
    temperature = metrics.loc[metrics["kind"] == "temperature", "value"]
    heart_rate = metrics.loc[metrics["kind"] == "heart_rate", "value"]

    assert steps.max() > 4 * steps.median()
    assert 0 < (temperature >= 38).mean() < 0.1  # a few fevers
    assert 0 < (heart_rate >= 140).mean() < 0.01  # a few readings mid-workout


def test_the_csv_export_has_duplicates_and_device_units_that_clean_back(tmp_path: Path) -> None:
    dataset = generate_health_data(users=60, days=21, seed=5)
    write_csv(dataset, tmp_path, seed=5)
    exported = read_csv(tmp_path)

    metrics = exported["health_metrics"]
    assert exported["meals"].duplicated().sum() > 0
    assert {"lb", "fahrenheit", "mmol/L"} <= set(metrics["unit"])
    # Cleaned the way the API cleans what devices send.
    canonical = [
        canonical_value(MetricKind(kind), value, unit)[0]
        for kind, value, unit in zip(
            metrics["kind"], metrics["value"], metrics["unit"], strict=True
        )
    ]
    metrics = metrics.assign(value=canonical).drop_duplicates(ignore_index=True)
    original = dataset["health_metrics"]
    np.testing.assert_allclose(metrics["value"], original["value"], atol=1.0)
    for table in ("users", "sleep_sessions", "meals", "orders"):
        cleaned = exported[table].drop_duplicates(ignore_index=True)
        pd.testing.assert_frame_equal(cleaned, dataset[table], check_dtype=False)


def test_the_committed_sample_is_what_the_generator_makes(tmp_path: Path) -> None:
    dataset = generate_health_data(users=40, days=14, seed=0)
    write_csv(dataset, tmp_path, seed=0)

    for table in TABLES:
        name = f"{table}.csv"
        assert (tmp_path / name).read_text() == (SAMPLE / name).read_text(), (
            f"data/sample/{name} is stale: regenerate it with `{SAMPLE_COMMAND}`"
        )
