"""Health metric readings: a watch overnight, and cuffs, scales, thermometers and glucose meters.

Values are in each kind's canonical unit (the database stores only those) and inside the plausible
range the database enforces; a few are extreme on purpose, as real readings sometimes are.
"""

import numpy as np
import pandas as pd

from ml.synthetic.calendar import Period
from ml.synthetic.daily import Days
from ml.synthetic.population import Population

UNITS = {
    "heart_rate": "bpm",
    "temperature": "celsius",
    "blood_pressure_systolic": "mmHg",
    "blood_pressure_diastolic": "mmHg",
    "weight": "kg",
    "spo2": "percent",
    "glucose": "mg/dL",
    "respiratory_rate": "breaths/min",
}


def readings_table(
    rng: np.random.Generator, people: Population, period: Period, days: Days
) -> pd.DataFrame:
    """Every reading, ordered by user and time."""
    shape = (people.size, period.days)
    parts = [
        *_watch(rng, people, days),
        *_blood_pressure(rng, people, shape),
        _weight(rng, people, shape),
        _temperature(rng, shape),
        _glucose(rng, people, shape),
    ]
    readings = pd.concat(parts, ignore_index=True)
    measured_at = period.timestamps(readings["day"].to_numpy(), readings["hour"].to_numpy())
    lag = pd.to_timedelta(rng.uniform(60, 3 * 3600, len(readings)).round(), "s")
    table = pd.DataFrame(
        {
            "user_id": readings["user"].to_numpy() + 1,
            "kind": readings["kind"].to_numpy(),
            "value": readings["value"].to_numpy(),
            "unit": readings["kind"].map(UNITS).to_numpy(),
            "measured_at": measured_at,
            "source": readings["source"].to_numpy(),
            "created_at": measured_at + lag,  # devices sync a while after they measure
        }
    )
    table = table.sort_values(["user_id", "measured_at", "kind"], kind="stable", ignore_index=True)
    table.insert(0, "id", np.arange(1, len(table) + 1))
    return table


def _part(
    kind: str, source: str, user: np.ndarray, day: np.ndarray, hour: np.ndarray, value: np.ndarray
) -> pd.DataFrame:
    return pd.DataFrame(
        {"user": user, "day": day, "hour": hour, "kind": kind, "value": value, "source": source}
    )


def _watch(rng: np.random.Generator, people: Population, days: Days) -> list[pd.DataFrame]:
    """Resting heart rate on waking; SpO2 and breathing rate on about 60 % of nights."""
    user, day = np.nonzero(days.slept)
    n = len(user)
    wake = days.sleep_start_h[user, day] + days.sleep_hours[user, day]
    resting = 66 - 4.5 * people.fitness + 0.25 * (people.bmi - 26) + 2.5 * people.female
    resting = resting + rng.normal(0, 3, people.size)
    short_night = np.maximum(7 - days.sleep_hours[user, day], 0)
    heart = resting[user] + 1.2 * short_night + rng.normal(0, 2.5, n)
    during_exercise = rng.random(n) < 0.0015  # measured mid-workout: high but real
    heart = np.where(during_exercise, rng.uniform(140, 185, n), heart)
    hour = np.where(during_exercise, rng.uniform(8, 19, n), wake + rng.uniform(0, 0.3, n))
    parts = [_part("heart_rate", "watch", user, day, hour, np.clip(np.round(heart), 35, 200))]
    night = rng.random(n) < 0.6
    user, day, n = user[night], day[night], int(night.sum())
    midsleep = days.sleep_start_h[user, day] + days.sleep_hours[user, day] / 2
    age, bmi = people.age[user], people.bmi[user]
    spo2 = 97.3 - 0.02 * (age - 45) - 0.06 * (bmi - 26) + rng.normal(0, 0.9, n)
    spo2 = np.where(rng.random(n) < 0.002, rng.uniform(86, 90, n), spo2)  # apnoea-like dips
    breaths = 14.5 + 0.06 * (bmi - 26) + rng.normal(0, 1.1, n)
    parts.append(_part("spo2", "watch", user, day, midsleep, np.clip(np.round(spo2), 80, 100)))
    parts.append(
        _part(
            "respiratory_rate", "watch", user, day, midsleep, np.round(np.clip(breaths, 8, 30), 1)
        )
    )
    return parts


