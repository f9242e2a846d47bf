"""A whole synthetic dataset: users and everything recorded about them over a period.

Correlations built in (and checked by the tests): steps follow a weekly rhythm and fall with age and
BMI; nights after active days are longer and better, and weekend nights start later and last
longer; blood pressure and glucose rise with age and BMI; resting heart rate falls with fitness.
Some users skip days, some fields are missing, and a few values are extreme but plausible.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ml.synthetic.calendar import DEFAULT_START, Period
from ml.synthetic.daily import activities_table, simulate_days, sleep_table
from ml.synthetic.population import generate_population
from ml.synthetic.readings import readings_table
from ml.synthetic.records import (
    appointments_table,
    blood_tests_table,
    meals_table,
    orders_table,
)

# In an order that respects foreign keys: users first.
TABLES = (
    "users",
    "physical_activities",
    "sleep_sessions",
    "health_metrics",
    "blood_tests",
    "meals",
    "appointments",
    "orders",
)
# One independent random stream per part, so changing one part leaves the others as they were.
STREAMS = (
    "population",
    "days",
    "activities",
    "sleep",
    "readings",
    "labs",
    "meals",
    "visits",
    "shop",
)


@dataclass(frozen=True)
class HealthDataset:
    """One DataFrame per table; `id` and `user_id` number rows from 1 within the dataset."""

    tables: dict[str, pd.DataFrame]

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    @property
    def row_counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.tables.items()}

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


def generate_health_data(
    *, users: int, days: int, seed: int, start: date | None = None
) -> HealthDataset:
    """`users` people tracked for `days` days from `start`; the same arguments, the same data."""
    streams = np.random.SeedSequence(seed).spawn(len(STREAMS))
    rng = {
        name: np.random.default_rng(stream) for name, stream in zip(STREAMS, streams, strict=True)
    }
    period = Period(start=start or DEFAULT_START, days=days)
    people = generate_population(rng["population"], users, period, seed)
    grid = simulate_days(rng["days"], people, period)
    tables = {
        "users": people.users,
        "physical_activities": activities_table(rng["activities"], people, period, grid),
        "sleep_sessions": sleep_table(rng["sleep"], period, grid),
        "health_metrics": readings_table(rng["readings"], people, period, grid),
        "blood_tests": blood_tests_table(rng["labs"], people, period),
        "meals": meals_table(rng["meals"], people, period, grid.tracked),
        "appointments": appointments_table(rng["visits"], people, period),
        "orders": orders_table(rng["shop"], people, period),
    }
    return HealthDataset(tables={name: tables[name] for name in TABLES})
