"""The database itself refuses entity rows the schemas would never let through: raw SQL, past the
ORM and the API, meets the hand-written CHECK constraints, the unique index on lower(email), the
foreign keys and their delete rules."""

import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
Row = dict[str, Any]


async def insert(table: str, row: Row) -> int:
    """Write one row with raw SQL, so only the database can object; its id."""
    names = ", ".join(f'"{name}"' for name in row)
    # JSONB columns are sent as JSON text and cast by the database, like any other client would.
    values = [
        json.dumps(value) if isinstance(value, list | dict) else value for value in row.values()
    ]
    placeholders = ", ".join(
        f"${i}::jsonb" if isinstance(value, list | dict) else f"${i}"
        for i, value in enumerate(row.values(), start=1)
    )
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({placeholders}) RETURNING id'
    rows = await connections.get("default").execute_query_dict(sql, values)
    return int(rows[0]["id"])


async def count(table: str, **where: Any) -> int:
    conditions = " AND ".join(f'"{name}" = ${i}' for i, name in enumerate(where, start=1))
    sql = f'SELECT count(*) AS n FROM "{table}"' + (f" WHERE {conditions}" if where else "")
    rows = await connections.get("default").execute_query_dict(sql, list(where.values()))
    return int(rows[0]["n"])


def user_row(**changes: Any) -> Row:
    email = f"row-{uuid.uuid4().hex[:12]}@example.com"
    row = {
        "name": "Ada",
        "email": email,
        "sex": "female",
        "height_cm": 168.0,
        "medical_conditions": ["asthma"],
        "created_at": NOW,
        "updated_at": NOW,
    }
    return row | changes


# Table -> a valid row for the user with this id.
VALID_ROWS: dict[str, Callable[[int], Row]] = {
    "health_metrics": lambda user_id: {
        "user_id": user_id,
        "kind": "temperature",
        "value": 36.8,
        "unit": "celsius",
        "measured_at": NOW,
        "source": "manual",
        "created_at": NOW,
    },
    "physical_activities": lambda user_id: {
        "user_id": user_id,
        "date": date(2026, 2, 28),
        "steps": 8400,
        "active_minutes": 45,
        "distance_km": 6.1,
        "calories": 2300.0,
        "created_at": NOW,
    },
    "sleep_sessions": lambda user_id: {
        "user_id": user_id,
        "start": NOW - timedelta(hours=8),
        "end": NOW,
        "duration_minutes": 480.0,
        "quality": 4,
        "created_at": NOW,
    },
    "blood_tests": lambda user_id: {
        "user_id": user_id,
        "taken_at": NOW,
        "hba1c_percent": 5.4,
        "created_at": NOW,
    },
    "meals": lambda user_id: {
        "user_id": user_id,
        "eaten_at": NOW,
        "description": "Oatmeal",
        "calories": 350.0,
        "protein_g": 12.0,
        "created_at": NOW,
    },
    "appointments": lambda user_id: {
        "user_id": user_id,
        "scheduled_at": NOW,
        "clinician": "Dr. Hopper",
        "reason": "Check-up",
        "status": "scheduled",
        "created_at": NOW,
    },
    "reports": lambda user_id: {
        "user_id": user_id,
        "kind": "weekly_summary",
        "period_start": date(2026, 2, 21),
        "period_end": date(2026, 2, 28),
        "content": {"average_steps": 8120},
        "created_at": NOW,
    },
    "orders": lambda user_id: {
        "user_id": user_id,
        "product_name": "Blood pressure cuff",
        "quantity": 1,
        "order_date": NOW,
    },
}


@pytest.fixture
async def user_id(orm: None) -> int:
    return await insert("users", user_row())


@pytest.mark.parametrize("table", VALID_ROWS)
async def test_a_well_formed_row_is_accepted(user_id: int, table: str) -> None:
    await insert(table, VALID_ROWS[table](user_id))

    assert await count(table, user_id=user_id) == 1


