"""Feature drift: the same population is stable, a shifted one is flagged."""

from datetime import datetime

import pytest

from ml.delivery.drift import PSI_ALERT, drift_alerts, population_stability, training_profile
from ml.delivery.features import encode, events_from_logs
from ml.synthetic.notifications import generate_notifications


@pytest.fixture(scope="module")
def matrices() -> tuple:
    notifications, attempts = generate_notifications(
        count=6_000, start=datetime(2026, 9, 1), days=6, seed=5
    )
    events = events_from_logs(notifications, attempts)
    half = len(events) // 2
    # Training on the first days, monitoring the last ones: other weekdays, the same world.
    return encode(events.iloc[:half]), encode(events.iloc[half:]), events.iloc[half:]


def test_a_later_sample_of_the_same_world_does_not_drift(matrices: tuple) -> None:
    train, later, _ = matrices

    psi = population_stability(training_profile(train), later)

    assert max(psi.values()) < 0.1
    assert "weekday" not in psi  # a window's weekdays are the window's, not drift
    assert drift_alerts(psi) == []


def test_a_channel_mix_shift_is_an_alert(matrices: tuple) -> None:
    train, _, later_events = matrices
    sms_only = encode(later_events[later_events["channel"] == "sms"])

    psi = population_stability(training_profile(train), sms_only)
    alerts = drift_alerts(psi)

    assert psi["channel"] > PSI_ALERT
    assert alerts[0]["level"] == "alert"
    assert "channel" in [alert["feature"] for alert in alerts]
