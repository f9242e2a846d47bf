"""Standard Webhooks signatures and the retry schedule: pure functions, no database."""

import base64
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from domain.webhooks.delivery import retry_delay_s, sign

SECRET = "whsec_" + base64.b64encode(b"a-32-byte-secret-for-the-tests!!").decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"someone-else's-secret-entirely!!").decode()
MESSAGE_ID = "msg_2f1c0d8e"
BODY = json.dumps({"type": "job.succeeded", "data": {"id": "42"}}, separators=(",", ":"))
SCHEDULE = [5, 300, 1800]


def test_signed_headers_verify_with_the_same_secret() -> None:
    now = datetime.now(UTC)

    headers = sign(SECRET, MESSAGE_ID, now, BODY)

    assert headers["webhook-id"] == MESSAGE_ID
    assert headers["webhook-timestamp"] == str(int(now.timestamp()))
    assert headers["webhook-signature"].startswith("v1,")
    assert Webhook(SECRET).verify(BODY, headers) == json.loads(BODY)


def test_signature_does_not_verify_with_another_secret() -> None:
    headers = sign(SECRET, MESSAGE_ID, datetime.now(UTC), BODY)

    with pytest.raises(WebhookVerificationError, match="No matching signature"):
        Webhook(OTHER_SECRET).verify(BODY, headers)


def test_signature_does_not_verify_a_tampered_body() -> None:
    headers = sign(SECRET, MESSAGE_ID, datetime.now(UTC), BODY)
    tampered = BODY.replace('"42"', '"43"')

    with pytest.raises(WebhookVerificationError, match="No matching signature"):
        Webhook(SECRET).verify(tampered, headers)


@pytest.mark.parametrize(
    ("header", "value"),
    [("webhook-id", "msg_someone_else"), ("webhook-timestamp", "1")],
)
def test_signature_covers_the_message_id_and_timestamp(header: str, value: str) -> None:
    headers = sign(SECRET, MESSAGE_ID, datetime.now(UTC), BODY)

    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(BODY, headers | {header: value})


def test_signature_verifies_whatever_time_zone_the_timestamp_is_in() -> None:
    in_berlin_summer = datetime.now(timezone(timedelta(hours=2)))

    headers = sign(SECRET, MESSAGE_ID, in_berlin_summer, BODY)

    assert headers["webhook-timestamp"] == str(int(in_berlin_summer.timestamp()))
    assert Webhook(SECRET).verify(BODY, headers) == json.loads(BODY)


def test_a_stale_signature_is_refused_as_a_replay() -> None:
    headers = sign(SECRET, MESSAGE_ID, datetime.now(UTC) - timedelta(minutes=10), BODY)

    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(SECRET).verify(BODY, headers)


@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_retry_delay_follows_the_schedule_within_twenty_percent(attempt: int) -> None:
    planned = SCHEDULE[attempt - 1]

    delays = [retry_delay_s(attempt, SCHEDULE) for _ in range(200)]

    assert all(d is not None and 0.8 * planned <= d <= 1.2 * planned for d in delays)
    assert len(set(delays)) > 1  # jittered, so retries of many events do not arrive in lockstep


def test_no_retry_once_the_schedule_is_spent() -> None:
    assert retry_delay_s(len(SCHEDULE) + 1, SCHEDULE) is None
    assert retry_delay_s(len(SCHEDULE) + 5, SCHEDULE) is None


def test_an_empty_schedule_never_retries() -> None:
    assert retry_delay_s(1, []) is None
