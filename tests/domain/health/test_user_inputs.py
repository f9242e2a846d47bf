"""The inputs SQL aggregates each user's data of the window as the method says."""

import math
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from domain.health.models import BloodTest, HealthMetric, PhysicalActivity, SleepSession
from domain.health.repository import Window, everyones_inputs, users_inputs
from domain.ingestion import ingest_dataset, read_tables
from domain.users.models import User
from ml.health.inputs import aggregate_inputs
from ml.synthetic.health_data import generate_health_data
from pulsetrack.settings import Settings

AS_OF = date(2026, 3, 31)
WINDOW = Window(AS_OF, days=30, lab_days=365)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@pytest.fixture
async def tracked_user(clean_database: None) -> int:
    user = await User.create(
        name="Ada", email="ada@example.com", birth_date=date(1980, 6, 1), sex="female",
        height_cm=180,
    )  # fmt: skip
    day = AS_OF - timedelta(days=1)
    for back, steps, minutes in [(0, 1000, 10), (1, 2000, 20), (2, 6000, 30), (40, 99999, 999)]:
        await PhysicalActivity.create(
            user=user, date=day - timedelta(days=back), steps=steps, active_minutes=minutes,
            distance_km=1, calories=2000,
        )  # fmt: skip
    # Bedtimes at 23:00 and 01:00 are two hours apart, not 22.
    for night, (hour, hours) in enumerate([(23, 8), (1, 6)]):
        start = at(day - timedelta(days=night), hour)
        end = start + timedelta(hours=hours)
        await SleepSession.create(user=user, start=start, end=end, duration_minutes=hours * 60)
    await BloodTest.create(
        user=user, taken_at=at(AS_OF - timedelta(days=200), 8), fasting_glucose_mg_dl=130,
        hba1c_percent=6.1,
    )  # fmt: skip
    await BloodTest.create(user=user, taken_at=at(day, 8), fasting_glucose_mg_dl=90)
    for minute, rate in enumerate(range(60, 101, 4)):  # 60, 64, ..., 100
        await HealthMetric.create(
            user=user, kind="heart_rate", value=rate, unit="bpm", measured_at=at(day, 9, minute)
        )
    for minute, (kind, value) in enumerate(
        [("blood_pressure_systolic", 130), ("blood_pressure_systolic", 120),
         ("blood_pressure_diastolic", 85), ("blood_pressure_diastolic", 75)]
    ):  # fmt: skip
        await HealthMetric.create(
            user=user, kind=kind, value=value, unit="mmHg", measured_at=at(day, 10, minute)
        )
    for back, kilograms in [(100, 90.0), (5, 80.0)]:
        await HealthMetric.create(
            user=user, kind="weight", value=kilograms, unit="kg",
            measured_at=at(AS_OF - timedelta(days=back), 7),
        )  # fmt: skip
    return user.id


def row(table, name: str) -> float:  # type: ignore[no-untyped-def]
    return float(table.inputs[name][0])


async def test_a_users_data_is_aggregated_over_the_window(tracked_user: int) -> None:
    table = await users_inputs(WINDOW, [tracked_user])

    assert table.user_ids.tolist() == [tracked_user]
    assert (table.sexes[0], table.age_bands[0]) == ("female", "40-49")
    assert (row(table, "activity_days"), row(table, "daily_steps")) == (3, 3000)
    assert row(table, "weekly_active_minutes") == pytest.approx(140)
    assert (row(table, "sleep_nights"), row(table, "sleep_hours")) == (2, 7)
    assert row(table, "sleep_onset_sd_minutes") == pytest.approx(np.std([660, 780], ddof=1))
    # The latest result of each test, even when it came from an older panel.
    assert (row(table, "fasting_glucose_mg_dl"), row(table, "hba1c_percent")) == (90, 6.1)
    assert row(table, "blood_pressure_readings") == 2
    assert (row(table, "systolic_mmhg"), row(table, "diastolic_mmhg")) == (125, 80)
    assert row(table, "heart_rate_readings") == 11
    assert row(table, "resting_heart_rate") == pytest.approx(np.percentile(range(60, 101, 4), 10))
    assert row(table, "bmi") == pytest.approx(80 / 1.8**2)


async def test_a_user_without_data_has_no_inputs_but_is_listed(tracked_user: int) -> None:
    await User.create(name="New", email="new@example.com")

    table = await everyones_inputs(WINDOW)

    assert len(table.user_ids) == 2
    assert table.age_bands[1] == "unknown"
    counts = {"activity_days", "sleep_nights", "blood_pressure_readings", "heart_rate_readings"}
    assert all(table.inputs[name][1] == 0 for name in counts)
    assert all(math.isnan(table.inputs[name][1]) for name in set(table.inputs) - counts)


async def test_the_sql_agrees_with_pandas_on_a_generated_population(
    clean_database: None, settings: Settings
) -> None:
    dataset = generate_health_data(users=80, days=30, seed=3, start=AS_OF - timedelta(days=30))
    await ingest_dataset(settings.database_url, dataset)
    tables = await read_tables(settings.database_url)

    table = await everyones_inputs(WINDOW)
    expected = aggregate_inputs(tables, as_of=AS_OF, days=30, lab_days=365)

    assert table.user_ids.tolist() == expected.index.tolist()
    assert table.age_bands.tolist() == expected["age_band"].tolist()
    assert table.sexes.tolist() == expected["sex"].tolist()
    for name, values in table.inputs.items():
        np.testing.assert_allclose(values, expected[name].to_numpy(float), rtol=1e-9, err_msg=name)
