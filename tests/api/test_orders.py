"""Orders over HTTP, as seed 002 defines them: a user, a product, a quantity > 0, a date."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from domain.commerce.models import Order
from domain.schema_types import MAX_INT
from tests.api.support import assert_problem, error_fields, in_sort_order, walk_pages
from tests.factories import Body, create_order, create_user, hours_ago, order_fields


@pytest.fixture
async def user(client: httpx.AsyncClient, auth: dict[str, str]) -> Body:
    return await create_user(client, auth)


async def test_created_order_is_201_with_its_location_and_reads_back(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = order_fields(product_name="Glucose meter", quantity=2, order_date=hours_ago(5))

    response = await client.post("/orders", json=body | {"user_id": user["id"]}, headers=auth)

    assert response.status_code == 201, response.text
    order = response.json()
    assert response.headers["location"] == f"/orders/{order['id']}"
    assert (order["user_id"], order["product_name"], order["quantity"]) == (
        user["id"],
        "Glucose meter",
        2,
    )
    assert (await client.get(f"/orders/{order['id']}", headers=auth)).json() == order


async def test_order_date_defaults_to_now(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    before = datetime.now(UTC)

    order = await create_order(client, auth, user_id=user["id"])

    ordered_at = datetime.fromisoformat(order["order_date"])
    assert before <= ordered_at <= datetime.now(UTC)
    assert (await Order.get(id=order["id"])).order_date == ordered_at


@pytest.mark.parametrize("quantity", [0, -1, 2**31, 1.5, "two"])
async def test_a_quantity_that_is_not_a_positive_integer_is_a_422_naming_quantity(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, quantity: object
) -> None:
    body = order_fields(quantity=quantity, user_id=user["id"])  # type: ignore[arg-type]

    response = await client.post("/orders", json=body, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["quantity"]
    assert await Order.filter(user_id=user["id"]).count() == 0


async def test_invalid_input_is_a_422_naming_each_bad_field(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    body = {"user_id": 0, "product_name": "", "quantity": 0, "order_date": "soon", "note": "x"}

    response = await client.post("/orders", json=body, headers=auth)

    assert set(error_fields(assert_problem(response, 422, "invalid_input"))) == set(body)


async def test_an_order_for_a_missing_user_is_a_422_naming_user_id(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.post("/orders", json=order_fields(user_id=MAX_INT), headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert error_fields(problem) == ["user_id"]
    assert problem["errors"][0]["message"] == "refers to a record that does not exist"


async def test_nested_post_and_get_are_the_users_orders(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    other = await create_user(client, auth)
    await create_order(client, auth, user_id=other["id"])

    response = await client.post(f"/users/{user['id']}/orders", json=order_fields(), headers=auth)

    assert response.status_code == 201, response.text
    order = response.json()
    assert order["user_id"] == user["id"]
    listed = await client.get(f"/users/{user['id']}/orders", headers=auth)
    assert listed.json() == {"items": [order], "next_cursor": None}


async def test_nested_routes_of_an_unknown_user_are_404(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    nested = f"/users/{MAX_INT}/orders"

    assert_problem(await client.get(nested, headers=auth), 404, "record_not_found")
    posted = await client.post(nested, json=order_fields(), headers=auth)
    assert_problem(posted, 404, "record_not_found")


async def test_list_filters_by_user_and_a_half_open_order_date_range(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    other = await create_user(client, auth)
    start = datetime(2026, 2, 1, tzinfo=UTC)
    days = [start + timedelta(days=i) for i in range(4)]
    orders = [
        await create_order(client, auth, user_id=user["id"], order_date=day.isoformat())
        for day in days
    ]
    await create_order(client, auth, user_id=other["id"], order_date=days[1].isoformat())
    window = {"from": days[1].isoformat(), "to": days[3].isoformat()}

    [mine] = await walk_pages(client, auth, "/orders", user_id=user["id"], **window)
    [everyone] = await walk_pages(client, auth, "/orders", **window)

    assert [order["id"] for order in mine] == [orders[2]["id"], orders[1]["id"]]
    assert len(everyone) >= 3


@pytest.mark.parametrize(
    "sort", ["quantity", "-quantity", "product_name", "-order_date", "order_date", "id"]
)
async def test_pages_are_disjoint_complete_and_sorted(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, sort: str
) -> None:
    quantities = [3, 1, 2, 1, 5]
    orders = [
        await create_order(
            client,
            auth,
            user_id=user["id"],
            quantity=quantity,
            product_name=f"product {5 - i}",
            order_date=hours_ago(10 - i),
        )
        for i, quantity in enumerate(quantities)
    ]

    pages = await walk_pages(client, auth, "/orders", user_id=user["id"], sort=sort, limit=2)

    assert [len(page) for page in pages] == [2, 2, 1]
    assert [order["id"] for page in pages for order in page] == in_sort_order(orders, sort)


async def test_a_cursor_reused_with_another_sort_is_a_422_naming_the_cursor(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    for _ in range(2):
        await create_order(client, auth, user_id=user["id"])
    params = {"user_id": user["id"], "limit": 1}
    first = await client.get("/orders", params=params | {"sort": "quantity"}, headers=auth)

    response = await client.get(
        "/orders",
        params=params | {"sort": "-quantity", "cursor": first.json()["next_cursor"]},
        headers=auth,
    )

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["cursor"]


@pytest.mark.parametrize("sort", ["price", "", "-"])
async def test_an_unknown_sort_is_a_422_naming_sort(
    client: httpx.AsyncClient, auth: dict[str, str], sort: str
) -> None:
    response = await client.get("/orders", params={"sort": sort}, headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert error_fields(problem) == ["sort"]
    assert "quantity" in problem["errors"][0]["message"]


async def test_put_replaces_the_order(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    order = await create_order(client, auth, user_id=user["id"], order_date=hours_ago(48))
    replacement = order_fields(product_name="Scale", quantity=4, user_id=user["id"])

    response = await client.put(f"/orders/{order['id']}", json=replacement, headers=auth)

    assert response.status_code == 200, response.text
    replaced = response.json()
    assert (replaced["product_name"], replaced["quantity"]) == ("Scale", 4)
    # A full replacement without an order date takes the default, like a create.
    assert datetime.fromisoformat(replaced["order_date"]) > datetime.fromisoformat(
        order["order_date"]
    )


async def test_patch_changes_only_the_fields_it_names(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    order = await create_order(client, auth, user_id=user["id"], order_date=hours_ago(48))

    response = await client.patch(f"/orders/{order['id']}", json={"quantity": 7}, headers=auth)

    assert response.status_code == 200, response.text
    assert response.json() == order | {"quantity": 7}


async def test_patching_quantity_to_zero_is_a_422_and_changes_nothing(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    order = await create_order(client, auth, user_id=user["id"], quantity=2)

    response = await client.patch(f"/orders/{order['id']}", json={"quantity": 0}, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["quantity"]
    assert (await Order.get(id=order["id"])).quantity == 2


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
async def test_an_unknown_order_is_a_404(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, method: str
) -> None:
    body = order_fields(user_id=user["id"]) if method in {"PUT", "PATCH"} else None

    response = await client.request(method, f"/orders/{MAX_INT}", json=body, headers=auth)

    assert_problem(response, 404, "record_not_found")


async def test_delete_is_204_and_the_order_is_then_404(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    order = await create_order(client, auth, user_id=user["id"])

    assert (await client.delete(f"/orders/{order['id']}", headers=auth)).status_code == 204

    assert_problem(
        await client.get(f"/orders/{order['id']}", headers=auth), 404, "record_not_found"
    )


async def test_deleting_a_user_with_orders_is_a_409_and_keeps_both(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    order = await create_order(client, auth, user_id=user["id"])

    response = await client.delete(f"/users/{user['id']}", headers=auth)

    problem = assert_problem(response, 409, "record_conflict")
    assert problem["detail"] == (
        "the user has orders, which are kept as business records: delete the orders first"
    )
    assert (await client.get(f"/users/{user['id']}", headers=auth)).status_code == 200
    assert (await client.get(f"/orders/{order['id']}", headers=auth)).json() == order
