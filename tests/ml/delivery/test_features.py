"""One feature pipeline: a single payload encodes exactly as its row in a batch does."""

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from ml.delivery.features import CATEGORICAL, FEATURES, INPUT_COLUMNS, encode, encode_one

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "delivery" / "sample" / "events.csv"


def _events() -> pd.DataFrame:
    events = pd.read_csv(SAMPLE, parse_dates=["send_time"])
    return events.iloc[:300]


def test_a_payload_encodes_as_its_row_of_the_batch() -> None:
    events = _events()
    batch = encode(events)

    for index in (0, 17, 123, 299):
        row = events.iloc[index]
        payload = {name: row[name] for name in INPUT_COLUMNS}
        payload["send_time"] = row["send_time"].to_pydatetime().replace(tzinfo=UTC)
        np.testing.assert_array_equal(encode_one(payload), batch[index : index + 1])


def test_small_and_large_batches_encode_alike() -> None:
    events = _events()

    np.testing.assert_array_equal(encode(events.iloc[:10]), encode(events)[:10])


def test_an_unknown_category_is_missing_not_an_error() -> None:
    payload = {
        "channel": "pigeon",
        "provider": "fcm",
        "recipient_country": "XX",
        "template_type": "otp",
        "payload_size": 100,
        "send_time": datetime(2026, 11, 2, 14, 30, tzinfo=UTC),
        "previous_attempts": 0,
        "last_status": "none",
        "response_code": 0,
        "latency_ms": 0,
    }

    row = dict(zip(FEATURES, encode_one(payload)[0], strict=True))

    assert row["channel"] == -1
    assert row["recipient_country"] == -1
    assert row["hour"] == 14
    assert row["weekday"] == 0  # a Monday
    assert len(row) == len(CATEGORICAL) + 8
