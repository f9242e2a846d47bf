"""What schemathesis found where the API and its document disagreed (issue 8, section 5): each
now answers as documented."""

import httpx
import pytest

from domain.schema_types import MAX_INT
from tests.api.support import assert_problem, error_fields
from tests.factories import create_meal, create_user


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("OPTIONS", "/meals", "GET, POST"),
        ("OPTIONS", "/meals/1", "DELETE, GET, PATCH, PUT"),
        ("PUT", "/search-clicks/bulk", "POST"),  # not the record route, with "bulk" as its id
    ],
)
async def test_a_method_the_path_lacks_is_a_405_allowing_every_method_it_has(
    client: httpx.AsyncClient, auth: dict[str, str], method: str, path: str, allowed: str
) -> None:
    response = await client.request(method, path, headers=auth)

    assert_problem(response, 405, "http_405")
    assert response.headers["allow"] == allowed


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"user_id": True}, "user_id"),  # not an integer, though Python counts it as 1
        ({"calories": "350"}, "calories"),  # a number as text
        ({"eaten_at": 1_700_000_000}, "eaten_at"),  # seconds, not an ISO 8601 date-time
        ({"description": 5}, "description"),
    ],
)
async def test_a_json_body_value_of_another_type_is_refused_not_converted(
    client: httpx.AsyncClient, auth: dict[str, str], body: dict, field: str
) -> None:
    user = await create_user(client, auth)
    meal = {"user_id": user["id"], "eaten_at": "2026-11-20T08:00:00Z", "description": "Oats"}

    response = await client.post("/meals", json=meal | {"calories": 350} | body, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == [field]


async def test_a_whole_float_is_an_integer_as_json_schema_says(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)

    response = await client.post(
        "/orders",
        json={"user_id": user["id"], "product_name": "Cuff", "quantity": 2.0},
        headers=auth,
    )

    assert response.status_code == 201, response.text
    assert response.json()["quantity"] == 2


async def test_without_a_key_a_bad_body_is_still_a_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/jobs", json={"kind": 5, "params": []})

    assert_problem(response, 401, "unauthorized")


async def test_a_time_in_a_query_is_iso_8601_not_seconds(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/jobs?created_before=0.5", headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["created_before"]


async def test_a_patch_refuses_null_for_a_required_field_and_keeps_each_bound(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)
    meal = await create_meal(client, auth, user_id=user["id"])

    nulled = await client.patch(f"/meals/{meal['id']}", json={"description": None}, headers=auth)
    negative = await client.patch(f"/meals/{meal['id']}", json={"calories": -1}, headers=auth)
    nullable = await client.patch(f"/meals/{meal['id']}", json={"fat_g": None}, headers=auth)

    assert error_fields(assert_problem(nulled, 422, "invalid_input")) == ["description"]
    assert error_fields(assert_problem(negative, 422, "invalid_input")) == ["calories"]
    assert nullable.status_code == 200, nullable.text


async def test_the_part_cursor_is_bounded_like_every_stored_integer(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    job = await client.post("/jobs", json={"kind": "system.echo"}, headers=auth)

    response = await client.get(f"/jobs/{job.json()['id']}/parts?after={MAX_INT + 1}", headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["after"]
