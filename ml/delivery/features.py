"""The one feature pipeline: training, batch prediction and `POST /predict` all call `encode`.

Its input is the state of a notification just before an attempt, in seed 003's fields (the
`INPUT_COLUMNS`, as a frame or a mapping of equal-length columns); `send_time` is when the attempt
is made, and `last_status`, `response_code` and `latency_ms` describe the attempt before it. Its
output is a float matrix whose columns are `FEATURES`: categorical fields as their index in a fixed
vocabulary (-1 when unknown, which LightGBM reads as missing), the rest as numbers.
"""

import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from ml.synthetic.notifications import (
    ALL_PROVIDERS,
    CHANNELS,
    COUNTRIES,
    PERMANENT_CODES,
    STATUSES,
    TEMPLATES,
    over_channel_limit,
    sms_segments,
)

INPUT_COLUMNS = (
    "channel",
    "provider",
    "recipient_country",
    "template_type",
    "payload_size",
    "send_time",
    "previous_attempts",
    "last_status",
    "response_code",
    "latency_ms",
)
# What a notification is, whatever happened to it (the other inputs describe its attempts).
NOTIFICATION_FIELDS = (
    "channel",
    "provider",
    "recipient_country",
    "template_type",
    "payload_size",
)
RESPONSE_CODES = (0, 200, 421, 429, 503, 504, 30003, *PERMANENT_CODES)
VOCABULARIES: dict[str, tuple[Any, ...]] = {
    "channel": CHANNELS,
    "provider": ALL_PROVIDERS,
    "recipient_country": COUNTRIES,
    "template_type": TEMPLATES,
    "last_status": STATUSES,
    "response_code": RESPONSE_CODES,
}
CATEGORICAL = tuple(VOCABULARIES)
NUMERIC = (
    "hour",
    "weekday",
    "log_payload_size",
    "sms_segments",
    "over_channel_limit",
    "previous_attempts",
    "permanent_code",
    "latency_ms",
)
FEATURES = (*CATEGORICAL, *NUMERIC)
# Below this many rows a dictionary lookup beats building a pandas Categorical.
_SMALL = 64
_INDEXES = {
    name: {value: i for i, value in enumerate(vocab)} for name, vocab in VOCABULARIES.items()
}

Columns = Mapping[str, Sequence[Any] | np.ndarray | pd.Series]


def _category_codes(name: str, values: Any) -> np.ndarray:
    if len(values) < _SMALL:
        index = _INDEXES[name]
        return np.array([index.get(value, -1) for value in values], dtype=np.float64)
    codes = pd.Categorical(values, categories=list(VOCABULARIES[name])).codes
    return codes.astype(np.float64)


def _seconds(times: Any) -> np.ndarray:
    """Unix seconds of each time (datetimes, pandas timestamps or datetime64; naive ones are
    taken as UTC, as everywhere in PulseTrack)."""
    if len(times) < _SMALL:
        return np.array([int(pd.Timestamp(time).timestamp()) for time in times], dtype=np.int64)
    index = pd.to_datetime(pd.Index(times), utc=True)
    return np.asarray(index.as_unit("s").asi8, dtype=np.int64)


def encode(columns: Columns) -> np.ndarray:
    """The feature matrix (rows x `FEATURES`) of these inputs."""
    missing = [name for name in INPUT_COLUMNS if name not in columns]
    if missing:
        raise KeyError(f"missing input columns: {', '.join(missing)}")
    categorical = [_category_codes(name, columns[name]) for name in CATEGORICAL]
    channels = np.asarray(columns["channel"], dtype=object)
    payload = np.asarray(columns["payload_size"], dtype=np.float64)
    seconds = _seconds(columns["send_time"])
    codes = np.asarray(columns["response_code"], dtype=np.int64)
    numeric = [
        ((seconds // 3600) % 24).astype(np.float64),
        (((seconds // 86_400) + 3) % 7).astype(np.float64),  # 1970-01-01 was a Thursday
        np.log1p(np.maximum(payload, 0)),
        np.where(channels == "sms", sms_segments(payload), 0.0),
        over_channel_limit(channels, payload).astype(np.float64),
        np.asarray(columns["previous_attempts"], dtype=np.float64),
        np.isin(codes, list(PERMANENT_CODES)).astype(np.float64),
        np.asarray(columns["latency_ms"], dtype=np.float64),
    ]
    return np.column_stack([*categorical, *numeric])


def encode_one(payload: Mapping[str, Any]) -> np.ndarray:
    """One notification's feature row (a 1 x `FEATURES` matrix), as `encode` makes it.

    The request path's version: the same arithmetic on plain Python numbers, because numpy and
    pandas cost microseconds per call on one value, which is most of a prediction. The channel
    rules are the synthetic world's functions themselves, and a test encodes a varied sample
    both ways and compares every row."""
    channel, size = payload["channel"], float(payload["payload_size"])
    seconds = _unix_seconds(payload["send_time"])
    row = [float(_INDEXES[name].get(payload[name], -1)) for name in CATEGORICAL]
    row += [
        float((seconds // 3600) % 24),
        float(((seconds // 86_400) + 3) % 7),
        float(np.log1p(max(size, 0.0))),  # numpy's, to the last bit of the batch's
        sms_segments(size) if channel == "sms" else 0.0,
        float(over_channel_limit(channel, size)),
        float(payload["previous_attempts"]),
        1.0 if int(payload["response_code"]) in PERMANENT_CODES else 0.0,
        float(payload["latency_ms"]),
    ]
    return np.array([row], dtype=np.float64)


def _unix_seconds(time: Any) -> int:
    """Whole Unix seconds, floored like `_seconds` (naive times are UTC)."""
    if not isinstance(time, datetime):
        time = pd.Timestamp(time).to_pydatetime()
    if time.tzinfo is None:
        time = time.replace(tzinfo=UTC)
    return math.floor(time.timestamp())


def events_from_logs(notifications: pd.DataFrame, attempts: pd.DataFrame) -> pd.DataFrame:
    """One row per attempt: the notification's state before it (`INPUT_COLUMNS`) and whether it
    delivered (`delivered`). The training set, from generated logs or stored ones alike."""
    ordered = attempts.sort_values(["notification_id", "attempt"])
    previous = ordered.groupby("notification_id", sort=False)
    events = ordered.assign(
        previous_attempts=ordered["attempt"] - 1,
        last_status=previous["status"].shift(1).fillna("none"),
        response_code=previous["response_code"].shift(1).fillna(0).astype(np.int64),
        latency_ms=previous["latency_ms"].shift(1).fillna(0).astype(np.int64),
        send_time=ordered["attempted_at"],
    ).drop(columns=["provider", "status"])
    static = notifications[["notification_id", *NOTIFICATION_FIELDS]]
    events = events.merge(static, on="notification_id", how="inner", validate="many_to_one")
    return events[["notification_id", "attempt", *INPUT_COLUMNS, "delivered"]].sort_values(
        ["send_time", "notification_id"], ignore_index=True
    )
