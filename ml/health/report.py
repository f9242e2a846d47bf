"""Health scores as a person reads them: the score and band, each component with its percentile
and the values behind it, what is missing and why, and the factors in words.

Reports are assembled for many users at once (a population run's part holds thousands): every
number is rounded, every choice of factors is ranked, and every piece shared by a column of users
is built for the whole column with numpy and list comprehensions; only the joining of the pieces
and the sentences of the chosen factors are per user. One user is a column of one.
"""

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ml.health.scoring import COMPONENTS, HIGH, METHOD_VERSION, Component, Metric, band_of

TOP_FACTORS = 3
# What each input without a count is, for the reasons a component is missing.
INPUT_NOUNS = {
    "fasting_glucose_mg_dl": "fasting glucose result",
    "hba1c_percent": "HbA1c result",
    "bmi": "weight (or no height) for a BMI",
}
# What each count of data is, for the same reasons.
COUNT_NOUNS = {
    "activity_days": "days of activity",
    "sleep_nights": "nights of sleep",
    "blood_pressure_readings": "blood pressure readings",
    "heart_rate_readings": "heart rate readings",
}
METRICS_IN_ORDER = [metric for component in COMPONENTS for metric in component.metrics]
COMPONENTS_BY_NAME = {component.name: component for component in COMPONENTS}
Column = list[Any]  # one value per user, None where missing


@dataclass(frozen=True)
class Places:
    """Where each user's score sits among others, as columns: the percentile (NaN: nobody to
    compare with), the cohort compared with, and how many it held."""

    percentiles: np.ndarray
    cohorts: np.ndarray
    compared_with: np.ndarray


@dataclass(frozen=True)
class ReportColumns:
    """Everything scored for a column of users: inputs, metric and component scores and the
    overall score (NaN where missing), their places, each metric's direction from its healthy
    range ("below", "above", "within"), and each user's age band and sex."""

    inputs: Mapping[str, np.ndarray]
    metrics: Mapping[str, np.ndarray]
    components: Mapping[str, np.ndarray]
    overall: np.ndarray
    places: Mapping[str, Places]  # by component name, and "overall"
    directions: Mapping[str, np.ndarray]
    age_bands: np.ndarray
    sexes: np.ndarray


def _plain(column: np.ndarray, digits: int) -> Column:
    """Rounded as reported, None for NaN."""
    rounded = np.round(np.asarray(column, dtype=float), digits)
    return [None if value != value else value for value in rounded.tolist()]


def _numbers(values: Column) -> list[str]:
    """Each value as JSON: the shortest text that reads back as the same float, or null."""
    return ["null" if value is None else repr(value) for value in values]


# Scores and percentiles lie in 0-100 and are reported to a tenth: 1,001 possible texts, looked
# up instead of formatted one by one (the last one is null, for NaN).
_TENTHS = np.array([repr(tenths / 10) for tenths in range(1001)] + ["null"], dtype=object)


def _tenths(column: np.ndarray) -> list[str]:
    """`np.round(column, 1)` as JSON, which is exactly `repr(rint(x * 10) / 10)`."""
    tenths = np.rint(np.asarray(column, dtype=float) * 10)
    if np.any(tenths < 0) or np.any(tenths > 1000):  # not a 0-100 score: format each
        return _numbers(_plain(column, 1))
    return _TENTHS[np.where(np.isnan(tenths), 1001, tenths).astype(int)].tolist()


def _percentiles(column: np.ndarray) -> list[str]:
    """Each percentile as Python's `round(p, 1)` gives it: that is `rint(p * 10) / 10` except
    within a hair of a half tenth, where the decimal rounding of the exact value decides."""
    found = _tenths(column)
    scaled = column * 10
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    for row in near_half.tolist():
        found[row] = repr(round(float(column[row]), 1))
    return found


@functools.lru_cache(maxsize=1024)
def _string(text: str) -> str:
    """`text` as a JSON string (cached: the same words recur in every report). ASCII only
    ("kg/m\\u00b2"): a report all ASCII is half the memory for Python to build and a plain copy to
    send, and PostgreSQL stores the same characters either way."""
    return json.dumps(text)


def _escaped(text: str) -> str:
    """`text` as a JSON string inside a %-template."""
    return _string(text).replace("%", "%%")


