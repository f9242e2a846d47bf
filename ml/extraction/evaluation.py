"""Scoring extractions against gold labels and against each other, and the comparison report.

Every field is a leaf path of the target's schema (`meal_type`, `items[].food`, `vitals[].value`).
A text's score on a field is the F1 of the multisets of values found at that path in the answer
and in the gold label (strings compared case- and space-insensitively, numbers to one decimal),
so a list is scored item by item whatever its order, and a scalar scores 1 or 0. A field that is
empty in both scores 1. An invalid answer scores 0 on every field.
"""

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from statistics import mean
from typing import Any

Json = dict[str, Any]


def schema_fields(schema: Json, path: str = "") -> list[str]:
    """The leaf paths of a strict JSON Schema, in its order."""
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    if branches:
        return schema_fields(branches[0], path)
    if schema.get("type") == "object":
        return [
            leaf
            for name, sub in schema["properties"].items()
            for leaf in schema_fields(sub, f"{path}.{name}" if path else name)
        ]
    if schema.get("type") == "array":
        return schema_fields(schema.get("items", {}), f"{path}[]")
    return [path]


def _normalised(value: Any) -> Hashable:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return round(float(value), 1)
    if isinstance(value, str):
        return " ".join(value.lower().split())
    return str(value)


def leaf_values(value: Any, path: str = "") -> dict[str, Counter[Hashable]]:
    """Every leaf value of a JSON value, counted by path."""
    found: dict[str, Counter[Hashable]] = {}

    def walk(node: Any, at: str) -> None:
        if isinstance(node, dict):
            for key, sub in node.items():
                walk(sub, f"{at}.{key}" if at else key)
        elif isinstance(node, list):
            for item in node:
                walk(item, f"{at}[]")
        else:
            found.setdefault(at, Counter())[_normalised(node)] += 1

    walk(value, path)
    return found


def f1(predicted: Counter[Hashable], expected: Counter[Hashable]) -> float:
    if not predicted and not expected:
        return 1.0
    overlap = sum((predicted & expected).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(predicted.values()), overlap / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def field_scores(predicted: Json | None, expected: Json, fields: list[str]) -> dict[str, float]:
    """The answer's score on each field against the expected value (0 everywhere if invalid)."""
    if predicted is None:
        return dict.fromkeys(fields, 0.0)
    got, want = leaf_values(predicted), leaf_values(expected)
    return {field: f1(got.get(field, Counter()), want.get(field, Counter())) for field in fields}


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank percentile, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(q / 100 * len(ordered)) - 1, 0)]


@dataclass(frozen=True)
class Outcome:
    """One provider's answer to one text of the gold set."""

    id: str
    provider: str
    model: str | None
    result: Json | None
    error: str | None
    latency_ms: float
    prompt_tokens: int
    completion_tokens: int
    retries: int
    reasks: int

    @classmethod
    def from_json(cls, value: Json) -> "Outcome":
        return cls(**value)


def provider_summary(
    outcomes: list[Outcome],
    gold: dict[str, Json],
    fields: list[str],
    price_per_mtok: tuple[float, float] | None,
) -> Json:
    scores = [field_scores(o.result, gold[o.id], fields) for o in outcomes]
    latencies = [o.latency_ms for o in outcomes if o.latency_ms > 0]  # each answered text
    tokens_in = sum(o.prompt_tokens for o in outcomes)
    tokens_out = sum(o.completion_tokens for o in outcomes)
    cost = None
    if price_per_mtok is not None:
        cost = round((tokens_in * price_per_mtok[0] + tokens_out * price_per_mtok[1]) / 1e6, 6)
    valid = sum(o.result is not None for o in outcomes)
    return {
        "model": next((o.model for o in outcomes if o.model), None),
        "texts": len(outcomes),
        "valid": valid,
        "valid_rate": round(valid / len(outcomes), 4) if outcomes else None,
        "errors": dict(Counter(o.error for o in outcomes if o.error)),
        "field_accuracy": {f: round(mean(s[f] for s in scores), 4) for f in fields}
        if scores
        else {},
        "mean_field_accuracy": round(mean(mean(s.values()) for s in scores), 4) if scores else None,
        "exact_match_rate": round(mean(all(v == 1.0 for v in s.values()) for s in scores), 4)
        if scores
        else None,
        "retries": sum(o.retries for o in outcomes),
        "reasks": sum(o.reasks for o in outcomes),
        "latency_ms": {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95)},
        "tokens": {"prompt": tokens_in, "completion": tokens_out},
        "cost_usd": cost,
    }


def agreement(first: list[Outcome], second: list[Outcome], fields: list[str]) -> Json:
    """How often two providers gave the same answer, over the texts both answered validly."""
    by_id = {o.id: o for o in second}
    pairs: list[tuple[Json, Json]] = []
    for outcome in first:
        other = by_id.get(outcome.id)
        if outcome.result is not None and other is not None and other.result is not None:
            pairs.append((outcome.result, other.result))
    scores = [field_scores(a, b, fields) for a, b in pairs]
    return {
        "texts_both_valid": len(pairs),
        "field_agreement": {f: round(mean(s[f] for s in scores), 4) for f in fields}
        if scores
        else {},
        "mean_field_agreement": round(mean(mean(s.values()) for s in scores), 4)
        if scores
        else None,
        "identical_rate": round(mean(a == b for a, b in pairs), 4) if pairs else None,
    }


def comparison_report(
    *,
    target: str,
    prompt_version: str,
    providers: list[str],
    outcomes: Iterable[Outcome],
    gold: dict[str, Json],
    fields: list[str],
    prices: dict[str, tuple[float, float]],
) -> Json:
    """The comparison of providers on one gold set: per provider, and between the first two."""
    by_provider: dict[str, list[Outcome]] = {name: [] for name in providers}
    for outcome in outcomes:
        by_provider[outcome.provider].append(outcome)
    for found in by_provider.values():
        found.sort(key=lambda o: o.id)
    summaries = {
        name: provider_summary(found, gold, fields, prices.get(name))
        for name, found in by_provider.items()
    }
    first, second = providers[0], providers[1]
    return {
        "schema": target,
        "prompt_version": prompt_version,
        "texts": len(gold),
        "providers": summaries,
        "agreement": {"between": [first, second]}
        | agreement(by_provider[first], by_provider[second], fields),
        "outcomes": [
            {"id": o.id, "provider": o.provider, "valid": o.result is not None, "error": o.error}
            for name in providers
            for o in by_provider[name]
        ],
    }
