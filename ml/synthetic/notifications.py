"""A synthetic world of notification deliveries (seed 003), and the latent model that drives it.

One function, `delivery_probability`, says how likely an attempt is to deliver. The generator of
historical logs (`generate_notifications`) and the simulated provider that performs the retries
the service schedules both draw their outcomes from it, so the model learns the same world it is
then used in. The structure to be learnt:
- a channel base rate, provider quality, and a country effect per channel;
- provider outages by hour: a daily degraded window per provider, plus one-off outage hours drawn
  from a hash of (provider, day, hour), during which latencies also rise;
- payload size against the channel's limits (an SMS over 160 characters is split in segments,
  over 1,600 it is rejected; a push over 4 KiB is rejected);
- attempt fatigue: every earlier failure lowers the odds of the next attempt;
- the previous attempt's status, latency, and codes that mean permanent failure (an unregistered
  push token, a hard bounce, an invalid phone number): after them delivery is all but impossible;
- an unobserved recipient quality, so no model can be perfect.

The historical logs come from the blind retry policy the service replaces (fixed backoff, up to
`LEGACY_MAX_ATTEMPTS`, retrying permanent failures too), which is why they hold attempts after a
permanent failure to learn from.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

CHANNELS = ("email", "sms", "push")
PROVIDERS = {
    "email": ("sendgrid", "ses", "mailgun"),
    "sms": ("twilio", "vonage"),
    "push": ("fcm", "apns"),
}
ALL_PROVIDERS = tuple(provider for names in PROVIDERS.values() for provider in names)
COUNTRIES = ("US", "GB", "DE", "FR", "IN", "BR", "NG", "KE", "ID", "MX", "JP", "ZA")
TEMPLATES = ("otp", "transactional", "alert", "marketing", "digest")
PRIORITIES = ("critical", "high", "normal", "low")
# How an attempt ended; "none" is the state before the first attempt.
STATUSES = (
    "none",
    "delivered",
    "soft_bounce",
    "throttled",
    "timeout",
    "provider_error",
    "rejected",
)
FAILURE_STATUSES = STATUSES[2:]

# Response codes of failed attempts. Permanent ones mean the address itself will never work.
PERMANENT_CODES = {
    550: "hard bounce (the mailbox does not exist)",
    404: "unregistered push token",
    21211: "invalid phone number",
    413: "payload too large for the channel",
}
TEMPORARY_CODES = {"email": 421, "sms": 30003, "push": 503}
THROTTLED_CODE, TIMEOUT_CODE, DELIVERED_CODE = 429, 504, 200
PERMANENT_CODE_OF = {"email": 550, "sms": 21211, "push": 404}

SMS_SEGMENT_CHARS, SMS_PART_CHARS, SMS_MAX_CHARS, PUSH_MAX_BYTES = 160, 153, 1600, 4096
LEGACY_MAX_ATTEMPTS = 5
LEGACY_BACKOFF_S = (60, 300, 1800, 7200)

_CHANNEL_BASE = {"email": 2.3, "sms": 1.7, "push": 1.4}
_PROVIDER_EFFECT = {
    "sendgrid": 0.3,
    "ses": 0.2,
    "mailgun": -0.3,
    "twilio": 0.25,
    "vonage": -0.35,
    "fcm": 0.1,
    "apns": 0.35,
}
# (first hour, last hour) UTC of each provider's daily degraded window.
_DAILY_OUTAGE = {
    "mailgun": (3, 4),
    "twilio": (14, 15),
    "vonage": (8, 9),
    "fcm": (20, 20),
    "sendgrid": (23, 23),
}
_OUTAGE_EFFECT, _ONE_OFF_OUTAGE_RATE, _ONE_OFF_EFFECT = -2.2, 0.02, -3.0
_TEMPLATE_EFFECT = {
    "otp": 0.3,
    "transactional": 0.2,
    "alert": 0.0,
    "marketing": -0.5,
    "digest": -0.2,
}
_LAST_STATUS_EFFECT = {
    "none": 0.0,
    "delivered": 0.0,
    "soft_bounce": -0.8,
    "throttled": -0.25,
    "timeout": -0.5,
    "provider_error": -0.2,
    "rejected": -1.0,
}
_COUNTRY_CHANNEL_EFFECT = {
    ("NG", "sms"): -1.1,
    ("KE", "sms"): -0.7,
    ("IN", "sms"): -0.8,
    ("ID", "sms"): -0.6,
    ("BR", "email"): -0.5,
    ("IN", "email"): -0.4,
    ("JP", "push"): 0.5,
    ("DE", "email"): 0.4,
    ("US", "push"): 0.3,
    ("MX", "push"): -0.5,
    ("ZA", "sms"): -0.4,
}
_FATIGUE = -0.45
_PERMANENT_EFFECT = -7.0
_SLOW_LATENCY_MS, _SLOW_EFFECT = 2000, -0.4


def _hash01(*keys: np.ndarray) -> np.ndarray:
    """A deterministic pseudo-random number in [0, 1) for each row of integer keys."""
    value = np.full(len(keys[0]), 0x9E3779B9, dtype=np.uint64)
    for key in keys:
        value = (value ^ key.astype(np.uint64)) * np.uint64(0x100000001B3)
        value ^= value >> np.uint64(29)
    return (value % np.uint64(1 << 24)).astype(np.float64) / float(1 << 24)


def _codes(values: np.ndarray, vocabulary: tuple[str, ...]) -> np.ndarray:
    return pd.Categorical(values, categories=vocabulary).codes.astype(np.int64)


def in_outage(providers: np.ndarray, times: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """(in the provider's daily degraded window, in a one-off outage hour), per row."""
    hours = times.hour.to_numpy()
    daily = np.zeros(len(hours), dtype=bool)
    for provider, (first, last) in _DAILY_OUTAGE.items():
        daily |= (providers == provider) & (hours >= first) & (hours <= last)
    # In nanoseconds whatever the index's unit (pandas 3 makes datetimes microseconds), so the
    # simulated provider sees the same outage hours as the generated logs.
    day_number = (times.as_unit("ns").asi8 // (86_400 * 10**9)).astype(np.int64)
    one_off = _hash01(_codes(providers, ALL_PROVIDERS), day_number, hours) < _ONE_OFF_OUTAGE_RATE
    return daily, one_off


def recipient_quality(notification_ids: np.ndarray) -> np.ndarray:
    """The recipient's unobserved quality, a fixed function of the notification's number."""
    return (_hash01(notification_ids.astype(np.int64), np.full(len(notification_ids), 7)) - 0.5) * 2


def sms_segments(payload_size: Any) -> Any:
    """Segments an SMS of this many characters is sent as (153 per part once it is split); of
    one size (in plain floats, for the request path) or of an array of them."""
    if isinstance(payload_size, int | float):
        if payload_size <= SMS_SEGMENT_CHARS:
            return 1.0
        return float(math.ceil(payload_size / SMS_PART_CHARS))
    return np.where(payload_size <= SMS_SEGMENT_CHARS, 1, np.ceil(payload_size / SMS_PART_CHARS))


def over_channel_limit(channels: Any, payload_size: Any) -> Any:
    """Whether each payload is past its channel's limit (arrays, or one channel and size)."""
    return ((channels == "sms") & (payload_size > SMS_MAX_CHARS)) | (
        (channels == "push") & (payload_size > PUSH_MAX_BYTES)
    )


@dataclass(frozen=True)
class Attempts:
    """Columns describing attempts about to be made (numpy arrays of equal length)."""

    notification_ids: np.ndarray
    channels: np.ndarray
    providers: np.ndarray
    countries: np.ndarray
    templates: np.ndarray
    payload_sizes: np.ndarray
    times: pd.DatetimeIndex
    previous_attempts: np.ndarray
    last_statuses: np.ndarray
    last_response_codes: np.ndarray
    last_latencies_ms: np.ndarray


def _lookup(values: np.ndarray, table: dict[str, float]) -> np.ndarray:
    return pd.Series(values).map(table).fillna(0.0).to_numpy(dtype=float)


def delivery_logit(attempts: Attempts) -> np.ndarray:
    """The latent log-odds that each attempt delivers."""
    a = attempts
    logit = _lookup(a.channels, _CHANNEL_BASE) + _lookup(a.providers, _PROVIDER_EFFECT)
    pairs = pd.Series(list(zip(a.countries, a.channels, strict=True)), dtype=object)
    logit += pairs.map(_COUNTRY_CHANNEL_EFFECT).fillna(0.0).to_numpy(dtype=float)
    logit += _lookup(a.templates, _TEMPLATE_EFFECT) + _lookup(a.last_statuses, _LAST_STATUS_EFFECT)
    daily, one_off = in_outage(a.providers, a.times)
    logit += np.where(daily, _OUTAGE_EFFECT, 0.0) + np.where(one_off, _ONE_OFF_EFFECT, 0.0)
    sms = a.channels == "sms"
    logit -= np.where(sms, 0.35 * (sms_segments(a.payload_sizes) - 1), 0.0)
    logit += np.where(over_channel_limit(a.channels, a.payload_sizes), _PERMANENT_EFFECT, 0.0)
    logit += _FATIGUE * a.previous_attempts
    logit += np.where(a.last_latencies_ms > _SLOW_LATENCY_MS, _SLOW_EFFECT, 0.0)
    permanent = np.isin(a.last_response_codes, list(PERMANENT_CODES))
    logit += np.where(permanent, _PERMANENT_EFFECT, 0.0)
    return logit + recipient_quality(a.notification_ids)


def delivery_probability(attempts: Attempts) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-delivery_logit(attempts)))


