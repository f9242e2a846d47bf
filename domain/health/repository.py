"""The health score's queries: each user's inputs (`sql/inputs/`), the staging of a
population run, its distributions, and the `health_score` reports."""

import asyncio
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import numpy as np
from pydantic_core import from_json, to_json
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.health.models import HealthScoreDistribution, HealthScoreRun, Report
from domain.users.models import User

SQL_DIR = Path(__file__).resolve().parent / "sql"
REPORT_KIND = "health_score"
# Every input of the score, in the order they are packed in `health_score_inputs.inputs`.
INPUT_COLUMNS = (
    "activity_days",
    "daily_steps",
    "weekly_active_minutes",
    "sleep_nights",
    "sleep_hours",
    "sleep_onset_sd_minutes",
    "fasting_glucose_mg_dl",
    "hba1c_percent",
    "blood_pressure_readings",
    "systolic_mmhg",
    "diastolic_mmhg",
    "heart_rate_readings",
    "resting_heart_rate",
    "bmi",
)
_READ_STAGED_SQL = """
SELECT user_ids, sexes, age_bands, inputs FROM health_score_inputs
WHERE job_id = $1 AND first_user_id = $2
"""
# How staged numbers are packed (see migration 8): little-endian int64 ids, float64 inputs.
_IDS, _VALUES = np.dtype("<i8"), np.dtype("<f8")
_REPORT_COLUMNS = (
    "user_id",
    "kind",
    "period_start",
    "period_end",
    "content",
    "job_id",
    "created_at",
)


@dataclass(frozen=True)
class Window:
    """The data a score reads: `days` before `as_of` (not including it), and `lab_days` before
    it for lab results and weight, which are measured less often."""

    as_of: date
    days: int
    lab_days: int

    @property
    def first_day(self) -> date:
        return self.as_of - timedelta(days=self.days)

    @property
    def last_day(self) -> date:
        return self.as_of - timedelta(days=1)

    def bounds(self) -> dict[str, list[Any]]:
        """The $1 and $2 of each inputs query (see `INPUT_QUERIES`)."""

        def midnight(day: date) -> datetime:
            return datetime.combine(day, time(), tzinfo=UTC)

        lab_start = self.as_of - timedelta(days=self.lab_days)
        return {
            "days": [self.first_day, self.as_of],
            "times": [midnight(self.first_day), midnight(self.as_of)],
            "lab_times": [midnight(lab_start), midnight(self.as_of)],
        }

    def described(self) -> dict[str, Any]:
        return {
            "from": self.first_day.isoformat(),
            "to": self.last_day.isoformat(),
            "days": self.days,
            "lab_days": self.lab_days,
        }


# Each aggregate in `sql/inputs/`, the bounds it takes, and the columns it adds (`weight_kg`
# becomes `bmi` with the user's height).
INPUT_QUERIES = {
    "activity": ("days", ("activity_days", "daily_steps", "weekly_active_minutes")),
    "sleep": ("times", ("sleep_nights", "sleep_hours", "sleep_onset_sd_minutes")),
    "labs": ("lab_times", ("fasting_glucose_mg_dl", "hba1c_percent")),
    "blood_pressure": ("times", ("blood_pressure_readings", "systolic_mmhg", "diastolic_mmhg")),
    "heart_rate": ("times", ("heart_rate_readings", "resting_heart_rate")),
    "weight": ("lab_times", ("weight_kg",)),
}
_USER_COLUMNS = ("sex", "age_band", "height_cm")
_COLUMN_TYPES: dict[str, type] = {"user_id": int, "sex": object, "age_band": object}
COUNTS = ("activity_days", "sleep_nights", "blood_pressure_readings", "heart_rate_readings")


@dataclass(frozen=True)
class InputTable:
    """Users' inputs as columns: ids, sexes and age bands, and one float array per input."""

    user_ids: np.ndarray
    sexes: np.ndarray
    age_bands: np.ndarray
    inputs: dict[str, np.ndarray]

    def part(self, rows: slice) -> "InputTable":
        return InputTable(
            self.user_ids[rows],
            self.sexes[rows],
            self.age_bands[rows],
            {name: values[rows] for name, values in self.inputs.items()},
        )


@functools.cache
def _inputs_sql(name: str, *, some_users: bool) -> str:
    statement = (SQL_DIR / "inputs" / f"{name}.sql").read_text()
    if not some_users:
        return statement.replace("/*users*/", "")
    column, parameter = ("id", 2) if name == "users" else ("user_id", 3)
    return statement.replace("/*users*/", f"AND {column} = ANY(${parameter}::int[])")


def _db(connection: BaseDBAsyncClient | None = None) -> BaseDBAsyncClient:
    return connection or connections.get("default")


def _as_columns(statement: str, columns: Sequence[str]) -> str:
    """`statement`'s rows as one row of arrays, a column each: 100,000 rows cost asyncpg one
    array per column to decode instead of a Python object per value."""
    arrays = ", ".join(f"array_agg({column}) AS {column}" for column in columns)
    return f"SELECT {arrays} FROM ({statement}) AS aggregate"


