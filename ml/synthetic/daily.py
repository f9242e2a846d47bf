"""Day-by-day tracker data: activity, the night's sleep after it, and wearable readings.

Everything is drawn on a users x days grid, then the days a user's tracker missed are dropped.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ml.synthetic.calendar import Period
from ml.synthetic.population import Population

# Steps relative to a user's usual day, Monday to Sunday: busy weekdays, an active Saturday and a
# quiet Sunday.
WEEKDAY_STEPS = np.array([1.0, 1.04, 1.03, 1.02, 0.97, 1.1, 0.78])
FRIDAY, SATURDAY = 4, 5
MAX_STEPS = 60_000


@dataclass(frozen=True)
class Days:
    """The users x days grid that activity, sleep and readings share."""

    tracked: np.ndarray  # bool: the tracker recorded this day
    slept: np.ndarray  # bool: the tracker recorded the night after it
    steps: np.ndarray
    active_minutes: np.ndarray
    relative_activity: np.ndarray  # log steps against the user's own usual day
    sleep_start_h: np.ndarray  # hours after midnight of the day (24.5 is 00:30 the next day)
    sleep_hours: np.ndarray
    sleep_quality: np.ndarray


def simulate_days(rng: np.random.Generator, people: Population, period: Period) -> Days:
    """Steps, then the night after each day: longer and better after active days."""
    shape = (people.size, period.days)
    weekday = np.broadcast_to(period.weekdays, shape)
    tracked = rng.random(shape) < people.adherence[:, None]
    tracked &= ~_holidays_without_tracker(rng, shape)
    steps, relative = _steps(rng, people, weekday)
    active_minutes = np.round(steps / 10_000 * 38 * np.exp(rng.normal(0, 0.25, shape)))
    weekend_night = (weekday == FRIDAY) | (weekday == SATURDAY)
    age = people.age[:, None]
    usual_sleep = rng.normal(7.3, 0.45, people.size)[:, None] - 0.01 * (age - 45)
    hours = usual_sleep + 0.3 * relative + 0.6 * weekend_night + rng.normal(0, 0.5, shape)
    hours = _sleep_outliers(rng, hours)
    bedtime = rng.normal(23.1, 0.6, people.size)[:, None] - 0.02 * (age - 45)
    start = bedtime + 1.0 * weekend_night + rng.normal(0, 0.45, shape)
    quality = 3.1 + 0.55 * (hours - 7) + 0.4 * relative - 0.012 * (age - 45)
    quality = np.clip(np.round(quality + rng.normal(0, 0.6, shape)), 1, 5)
    return Days(
        tracked=tracked,
        slept=tracked & (rng.random(shape) > 0.03),
        steps=steps,
        active_minutes=np.clip(active_minutes, 0, 600),
        relative_activity=relative,
        sleep_start_h=start,
        sleep_hours=hours,
        sleep_quality=quality,
    )


def _holidays_without_tracker(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """One stretch of 3 to 10 days without the tracker for about one user in seven."""
    users, days = shape
    first = rng.integers(0, days, users)[:, None]
    length = np.where(rng.random(users) < 0.15, rng.integers(3, 11, users), 0)[:, None]
    day = np.arange(days)[None, :]
    return (day >= first) & (day < first + length)


def _steps(
    rng: np.random.Generator, people: Population, weekday: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    users, days = weekday.shape
    usual = 7200 * np.exp(
        0.35 * people.fitness - 0.008 * (people.age - 45) - 0.012 * (people.bmi - 26)
    )
    # Young people get the most out of Saturday; past 60 the week flattens out.
    weekend_boost = np.clip((60 - people.age) / 40, 0, 1)[:, None]
    factor = 1 + (WEEKDAY_STEPS[weekday] - 1) * (0.5 + 0.5 * weekend_boost)
    noise = np.empty((users, days))
    noise[:, 0] = rng.normal(0, 0.3, users)
    for day in range(1, days):  # today's activity leans on yesterday's
        noise[:, day] = 0.35 * noise[:, day - 1] + rng.normal(0, 0.28, users)
    # Rare sick days and rare long hikes or races: plausible, but far from the user's usual day.
    noise += np.where(rng.random((users, days)) < 0.015, np.log(0.15), 0.0)
    noise += np.where(rng.random((users, days)) < 0.003, np.log(3.5), 0.0)
    steps = np.minimum(np.round(usual[:, None] * factor * np.exp(noise)), MAX_STEPS)
    relative = np.log(np.maximum(steps, 1) / usual[:, None])
    return steps, relative


def _sleep_outliers(rng: np.random.Generator, hours: np.ndarray) -> np.ndarray:
    """A few sleepless nights and a few sick-day lie-ins, inside what a person can do."""
    sleepless = rng.random(hours.shape) < 0.008
    lie_in = rng.random(hours.shape) < 0.004
    hours = np.where(sleepless, rng.uniform(2.0, 4.0, hours.shape), hours)
    hours = np.where(lie_in, rng.uniform(10.5, 13.0, hours.shape), hours)
    return np.clip(hours, 1.5, 14)


def activities_table(
    rng: np.random.Generator, people: Population, period: Period, days: Days
) -> pd.DataFrame:
    """One row per user and tracked day."""
    user, day = np.nonzero(days.tracked)
    steps = days.steps[user, day]
    stride_m = people.height_cm[user] / 100 * np.where(people.male[user], 0.415, 0.413)
    distance = steps * stride_m / 1000 * np.exp(rng.normal(0, 0.03, len(user)))
    # Total energy: resting, everyday movement, and about 0.5 kcal per kg per 1,000 steps.
    calories = people.resting_energy_kcal[user] * 1.15 + 0.0005 * people.weight_kg[user] * steps
    return pd.DataFrame(
        {
            "id": np.arange(1, len(user) + 1),
            "user_id": user + 1,
            "date": pd.Series(period.dates[day]).dt.date,
            "steps": steps.astype("int64"),
            "active_minutes": days.active_minutes[user, day].astype("int64"),
            "distance_km": np.round(distance, 2),
            "calories": np.round(calories * np.exp(rng.normal(0, 0.04, len(user))), 0),
            "created_at": period.timestamps(day, rng.uniform(22.0, 30.0, len(user))),
        }
    )


def sleep_table(rng: np.random.Generator, period: Period, days: Days) -> pd.DataFrame:
    """One session per recorded night, starting on the evening of its day."""
    user, day = np.nonzero(days.slept)
    start_h = np.round(days.sleep_start_h[user, day] * 60) / 60
    hours = np.round(days.sleep_hours[user, day] * 60) / 60
    start = period.timestamps(day, start_h)
    end = period.timestamps(day, start_h + hours)
    quality = pd.array(days.sleep_quality[user, day].astype("int64"), dtype="Int64")
    quality[rng.random(len(user)) < 0.05] = pd.NA  # the user did not rate the night
    return pd.DataFrame(
        {
            "id": np.arange(1, len(user) + 1),
            "user_id": user + 1,
            "start": start,
            "end": end,
            "duration_minutes": (end - start).dt.total_seconds() / 60,
            "quality": quality,
            "created_at": end + pd.to_timedelta(rng.uniform(60, 3600, len(user)).round(), "s"),
        }
    )