@dataclass(frozen=True)
class Outcomes:
    delivered: np.ndarray
    statuses: np.ndarray
    response_codes: np.ndarray
    latencies_ms: np.ndarray


def draw_outcomes(attempts: Attempts, rng: np.random.Generator) -> Outcomes:
    """Perform the attempts: delivered or not, with the status, code and latency a provider
    would report."""
    count = len(attempts.channels)
    delivered = rng.random(count) < delivery_probability(attempts)
    channels = attempts.channels
    too_large = over_channel_limit(channels, attempts.payload_sizes)
    permanent = too_large | (
        rng.random(count)
        < pd.Series(channels).map({"email": 0.12, "sms": 0.08, "push": 0.18}).to_numpy(dtype=float)
    )
    failure = rng.choice(np.array(FAILURE_STATUSES[:4]), size=count, p=[0.3, 0.3, 0.2, 0.2])
    statuses = np.where(delivered, "delivered", np.where(permanent, "rejected", failure))
    temporary = pd.Series(channels).map(TEMPORARY_CODES).to_numpy(dtype=np.int64)
    codes = np.select(
        [delivered, too_large, permanent, statuses == "throttled", statuses == "timeout"],
        [
            DELIVERED_CODE,
            413,
            pd.Series(channels).map(PERMANENT_CODE_OF).to_numpy(dtype=np.int64),
            THROTTLED_CODE,
            TIMEOUT_CODE,
        ],
        default=temporary,
    )
    daily, one_off = in_outage(attempts.providers, attempts.times)
    base_ms = pd.Series(channels).map({"email": 400, "sms": 800, "push": 150}).to_numpy(float)
    latency = base_ms * rng.lognormal(0.0, 0.5, count) * np.where(daily | one_off, 4.0, 1.0)
    latency = np.where(statuses == "timeout", 10_000.0, latency)
    return Outcomes(delivered, statuses, codes.astype(np.int64), latency.round().astype(np.int64))


