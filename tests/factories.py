"""Keyword-only factories for the stored entities, made through the API as a client makes them.

`<entity>_fields(...)` builds a valid request body (tests override a field to make it invalid);
`create_<entity>(client, auth, ...)` posts it and returns the created record. The client may be
the in-process one or an `httpx.AsyncClient` on a live server.
"""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

Body = dict[str, Any]


def hours_ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).isoformat()


def days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def unique_email() -> str:
    return f"user-{uuid.uuid4().hex[:12]}@example.com"


async def create(client: httpx.AsyncClient, auth: dict[str, str], path: str, body: Body) -> Body:
    """POST `body` to `path`; the record it created."""
    response = await client.post(path, json=body, headers=auth)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def user_fields(*, name: str = "Ada Lovelace", email: str | None = None, **fields: Any) -> Body:
    return {"name": name, "email": email or unique_email(), **fields}


def health_metric_fields(
    *, kind: str = "heart_rate", value: float = 72, measured_at: str | None = None, **fields: Any
) -> Body:
    return {"kind": kind, "value": value, "measured_at": measured_at or hours_ago(1), **fields}


def physical_activity_fields(*, date: str | None = None, steps: int = 8400, **fields: Any) -> Body:
    defaults = {"active_minutes": 45, "distance_km": 6.1, "calories": 2300}
    return {"date": date or days_ago(1), "steps": steps, **defaults, **fields}


def sleep_session_fields(
    *, start: str | None = None, end: str | None = None, quality: int | None = 4, **fields: Any
) -> Body:
    return {
        "start": start or hours_ago(9),
        "end": end or hours_ago(1),
        "quality": quality,
        **fields,
    }


def blood_test_fields(
    *, taken_at: str | None = None, fasting_glucose_mg_dl: float | None = 92, **fields: Any
) -> Body:
    return {
        "taken_at": taken_at or hours_ago(2),
        "fasting_glucose_mg_dl": fasting_glucose_mg_dl,
        **fields,
    }


def meal_fields(
    *,
    eaten_at: str | None = None,
    description: str = "Oatmeal with berries",
    calories: float = 350,
    **fields: Any,
) -> Body:
    return {
        "eaten_at": eaten_at or hours_ago(3),
        "description": description,
        "calories": calories,
        **fields,
    }


def appointment_fields(
    *,
    scheduled_at: str | None = None,
    clinician: str = "Dr. Grace Hopper",
    reason: str = "Annual check-up",
    **fields: Any,
) -> Body:
    scheduled_at = scheduled_at or (datetime.now(UTC) + timedelta(days=7)).isoformat()
    return {"scheduled_at": scheduled_at, "clinician": clinician, "reason": reason, **fields}


def report_fields(
    *,
    kind: str = "weekly_summary",
    period_start: str | None = None,
    period_end: str | None = None,
    content: dict[str, Any] | None = None,
    **fields: Any,
) -> Body:
    return {
        "kind": kind,
        "period_start": period_start or days_ago(7),
        "period_end": period_end or days_ago(1),
        "content": content if content is not None else {"average_steps": 8120},
        **fields,
    }


def order_fields(
    *, product_name: str = "Blood pressure cuff", quantity: int = 1, **fields: Any
) -> Body:
    return {"product_name": product_name, "quantity": quantity, **fields}


async def create_user(
    client: httpx.AsyncClient, auth: dict[str, str], *, email: str | None = None, **fields: Any
) -> Body:
    return await create(client, auth, "/users", user_fields(email=email, **fields))


async def create_health_metric(
    client: httpx.AsyncClient, auth: dict[str, str], *, user_id: int, **fields: Any
) -> Body:
    body = health_metric_fields(**fields) | {"user_id": user_id}
    return await create(client, auth, "/health-metrics", body)


async def create_physical_activity(
    client: httpx.AsyncClient, auth: dict[str, str], *, user_id: int, **fields: Any
) -> Body:
    body = physical_activity_fields(**fields) | {"user_id": user_id}
    return await create(client, auth, "/physical-activities", body)


async def create_sleep_session(
    client: httpx.AsyncClient, auth: dict[str, str], *, user_id: int, **fields: Any
) -> Body:
    body = sleep_session_fields(**fields) | {"user_id": user_id}
    return await create(client, auth, "/sleep-sessions", body)


async def create_blood_test(
    client: httpx.AsyncClient, auth: dict[str, str], *, user_id: int, **fields: Any
) -> Body:
    return await create(
        client, auth, "/blood-tests", blood_test_fields(**fields) | {"user_id": user_id}
    )


async def create_meal(
    client: httpx.AsyncClient, auth: dict[str, str], *, user_id: int, **fields: Any
) -> Body:
    return await create(client, auth, "/meals", meal_fields(**fields) | {"user_id": user_id})


async def create_appointment(
    client: httpx.AsyncClient, auth: dict[str, str], *, user_id: int, **fields: Any
) -> Body:
    body = appointment_fields(**fields) | {"user_id": user_id}
    return await create(client, auth, "/appointments", body)


async def create_report(
    client: httpx.AsyncClient, auth: dict[str, str], *, user_id: int, **fields: Any
) -> Body:
    return await create(client, auth, "/reports", report_fields(**fields) | {"user_id": user_id})


async def create_order(
    client: httpx.AsyncClient, auth: dict[str, str], *, user_id: int, **fields: Any
) -> Body:
    return await create(client, auth, "/orders", order_fields(**fields) | {"user_id": user_id})
