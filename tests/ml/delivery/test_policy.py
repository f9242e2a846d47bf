"""The retry policy is data: it maps probability, channel, attempt and business priority to a
priority class, a retry schedule and a fallback; permanent failures are never retried."""

import pytest

from ml.delivery.policy import decide, load_policy, policy_versions


def test_the_current_policy_is_versioned_data() -> None:
    assert "v1" in policy_versions()
    assert load_policy("v1")["version"] == "v1"
    with pytest.raises(KeyError):
        load_policy("v0")


def test_a_likely_delivery_keeps_its_business_priority_and_backs_off_per_channel() -> None:
    first = decide(probability=0.9, channel="sms", next_attempt=1, business_priority="high")
    third = decide(probability=0.9, channel="sms", next_attempt=3, business_priority="high")

    assert first.priority_class == "high"
    assert first.retry.next_delay_s == 30
    assert third.retry.next_delay_s == 30 * 3**2
    assert first.retry.max_attempts == 5  # sms allows 4, a high priority one more
    assert first.fallback is None


def test_an_unlikely_delivery_is_demoted_and_waits_longer() -> None:
    likely = decide(probability=0.9, channel="email", next_attempt=1, business_priority="normal")
    unlikely = decide(probability=0.1, channel="email", next_attempt=1, business_priority="normal")

    assert unlikely.priority_class == "low"
    assert unlikely.retry.next_delay_s == 4 * likely.retry.next_delay_s


def test_critical_stays_high_and_a_failing_push_falls_back_to_sms() -> None:
    decision = decide(probability=0.1, channel="push", next_attempt=3, business_priority="critical")

    assert decision.priority_class == "high"
    assert decision.fallback == "sms"


@pytest.mark.parametrize("code", [550, 404, 21211, 413])
def test_permanent_failures_are_never_retried(code: int) -> None:
    decision = decide(
        probability=0.99,
        channel="email",
        next_attempt=2,
        business_priority="critical",
        last_response_code=code,
    )

    assert decision.retry.next_delay_s is None
    assert "permanent" in decision.reason


def test_no_retry_after_the_last_attempt_or_when_hopeless() -> None:
    last = decide(probability=0.5, channel="push", next_attempt=4, business_priority="normal")
    hopeless = decide(probability=0.01, channel="push", next_attempt=1, business_priority="normal")

    assert last.retry.next_delay_s is None
    assert hopeless.retry.next_delay_s is None
