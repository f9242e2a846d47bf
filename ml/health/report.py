"""One user's health score as a person reads it: the score and band, each component with its
percentile and the values behind it, what is missing and why, and the factors in words."""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ml.health.scoring import COMPONENTS, HIGH, METHOD_VERSION, Component, Metric, band_of

TOP_FACTORS = 3
# What each input without a count is, for the same reasons.
INPUT_NOUNS = {
    "fasting_glucose_mg_dl": "fasting glucose result",
    "hba1c_percent": "HbA1c result",
    "bmi": "weight (or no height) for a BMI",
}
# What each count of data is, for the reasons a component is missing.
COUNT_NOUNS = {
    "activity_days": "days of activity",
    "sleep_nights": "nights of sleep",
    "blood_pressure_readings": "blood pressure readings",
    "heart_rate_readings": "heart rate readings",
}


@dataclass(frozen=True)
class Relative:
    """A score's place in a cohort: its percentile, the cohort, how many it was compared with."""

    percentile: float | None
    cohort: str
    compared_with: int


@dataclass(frozen=True)
class UserScores:
    """Everything scored for one user: inputs, metric and component scores, the overall score."""

    inputs: Mapping[str, Any]
    metrics: Mapping[str, float]  # NaN where missing
    components: Mapping[str, float]
    overall: float
    relative: Mapping[str, Relative]  # by component name, and "overall"


def _present(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


def _count(inputs: Mapping[str, Any], name: str) -> int:
    value = inputs.get(name)
    return int(value) if value is not None and _present(value) else 0


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return round(float(value), digits) if value is not None and _present(value) else None


def _missing_reason(
    component: Component, inputs: Mapping[str, Any], window: Mapping[str, Any]
) -> str:
    reasons = []
    for metric in component.metrics:
        for band in metric.bands:
            if band.count is not None:
                have = _count(inputs, band.count)
                if have < band.minimum:
                    noun = COUNT_NOUNS[band.count]
                    reasons.append(
                        f"{have} {noun} in the last {window['days']} days (needs {band.minimum})"
                    )
            elif not _present(inputs.get(band.input)):
                what = INPUT_NOUNS[band.input]
                reasons.append(f"no {what} in the last {window['lab_days']} days")
    return "; ".join(dict.fromkeys(reasons))  # each reason once, in order


def _direction(metric: Metric, inputs: Mapping[str, Any]) -> str:
    worst = min(metric.bands, key=lambda band: float(band.score(inputs[band.input])))
    distance = worst.distance_to_healthy(float(inputs[worst.input]))
    return "below" if distance < 0 else "above" if distance > 0 else "within"


def _sentence(metric: Metric, inputs: Mapping[str, Any], score: float) -> str:
    said = metric.says.format(**{band.input: float(inputs[band.input]) for band in metric.bands})
    where = _direction(metric, inputs)
    if where == "within":
        placed = "in the healthy range"
    elif score >= HIGH:
        placed = "close to the healthy range"
    else:
        placed = f"{where} the healthy range"
    text = f"{said} is {placed} ({metric.healthy}): {score:.0f} of 100"
    return text[0].upper() + text[1:]


def factors(scores: UserScores) -> dict[str, list[str]]:
    """The metrics that raise the score most and those that lower it most, in words: each one's
    pull is its weight in the overall score times its distance from 0 (raising) or 100."""
    present = [c for c in COMPONENTS if _present(scores.components[c.name])]
    total = sum(c.weight for c in present)
    pulls = []
    for component in present:
        metrics = [m for m in component.metrics if _present(scores.metrics[m.name])]
        within = sum(m.weight for m in metrics)
        for metric in metrics:
            weight = component.weight / total * metric.weight / within
            pulls.append((metric, weight, scores.metrics[metric.name]))
    raising = sorted((p for p in pulls if p[2] >= HIGH), key=lambda p: -p[1] * p[2])
    lowering = sorted((p for p in pulls if p[2] < HIGH), key=lambda p: -p[1] * (100 - p[2]))
    return {
        "raising": [_sentence(m, scores.inputs, s) for m, _, s in raising[:TOP_FACTORS]],
        "lowering": [_sentence(m, scores.inputs, s) for m, _, s in lowering[:TOP_FACTORS]],
    }


def _relative(relative: Relative) -> dict[str, Any]:
    return {
        "percentile": _rounded(relative.percentile),
        "cohort": relative.cohort,
        "compared_with": relative.compared_with,
    }


def _component(component: Component, scores: UserScores, share: float) -> dict[str, Any]:
    return {
        "score": _rounded(scores.components[component.name]),
        **_relative(scores.relative[component.name]),
        "weight": round(share, 3),  # its share of the overall score, among those present
        "metrics": {
            metric.name: {
                "score": _rounded(scores.metrics[metric.name]),
                "unit": metric.unit,
                **{band.input: _rounded(scores.inputs.get(band.input), 2) for band in metric.bands},
            }
            for metric in component.metrics
        },
    }


def build_report(
    scores: UserScores, *, cohort: Mapping[str, Any], window: Mapping[str, Any]
) -> dict[str, Any]:
    """The content of a `health_score` report (docs/health-score.md, "The result")."""
    available = [c for c in COMPONENTS if _present(scores.components[c.name])]
    missing = [
        {"component": c.name, "reason": _missing_reason(c, scores.inputs, window)}
        for c in COMPONENTS
        if c not in available
    ]
    coverage = {
        "components": len(available),
        "of": len(COMPONENTS),
        "activity_days": _count(scores.inputs, "activity_days"),
        "sleep_nights": _count(scores.inputs, "sleep_nights"),
        "window_days": window["days"],
    }
    common = {"method_version": METHOD_VERSION, "window": dict(window)}
    if not _present(scores.overall):
        return {
            "status": "insufficient_data",
            **common,
            "cohort": dict(cohort),
            "missing": missing,
            "coverage": coverage,
        }
    overall = scores.relative["overall"]
    return {
        "status": "scored",
        **common,
        "score": _rounded(scores.overall),
        "band": band_of(scores.overall),
        "percentile": _rounded(overall.percentile),
        "cohort": {**cohort, "compared_with": overall.compared_with, "used": overall.cohort},
        "components": {
            c.name: _component(c, scores, c.weight / sum(a.weight for a in available))
            for c in available
        },
        "missing": missing,
        "coverage": coverage,
        "factors": factors(scores),
    }
