"""The health score's queries: each user's inputs (`sql/user_inputs.sql`), the staging of a
population run, its distributions, and the `health_score` reports."""

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import numpy as np
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.health.models import HealthScoreDistribution, HealthScoreRun, Report
from domain.users.models import User

SQL_DIR = Path(__file__).resolve().parent / "sql"
REPORT_KIND = "health_score"
# The columns `user_inputs.sql` returns after user_id, sex and age_band, in order; the staging
# table `health_score_inputs` has the same ones.
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
_STAGED_COLUMNS = ", ".join(("user_id", "sex", "age_band", *INPUT_COLUMNS))
_READ_STAGED_SQL = f"""
SELECT {_STAGED_COLUMNS} FROM health_score_inputs
WHERE job_id = $1 AND user_id BETWEEN $2 AND $3 ORDER BY user_id
"""
_INSERT_REPORTS_SQL = f"""
INSERT INTO reports (user_id, kind, period_start, period_end, content, job_id, created_at)
SELECT user_id, '{REPORT_KIND}', $2, $3, content::jsonb, $1, now()
FROM unnest($4::int[], $5::text[]) AS report(user_id, content)
"""


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

    def params(self) -> list[Any]:
        """$1..$5 of `user_inputs.sql`."""

        def midnight(day: date) -> datetime:
            return datetime.combine(day, time(), tzinfo=UTC)

        lab_start = self.as_of - timedelta(days=self.lab_days)
        return [
            midnight(self.first_day),
            midnight(self.as_of),
            self.first_day,
            self.as_of,
            midnight(lab_start),
        ]

    def described(self) -> dict[str, Any]:
        return {
            "from": self.first_day.isoformat(),
            "to": self.last_day.isoformat(),
            "days": self.days,
            "lab_days": self.lab_days,
        }


@dataclass(frozen=True)
class InputTable:
    """Users' inputs as columns: ids, sexes and age bands, and one float array per input."""

    user_ids: np.ndarray
    sexes: np.ndarray
    age_bands: np.ndarray
    inputs: dict[str, np.ndarray]

    @classmethod
    def of(cls, rows: Sequence[Any]) -> "InputTable":
        columns = list(zip(*rows, strict=True)) if rows else [()] * (3 + len(INPUT_COLUMNS))
        return cls(
            np.array(columns[0], dtype=int),
            np.array(columns[1], dtype=object),
            np.array(columns[2], dtype=object),
            {
                name: np.array(values, dtype=float)
                for name, values in zip(INPUT_COLUMNS, columns[3:], strict=True)
            },
        )


@functools.cache
def _user_inputs_sql(*, some_users: bool) -> str:
    statement = (SQL_DIR / "user_inputs.sql").read_text().rstrip().removesuffix(";")
    if some_users:
        statement = statement.replace("/*users*/", "AND user_id = ANY($6::int[])")
        return statement.replace("/*u.users*/", "AND u.id = ANY($6::int[])")
    return statement


def _db(connection: BaseDBAsyncClient | None = None) -> BaseDBAsyncClient:
    return connection or connections.get("default")


async def users_inputs(window: Window, user_ids: Sequence[int]) -> InputTable:
    """The inputs of these users, straight from their data."""
    sql = _user_inputs_sql(some_users=True)
    _, rows = await _db().execute_query(sql, [*window.params(), list(user_ids)])
    return InputTable.of(rows)


async def everyones_inputs(window: Window) -> InputTable:
    """Every user's inputs, aggregated by PostgreSQL: one row per user reaches Python."""
    _, rows = await _db().execute_query(_user_inputs_sql(some_users=False), window.params())
    return InputTable.of(rows)


_STAGE_SQL = f"""
INSERT INTO health_score_inputs (job_id, {_STAGED_COLUMNS})
SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], {
    ", ".join(f"${n}::float8[]" for n in range(5, 5 + len(INPUT_COLUMNS)))
})
"""
# Rows a failed or abandoned run left behind (its finishing step empties a run's own).
_CLEAR_ABANDONED_SQL = """
DELETE FROM health_score_inputs staged USING jobs
WHERE jobs.id = staged.job_id AND jobs.status <> 'running'
"""


async def stage_inputs(connection: BaseDBAsyncClient, job_id: UUID, table: InputTable) -> None:
    """Hand every user's inputs to the run's parts, in one statement."""
    columns = [table.inputs[name].tolist() for name in INPUT_COLUMNS]
    await connection.execute_query(
        _STAGE_SQL,
        [job_id, table.user_ids.tolist(), table.sexes.tolist(), table.age_bands.tolist(), *columns],
    )


async def clear_abandoned_staging() -> None:
    await _db().execute_query(_CLEAR_ABANDONED_SQL, [])


async def staged_inputs(job_id: UUID, *, first_user_id: int, last_user_id: int) -> InputTable:
    _, rows = await _db().execute_query(_READ_STAGED_SQL, [job_id, first_user_id, last_user_id])
    return InputTable.of(rows)


async def clear_staged(connection: BaseDBAsyncClient, job_id: UUID) -> None:
    await connection.execute_query("DELETE FROM health_score_inputs WHERE job_id = $1", [job_id])


async def insert_reports(
    connection: BaseDBAsyncClient,
    job_id: UUID,
    window: Window,
    contents: Mapping[int, dict[str, Any]],
) -> None:
    """One `health_score` report per user, in one statement."""
    user_ids = list(contents)
    texts = [json.dumps(contents[user_id], separators=(",", ":")) for user_id in user_ids]
    params = [job_id, window.first_day, window.last_day, user_ids, texts]
    await connection.execute_query(_INSERT_REPORTS_SQL, params)


async def create_run(connection: BaseDBAsyncClient, **fields: Any) -> HealthScoreRun:
    return await HealthScoreRun.create(using_db=connection, **fields)


async def store_distributions(
    connection: BaseDBAsyncClient, run: HealthScoreRun, found: Mapping[tuple[str, str], np.ndarray]
) -> None:
    await HealthScoreDistribution.bulk_create(
        [
            HealthScoreDistribution(
                run_id=run.id, cohort=cohort, component=component, scores=scores.tolist()
            )
            for (cohort, component), scores in found.items()
        ],
        using_db=connection,
    )


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