async def _fetch_columns(
    name: str, bounds: list[Any], columns: Sequence[str]
) -> dict[str, np.ndarray]:
    statement = _as_columns(_inputs_sql(name, some_users=False), ("user_id", *columns))
    _, rows = await _db().execute_query(statement, bounds)
    return {column: _column(column, rows[0][column] or []) for column in ("user_id", *columns)}


async def _inputs(window: Window) -> InputTable:
    """Each aggregate queried on its own connection (so that they run on every core there is),
    then lined up by user id."""
    bounds = window.bounds()
    users, *aggregates = await asyncio.gather(
        _fetch_columns("users", [window.as_of], _USER_COLUMNS),
        *(
            _fetch_columns(name, bounds[bound], columns)
            for name, (bound, columns) in INPUT_QUERIES.items()
        ),
    )
    return _lined_up(users, aggregates)


def _rows_as_columns(rows: Sequence[Any], columns: Sequence[str]) -> dict[str, np.ndarray]:
    return {
        column: _column(column, [row[column] for row in rows]) for column in ("user_id", *columns)
    }


def _column(name: str, values: Sequence[Any]) -> np.ndarray:
    """Ids as integers, sex and age band as words, every other value a float (NULL: NaN)."""
    return np.array(values, dtype=_COLUMN_TYPES.get(name, float))


def _lined_up(
    users: Mapping[str, np.ndarray], aggregates: Sequence[Mapping[str, np.ndarray]]
) -> InputTable:
    """The users' profiles with each aggregate's columns, by user id (a user without data for an
    aggregate has NaN there, and a count of 0)."""
    order = np.argsort(users["user_id"], kind="stable")
    users = {column: values[order] for column, values in users.items()}
    ids = users["user_id"]
    inputs = {name: np.full(len(ids), np.nan) for name in (*INPUT_COLUMNS, "weight_kg")}
    for (_, columns), found in zip(INPUT_QUERIES.values(), aggregates, strict=True):
        where = np.searchsorted(ids, found["user_id"])
        for column in columns:
            inputs[column][where] = found[column]
    for column in COUNTS:
        inputs[column] = np.nan_to_num(inputs[column])
    inputs["bmi"] = inputs.pop("weight_kg") / (users["height_cm"] / 100) ** 2
    return InputTable(ids, users["sex"], users["age_band"], inputs)


async def everyones_inputs(window: Window) -> InputTable:
    """Every user's inputs, aggregated by PostgreSQL: a column per input reaches Python, not a
    row per user."""
    return await _inputs(window)


# Where each bound of `Window.bounds()` sits among the joined statement's parameters.
_JOINED_PARAMETERS = {"days": (1, 2), "times": (3, 4), "lab_times": (5, 6)}
_USERS_PARAMETER = 7


@functools.cache
def _joined_inputs_sql() -> str:
    """Every inputs query as a CTE of one statement, for a few users: one round trip (each
    aggregate uses its user_id index, so PostgreSQL plans them well together)."""

    def numbered(name: str, bound: str) -> str:
        first, second = _JOINED_PARAMETERS[bound]
        statement = _inputs_sql(name, some_users=True).replace("$3::int[]", "$7::int[]")
        statement = statement.replace("$2::int[]", "$7::int[]")
        return re.sub(
            r"\$([12])\b", lambda m: f"${first if m.group(1) == '1' else second}", statement
        )

    parts = [f"profile AS ({numbered('users', 'days').replace('$1::date', '$2::date')})"]
    parts += [f"{name} AS ({numbered(name, bound)})" for name, (bound, _) in INPUT_QUERIES.items()]
    columns = ", ".join(
        f"{name}.{column}" for name, (_, names) in INPUT_QUERIES.items() for column in names
    )
    joins = " ".join(f"LEFT JOIN {name} USING (user_id)" for name in INPUT_QUERIES)
    return (
        f"WITH {', '.join(parts)} SELECT profile.*, {columns} FROM profile {joins} ORDER BY user_id"
    )


async def users_inputs(window: Window, user_ids: Sequence[int]) -> InputTable:
    """The inputs of these users, straight from their data, in one statement."""
    bounds = window.bounds()
    params = [*bounds["days"], *bounds["times"], *bounds["lab_times"], list(user_ids)]
    _, rows = await _db().execute_query(_joined_inputs_sql(), params)
    return _lined_up(
        _rows_as_columns(rows, _USER_COLUMNS),
        [_rows_as_columns(rows, columns) for _, columns in INPUT_QUERIES.values()],
    )


_STAGE_SQL = """
INSERT INTO health_score_inputs (job_id, first_user_id, user_ids, sexes, age_bands, inputs)
VALUES ($1, $2, $3, $4, $5, $6)
"""
# Rows a failed or abandoned run left behind (its finishing step empties a run's own).
_CLEAR_ABANDONED_SQL = """
DELETE FROM health_score_inputs staged USING jobs
WHERE jobs.id = staged.job_id AND jobs.status <> 'running'
"""


