"""Storing a valid extraction as PulseTrack data for a user: a `meal_log` as a meal, a
`clinical_note`'s vitals as health metrics. Each row goes through the API's own write schema
(ranges, units, conversions), so an extraction can store nothing the API would refuse."""

from datetime import UTC, date, datetime, time
from typing import Any

from pydantic import ValidationError
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.errors import field_errors
from domain.health.models import HealthMetric, Meal
from domain.health.schemas import HealthMetricWrite, MealWrite
from domain.jobs.kinds import JobFailed

Json = dict[str, Any]
SAVABLE = ("meal_log", "clinical_note")
# When a meal log names no time: a usual time for its meal type.
USUAL_MEAL_TIMES = {"breakfast": "08:00", "lunch": "12:30", "dinner": "19:00", "snack": "15:30"}
SOURCE = "llm_extraction"


def _time_on(day: date, hh_mm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hh_mm), tzinfo=UTC)


def meal_row(result: Json, *, user_id: int, on: date, at: datetime | None) -> MealWrite:
    items = result["items"]
    known = [item["calories"] for item in items if item["calories"] is not None]
    calories = result["total_calories"] if result["total_calories"] is not None else sum(known)
    if result["total_calories"] is None and not known:
        raise JobFailed("cannot_save", "the meal log gives no calories, and a meal needs them")
    clock = result["meal_time"] or USUAL_MEAL_TIMES.get(result["meal_type"] or "", "12:00")
    described = ", ".join(_describe(item) for item in items)
    fields = {
        "user_id": user_id,
        "eaten_at": at or _time_on(on, clock),
        "description": (f"{result['meal_type']}: " if result["meal_type"] else "") + described,
        "calories": calories,
    }
    fields["description"] = str(fields["description"])[:500]
    return _checked(MealWrite, fields, "meal")


def _describe(item: Json) -> str:
    quantity = f"{item['quantity']:g}" if item["quantity"] is not None else None
    amount = " ".join(part for part in (quantity, item["unit"]) if part is not None)
    return f"{amount} {item['food']}".strip()


def metric_rows(
    result: Json, *, user_id: int, on: date, at: datetime | None
) -> list[HealthMetricWrite]:
    measured_at = at or _time_on(on, "12:00")
    return [
        _checked(
            HealthMetricWrite,
            {"user_id": user_id, "measured_at": measured_at, "source": SOURCE, **vital},
            f"vitals.{index}",
        )
        for index, vital in enumerate(result["vitals"])
    ]


def _checked(schema: Any, fields: Json, where: str) -> Any:
    try:
        return schema.model_validate(fields)
    except ValidationError as invalid:
        errors = "; ".join(
            f"{e.field}: {e.message}" for e in field_errors(invalid.errors(), prefix=where)
        )
        raise JobFailed("cannot_save", f"the result cannot be stored: {errors}") from None


# (table, model, fields) for each row.
Rows = list[tuple[str, type[Meal] | type[HealthMetric], Json]]


def rows_for(target: str, result: Json, *, user_id: int, on: date, at: datetime | None) -> Rows:
    """The rows a result becomes, checked now; `JobFailed` (code `cannot_save`) if any fails."""
    if target == "meal_log":
        return [("meals", Meal, meal_row(result, user_id=user_id, on=on, at=at).model_dump())]
    metrics = metric_rows(result, user_id=user_id, on=on, at=at)
    return [("health_metrics", HealthMetric, metric.model_dump()) for metric in metrics]


async def insert(connection: BaseDBAsyncClient, rows: Rows) -> dict[str, list[int]]:
    """Insert checked rows in the caller's transaction; their ids by table."""
    saved: dict[str, list[int]] = {}
    for table, model, fields in rows:
        row = await model.create(using_db=connection, **fields)
        saved.setdefault(table, []).append(row.id)
    return saved