def _blood_pressure(
    rng: np.random.Generator, people: Population, shape: tuple[int, int]
) -> list[pd.DataFrame]:
    """Home cuff readings on about 30 % of mornings for cuff owners (most hypertensive users)."""
    owns_cuff = people.hypertensive | (rng.random(people.size) < 0.45)
    user, day = np.nonzero((rng.random(shape) < 0.3) & owns_cuff[:, None])
    n = len(user)
    age, bmi, male = people.age, people.bmi, people.male
    hyper = people.hypertensive
    systolic = 111 + 0.5 * (age - 40) + 0.9 * (bmi - 25) + 5 * male + 12 * hyper
    diastolic = 71 + 0.2 * (age - 40) + 0.5 * (bmi - 25) + 2 * male + 7 * hyper
    systolic = (systolic + rng.normal(0, 7, people.size))[user] + rng.normal(0, 6, n)
    diastolic = (diastolic + rng.normal(0, 5, people.size))[user] + rng.normal(0, 4, n)
    spike = rng.random(n) < 0.003  # a reading taken stressed or straight after stairs
    systolic, diastolic = systolic + 40 * spike, diastolic + 20 * spike
    systolic = np.clip(np.round(systolic), 80, 230)
    diastolic = np.clip(np.round(np.minimum(diastolic, systolic - 20)), 45, 140)
    hour = rng.uniform(6.5, 9.0, n)
    return [
        _part("blood_pressure_systolic", "cuff", user, day, hour, systolic),
        _part("blood_pressure_diastolic", "cuff", user, day, hour, diastolic),
    ]


def _weight(rng: np.random.Generator, people: Population, shape: tuple[int, int]) -> pd.DataFrame:
    """Scale readings on about 30 % of mornings: BMI x height², drifting slowly, +-0.4 kg a day."""
    owns_scale = rng.random(people.size) < 0.7
    drift = np.cumsum(rng.normal(0, 0.0015, shape), axis=1)
    user, day = np.nonzero((rng.random(shape) < 0.3) & owns_scale[:, None])
    weight = people.weight_kg[user] * (1 + drift[user, day]) + rng.normal(0, 0.4, len(user))
    return _part(
        "weight", "scale", user, day, rng.uniform(6.5, 8.5, len(user)), np.round(weight, 1)
    )


def _temperature(rng: np.random.Generator, shape: tuple[int, int]) -> pd.DataFrame:
    """An occasional thermometer reading; a few are fevers."""
    user, day = np.nonzero(rng.random(shape) < 0.04)
    n = len(user)
    celsius = np.where(rng.random(n) < 0.03, rng.uniform(38.0, 39.8, n), rng.normal(36.75, 0.25, n))
    hour = rng.uniform(7, 22, n)
    return _part(
        "temperature", "thermometer", user, day, hour, np.round(np.clip(celsius, 35, 41), 1)
    )


def _glucose(rng: np.random.Generator, people: Population, shape: tuple[int, int]) -> pd.DataFrame:
    """Glucose meter readings: most days for diabetic users, now and then for others."""
    daily_chance = np.where(people.diabetic, 0.8, 0.02)
    user, day = np.nonzero(rng.random(shape) < daily_chance[:, None])
    n = len(user)
    after_meal = rng.random(n) < 0.3
    value = people.fasting_glucose_mg_dl[user] + rng.normal(0, 7, n)
    rise = 30 + 50 * people.diabetic[user] + rng.normal(0, 12, n)
    value = value + after_meal * rise
    hypo = people.diabetic[user] & (rng.random(n) < 0.01)  # low readings happen on medication
    value = np.where(hypo, rng.uniform(45, 60, n), value)
    hour = np.where(
        after_meal,
        rng.choice([14.0, 20.5], n) + rng.uniform(-1, 1, n),
        rng.uniform(6.5, 8.5, n),
    )
    return _part("glucose", "glucometer", user, day, hour, np.clip(np.round(value), 40, 450))
