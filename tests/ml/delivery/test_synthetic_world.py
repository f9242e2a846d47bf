"""The synthetic notification world has the structure the issue asks a model to learn."""

from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from ml.delivery.features import events_from_logs
from ml.synthetic.notifications import (
    LEGACY_MAX_ATTEMPTS,
    PERMANENT_CODES,
    generate_notifications,
    in_outage,
)


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    notifications, attempts = generate_notifications(
        count=30_000, start=datetime(2026, 10, 5), days=14, seed=1
    )
    return events_from_logs(notifications, attempts)


def _rate(frame: pd.DataFrame) -> float:
    return float(frame["delivered"].mean())


def test_the_same_seed_gives_the_same_logs() -> None:
    first = generate_notifications(count=500, start=datetime(2026, 1, 1), days=3, seed=9)
    second = generate_notifications(count=500, start=datetime(2026, 1, 1), days=3, seed=9)
    other = generate_notifications(count=500, start=datetime(2026, 1, 1), days=3, seed=10)

    pd.testing.assert_frame_equal(first[1], second[1])
    assert not first[1].equals(other[1])


def test_a_provider_is_worse_in_its_outage_hours(events: pd.DataFrame) -> None:
    twilio = events[(events["provider"] == "twilio") & (events["previous_attempts"] == 0)]
    hours = twilio["send_time"].dt.hour

    assert _rate(twilio[hours.between(14, 15)]) < _rate(twilio[~hours.between(14, 15)]) - 0.2


def test_countries_and_channels_differ(events: pd.DataFrame) -> None:
    first = events[events["previous_attempts"] == 0]
    sms = first[first["channel"] == "sms"]

    assert (
        _rate(sms[sms["recipient_country"] == "NG"])
        < _rate(sms[sms["recipient_country"] == "US"]) - 0.1
    )
    assert _rate(first[first["channel"] == "email"]) > _rate(first[first["channel"] == "push"])


def test_long_sms_deliver_less_and_over_the_limit_never(events: pd.DataFrame) -> None:
    sms = events[(events["channel"] == "sms") & (events["previous_attempts"] == 0)]

    assert _rate(sms[sms["payload_size"] > 480]) < _rate(sms[sms["payload_size"] <= 160]) - 0.1
    assert _rate(sms[sms["payload_size"] > 1600]) < 0.05


def test_each_failure_makes_the_next_attempt_less_likely(events: pd.DataFrame) -> None:
    rates = events.groupby("previous_attempts")["delivered"].mean()

    assert list(rates.index) == list(range(LEGACY_MAX_ATTEMPTS))
    assert all(np.diff(rates.to_numpy()) < 0)


def test_after_a_permanent_failure_code_delivery_is_all_but_impossible(
    events: pd.DataFrame,
) -> None:
    after_permanent = events[events["response_code"].isin(list(PERMANENT_CODES))]

    assert len(after_permanent) > 100  # the legacy policy retried them blindly
    assert _rate(after_permanent) < 0.02


def test_outage_hours_do_not_depend_on_the_times_unit() -> None:
    # The generator's times are nanoseconds, the simulated provider's (now) microseconds.
    hours = pd.date_range("2026-10-01", periods=28 * 24, freq="h", unit="ns")
    providers = np.full(len(hours), "mailgun", dtype=object)

    in_ns = in_outage(providers, hours)
    in_us = in_outage(providers, hours.as_unit("us"))

    np.testing.assert_array_equal(in_ns[1], in_us[1])
    assert in_ns[1].any()  # some one-off outage hours in four weeks