# --- Historical logs ---------------------------------------------------------------------------


def _notifications(
    count: int, start: datetime, days: int, rng: np.random.Generator
) -> pd.DataFrame:
    channels = rng.choice(np.array(CHANNELS), size=count, p=[0.45, 0.25, 0.30])
    providers = np.empty(count, dtype=object)
    for channel, names in PROVIDERS.items():
        where = channels == channel
        providers[where] = rng.choice(np.array(names), size=int(where.sum()))
    country_weights = np.array([20, 8, 7, 6, 14, 9, 7, 4, 7, 6, 6, 6], dtype=float)
    countries = rng.choice(
        np.array(COUNTRIES), size=count, p=country_weights / country_weights.sum()
    )
    templates = rng.choice(np.array(TEMPLATES), size=count, p=[0.15, 0.3, 0.1, 0.3, 0.15])
    # A few SMS are long texts pasted whole: split in many segments, some past the limit.
    sms_sizes = np.where(
        rng.random(count) < 0.04, rng.lognormal(6.7, 0.5, count), rng.lognormal(4.8, 0.6, count)
    )
    payload = np.select(
        [channels == "email", channels == "sms"],
        [rng.lognormal(9.8, 0.8, count), sms_sizes],
        default=rng.lognormal(6.3, 0.7, count),
    )
    priority = (
        pd.Series(templates)
        .map({"otp": "critical", "alert": "high", "transactional": "high", "digest": "low"})
        .fillna("normal")
    )
    offsets = np.sort(rng.random(count)) * days * 86_400
    created = pd.Timestamp(start) + pd.to_timedelta(offsets, unit="s")
    return pd.DataFrame(
        {
            "notification_id": np.arange(1, count + 1),
            "channel": channels,
            "provider": providers.astype(str),
            "recipient_country": countries,
            "template_type": templates,
            "payload_size": np.maximum(payload.round(), 1).astype(np.int64),
            "business_priority": priority.to_numpy(),
            "send_time": created.floor("s"),
        }
    )