def build_reports(columns: ReportColumns, *, window: Mapping[str, Any]) -> list[str]:
    """The content of each user's `health_score` report (docs/health-score.md, "The result"),
    as JSON text."""
    values = {name: _plain(column, 2) for name, column in columns.inputs.items()}
    metric_scores = {name: _plain(column, 1) for name, column in columns.metrics.items()}
    present = np.column_stack([~np.isnan(columns.components[c.name]) for c in COMPONENTS])
    components = _component_columns(columns, present, values)
    factors = _factor_columns(columns, present, values, metric_scores)
    overall = _plain(columns.overall, 1)
    place = columns.places["overall"]
    common = f'"method_version": {_string(METHOD_VERSION)}, "window": {json.dumps(window)}'
    assembled = zip(
        np.packbits(present, axis=1, bitorder="little")[:, 0].tolist(),
        overall,
        _percentiles(place.percentiles),
        place.cohorts.tolist(),
        place.compared_with.tolist(),
        columns.age_bands.tolist(),
        columns.sexes.tolist(),
        strict=True,
    )
    reports = []
    for row, (mask, score, percentile, used, compared, age_band, sex) in enumerate(assembled):
        absent = _absent(mask)
        missing = ", ".join(_missing(c, _data_of(c, values, row), window) for c in absent)
        coverage = (
            f'{{"components": {len(COMPONENTS) - len(absent)}, "of": {len(COMPONENTS)}, '
            f'"activity_days": {int(values["activity_days"][row] or 0)}, '
            f'"sleep_nights": {int(values["sleep_nights"][row] or 0)}, '
            f'"window_days": {window["days"]}}}'
        )
        cohort = f'"age_band": {_string(age_band)}, "sex": {_string(sex)}'
        if score is None:
            reports.append(
                f'{{"status": "insufficient_data", {common}, "cohort": {{{cohort}}}, '
                f'"missing": [{missing}], "coverage": {coverage}}}'
            )
            continue
        scored = ", ".join(components[c.name][row] for c in _present(mask))
        reports.append(
            f'{{"status": "scored", {common}, "score": {score!r}, '
            f'"band": {_string(band_of(score))}, "percentile": {percentile}, '
            f'"cohort": {{{cohort}, "compared_with": {compared}, "used": {_string(used)}}}, '
            f'"components": {{{scored}}}, "missing": [{missing}], "coverage": {coverage}, '
            f'"factors": {factors[row]}}}'
        )
    return reports


@functools.cache
def _present(mask: int) -> tuple[Component, ...]:
    """The components whose bit is set in `mask` (bit i: `COMPONENTS[i]`)."""
    return tuple(c for i, c in enumerate(COMPONENTS) if mask >> i & 1)


@functools.cache
def _absent(mask: int) -> tuple[Component, ...]:
    return tuple(c for i, c in enumerate(COMPONENTS) if not mask >> i & 1)


# --- Components ------------------------------------------------------------------------------


def _component_columns(
    columns: ReportColumns, present: np.ndarray, values: Mapping[str, Column]
) -> dict[str, list[str]]:
    """Each component's member of every report's `components` (ignored where it is missing)."""
    weights = np.array([c.weight for c in COMPONENTS])
    totals = (present * weights).sum(axis=1).tolist()
    found = {}
    for component in COMPONENTS:
        # Its share of the overall score among the components present, which only their total
        # weight decides.
        shares = {t: repr(round(component.weight / t, 3)) if t else "null" for t in set(totals)}
        place = columns.places[component.name]
        found[component.name] = [
            _component_template(component) % numbers
            for numbers in zip(
                _tenths(columns.components[component.name]),
                _percentiles(place.percentiles),
                [_string(cohort) for cohort in place.cohorts.tolist()],
                place.compared_with.tolist(),
                [shares[total] for total in totals],
                *(
                    column
                    for metric in component.metrics
                    for column in _metric_numbers(metric, values, columns.metrics)
                ),
                strict=True,
            )
        ]
    return found


@functools.cache
def _component_template(component: Component) -> str:
    """A component's member of `components`, with a %s for each number: its score,
    percentile, cohort, compared_with and weight, then each metric's score and values."""
    metrics = ", ".join(
        _escaped(metric.name)
        + ': {"score": %s, "unit": '
        + _escaped(metric.unit)
        + "".join(f", {_escaped(band.input)}: %s" for band in metric.bands)
        + "}"
        for metric in component.metrics
    )
    return (
        _escaped(component.name)
        + ': {"score": %s, "percentile": %s, "cohort": %s, "compared_with": %s, "weight": %s, '
        + '"metrics": {'
        + metrics
        + "}}"
    )


def _metric_numbers(
    metric: Metric, values: Mapping[str, Column], metrics: Mapping[str, np.ndarray]
) -> list[list[str]]:
    """The columns a metric fills in its component's template: its score, then its values."""
    return [_tenths(metrics[metric.name])] + [_numbers(values[band.input]) for band in metric.bands]


def _data_of(component: Component, values: Mapping[str, Column], row: int) -> tuple[Any, ...]:
    """What decides why `component` is missing for this user: each count, each value's presence."""
    return tuple(
        int(values[band.count][row] or 0)
        if band.count is not None
        else values[band.input][row] is not None
        for metric in component.metrics
        for band in metric.bands
    )


def _missing(component: Component, data: tuple[Any, ...], window: Mapping[str, Any]) -> str:
    return _missing_entry(component.name, data, window["days"], window["lab_days"])