@pytest.mark.parametrize(
    ("table", "changes", "constraint"),
    [
        pytest.param("orders", {"quantity": 0}, "ck_orders_quantity", id="order-quantity-zero"),
        pytest.param(
            "orders", {"quantity": -2}, "ck_orders_quantity", id="order-quantity-negative"
        ),
        pytest.param(
            "sleep_sessions",
            {"start": NOW, "end": NOW - timedelta(hours=1)},
            "ck_sleep_sessions_end_after_start",
            id="sleep-ends-before-it-starts",
        ),
        pytest.param(
            "sleep_sessions",
            {"duration_minutes": 0},
            "ck_sleep_sessions_duration",
            id="sleep-no-time",
        ),
        pytest.param("sleep_sessions", {"quality": 6}, "ck_sleep_sessions_quality", id="quality-6"),
        pytest.param(
            "health_metrics", {"value": 400}, "ck_health_metrics_plausible", id="temperature-400"
        ),
        pytest.param(
            "health_metrics",
            {"kind": "heart_rate", "value": 5},
            "ck_health_metrics_plausible",
            id="heart-rate-5",
        ),
        pytest.param(
            "health_metrics", {"kind": "mood"}, "ck_health_metrics_plausible", id="unknown-kind"
        ),
        pytest.param(
            "blood_tests", {"hba1c_percent": None}, "ck_blood_tests_has_result", id="no-result"
        ),
        pytest.param(
            "appointments", {"status": "bogus"}, "ck_appointments_status", id="appointment-bogus"
        ),
        pytest.param(
            "physical_activities",
            {"steps": -1},
            "ck_physical_activities_ranges",
            id="negative-steps",
        ),
        pytest.param(
            "physical_activities",
            {"active_minutes": 1441},
            "ck_physical_activities_ranges",
            id="more-minutes-than-a-day",
        ),
        pytest.param("meals", {"calories": -1}, "ck_meals_non_negative", id="negative-calories"),
        pytest.param("meals", {"fat_g": -0.5}, "ck_meals_non_negative", id="negative-fat"),
        pytest.param(
            "reports",
            {"period_start": date(2026, 3, 1), "period_end": date(2026, 2, 1)},
            "ck_reports_period",
            id="report-period-reversed",
        ),
    ],
)
async def test_the_database_refuses_an_impossible_row(
    user_id: int, table: str, changes: Row, constraint: str
) -> None:
    with pytest.raises(IntegrityError, match=constraint):
        await insert(table, VALID_ROWS[table](user_id) | changes)

    assert await count(table, user_id=user_id) == 0


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        pytest.param({"sex": "robot"}, "ck_users_sex", id="unknown-sex"),
        pytest.param({"height_cm": 12}, "ck_users_height", id="height-12-cm"),
        pytest.param(
            {"medical_conditions": {"asthma": True}}, "ck_users_conditions_list", id="not-a-list"
        ),
    ],
)
async def test_the_database_refuses_an_impossible_user(
    orm: None, changes: Row, constraint: str
) -> None:
    row = user_row(**changes)

    with pytest.raises(IntegrityError, match=constraint):
        await insert("users", row)

    assert await count("users", email=row["email"]) == 0


async def test_two_emails_differing_only_in_case_cannot_both_be_stored(user_id: int) -> None:
    [stored] = await connections.get("default").execute_query_dict(
        "SELECT email FROM users WHERE id = $1", [user_id]
    )

    with pytest.raises(IntegrityError, match="uq_users_email_lower"):
        await insert("users", user_row(email=stored["email"].upper()))


async def test_one_activity_row_per_user_and_day(user_id: int) -> None:
    await insert("physical_activities", VALID_ROWS["physical_activities"](user_id))

    with pytest.raises(IntegrityError, match="uid_physical_ac_user_id_dcec46"):
        await insert("physical_activities", VALID_ROWS["physical_activities"](user_id))


@pytest.mark.parametrize("table", VALID_ROWS)
async def test_a_row_for_a_missing_user_is_refused(orm: None, table: str) -> None:
    with pytest.raises(IntegrityError, match=f"{table}_user_id_fkey"):
        await insert(table, VALID_ROWS[table](2**31 - 1))


async def test_an_order_without_a_date_is_dated_now_by_the_database(user_id: int) -> None:
    row = VALID_ROWS["orders"](user_id)
    del row["order_date"]

    order_id = await insert("orders", row)

    [stored] = await connections.get("default").execute_query_dict(
        "SELECT now() - order_date AS age FROM orders WHERE id = $1", [order_id]
    )
    assert timedelta(0) <= stored["age"] < timedelta(minutes=1)


async def test_deleting_a_user_deletes_their_health_data_in_the_database(user_id: int) -> None:
    health_tables = [table for table in VALID_ROWS if table != "orders"]
    for table in health_tables:
        await insert(table, VALID_ROWS[table](user_id))

    await connections.get("default").execute_query("DELETE FROM users WHERE id = $1", [user_id])

    for table in health_tables:
        assert await count(table, user_id=user_id) == 0, table


async def test_a_user_with_orders_cannot_be_deleted_in_the_database(user_id: int) -> None:
    await insert("orders", VALID_ROWS["orders"](user_id))

    with pytest.raises(IntegrityError, match="orders_user_id_fkey"):
        await connections.get("default").execute_query("DELETE FROM users WHERE id = $1", [user_id])

    assert await count("users", id=user_id) == 1