def generate_notifications(
    *, count: int, start: datetime, days: int, seed: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`count` notifications sent over `days` days from `start` under the legacy blind-retry
    policy, and every attempt made for them: (notifications, attempts). Same seed, same data."""
    rng = np.random.default_rng(seed)
    notifications = _notifications(count, start, days, rng)
    rounds: list[pd.DataFrame] = []
    state = notifications.assign(
        attempted_at=notifications["send_time"],
        previous_attempts=0,
        last_status="none",
        last_response_code=0,
        last_latency_ms=0,
    )
    for attempt in range(1, LEGACY_MAX_ATTEMPTS + 1):
        outcomes = draw_outcomes(attempts_of(state), rng)
        done = state.assign(
            attempt=attempt,
            status=outcomes.statuses,
            response_code=outcomes.response_codes,
            latency_ms=outcomes.latencies_ms,
            delivered=outcomes.delivered,
        )
        rounds.append(done)
        if attempt == LEGACY_MAX_ATTEMPTS:
            break
        failed = done[~done["delivered"]]
        backoff = LEGACY_BACKOFF_S[attempt - 1] * rng.uniform(0.8, 1.2, len(failed))
        state = failed.assign(
            attempted_at=failed["attempted_at"] + pd.to_timedelta(backoff.round(), unit="s"),
            previous_attempts=attempt,
            last_status=failed["status"],
            last_response_code=failed["response_code"],
            last_latency_ms=failed["latency_ms"],
        )[state.columns]
    attempts = pd.concat(rounds, ignore_index=True)
    attempts = attempts.sort_values(["notification_id", "attempt"], ignore_index=True)
    columns = ["notification_id", "attempt", "attempted_at", "provider", "status"]
    return notifications, attempts[[*columns, "response_code", "latency_ms", "delivered"]]


def attempts_of(frame: pd.DataFrame) -> Attempts:
    """The latent model's view of a frame with the event columns (see `EVENT_COLUMNS`)."""
    return Attempts(
        notification_ids=frame["notification_id"].to_numpy(dtype=np.int64),
        channels=frame["channel"].to_numpy(dtype=object),
        providers=frame["provider"].to_numpy(dtype=object),
        countries=frame["recipient_country"].to_numpy(dtype=object),
        templates=frame["template_type"].to_numpy(dtype=object),
        payload_sizes=frame["payload_size"].to_numpy(dtype=np.int64),
        times=pd.DatetimeIndex(frame["attempted_at"]),
        previous_attempts=frame["previous_attempts"].to_numpy(dtype=np.int64),
        last_statuses=frame["last_status"].to_numpy(dtype=object),
        last_response_codes=frame["last_response_code"].to_numpy(dtype=np.int64),
        last_latencies_ms=frame["last_latency_ms"].to_numpy(dtype=np.int64),
    )


def next_legacy_delay(attempt: int) -> timedelta:
    return timedelta(seconds=LEGACY_BACKOFF_S[min(attempt, len(LEGACY_BACKOFF_S)) - 1])
