"""The retry policy is data: it maps probability, channel, attempt and business priority to a
priority class, a retry schedule and a fallback; permanent failures are never retried."""

import pytest

from ml.delivery.policy import (
    after_failure,
    decide,
    ended_fallback,
    fallback_provider,
    load_policy,
    policy_versions,
)


def test_the_current_policy_is_versioned_data() -> None:
    assert {"v1", "v2"} <= set(policy_versions())
    assert load_policy("v1")["version"] == "v1"
    assert load_policy()["version"] == "v2"
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


def _after(attempts_made: int, **fields: object) -> object:
    arguments: dict[str, object] = {
        "probability": 0.9,
        "channel": "push",
        "business_priority": "normal",
        "response_code": 503,
    }
    return after_failure(attempts_made=attempts_made, **(arguments | fields))  # type: ignore[arg-type]


def test_the_first_retry_waits_the_first_delay_and_the_last_attempt_is_made() -> None:
    first = _after(1)
    third = _after(3)
    fourth = _after(4)

    assert first.retry.next_delay_s == 15  # push: 15 s, then doubling
    assert third.retry.next_delay_s == 15 * 2**2  # before the fourth and last attempt
    assert fourth.retry.next_delay_s is None
    assert "attempt 4 is the last of 4" in fourth.reason


def test_a_push_that_keeps_failing_falls_back_to_sms_when_unlikely_or_when_it_ends() -> None:
    unlikely = _after(2, probability=0.2, business_priority="high")
    likely = _after(2, probability=0.6, business_priority="high")
    spent = _after(5, probability=0.6, business_priority="high")  # high: 4 + 1 attempts

    assert unlikely.fallback == "sms"
    assert likely.fallback is None
    assert likely.retry.next_delay_s is not None
    assert spent.retry.next_delay_s is None
    assert spent.fallback == "sms"
    assert fallback_provider("push") == "twilio"


def test_a_permanent_failure_is_not_retried_and_only_a_critical_push_falls_back() -> None:
    unregistered = _after(1, response_code=404, business_priority="critical")
    normal = _after(1, response_code=404)
    invalid_number = _after(1, channel="sms", response_code=21211, business_priority="critical")

    assert unregistered.retry.next_delay_s is None
    assert unregistered.fallback == "sms"  # a token gone says nothing about the phone
    assert normal.fallback is None
    assert invalid_number.retry.next_delay_s is None
    assert invalid_number.fallback is None


def test_the_first_policy_falls_back_only_when_unlikely() -> None:
    v1 = load_policy("v1")

    assert ended_fallback("push", "critical", v1) is None
    assert _after(5, probability=0.6, business_priority="high", policy=v1).fallback is None
    assert ended_fallback("push", "critical") == "sms"