async def stage_inputs(
    connection: BaseDBAsyncClient, job_id: UUID, parts: Sequence[InputTable]
) -> None:
    """Hand each part its users' inputs, a row per part (packed: converting 1.4 million values
    one by one to PostgreSQL arrays took a second)."""
    await connection.execute_many(
        _STAGE_SQL,
        [
            [
                job_id,
                int(part.user_ids[0]),
                part.user_ids.astype(_IDS).tobytes(),
                to_json(part.sexes.tolist()).decode(),
                to_json(part.age_bands.tolist()).decode(),
                np.stack([part.inputs[name] for name in INPUT_COLUMNS]).astype(_VALUES).tobytes(),
            ]
            for part in parts
        ],
    )


async def clear_abandoned_staging() -> None:
    await _db().execute_query(_CLEAR_ABANDONED_SQL, [])


async def staged_inputs(job_id: UUID, *, first_user_id: int) -> InputTable | None:
    """The inputs the planning step staged for the part starting at `first_user_id`."""
    _, rows = await _db().execute_query(_READ_STAGED_SQL, [job_id, first_user_id])
    if not rows:
        return None
    row = rows[0]
    user_ids = np.frombuffer(row["user_ids"], dtype=_IDS).astype(int)
    inputs = np.frombuffer(row["inputs"], dtype=_VALUES).reshape(len(INPUT_COLUMNS), -1)
    return InputTable(
        user_ids,
        np.array(from_json(row["sexes"]), dtype=object),
        np.array(from_json(row["age_bands"]), dtype=object),
        {name: values.copy() for name, values in zip(INPUT_COLUMNS, inputs, strict=True)},
    )


async def clear_staged(connection: BaseDBAsyncClient, job_id: UUID) -> None:
    await connection.execute_query("DELETE FROM health_score_inputs WHERE job_id = $1", [job_id])


async def insert_reports(
    connection: BaseDBAsyncClient,
    job_id: UUID,
    window: Window,
    contents: Mapping[int, str],
) -> None:
    """One `health_score` report per user (`contents`: each user's as JSON text), with COPY:
    thousands of rows in one round trip, without a statement to plan or arrays to unpack."""
    common = (REPORT_KIND, window.first_day, window.last_day)
    stored_at = datetime.now(UTC)
    records = [
        (user_id, *common, content, job_id, stored_at) for user_id, content in contents.items()
    ]
    async with connection.acquire_connection() as driver:
        await driver.copy_records_to_table("reports", records=records, columns=_REPORT_COLUMNS)


async def create_run(connection: BaseDBAsyncClient, **fields: Any) -> HealthScoreRun:
    return await HealthScoreRun.create(using_db=connection, **fields)


# The scores go as an array literal, '{57.68, 60.1, ...}': PostgreSQL reads the text of 1.2
# million floats far faster than asyncpg converts them one by one into binary arrays.
_STORE_DISTRIBUTION_SQL = """
INSERT INTO health_score_distributions (run_id, cohort, component, scores)
VALUES ($1, $2, $3, $4::text::real[])
"""


async def store_distributions(
    connection: BaseDBAsyncClient, run: HealthScoreRun, found: Mapping[tuple[str, str], np.ndarray]
) -> None:
    """Every cohort's sorted scores of every component, in one pipelined statement."""
    await connection.execute_many(
        _STORE_DISTRIBUTION_SQL,
        [
            [run.id, cohort, component, _real_array(scores)]
            for (cohort, component), scores in found.items()
        ],
    )


def _real_array(scores: np.ndarray) -> str:
    """`scores` as a PostgreSQL real[] literal. Rounded to float32 first, as a binary real[]
    would be, so that the text names exactly the float32 stored."""
    return "{" + to_json(scores.astype(np.float32).tolist()).decode()[1:-1] + "}"


async def complete_run(connection: BaseDBAsyncClient, job_id: UUID) -> None:
    await (
        HealthScoreRun.filter(job_id=job_id)
        .using_db(connection)
        .update(completed_at=datetime.now(UTC))
    )


async def run_of(job_id: UUID) -> HealthScoreRun | None:
    return await HealthScoreRun.get_or_none(job_id=job_id)


async def latest_run(*, completed: bool) -> HealthScoreRun | None:
    """The newest run whose distributions are stored (and, if `completed`, whose reports are)."""
    runs = HealthScoreRun.all()
    if completed:
        runs = runs.filter(completed_at__isnull=False)
    return await runs.order_by("-created_at", "-id").first()


async def run_distributions(run_id: int) -> dict[tuple[str, str], np.ndarray]:
    rows = await HealthScoreDistribution.filter(run_id=run_id).values_list(
        "cohort", "component", "scores"
    )
    return {
        (cohort, component): np.array(scores, dtype=float) for cohort, component, scores in rows
    }


async def latest_report(user_id: int, *, computed_before: datetime | None) -> Report | None:
    reports = Report.filter(user_id=user_id, kind=REPORT_KIND)
    if computed_before is not None:
        reports = reports.filter(created_at__lt=computed_before)
    return await reports.order_by("-created_at", "-id").first()


async def user_exists(user_id: int) -> bool:
    return await User.exists(id=user_id)
