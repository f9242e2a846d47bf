"""The priority and retry policy: versioned data (`policies/<version>.json`) and the one function
that reads it. Given the predicted probability that the next attempt delivers, the channel, the
attempt number and the business priority, `decide` names the priority class (which queue), the
retry schedule (delay before the next attempt, backoff, maximum attempts, time to live) and a
fallback channel. A permanent failure code is never retried, whatever the model says.
"""

import functools
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

POLICY_DIR = Path(__file__).resolve().parent / "policies"
CURRENT_POLICY = "v2"


@dataclass(frozen=True)
class RetrySchedule:
    next_delay_s: float | None  # None: no further attempt
    first_delay_s: float
    backoff: float
    max_delay_s: float
    max_attempts: int
    ttl_s: int


@dataclass(frozen=True)
class Decision:
    policy_version: str
    priority_class: str
    retry: RetrySchedule
    fallback: str | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@functools.cache
def load_policy(version: str = CURRENT_POLICY) -> dict[str, Any]:
    """A policy by version; the files are never edited once used, a change is a new version."""
    path = POLICY_DIR / f"{version}.json"
    if not path.is_file():
        raise KeyError(f"no retry policy {version!r}")
    policy: dict[str, Any] = json.loads(path.read_text())
    return policy


def policy_versions() -> list[str]:
    return sorted(path.stem for path in POLICY_DIR.glob("*.json"))


def first_class(business_priority: str, policy: dict[str, Any] | None = None) -> str:
    """The priority class of a first attempt, before any prediction: its business priority's."""
    policy = policy or load_policy()
    return str(policy["business_priority"][business_priority]["class"])


def _delay_factor(policy: dict[str, Any], probability: float) -> float:
    for band in policy["delay_by_probability"]:
        if probability < band["below"]:
            return float(band["factor"])
    return 1.0


def decide(
    *,
    probability: float,
    channel: str,
    next_attempt: int,
    business_priority: str,
    last_response_code: int = 0,
    policy: dict[str, Any] | None = None,
) -> Decision:
    """What to do about a notification whose attempt number `next_attempt` would succeed with
    `probability`; the retry schedule is for the attempt after it, should this one fail."""
    policy = policy or load_policy()
    business = policy["business_priority"][business_priority]
    channel_rules = policy["channels"][channel]
    priority_class = business["class"]
    if business["demote_below"] is not None and probability < business["demote_below"]:
        priority_class = policy["priority_classes"][-1]
    max_attempts = int(channel_rules["max_attempts"]) + int(business["extra_attempts"])
    delay = min(
        channel_rules["first_delay_s"] * channel_rules["backoff"] ** (next_attempt - 1),
        channel_rules["max_delay_s"],
    ) * _delay_factor(policy, probability)
    next_delay: float | None = round(delay, 1)
    reason = "retry on the channel's backoff"
    if last_response_code in policy["permanent_codes"]:
        next_delay, reason = None, f"response code {last_response_code} is a permanent failure"
    elif probability < policy["give_up_below"]:
        next_delay, reason = None, f"delivery is hopeless (p < {policy['give_up_below']})"
    elif next_attempt >= max_attempts:
        next_delay, reason = None, f"attempt {next_attempt} is the last of {max_attempts}"
    return Decision(
        policy_version=policy["version"],
        priority_class=priority_class,
        retry=RetrySchedule(
            next_delay_s=next_delay,
            first_delay_s=float(channel_rules["first_delay_s"]),
            backoff=float(channel_rules["backoff"]),
            max_delay_s=float(channel_rules["max_delay_s"]),
            max_attempts=max_attempts,
            ttl_s=int(channel_rules["ttl_s"] * business["ttl_factor"]),
        ),
        fallback=_fallback(policy, channel, next_attempt, probability, business_priority)
        or (ended_fallback(channel, business_priority, policy) if next_delay is None else None),
        reason=reason,
    )


def after_failure(
    *,
    probability: float,
    channel: str,
    attempts_made: int,
    business_priority: str,
    response_code: int,
    policy: dict[str, Any] | None = None,
) -> Decision:
    """What the retry scheduler does once attempt `attempts_made` failed with `response_code`,
    the next attempt being predicted to deliver with `probability`: `retry.next_delay_s` is the
    wait before that next attempt (None: there is none), `fallback` the channel to switch to.

    `decide` on the attempt just made: its retry schedule is the one for the attempt after it;
    only the fallback, which counts the failures so far, is judged for the next attempt."""
    policy = policy or load_policy()
    decision = decide(
        probability=probability,
        channel=channel,
        next_attempt=attempts_made,
        business_priority=business_priority,
        last_response_code=response_code,
        policy=policy,
    )
    fallback = _fallback(policy, channel, attempts_made + 1, probability, business_priority)
    if decision.retry.next_delay_s is None:
        fallback = fallback or ended_fallback(channel, business_priority, policy)
    return replace(decision, fallback=fallback)


def _fallback(
    policy: dict[str, Any], channel: str, next_attempt: int, probability: float, business: str
) -> str | None:
    """The channel to switch to before `next_attempt`: failed often enough, and unlikely."""
    rule = _fallback_rule(policy, channel, business)
    if rule and next_attempt > rule["after_attempts"] and probability < rule["below"]:
        return str(rule["to"])
    return None


def ended_fallback(
    channel: str, business_priority: str, policy: dict[str, Any] | None = None
) -> str | None:
    """The channel to switch to when this one ends undelivered (no attempt left, a permanent
    code, hopeless, or past its time to live), if the policy says so."""
    rule = _fallback_rule(policy or load_policy(), channel, business_priority)
    return str(rule["to"]) if rule and rule.get("when_ended") else None


def fallback_provider(channel: str, policy: dict[str, Any] | None = None) -> str | None:
    """The provider a fallback from `channel` is sent through (None: the channel's first)."""
    rule = (policy or load_policy())["fallback"].get(channel)
    return rule.get("provider") if rule else None


def _fallback_rule(policy: dict[str, Any], channel: str, business: str) -> dict[str, Any] | None:
    rule: dict[str, Any] | None = policy["fallback"].get(channel)
    return rule if rule is not None and business in rule["for"] else None


def priority_classes(
    probabilities: np.ndarray, business_priorities: np.ndarray, policy: dict[str, Any] | None = None
) -> np.ndarray:
    """`decide`'s priority class for many notifications at once (batch prediction)."""
    policy = policy or load_policy()
    lowest = policy["priority_classes"][-1]
    classes = np.full(len(probabilities), policy["business_priority"]["normal"]["class"], object)
    for name, rule in policy["business_priority"].items():
        chosen = business_priorities == name
        classes[chosen] = rule["class"]
        if rule["demote_below"] is not None:
            classes[chosen & (probabilities < rule["demote_below"])] = lowest
    return classes
