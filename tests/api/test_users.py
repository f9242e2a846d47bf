"""Users over HTTP: CRUD, a unique email whatever its case (even under a race), and deletion."""

import asyncio
import base64
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from domain.commerce.models import Order
from domain.health import models as health
from domain.schema_types import MAX_INT
from domain.users.models import User
from tests import factories
from tests.api.support import assert_problem, error_fields, in_sort_order, walk_pages
from tests.factories import Body, create_user, user_fields

RACERS = 10


async def test_created_user_is_201_with_its_location_and_reads_back(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    body = user_fields(
        name="Ada Lovelace",
        birth_date="1985-12-10",
        sex="female",
        height_cm=168,
        medical_conditions=["asthma"],
    )

    response = await client.post("/users", json=body, headers=auth)

    assert response.status_code == 201, response.text
    user = response.json()
    assert response.headers["location"] == f"/users/{user['id']}"
    assert {name: user[name] for name in body} == body
    fetched = await client.get(response.headers["location"], headers=auth)
    assert fetched.json() == user


async def test_optional_fields_have_defaults(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)

    assert (user["birth_date"], user["sex"], user["height_cm"]) == (None, "unknown", None)
    assert user["medical_conditions"] == []


async def test_invalid_input_is_a_422_naming_each_bad_field(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    body = {
        "name": "   ",
        "email": "not-an-email",
        "birth_date": "2999-01-01",
        "sex": "robot",
        "height_cm": 500,
        "medical_conditions": "asthma",
        "shoe_size": 42,
    }

    response = await client.post("/users", json=body, headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert set(error_fields(problem)) == set(body)


async def test_a_body_that_is_not_json_is_a_422(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    headers = auth | {"content-type": "application/json"}

    response = await client.post("/users", content=b'{"name": ', headers=headers)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["body"]


async def test_a_duplicate_email_is_a_409_naming_email_whatever_its_case(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    email = factories.unique_email()
    first = await create_user(client, auth, email=email)

    response = await client.post("/users", json=user_fields(email=email.upper()), headers=auth)

    problem = assert_problem(response, 409, "record_conflict")
    assert error_fields(problem) == ["email"]
    assert problem["detail"] == "a user with this email already exists"
    assert await User.filter(email__iexact=email).count() == 1
    assert (await User.get(email__iexact=email)).id == first["id"]


async def test_changing_an_email_to_one_taken_is_a_409_naming_email(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    taken = await create_user(client, auth)
    user = await create_user(client, auth)
    taken_upper = taken["email"].upper()

    patched = await client.patch(f"/users/{user['id']}", json={"email": taken_upper}, headers=auth)
    replaced = await client.put(
        f"/users/{user['id']}", json=user_fields(email=taken_upper), headers=auth
    )

    for response in (patched, replaced):
        assert error_fields(assert_problem(response, 409, "record_conflict")) == ["email"]
    assert (await client.get(f"/users/{user['id']}", headers=auth)).json() == user


async def test_racing_creates_with_one_email_give_one_201_and_409s(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    email = factories.unique_email()
    bodies = [user_fields(email=email.upper() if i % 2 else email) for i in range(RACERS)]

    responses = await asyncio.gather(
        *(client.post("/users", json=body, headers=auth) for body in bodies)
    )

    assert sorted(response.status_code for response in responses) == [201] + [409] * (RACERS - 1)
    for response in responses:
        if response.status_code == 409:
            assert error_fields(assert_problem(response, 409, "record_conflict")) == ["email"]
    assert await User.filter(email__iexact=email).count() == 1


async def test_racing_creates_on_a_live_server_give_one_201_and_409s(
    live_api: str, live_api_key: str, orm: None
) -> None:
    """Separate connections, truly concurrent inserts: the unique index decides, the API maps it."""
    email = factories.unique_email()
    headers = {"Authorization": f"Bearer {live_api_key}"}
    limits = httpx.Limits(max_connections=2 * RACERS)

    async with httpx.AsyncClient(base_url=live_api, timeout=30, limits=limits) as http:
        start = asyncio.Event()

        async def create() -> httpx.Response:
            await start.wait()
            return await http.post("/users", json=user_fields(email=email), headers=headers)

        racers = [asyncio.create_task(create()) for _ in range(2 * RACERS)]
        await asyncio.sleep(0)
        start.set()
        responses = await asyncio.gather(*racers)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] + [409] * (2 * RACERS - 1), [r.text for r in responses]
    for response in responses:
        if response.status_code == 409:
            assert error_fields(assert_problem(response, 409, "record_conflict")) == ["email"]
    assert await User.filter(email__iexact=email).count() == 1


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
async def test_an_unknown_user_is_a_404(
    client: httpx.AsyncClient, auth: dict[str, str], method: str
) -> None:
    body = user_fields() if method in {"PUT", "PATCH"} else None

    response = await client.request(method, f"/users/{MAX_INT}", json=body, headers=auth)

    problem = assert_problem(response, 404, "record_not_found")
    assert problem["detail"] == f"no user with id {MAX_INT}"


@pytest.mark.parametrize("record_id", ["0", str(MAX_INT + 1)])
async def test_an_id_that_cannot_exist_is_a_422_naming_record_id(
    client: httpx.AsyncClient, auth: dict[str, str], record_id: str
) -> None:
    response = await client.get(f"/users/{record_id}", headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["record_id"]


@pytest.mark.parametrize("segment", ["-1", "ada"])
async def test_a_path_segment_that_is_not_digits_names_no_record(
    client: httpx.AsyncClient, auth: dict[str, str], segment: str
) -> None:
    # Record routes take digits only, so `/search-clicks/bulk` is never read as a record id.
    response = await client.get(f"/users/{segment}", headers=auth)

    assert_problem(response, 404, "http_404")


async def test_put_replaces_every_field(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    user = await create_user(client, auth, sex="male", height_cm=180, medical_conditions=["gout"])
    replacement = user_fields(name="Charles Babbage")

    response = await client.put(f"/users/{user['id']}", json=replacement, headers=auth)

    assert response.status_code == 200, response.text
    replaced = response.json()
    assert (replaced["name"], replaced["email"]) == ("Charles Babbage", replacement["email"])
    # What the replacement leaves out goes back to its default.
    assert (replaced["sex"], replaced["height_cm"], replaced["medical_conditions"]) == (
        "unknown",
        None,
        [],
    )
    assert replaced["created_at"] == user["created_at"]
    assert datetime.fromisoformat(replaced["updated_at"]) > datetime.fromisoformat(
        user["updated_at"]
    )


async def test_patch_changes_only_the_fields_it_names(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth, height_cm=170, medical_conditions=["asthma"])

    response = await client.patch(
        f"/users/{user['id']}", json={"name": "Ada King", "height_cm": 171.5}, headers=auth
    )

    assert response.status_code == 200, response.text
    patched = response.json()
    unchanged = {"id", "email", "birth_date", "sex", "medical_conditions", "created_at"}
    assert {name: patched[name] for name in unchanged} == {name: user[name] for name in unchanged}
    assert (patched["name"], patched["height_cm"]) == ("Ada King", 171.5)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"name": None}, "name"), ({"email": "nope"}, "email"), ({"height_cm": 5}, "height_cm")],
)
async def test_an_invalid_patch_is_a_422_and_changes_nothing(
    client: httpx.AsyncClient, auth: dict[str, str], change: Body, field: str
) -> None:
    user = await create_user(client, auth)

    response = await client.patch(f"/users/{user['id']}", json=change, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == [field]
    assert (await client.get(f"/users/{user['id']}", headers=auth)).json() == user


async def test_delete_is_204_and_the_user_is_then_404(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)

    deleted = await client.delete(f"/users/{user['id']}", headers=auth)

    assert deleted.status_code == 204
    assert_problem(await client.get(f"/users/{user['id']}", headers=auth), 404, "record_not_found")


async def test_deleting_a_user_deletes_their_health_data(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)
    bystander = await create_user(client, auth)
    kept = await factories.create_meal(client, auth, user_id=bystander["id"])
    user_id = user["id"]
    created = [
        await factories.create_health_metric(client, auth, user_id=user_id),
        await factories.create_physical_activity(client, auth, user_id=user_id),
        await factories.create_sleep_session(client, auth, user_id=user_id),
        await factories.create_blood_test(client, auth, user_id=user_id),
        await factories.create_meal(client, auth, user_id=user_id),
        await factories.create_appointment(client, auth, user_id=user_id),
        await factories.create_report(client, auth, user_id=user_id),
    ]
    models = [
        health.HealthMetric,
        health.PhysicalActivity,
        health.SleepSession,
        health.BloodTest,
        health.Meal,
        health.Appointment,
        health.Report,
    ]

    assert (await client.delete(f"/users/{user_id}", headers=auth)).status_code == 204

    for model, record in zip(models, created, strict=True):
        assert not await model.exists(id=record["id"]), model.__name__
        assert await model.filter(user_id=user_id).count() == 0, model.__name__
    assert (await client.get(f"/meals/{kept['id']}", headers=auth)).status_code == 200


async def test_a_user_with_orders_cannot_be_deleted_until_the_orders_are(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)
    order = await factories.create_order(client, auth, user_id=user["id"])
    metric = await factories.create_health_metric(client, auth, user_id=user["id"])

    refused = await client.delete(f"/users/{user['id']}", headers=auth)

    problem = assert_problem(refused, 409, "record_conflict")
    assert "delete the orders first" in problem["detail"]
    assert await User.exists(id=user["id"])
    assert await Order.exists(id=order["id"])
    assert await health.HealthMetric.exists(id=metric["id"])

    assert (await client.delete(f"/orders/{order['id']}", headers=auth)).status_code == 204
    assert (await client.delete(f"/users/{user['id']}", headers=auth)).status_code == 204
    assert not await health.HealthMetric.exists(id=metric["id"])


async def users_since(
    client: httpx.AsyncClient, auth: dict[str, str], since: str, **params: Any
) -> list[list[Body]]:
    return await walk_pages(client, auth, "/users", **({"from": since} | params))


async def test_list_filters_by_a_half_open_creation_time_range(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    since = datetime.now(UTC).isoformat()
    users = [await create_user(client, auth) for _ in range(3)]
    window = {"from": users[1]["created_at"], "to": users[2]["created_at"]}

    [listed] = await walk_pages(client, auth, "/users", **window)
    [recent] = await users_since(client, auth, since)

    assert [user["id"] for user in listed] == [users[1]["id"]]
    assert [user["id"] for user in recent] == [user["id"] for user in reversed(users)]


@pytest.mark.parametrize("sort", ["name", "-name", "email", "-email", "created_at", "-id"])
async def test_pages_are_disjoint_complete_and_sorted(
    client: httpx.AsyncClient, auth: dict[str, str], sort: str
) -> None:
    since = datetime.now(UTC).isoformat()
    names = ["Grace", "Ada", "Edsger", "Ada", "Barbara"]
    users = [await create_user(client, auth, name=name) for name in names]

    pages = await users_since(client, auth, since, sort=sort, limit=2)

    assert [len(page) for page in pages] == [2, 2, 1]
    assert [user["id"] for page in pages for user in page] == in_sort_order(users, sort)


async def test_a_cursor_reused_with_another_sort_is_a_422_naming_the_cursor(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    since = datetime.now(UTC).isoformat()
    for _ in range(3):
        await create_user(client, auth)
    first = await client.get(
        "/users", params={"from": since, "sort": "name", "limit": 1}, headers=auth
    )
    cursor = first.json()["next_cursor"]

    response = await client.get(
        "/users", params={"from": since, "sort": "-name", "cursor": cursor}, headers=auth
    )

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["cursor"]


def forged_cursor(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


@pytest.mark.parametrize(
    ("sort", "cursor"),
    [
        pytest.param("name", "not-a-cursor", id="not-base64-json"),
        pytest.param("name", forged_cursor("name", "Ada"), id="too-short"),
        pytest.param("name", forged_cursor("name", {"a": 1}, 1), id="value-of-the-wrong-type"),
        pytest.param("created_at", forged_cursor("created_at", "now-ish", 1), id="not-a-time"),
        pytest.param(
            "created_at",
            forged_cursor("created_at", "0001-01-01T00:00:00+05:00", 1),
            id="time-before-year-1-in-utc",
        ),
        pytest.param("id", forged_cursor("id", 1, MAX_INT + 1), id="id-out-of-range"),
    ],
)
async def test_a_cursor_the_api_did_not_issue_is_a_422_naming_the_cursor(
    client: httpx.AsyncClient, auth: dict[str, str], sort: str, cursor: str
) -> None:
    response = await client.get("/users", params={"sort": sort, "cursor": cursor}, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["cursor"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sort": "height_cm"}, "sort"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"from": "last tuesday"}, "from"),
        ({"to": "0001-01-01T00:00:00+01:00"}, "to"),
    ],
)
async def test_invalid_list_parameters_are_a_422_naming_the_parameter(
    client: httpx.AsyncClient, auth: dict[str, str], params: dict[str, Any], field: str
) -> None:
    response = await client.get("/users", params=params, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == [field]


async def test_every_user_route_needs_an_api_key(client: httpx.AsyncClient) -> None:
    for method, path in [("GET", "/users"), ("POST", "/users"), ("GET", "/users/1/meals")]:
        response = await client.request(method, path, json=user_fields())
        assert_problem(response, 401, "unauthorized")


async def test_an_unknown_query_parameter_on_the_user_list_is_a_422_naming_it(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/users", params={"emial": "ada@example.com"}, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["emial"]
