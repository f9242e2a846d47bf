"""The request path's prediction of one payload is the batch path's, number for number."""

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from ml.delivery.bootstrap import load_bootstrap
from ml.delivery.features import INPUT_COLUMNS, encode, encode_one, events_from_logs
from ml.delivery.models import DeliveryModel, load_model, predict, predict_row
from ml.delivery.single_row import SingleRowPredictor
from ml.synthetic.notifications import generate_notifications


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    """Every channel, long and oversized payloads, permanent codes, several attempts."""
    notifications, attempts = generate_notifications(
        count=3_000, start=datetime(2026, 10, 1), days=3, seed=5
    )
    return events_from_logs(notifications, attempts)


@pytest.fixture(scope="module", params=["lightgbm", "logistic"])
def model(request: pytest.FixtureRequest) -> DeliveryModel:
    entry = next(e for e in load_bootstrap() if e["kind"] == request.param)
    return load_model(entry["artifact"])


def _payloads(events: pd.DataFrame) -> list[dict[str, object]]:
    payloads = events[list(INPUT_COLUMNS)].to_dict("records")
    for payload in payloads:
        payload["send_time"] = payload["send_time"].to_pydatetime().replace(tzinfo=UTC)
    return payloads


def test_each_payload_encodes_as_its_row_of_the_batch(events: pd.DataFrame) -> None:
    assert {"sms", "push", "email"} == set(events["channel"])
    assert (events["payload_size"] > 1600).any()  # an SMS past its limit
    assert events["response_code"].isin([550, 404, 21211, 413]).any()

    one_by_one = np.vstack([encode_one(payload) for payload in _payloads(events)])

    np.testing.assert_array_equal(one_by_one, encode(events))


def test_a_payload_predicts_as_its_row_of_the_batch(
    events: pd.DataFrame, model: DeliveryModel
) -> None:
    matrix = encode(events)

    one_by_one = [predict_row(model, matrix[index]) for index in range(len(matrix))]

    np.testing.assert_allclose(one_by_one, predict(model, matrix), rtol=1e-12, atol=1e-12)


def test_the_fast_single_row_path_is_the_boosters(events: pd.DataFrame) -> None:
    entry = next(e for e in load_bootstrap() if e["kind"] == "lightgbm")
    booster = load_model(entry["artifact"]).booster  # type: ignore[attr-defined]
    predictor = SingleRowPredictor(booster)
    matrix = encode(events.iloc[:500])

    fast = [predictor(row) for row in matrix]

    np.testing.assert_allclose(fast, booster.predict(matrix), rtol=1e-12)
    with pytest.raises(ValueError, match="expected 14 features"):
        predictor(matrix[0, :5])


def test_naive_and_pandas_times_encode_as_utc() -> None:
    payload = {
        "channel": "sms",
        "provider": "twilio",
        "recipient_country": "NG",
        "template_type": "otp",
        "payload_size": 170,
        "send_time": datetime(2026, 11, 2, 14, 30, tzinfo=UTC),
        "previous_attempts": 1,
        "last_status": "timeout",
        "response_code": 504,
        "latency_ms": 10_000,
    }
    aware = encode_one(payload)

    naive = encode_one(payload | {"send_time": datetime(2026, 11, 2, 14, 30)})
    stamp = encode_one(payload | {"send_time": pd.Timestamp("2026-11-02T14:30:00Z")})
    numpy = encode_one(payload | {"send_time": np.datetime64("2026-11-02T14:30:00")})

    for other in (naive, stamp, numpy):
        np.testing.assert_array_equal(other, aware)
    assert aware[0, -5] == 2.0  # 170 characters: two SMS segments