@functools.lru_cache(maxsize=4096)
def _missing_entry(name: str, data: tuple[Any, ...], days: int, lab_days: int) -> str:
    """A member of `missing`: the component and why, as JSON. (Cached by name: hashing the
    component itself, a tree of frozen dataclasses, cost more than the reason.)"""
    component = COMPONENTS_BY_NAME[name]
    reasons = []
    bands = [band for metric in component.metrics for band in metric.bands]
    for band, have in zip(bands, data, strict=True):
        if band.count is not None:
            if have < band.minimum:
                noun = COUNT_NOUNS[band.count]
                reasons.append(f"{have} {noun} in the last {days} days (needs {band.minimum})")
        elif not have:
            reasons.append(f"no {INPUT_NOUNS[band.input]} in the last {lab_days} days")
    reason = "; ".join(dict.fromkeys(reasons))  # each reason once, in order
    return f'{{"component": {_string(component.name)}, "reason": {_string(reason)}}}'


# --- Factors ---------------------------------------------------------------------------------


def _factor_columns(
    columns: ReportColumns,
    present: np.ndarray,
    values: Mapping[str, Column],
    metric_scores: Mapping[str, Column],
) -> list[str]:
    """Per user, the metrics that raise the score most and those that lower it most, in words:
    each one's pull is its weight in the overall score times its distance from 0 (raising) or
    from 100 (lowering). Ties keep the order of the method's metrics."""
    scores, pulls = _pulls(columns, present)
    with np.errstate(invalid="ignore"):
        raising = np.where(scores >= HIGH, -pulls * scores, np.inf)
        lowering = np.where(scores < HIGH, -pulls * (100 - scores), np.inf)
    placed = _placements(columns, scores).tolist()
    said = [_Sentences(metric, values, metric_scores) for metric in METRICS_IN_ORDER]

    def sentences(row: int, chosen: list[int]) -> str:
        return ", ".join(said[index].of(row, placed[row][index]) for index in chosen)

    return [
        f'{{"raising": [{sentences(row, up)}], "lowering": [{sentences(row, down)}]}}'
        for row, (up, down) in enumerate(zip(_top(raising), _top(lowering), strict=True))
    ]


def _pulls(columns: ReportColumns, present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every metric's score as reported (rounded; NaN where unknown) and its weight in the overall
    score, a user per row and a metric per column (`METRICS_IN_ORDER`)."""
    scores = np.column_stack(
        [np.round(np.asarray(columns.metrics[m.name], dtype=float), 1) for m in METRICS_IN_ORDER]
    )
    known = ~np.isnan(scores)
    total = (present * np.array([c.weight for c in COMPONENTS])).sum(axis=1)
    pulls = np.zeros(scores.shape)
    first = 0
    for component in COMPONENTS:
        span = slice(first, first + len(component.metrics))
        weights = np.array([metric.weight for metric in component.metrics])
        within = (known[:, span] * weights).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            # component weight / total * metric weight / within, in that order of operations.
            pulls[:, span] = component.weight / total[:, None] * weights / within[:, None]
        first = span.stop
    return np.where(known, scores, np.nan), np.where(known, pulls, 0.0)


def _top(keys: np.ndarray) -> list[list[int]]:
    """Per row, the columns of the `TOP_FACTORS` smallest finite keys, smallest first."""
    order = np.argsort(keys, axis=1, kind="stable")[:, :TOP_FACTORS]
    finite = np.isfinite(np.take_along_axis(keys, order, axis=1))
    return [
        [index for index, keep in zip(indices, keeps, strict=True) if keep]
        for indices, keeps in zip(order.tolist(), finite.tolist(), strict=True)
    ]


# Where a metric's value lies, as its sentence says it.
PLACES = ("in the healthy range", "close to the healthy range", "below the healthy range",
          "above the healthy range")  # fmt: skip
WITHIN, CLOSE, BELOW, ABOVE = range(len(PLACES))


def _placements(columns: ReportColumns, scores: np.ndarray) -> np.ndarray:
    """Per user and metric, an index into `PLACES`: within the healthy range, else close to it
    when it still scores high, else below or above it."""
    directions = np.column_stack([columns.directions[m.name] for m in METRICS_IN_ORDER])
    return np.select(
        [directions == "within", scores >= HIGH, directions == "below"],
        [WITHIN, CLOSE, BELOW],
        ABOVE,
    )


@functools.cache
def _templates(metric: Metric) -> tuple[str, ...]:
    """The metric's sentence for each of `PLACES`, as a JSON string literal to format with its
    values and its score. The words are fixed, so they are escaped once, here; the numbers
    formatted into them need no escaping."""
    positional = metric.says
    for position, band in enumerate(metric.bands):
        positional = positional.replace("{" + band.input, "{" + str(position))
    score = len(metric.bands)
    return tuple(
        _string(_capitalised(f"{positional} is {place} ({metric.healthy}): {{{score}:.0f}} of 100"))
        for place in PLACES
    )


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:]


class _Sentences:
    """A metric's sentence for any user, from its columns."""

    def __init__(
        self, metric: Metric, values: Mapping[str, Column], metric_scores: Mapping[str, Column]
    ) -> None:
        self.templates = _templates(metric)
        self.columns = [values[band.input] for band in metric.bands]
        self.columns.append(metric_scores[metric.name])

    def of(self, row: int, place: int) -> str:
        return self.templates[place].format(*[column[row] for column in self.columns])
