"""A user's health data over HTTP: one CRUD contract for every collection, and each one's rules."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from domain.health.models import HealthMetric, SleepSession
from domain.schema_types import MAX_INT
from tests import factories
from tests.api.support import assert_problem, error_fields, in_sort_order, walk_pages
from tests.factories import Body, create, create_user, days_ago, hours_ago


@dataclass(frozen=True)
class Collection:
    """How to make records of one collection and what its contract says about them."""

    path: str
    nth: Callable[[int], Body]  # a valid body for the i-th record, later in time as i grows
    time_field: str
    sort_field: str
    change: Body  # a valid partial update
    required: str  # a field a record cannot do without
    invalid: Body  # a body with these fields wrong ...
    invalid_fields: set[str] = field(default_factory=set)  # ... and the fields a 422 names

    def __str__(self) -> str:
        return self.path


def _in_days(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


COLLECTIONS = [
    Collection(
        "health-metrics",
        lambda i: factories.health_metric_fields(value=60 + i % 3, measured_at=hours_ago(24 - i)),
        time_field="measured_at",
        sort_field="value",
        change={"value": 80},
        required="value",
        invalid={"kind": "mood", "measured_at": "yesterday", "source": ""},
        invalid_fields={"kind", "measured_at", "source"},
    ),
    Collection(
        "physical-activities",
        lambda i: factories.physical_activity_fields(date=days_ago(30 - i), steps=8000 + i % 2),
        time_field="date",
        sort_field="steps",
        change={"steps": 12000},
        required="steps",
        invalid={"steps": -1, "active_minutes": 1441, "distance_km": "far"},
        invalid_fields={"steps", "active_minutes", "distance_km"},
    ),
    Collection(
        "sleep-sessions",
        lambda i: factories.sleep_session_fields(
            start=hours_ago(100 - 10 * i),
            end=hours_ago(92 - 10 * i),
            quality=[None, 3, None, 5, 3][i % 5],
        ),
        time_field="start",
        sort_field="quality",
        change={"quality": 1},
        required="start",
        invalid={"quality": 6, "end": "not a time"},
        invalid_fields={"quality", "end"},
    ),
    Collection(
        "blood-tests",
        lambda i: factories.blood_test_fields(taken_at=hours_ago(24 - i)),
        time_field="taken_at",
        sort_field="id",
        change={"hba1c_percent": 5.6},
        required="taken_at",
        invalid={"fasting_glucose_mg_dl": 5000, "ldl_mg_dl": -3},
        invalid_fields={"fasting_glucose_mg_dl", "ldl_mg_dl"},
    ),
    Collection(
        "meals",
        lambda i: factories.meal_fields(eaten_at=hours_ago(24 - i), calories=300 + 50 * (i % 2)),
        time_field="eaten_at",
        sort_field="calories",
        change={"calories": 640, "fat_g": 21},
        required="description",
        invalid={"description": "", "calories": -1, "protein_g": "lots"},
        invalid_fields={"description", "calories", "protein_g"},
    ),
    Collection(
        "appointments",
        lambda i: factories.appointment_fields(
            scheduled_at=_in_days(i), status=["scheduled", "completed", "cancelled"][i % 3]
        ),
        time_field="scheduled_at",
        sort_field="status",
        change={"status": "no-show"},
        required="clinician",
        invalid={"status": "bogus", "clinician": "", "scheduled_at": 7.5e20},
        invalid_fields={"status", "clinician", "scheduled_at"},
    ),
    Collection(
        "reports",
        lambda i: factories.report_fields(period_start=days_ago(30 - i), period_end=days_ago(20)),
        time_field="created_at",
        sort_field="period_start",
        change={"content": {"average_steps": 9000}},
        required="content",
        invalid={"kind": "", "period_start": "last week", "content": [1, 2]},
        invalid_fields={"kind", "period_start", "content"},
    ),
]
by_collection = pytest.mark.parametrize("collection", COLLECTIONS, ids=str)


@pytest.fixture
async def user(client: httpx.AsyncClient, auth: dict[str, str]) -> Body:
    return await create_user(client, auth)


async def add(
    client: httpx.AsyncClient, auth: dict[str, str], collection: Collection, user_id: int, i: int
) -> Body:
    return await create(
        client, auth, f"/{collection.path}", collection.nth(i) | {"user_id": user_id}
    )


@by_collection
async def test_created_record_is_201_with_its_location_and_reads_back(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    body = collection.nth(0) | {"user_id": user["id"]}

    response = await client.post(f"/{collection.path}", json=body, headers=auth)

    assert response.status_code == 201, response.text
    record = response.json()
    assert response.headers["location"] == f"/{collection.path}/{record['id']}"
    assert record["user_id"] == user["id"]
    fetched = await client.get(response.headers["location"], headers=auth)
    assert fetched.status_code == 200
    assert fetched.json() == record


@by_collection
async def test_nested_post_adds_for_the_user_and_nested_get_lists_only_theirs(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    other = await create_user(client, auth)
    await add(client, auth, collection, other["id"], 0)
    nested = f"/users/{user['id']}/{collection.path}"

    response = await client.post(nested, json=collection.nth(1), headers=auth)

    assert response.status_code == 201, response.text
    record = response.json()
    assert record["user_id"] == user["id"]
    assert response.headers["location"] == f"/{collection.path}/{record['id']}"
    listed = await client.get(nested, headers=auth)
    assert listed.json() == {"items": [record], "next_cursor": None}


@by_collection
async def test_nested_routes_of_an_unknown_user_are_404(
    client: httpx.AsyncClient, auth: dict[str, str], collection: Collection
) -> None:
    nested = f"/users/{MAX_INT}/{collection.path}"

    assert_problem(await client.get(nested, headers=auth), 404, "record_not_found")
    posted = await client.post(nested, json=collection.nth(0), headers=auth)
    assert_problem(posted, 404, "record_not_found")


@by_collection
async def test_nested_post_takes_the_user_from_the_path_not_the_body(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    body = collection.nth(0) | {"user_id": user["id"]}

    response = await client.post(f"/users/{user['id']}/{collection.path}", json=body, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["user_id"]


@by_collection
async def test_a_reference_to_a_missing_user_is_a_422_naming_user_id(
    client: httpx.AsyncClient, auth: dict[str, str], collection: Collection
) -> None:
    body = collection.nth(0) | {"user_id": MAX_INT}

    response = await client.post(f"/{collection.path}", json=body, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["user_id"]


@by_collection
async def test_invalid_input_is_a_422_naming_each_bad_field(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    body = collection.nth(0) | {"user_id": user["id"]} | collection.invalid

    response = await client.post(f"/{collection.path}", json=body, headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert set(error_fields(problem)) == collection.invalid_fields
    listed = await client.get(f"/users/{user['id']}/{collection.path}", headers=auth)
    assert listed.json()["items"] == []


@by_collection
@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
async def test_an_unknown_id_is_a_404(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection, method: str
) -> None:
    body = collection.nth(0) | {"user_id": user["id"]} if method in {"PUT", "PATCH"} else None

    response = await client.request(
        method, f"/{collection.path}/{MAX_INT}", json=body, headers=auth
    )

    assert_problem(response, 404, "record_not_found")


@by_collection
async def test_list_filters_by_user_and_by_a_half_open_time_range(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    other = await create_user(client, auth)
    records = [await add(client, auth, collection, user["id"], i) for i in range(3)]
    await add(client, auth, collection, other["id"], 3)
    path, time = f"/{collection.path}", collection.time_field

    def ids(response: httpx.Response) -> set[int]:
        assert response.status_code == 200, response.text
        return {record["id"] for record in response.json()["items"]}

    mine = await client.get(path, params={"user_id": user["id"]}, headers=auth)
    assert ids(mine) == {record["id"] for record in records}
    window = {"user_id": user["id"], "from": records[1][time], "to": records[2][time]}
    assert ids(await client.get(path, params=window, headers=auth)) == {records[1]["id"]}
    since = {"from": records[1][time]}
    nested = await client.get(f"/users/{user['id']}/{collection.path}", params=since, headers=auth)
    assert ids(nested) == {records[1]["id"], records[2]["id"]}


@by_collection
async def test_a_misspelt_list_filter_is_a_422_naming_it_not_an_unfiltered_list(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    await add(client, auth, collection, user["id"], 0)

    for path in (f"/{collection.path}", f"/users/{user['id']}/{collection.path}"):
        response = await client.get(path, params={"user": user["id"]}, headers=auth)

        assert error_fields(assert_problem(response, 422, "invalid_input")) == ["user"]


@by_collection
@pytest.mark.parametrize("direction", ["", "-"], ids=["ascending", "descending"])
async def test_pages_are_disjoint_complete_and_sorted(
    client: httpx.AsyncClient,
    auth: dict[str, str],
    user: Body,
    collection: Collection,
    direction: str,
) -> None:
    records = [await add(client, auth, collection, user["id"], i) for i in range(5)]

    for sort in (f"{direction}{collection.sort_field}", f"{direction}{collection.time_field}"):
        pages = await walk_pages(
            client, auth, f"/{collection.path}", user_id=user["id"], sort=sort, limit=2
        )

        assert [len(page) for page in pages] == [2, 2, 1], sort
        walked = [record["id"] for page in pages for record in page]
        assert walked == in_sort_order(records, sort), sort


@by_collection
async def test_default_order_is_newest_first(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    records = [await add(client, auth, collection, user["id"], i) for i in range(3)]

    [page] = await walk_pages(client, auth, f"/users/{user['id']}/{collection.path}")

    assert [record["id"] for record in page] == [record["id"] for record in reversed(records)]


@by_collection
async def test_a_cursor_reused_with_another_sort_is_a_422_naming_the_cursor(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    for i in range(3):
        await add(client, auth, collection, user["id"], i)
    path = f"/users/{user['id']}/{collection.path}"
    first = await client.get(path, params={"limit": 1, "sort": collection.time_field}, headers=auth)
    cursor = first.json()["next_cursor"]

    response = await client.get(
        path,
        params={"limit": 1, "sort": f"-{collection.time_field}", "cursor": cursor},
        headers=auth,
    )

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["cursor"]


@by_collection
@pytest.mark.parametrize("sort", ["user_id", "-bogus", "--id", " id"])
async def test_an_unknown_sort_is_a_422_naming_sort(
    client: httpx.AsyncClient, auth: dict[str, str], collection: Collection, sort: str
) -> None:
    response = await client.get(f"/{collection.path}", params={"sort": sort}, headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert error_fields(problem) == ["sort"]
    assert collection.time_field in problem["errors"][0]["message"]


@by_collection
async def test_put_replaces_the_whole_record(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    record = await add(client, auth, collection, user["id"], 0)
    other = await create_user(client, auth)
    replacement = collection.nth(1) | collection.change | {"user_id": other["id"]}

    response = await client.put(
        f"/{collection.path}/{record['id']}", json=replacement, headers=auth
    )

    assert response.status_code == 200, response.text
    replaced = response.json()
    assert replaced["id"] == record["id"]
    assert replaced["user_id"] == other["id"]
    for name, value in collection.change.items():
        assert replaced[name] == value
    fetched = await client.get(f"/{collection.path}/{record['id']}", headers=auth)
    assert fetched.json() == replaced


@by_collection
async def test_put_needs_the_whole_record(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    record = await add(client, auth, collection, user["id"], 0)

    response = await client.put(
        f"/{collection.path}/{record['id']}", json=collection.change, headers=auth
    )

    assert "user_id" in error_fields(assert_problem(response, 422, "invalid_input"))


@by_collection
async def test_patch_changes_only_the_fields_it_names(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    record = await add(client, auth, collection, user["id"], 0)

    response = await client.patch(
        f"/{collection.path}/{record['id']}", json=collection.change, headers=auth
    )

    assert response.status_code == 200, response.text
    assert response.json() == record | collection.change
    fetched = await client.get(f"/{collection.path}/{record['id']}", headers=auth)
    assert fetched.json() == record | collection.change


@by_collection
async def test_patch_cannot_remove_a_required_field(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    record = await add(client, auth, collection, user["id"], 0)

    response = await client.patch(
        f"/{collection.path}/{record['id']}", json={collection.required: None}, headers=auth
    )

    assert error_fields(assert_problem(response, 422, "invalid_input")) == [collection.required]
    fetched = await client.get(f"/{collection.path}/{record['id']}", headers=auth)
    assert fetched.json() == record


@by_collection
async def test_patch_to_a_missing_user_is_a_422_naming_user_id(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    record = await add(client, auth, collection, user["id"], 0)

    response = await client.patch(
        f"/{collection.path}/{record['id']}", json={"user_id": MAX_INT}, headers=auth
    )

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["user_id"]


@by_collection
async def test_delete_is_204_and_the_record_is_then_404(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, collection: Collection
) -> None:
    record = await add(client, auth, collection, user["id"], 0)
    location = f"/{collection.path}/{record['id']}"

    deleted = await client.delete(location, headers=auth)

    assert deleted.status_code == 204
    assert deleted.content == b""
    assert_problem(await client.get(location, headers=auth), 404, "record_not_found")
    assert_problem(await client.delete(location, headers=auth), 404, "record_not_found")


# Health metrics: plausible values, stored in the kind's canonical unit.


@pytest.mark.parametrize(
    ("kind", "value", "unit"),
    [
        ("temperature", 400, None),
        ("temperature", 400, "fahrenheit"),
        ("heart_rate", 0, "bpm"),
        ("spo2", 101, None),
        ("weight", 2000, "lb"),
        ("glucose", 0.1, "mmol/L"),
    ],
)
async def test_an_implausible_metric_value_is_a_422_naming_value(
    client: httpx.AsyncClient,
    auth: dict[str, str],
    user: Body,
    kind: str,
    value: float,
    unit: str | None,
) -> None:
    body = factories.health_metric_fields(kind=kind, value=value, unit=unit, user_id=user["id"])

    response = await client.post("/health-metrics", json=body, headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert error_fields(problem) == ["value"]
    assert "plausible" in problem["errors"][0]["message"]
    assert await HealthMetric.filter(user_id=user["id"]).count() == 0


@pytest.mark.parametrize(
    ("kind", "value", "unit", "stored", "canonical"),
    [
        ("temperature", 98.6, "fahrenheit", 37.0, "celsius"),
        ("temperature", 36.6, "celsius", 36.6, "celsius"),
        ("weight", 154, "lb", 69.853, "kg"),
        ("glucose", 5.5, "mmol/L", 99.086, "mg/dL"),
        ("heart_rate", 61, None, 61, "bpm"),
    ],
)
async def test_a_metric_is_stored_in_its_canonical_unit(
    client: httpx.AsyncClient,
    auth: dict[str, str],
    user: Body,
    kind: str,
    value: float,
    unit: str | None,
    stored: float,
    canonical: str,
) -> None:
    body = factories.health_metric_fields(kind=kind, value=value, unit=unit)

    created = await create(client, auth, f"/users/{user['id']}/health-metrics", body)

    assert created["value"] == pytest.approx(stored, abs=1e-3)
    assert created["unit"] == canonical
    row = await HealthMetric.get(id=created["id"])
    assert (row.value, row.unit) == (pytest.approx(stored, abs=1e-3), canonical)


async def test_a_unit_that_does_not_fit_the_kind_is_a_422_naming_unit(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.health_metric_fields(kind="temperature", value=300, unit="kelvin")

    response = await client.post(f"/users/{user['id']}/health-metrics", json=body, headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert error_fields(problem) == ["unit"]
    assert "celsius, fahrenheit" in problem["errors"][0]["message"]


async def test_a_measurement_from_the_future_is_a_422_naming_measured_at(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.health_metric_fields(measured_at=_in_days(30))

    response = await client.post(f"/users/{user['id']}/health-metrics", json=body, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["measured_at"]


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
async def test_a_time_outside_what_postgres_stores_is_a_422_not_a_500(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, when: str
) -> None:
    metric = factories.health_metric_fields(measured_at=when)
    visit = factories.appointment_fields(scheduled_at=when)

    for path, body, name in [
        ("health-metrics", metric, "measured_at"),
        ("appointments", visit, "scheduled_at"),
    ]:
        response = await client.post(f"/users/{user['id']}/{path}", json=body, headers=auth)
        assert error_fields(assert_problem(response, 422, "invalid_input")) == [name]
    listed = await client.get("/health-metrics", params={"from": when}, headers=auth)
    assert error_fields(assert_problem(listed, 422, "invalid_input")) == ["from"]


async def test_times_are_stored_and_returned_in_utc(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.health_metric_fields(measured_at="2026-01-15T09:30:00+02:00")

    created = await create(client, auth, f"/users/{user['id']}/health-metrics", body)

    assert created["measured_at"] == "2026-01-15T07:30:00Z"
    fetched = await client.get(f"/health-metrics/{created['id']}", headers=auth)
    assert fetched.json()["measured_at"] == "2026-01-15T07:30:00Z"


# Sleep sessions: end after start, duration derived.


async def test_sleep_ending_before_it_starts_is_a_422_naming_end(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.sleep_session_fields(start=hours_ago(1), end=hours_ago(9))

    response = await client.post(f"/users/{user['id']}/sleep-sessions", json=body, headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert error_fields(problem) == ["end"]
    assert problem["errors"][0]["message"] == "must be after start"


@pytest.mark.parametrize(
    "change",
    [{"end": hours_ago(20)}, {"start": hours_ago(0.5)}],
    ids=["end-moved-before-start", "start-moved-after-end"],
)
async def test_a_patch_is_validated_as_the_merged_whole(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body, change: Body
) -> None:
    session = await factories.create_sleep_session(
        client, auth, user_id=user["id"], start=hours_ago(9), end=hours_ago(1)
    )

    response = await client.patch(f"/sleep-sessions/{session['id']}", json=change, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["end"]
    assert (await client.get(f"/sleep-sessions/{session['id']}", headers=auth)).json() == session


async def test_sleep_duration_is_derived_from_start_and_end(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    start = datetime(2026, 1, 10, 22, 0, tzinfo=UTC)
    body = factories.sleep_session_fields(
        start=start.isoformat(),
        end=(start + timedelta(hours=7, minutes=30)).isoformat(),
        duration_minutes=5,
    )

    created = await create(client, auth, f"/users/{user['id']}/sleep-sessions", body)
    assert created["duration_minutes"] == 450

    patched = await client.patch(
        f"/sleep-sessions/{created['id']}",
        json={"end": (start + timedelta(hours=8)).isoformat()},
        headers=auth,
    )
    assert patched.json()["duration_minutes"] == 480
    assert (await SleepSession.get(id=created["id"])).duration_minutes == 480


async def test_sleep_longer_than_a_day_is_a_422_naming_end(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.sleep_session_fields(start=hours_ago(30), end=hours_ago(1))

    response = await client.post(f"/users/{user['id']}/sleep-sessions", json=body, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["end"]


# Physical activity: one row per user and day.


async def test_a_second_activity_for_the_same_user_and_day_is_a_409(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    day = days_ago(2)
    first = await factories.create_physical_activity(client, auth, user_id=user["id"], date=day)
    other = await create_user(client, auth)

    again = await client.post(
        f"/users/{user['id']}/physical-activities",
        json=factories.physical_activity_fields(date=day, steps=1),
        headers=auth,
    )

    problem = assert_problem(again, 409, "record_conflict")
    assert problem["detail"] == "the user already has activity for this date"
    assert set(error_fields(problem)) == {"user_id", "date"}
    listed = await client.get(f"/users/{user['id']}/physical-activities", headers=auth)
    assert listed.json()["items"] == [first]
    # Another user's activity on the same day is no conflict.
    await factories.create_physical_activity(client, auth, user_id=other["id"], date=day)


async def test_moving_an_activity_onto_a_day_already_recorded_is_a_409(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    await factories.create_physical_activity(client, auth, user_id=user["id"], date=days_ago(1))
    second = await factories.create_physical_activity(
        client, auth, user_id=user["id"], date=days_ago(2)
    )

    response = await client.patch(
        f"/physical-activities/{second['id']}", json={"date": days_ago(1)}, headers=auth
    )

    assert_problem(response, 409, "record_conflict")


# Blood tests, appointments and reports.


async def test_a_blood_test_without_any_result_is_a_422(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.blood_test_fields(fasting_glucose_mg_dl=None)

    response = await client.post(f"/users/{user['id']}/blood-tests", json=body, headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert "a blood test needs at least one result" in problem["detail"]


async def test_an_appointment_status_outside_the_list_is_a_422_naming_status(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.appointment_fields(status="postponed")

    response = await client.post(f"/users/{user['id']}/appointments", json=body, headers=auth)

    problem = assert_problem(response, 422, "invalid_input")
    assert error_fields(problem) == ["status"]
    assert "no-show" in problem["errors"][0]["message"]


async def test_a_report_period_ending_before_it_starts_is_a_422_naming_period_end(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.report_fields(period_start=days_ago(1), period_end=days_ago(7))

    response = await client.post(f"/users/{user['id']}/reports", json=body, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["period_end"]


async def test_a_report_of_an_unknown_job_is_a_422_naming_job_id(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.report_fields(job_id="00000000-0000-4000-8000-000000000000")

    response = await client.post(f"/users/{user['id']}/reports", json=body, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == ["job_id"]


async def test_report_content_postgres_cannot_store_is_a_422(
    client: httpx.AsyncClient, auth: dict[str, str], user: Body
) -> None:
    body = factories.report_fields(content={"note": "nul \u0000 inside"})

    response = await client.post(f"/users/{user['id']}/reports", json=body, headers=auth)

    assert_problem(response, 422, "unstorable_value")
