"""`GET /predictions`: stored predictions newest first, each joined to the attempt it predicted
once that was made, filtered and paged like every other list. (The rows are written here as the
batch job and the simulated provider write them; the end-to-end tests make them for real.)"""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from domain.delivery.models import DeliveryAttempt, DeliveryPrediction
from tests.api.support import assert_problem, error_fields, walk_pages

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
JOB = uuid.UUID("6f1c2b8e-0000-4000-8000-0000000000aa")


async def store(client: httpx.AsyncClient, auth: dict[str, str], channel: str) -> int:
    provider = {"email": "ses", "sms": "twilio", "push": "fcm"}[channel]
    body = {
        "channel": channel,
        "provider": provider,
        "recipient_country": "DE",
        "template_type": "alert",
        "payload_size": 300,
    }
    response = await client.post("/notifications", json=body, headers=auth)
    assert response.status_code == 201, response.text
    return int(response.json()["first_id"])


async def predict(notification_id: int, *, minutes: int, version: int = 2) -> DeliveryPrediction:
    return await DeliveryPrediction.create(
        notification_id=notification_id,
        model_version=version,
        probability=0.8,
        priority_class="normal" if version == 2 else "low",
        next_attempt=1,
        job_id=JOB,
        predicted_at=NOW + timedelta(minutes=minutes),
    )


async def attempt(notification_id: int, *, delivered: bool) -> None:
    await DeliveryAttempt.create(
        notification_id=notification_id,
        attempt=1,
        attempted_at=NOW + timedelta(minutes=30),
        provider="ses",
        status="delivered" if delivered else "bounced",
        response_code=250 if delivered else 550,
        latency_ms=120,
        delivered=delivered,
    )


@pytest.fixture
async def predictions(client: httpx.AsyncClient, auth: dict[str, str]) -> list[int]:
    """Six predictions a minute apart (the newest last): email delivered, sms failed, then four
    push with no attempt yet, the last two by model version 1."""
    ids = []
    for minute, channel in enumerate(["email", "sms", "push", "push", "push", "push"]):
        notification = await store(client, auth, channel)
        ids.append((await predict(notification, minutes=minute, version=1 + (minute < 4))).id)
        if channel != "push":
            await attempt(notification, delivered=channel == "email")
    return ids


async def listed(client: httpx.AsyncClient, auth: dict[str, str], **params: object) -> list[int]:
    response = await client.get("/predictions", params=params, headers=auth)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_predictions_are_listed_newest_first_with_their_outcomes(
    client: httpx.AsyncClient, auth: dict[str, str], predictions: list[int]
) -> None:
    response = await client.get("/predictions", headers=auth)

    items = response.json()["items"]
    assert [item["id"] for item in items] == predictions[::-1]
    email, sms = items[-1], items[-2]
    assert email["channel"] == "email"
    assert email["outcome"]["delivered"] is True
    assert email["outcome"]["status"] == "delivered"
    assert sms["outcome"] == {
        "delivered": False,
        "status": "bounced",
        "response_code": 550,
        "attempted_at": "2026-12-02T12:30:00Z",
    }
    assert items[0]["outcome"] is None
    assert items[0]["job_id"] == str(JOB)
    assert items[0]["next_attempt"] == 1
    assert response.json()["next_cursor"] is None


async def test_predictions_filter_by_channel_model_class_outcome_job_and_time(
    client: httpx.AsyncClient, auth: dict[str, str], predictions: list[int]
) -> None:
    email, sms, *push = predictions
    since = (NOW + timedelta(minutes=3)).isoformat()

    assert await listed(client, auth, channel="push") == push[::-1]
    assert await listed(client, auth, model_version=1) == push[:1:-1]
    assert await listed(client, auth, priority_class="low") == push[:1:-1]
    assert await listed(client, auth, outcome="known") == [sms, email]
    assert await listed(client, auth, outcome="delivered") == [email]
    assert await listed(client, auth, outcome="failed") == [sms]
    assert await listed(client, auth, outcome="unknown") == push[::-1]
    assert await listed(client, auth, job_id=str(uuid.uuid4())) == []
    assert await listed(client, auth, **{"from": since}) == push[:0:-1]
    assert await listed(client, auth, **{"to": since, "channel": "push"}) == push[:1]


async def test_predictions_are_paged_with_a_cursor(
    client: httpx.AsyncClient, auth: dict[str, str], predictions: list[int]
) -> None:
    pages = await walk_pages(client, auth, "/predictions", limit=4)

    assert [[item["id"] for item in page] for page in pages] == [
        predictions[:1:-1],
        predictions[1::-1],
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"chanel": "sms"}, "chanel"),
        ({"channel": "fax"}, "channel"),
        ({"outcome": "maybe"}, "outcome"),
        ({"limit": 0}, "limit"),
        ({"cursor": "bm90LWEtY3Vyc29y"}, "cursor"),
        ({"cursor": "!!"}, "cursor"),
        ({"from": "yesterday"}, "from"),
        ({"to": "0.5"}, "to"),  # not seconds since 1970: query times are ISO 8601
    ],
)
async def test_a_bad_or_unknown_filter_is_a_422_naming_it(
    client: httpx.AsyncClient, auth: dict[str, str], params: dict[str, object], field: str
) -> None:
    response = await client.get("/predictions", params=params, headers=auth)

    assert error_fields(assert_problem(response, 422, "invalid_input")) == [field]


async def test_listing_predictions_needs_a_key(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/predictions"), 401, "unauthorized")
