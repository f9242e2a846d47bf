"""The health score's inputs computed with pandas from the tables' rows: the same definitions as
the SQL in `domain/health/sql/inputs/` (docs/health-score.md, "Inputs"), for the analysis
notebook, for the benchmark's baseline, and for a test that holds the two to each other."""

from collections.abc import Mapping
from datetime import date, timedelta

import numpy as np
import pandas as pd

AGE_BANDS = ((30, "<30"), (40, "30-39"), (50, "40-49"), (60, "50-59"), (70, "60-69"))


def _age_band(born: pd.Timestamp, as_of: date) -> str:
    """As PostgreSQL's `age()` counts whole years."""
    if pd.isna(born):
        return "unknown"
    years = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
    return next((band for limit, band in AGE_BANDS if years < limit), "70+")


def _between(times: pd.Series, start: date, end: date) -> pd.Series:
    first, last = pd.Timestamp(start, tz="UTC"), pd.Timestamp(end, tz="UTC")
    return (times >= first) & (times < last)


def _latest(labs: pd.DataFrame, column: str) -> pd.Series:
    """Each user's most recent value of `column` (`labs` sorted by time)."""
    return labs.dropna(subset=[column]).groupby("user_id")[column].last()


def aggregate_inputs(
    tables: Mapping[str, pd.DataFrame], *, as_of: date, days: int, lab_days: int
) -> pd.DataFrame:
    """One row per user (indexed by user id): sex, age band and every input of the score.

    `tables` holds `users`, `physical_activities`, `sleep_sessions`, `blood_tests` and
    `health_metrics` as the database stores them (canonical units, UTC timestamps)."""
    start, lab_start = as_of - timedelta(days=days), as_of - timedelta(days=lab_days)
    users = tables["users"].set_index("id")
    activity = tables["physical_activities"]
    day = pd.to_datetime(activity["date"]).dt.date
    activity = activity[(day >= start) & (day < as_of)]
    by_day = activity.groupby("user_id")
    sleep = tables["sleep_sessions"]
    sleep = sleep[_between(sleep["start"], start, as_of)]
    bedtime = (sleep["start"].dt.hour * 60 + sleep["start"].dt.minute + 720) % 1440
    labs = tables["blood_tests"]
    labs = labs[_between(labs["taken_at"], lab_start, as_of)].sort_values("taken_at")
    metrics = tables["health_metrics"]
    window = metrics[_between(metrics["measured_at"], start, as_of)]

    def readings(kind: str) -> pd.core.groupby.SeriesGroupBy:
        return window[window["kind"] == kind].groupby("user_id")["value"]

    weighed = (metrics["kind"] == "weight") & _between(metrics["measured_at"], lab_start, as_of)
    weight = metrics[weighed].sort_values("measured_at").groupby("user_id")["value"].last()
    columns = {
        "activity_days": by_day.size(),
        "daily_steps": by_day["steps"].mean(),
        "weekly_active_minutes": 7 * by_day["active_minutes"].mean(),
        "sleep_nights": sleep.groupby("user_id").size(),
        "sleep_hours": sleep.groupby("user_id")["duration_minutes"].mean() / 60,
        "sleep_onset_sd_minutes": bedtime.groupby(sleep["user_id"]).std(),
        "fasting_glucose_mg_dl": _latest(labs, "fasting_glucose_mg_dl"),
        "hba1c_percent": _latest(labs, "hba1c_percent"),
        "blood_pressure_readings": np.minimum(
            readings("blood_pressure_systolic").size(), readings("blood_pressure_diastolic").size()
        ),
        "systolic_mmhg": readings("blood_pressure_systolic").mean(),
        "diastolic_mmhg": readings("blood_pressure_diastolic").mean(),
        "heart_rate_readings": readings("heart_rate").size(),
        "resting_heart_rate": readings("heart_rate").quantile(0.1),
        "bmi": weight / (users["height_cm"] / 100) ** 2,
    }
    frame = pd.DataFrame(columns).reindex(users.index)
    counts = ["activity_days", "sleep_nights", "blood_pressure_readings", "heart_rate_readings"]
    frame[counts] = frame[counts].fillna(0)
    births = pd.to_datetime(users["birth_date"])
    frame.insert(0, "age_band", [_age_band(born, as_of) for born in births])
    frame.insert(0, "sex", users["sex"])
    return frame.sort_index()
