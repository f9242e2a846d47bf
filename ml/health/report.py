"""One user's health score as a person reads it: the score and band, each component with its
percentile and the values behind it, what is missing and why, and the factors in words."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

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
    """Everything scored for one user, rounded as reported and None where missing: inputs,
    metric and component scores, the overall score."""

    inputs: Mapping[str, Any]
    metrics: Mapping[str, float | None]
    components: Mapping[str, float | None]
    overall: float | None
    relative: Mapping[str, Relative]  # by component name, and "overall"
    directions: Mapping[str, str]  # by metric: "below", "above" or "within" its healthy range


def _present(value: float | None) -> bool:
    return value is not None


def _count(inputs: Mapping[str, Any], name: str) -> int:
    return int(inputs.get(name) or 0)


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _plain(column: np.ndarray, digits: int) -> list[float | None]:
    rounded = np.round(np.asarray(column, dtype=float), digits)
    return [None if value != value else value for value in rounded.tolist()]  # NaN -> None


def _by_row(columns: Mapping[str, np.ndarray], digits: int | None) -> list[dict[str, Any]]:
    names = list(columns)
    values = [
        _plain(column, digits) if digits is not None else column.tolist()
        for column in columns.values()
    ]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def user_scores(
    inputs: Mapping[str, np.ndarray],
    metrics: Mapping[str, np.ndarray],
    components: Mapping[str, np.ndarray],
    overall: np.ndarray,
    relative: Mapping[str, list[Relative]],
    directions: Mapping[str, np.ndarray],
) -> list[UserScores]:
    """Columns for many users as one `UserScores` each, rounded once for all of them."""
    rows = zip(
        _by_row(inputs, 2),
        _by_row(metrics, 1),
        _by_row(components, 1),
        _plain(overall, 1),
        _by_row(directions, None),
        strict=True,
    )
    return [
        UserScores(i, m, c, o, {name: places[row] for name, places in relative.items()}, d)
        for row, (i, m, c, o, d) in enumerate(rows)
    ]


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


def _sentence(metric: Metric, inputs: Mapping[str, Any], score: float, where: str) -> str:
    said = metric.says.format(**{band.input: float(inputs[band.input]) for band in metric.bands})
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
    pulls: list[tuple[Metric, float, float]] = []
    for component in present:
        metrics = [(m, scores.metrics[m.name]) for m in component.metrics]
        known = [(m, score) for m, score in metrics if score is not None]
        within = sum(m.weight for m, _ in known)
        for metric, score in known:
            pulls.append((metric, component.weight / total * metric.weight / within, score))
    raising = sorted((p for p in pulls if p[2] >= HIGH), key=lambda p: -p[1] * p[2])
    lowering = sorted((p for p in pulls if p[2] < HIGH), key=lambda p: -p[1] * (100 - p[2]))

    def said(metric: Metric, score: float) -> str:
        return _sentence(metric, scores.inputs, score, scores.directions[metric.name])

    return {
        "raising": [said(m, s) for m, _, s in raising[:TOP_FACTORS]],
        "lowering": [said(m, s) for m, _, s in lowering[:TOP_FACTORS]],
    }


def _relative(relative: Relative) -> dict[str, Any]:
    return {
        "percentile": _rounded(relative.percentile),
        "cohort": relative.cohort,
        "compared_with": relative.compared_with,
    }


def _component(component: Component, scores: UserScores, share: float) -> dict[str, Any]:
    return {
        "score": scores.components[component.name],
        **_relative(scores.relative[component.name]),
        "weight": round(share, 3),  # its share of the overall score, among those present
        "metrics": {
            metric.name: {
                "score": scores.metrics[metric.name],
                "unit": metric.unit,
                **{band.input: scores.inputs.get(band.input) for band in metric.bands},
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
    if scores.overall is None:
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
        "score": scores.overall,
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
