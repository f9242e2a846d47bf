"""Turning a valid result into rows: through the API's write schemas, or not at all."""

from datetime import UTC, date, datetime

import pytest

from domain.jobs.kinds import JobFailed
from domain.llm.saving import meal_row, metric_rows

DAY = date(2026, 11, 30)


def meal(**fields: object) -> dict:
    items = [
        {"food": "egg", "quantity": 2, "unit": None, "calories": 150},
        {"food": "toast", "quantity": 1, "unit": "slice", "calories": None},
    ]
    return {
        "meal_type": "breakfast",
        "meal_time": None,
        "items": items,
        "total_calories": None,
    } | fields


def test_a_meal_without_a_time_gets_its_types_usual_time_and_the_known_calories() -> None:
    row = meal_row(meal(), user_id=1, on=DAY, at=None)

    assert row.eaten_at == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert row.calories == 150
    assert row.description == "breakfast: 2 egg, 1 slice toast"


def test_the_stated_total_and_time_win() -> None:
    row = meal_row(meal(total_calories=400, meal_time="09:10"), user_id=1, on=DAY, at=None)

    assert (row.calories, row.eaten_at.hour, row.eaten_at.minute) == (400, 9, 10)


def test_a_meal_with_no_calories_at_all_cannot_be_saved() -> None:
    items = [{"food": "tea", "quantity": None, "unit": None, "calories": None}]

    with pytest.raises(JobFailed) as failed:
        meal_row(meal(items=items), user_id=1, on=DAY, at=None)

    assert failed.value.code == "cannot_save"


def test_vitals_become_metrics_in_canonical_units() -> None:
    vitals = [
        {"kind": "weight", "value": 176, "unit": "lb"},
        {"kind": "glucose", "value": 5.5, "unit": "mmol/L"},
    ]

    rows = metric_rows({"vitals": vitals}, user_id=7, on=DAY, at=None)

    assert [(r.kind, round(r.value, 1), r.unit) for r in rows] == [
        ("weight", 79.8, "kg"),
        ("glucose", 99.1, "mg/dL"),
    ]
    assert {r.source for r in rows} == {"llm_extraction"}
