"""The health score, method 1 (docs/health-score.md): each metric against clinical bands, five
components, the overall score and its band, and percentiles within a cohort.

Plain numpy over columns: the same functions score one user (arrays of one) or a population
(arrays of 100,000), so the nightly run and a single request cannot disagree. A missing input is
NaN and stays NaN through its metric and component; weights are renormalised over what is there.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

METHOD_VERSION = "1"
HIGH, MODERATE = 80.0, 50.0  # band thresholds, as the AHA's Life's Essential 8 uses them

Columns = Mapping[str, np.ndarray]


@dataclass(frozen=True)
class Band:
    """How one input scores: 0-100, linear between anchors, flat beyond the ends."""

    input: str  # the aggregate it reads
    anchors: tuple[tuple[float, float], ...]  # (value, score), values increasing
    healthy: tuple[float, float]  # the values that score 100
    count: str | None = None  # the aggregate counting the data behind it
    minimum: int = 1  # ... and how much of that it needs

    def score(self, values: np.ndarray) -> np.ndarray:
        xs, ys = zip(*self.anchors, strict=True)
        return np.interp(values, xs, ys)

    def distance_to_healthy(self, value: float) -> float:
        """How far outside the healthy range `value` lies: negative below, positive above."""
        low, high = self.healthy
        return value - low if value < low else value - high if value > high else 0.0


@dataclass(frozen=True)
class Metric:
    name: str
    # Relative to the other metrics of its component (whole numbers, so that equal scores
    # average to exactly that score).
    weight: int
    bands: tuple[Band, ...]  # a metric of several inputs scores as its worst (blood pressure)
    unit: str
    says: str  # how to say its value(s): a format string over the inputs
    healthy: str  # the healthy range, in words


@dataclass(frozen=True)
class Component:
    name: str
    weight: int  # relative to the other components
    metrics: tuple[Metric, ...]


# (value, score) anchors of each input, and where each comes from. LE8 is the AHA's Life's
# Essential 8 (Lloyd-Jones et al., Circulation 2022): its points at the start of each of its
# bands, joined by straight lines so that a small change moves the score a little.
# Steps: Tudor-Locke & Bassett 2004 (<5,000 sedentary, 7,500-9,999 somewhat active, >=10,000
# active); Paluch et al. 2022 (mortality keeps falling up to about 8,000-10,000 a day).
STEPS = ((0, 0), (2500, 20), (5000, 50), (7500, 80), (10000, 100))
# LE8 physical activity, minutes a week: 0: 0, 1-29: 20, 30-59: 40, 60-89: 60, 90-119: 80,
# 120-149: 90, >=150: 100.
ACTIVE_MINUTES = ((0, 0), (1, 20), (30, 40), (60, 60), (90, 80), (120, 90), (150, 100))
# LE8 sleep health, hours a night: <4: 0, 4-5: 20, 5-6: 40, 6-7: 70, 7-9: 100, 9-10: 90, >=10: 40.
SLEEP_HOURS = ((3, 0), (4, 20), (5, 40), (6, 70), (7, 100), (9, 100), (10, 90), (11, 40))
# Our own, after Phillips et al. 2017 and Lunsford-Avery et al. 2018: bedtimes varying by more
# than about an hour go with worse metabolic health. Standard deviation of bedtime, minutes.
BEDTIME_SD = ((30, 100), (60, 80), (90, 60), (120, 40), (180, 20))
# LE8 blood glucose: <100 mg/dL: 100, 100-125 (prediabetes): 60, then its diabetes bands by
# HbA1c, here at ADAG's equivalent glucose (154, 183, 212, 240 mg/dL for 7, 8, 9, 10 %); below
# 70 is hypoglycaemia (ADA).
FASTING_GLUCOSE = (
    (50, 40), (70, 100), (99, 100), (100, 60), (126, 40), (154, 30), (183, 20), (212, 10), (240, 0)
)  # fmt: skip
# LE8: HbA1c <5.7 %: 100, 5.7-6.4: 60, diabetes <7: 40, 7-7.9: 30, 8-8.9: 20, 9-9.9: 10, >=10: 0.
HBA1C = ((5.6, 100), (5.7, 60), (6.5, 40), (7, 30), (8, 20), (9, 10), (10, 0))
# LE8 blood pressure, the worse of the two: <120/<80: 100, 120-129/<80: 75, 130-139 or 80-89:
# 50, 140-159 or 90-99: 25, >=160 or >=100: 0.
SYSTOLIC = ((119, 100), (120, 75), (130, 50), (140, 25), (160, 0))
DIASTOLIC = ((79, 100), (80, 50), (90, 25), (100, 0))
# Our own, after Zhang et al. 2016 (CMAJ): risk rises with each 10 bpm above about 60; under 50
# is usual for the fit, under 40 worth a look.
RESTING_HEART_RATE = (
    (35, 60), (40, 80), (50, 100), (70, 100), (80, 80), (90, 60), (100, 40), (110, 20)
)  # fmt: skip
# LE8 BMI: <25: 100, 25-29.9: 70, 30-34.9: 30, 35-39.9: 15, >=40: 0; WHO underweight <18.5.
BMI = ((16, 40), (18.5, 100), (24.9, 100), (25, 70), (30, 30), (35, 15), (40, 0))

ABOVE = float("inf")
ACTIVITY_DAYS = ("activity_days", 7)
SLEEP_NIGHTS = ("sleep_nights", 5)
BLOOD_PRESSURE_READINGS = ("blood_pressure_readings", 2)


def _metric(name: str, weight: int, *bands: Band, unit: str, says: str, healthy: str) -> Metric:
    return Metric(name, weight, bands, unit, says, healthy)


COMPONENTS: tuple[Component, ...] = (
    Component(
        "activity",
        1,
        (
            _metric(
                "daily_steps",
                1,
                Band("daily_steps", STEPS, (10000, ABOVE), *ACTIVITY_DAYS),
                unit="steps/day",
                says="{daily_steps:,.0f} steps a day on average",
                healthy="10,000 or more",
            ),
            _metric(
                "active_minutes",
                1,
                Band("weekly_active_minutes", ACTIVE_MINUTES, (150, ABOVE), *ACTIVITY_DAYS),
                unit="min/week",
                says="{weekly_active_minutes:,.0f} active minutes a week",
                healthy="150 or more",
            ),
        ),
    ),
    Component(
        "sleep",
        1,
        (
            _metric(
                "sleep_duration",
                7,
                Band("sleep_hours", SLEEP_HOURS, (7, 9), *SLEEP_NIGHTS),
                unit="h/night",
                says="{sleep_hours:.1f} hours of sleep a night",
                healthy="7 to 9 hours",
            ),
            _metric(
                "sleep_regularity",
                3,
                Band("sleep_onset_sd_minutes", BEDTIME_SD, (0, 30), *SLEEP_NIGHTS),
                unit="min",
                says="bedtimes that vary by {sleep_onset_sd_minutes:.0f} minutes",
                healthy="within 30 minutes",
            ),
        ),
    ),
    Component(
        "glycaemia",
        1,
        (
            _metric(
                "fasting_glucose",
                1,
                Band("fasting_glucose_mg_dl", FASTING_GLUCOSE, (70, 99)),
                unit="mg/dL",
                says="a fasting glucose of {fasting_glucose_mg_dl:.0f} mg/dL",
                healthy="70 to 99 mg/dL",
            ),
            _metric(
                "hba1c",
                1,
                Band("hba1c_percent", HBA1C, (0, 5.6)),
                unit="%",
                says="an HbA1c of {hba1c_percent:.1f} %",
                healthy="below 5.7 %",
            ),
        ),
    ),
    Component(
        "cardiovascular",
        1,
        (
            _metric(
                "blood_pressure",
                2,
                Band("systolic_mmhg", SYSTOLIC, (0, 119), *BLOOD_PRESSURE_READINGS),
                Band("diastolic_mmhg", DIASTOLIC, (0, 79), *BLOOD_PRESSURE_READINGS),
                unit="mmHg",
                says="a blood pressure of {systolic_mmhg:.0f}/{diastolic_mmhg:.0f} mmHg",
                healthy="below 120/80 mmHg",
            ),
            _metric(
                "resting_heart_rate",
                1,
                Band("resting_heart_rate", RESTING_HEART_RATE, (50, 70), "heart_rate_readings", 3),
                unit="bpm",
                says="a resting heart rate of {resting_heart_rate:.0f} bpm",
                healthy="50 to 70 bpm",
            ),
        ),
    ),
    Component(
        "body",
        1,
        (
            _metric(
                "bmi",
                1,
                Band("bmi", BMI, (18.5, 24.9)),
                unit="kg/m²",
                says="a BMI of {bmi:.1f}",
                healthy="18.5 to 24.9",
            ),
        ),
    ),
)
COMPONENT_NAMES = tuple(component.name for component in COMPONENTS)
METRICS = {metric.name: metric for component in COMPONENTS for metric in component.metrics}


def _available(band: Band, inputs: Columns) -> np.ndarray:
    values = np.asarray(inputs[band.input], dtype=float)
    enough = ~np.isnan(values)
    if band.count is not None:
        enough &= np.nan_to_num(np.asarray(inputs[band.count], dtype=float)) >= band.minimum
    return enough


def metric_scores(inputs: Columns) -> dict[str, np.ndarray]:
    """Each metric's 0-100 score, NaN where its inputs are missing or too few."""
    scores = {}
    for name, metric in METRICS.items():
        banded = []
        for band in metric.bands:
            values = np.asarray(inputs[band.input], dtype=float)
            banded.append(np.where(_available(band, inputs), band.score(values), np.nan))
        scores[name] = np.minimum.reduce(banded)  # NaN if any input is missing
    return scores


def _weighted_mean(scores: list[np.ndarray], weights: Sequence[float]) -> np.ndarray:
    """The weighted mean of the scores present; NaN where none is."""
    stacked, weight = np.vstack(scores), np.asarray(weights)[:, None]
    present = ~np.isnan(stacked)
    total = (np.where(present, stacked, 0) * weight).sum(axis=0)
    weights_present = (present * weight).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weights_present > 0, total / weights_present, np.nan)


def component_scores(metrics: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {
        component.name: _weighted_mean(
            [metrics[metric.name] for metric in component.metrics],
            [metric.weight for metric in component.metrics],
        )
        for component in COMPONENTS
    }


def overall_scores(components: Mapping[str, np.ndarray], *, min_components: int) -> np.ndarray:
    """The weighted mean of the components present; NaN with fewer than `min_components`."""
    scores = [components[component.name] for component in COMPONENTS]
    weights = [component.weight for component in COMPONENTS]
    enough = (~np.isnan(np.vstack(scores))).sum(axis=0) >= min_components
    return np.where(enough, _weighted_mean(scores, weights), np.nan)


def band_of(score: float) -> str:
    return "high" if score >= HIGH else "moderate" if score >= MODERATE else "low"


def percentiles_among(
    scores: np.ndarray, others: np.ndarray, *, leave_out: np.ndarray | int = 0
) -> np.ndarray:
    """Each score's share of the scores in `others` (sorted) that are lower, a tie counting
    half, in percent; NaN for a missing score or nobody to compare with. `leave_out` (1 per
    score, or 0): `others` holds that very score once, and it is not compared with itself."""
    leave = np.broadcast_to(np.asarray(leave_out, dtype=int), scores.shape)
    count = len(others) - leave
    lower = np.searchsorted(others, scores, side="left")
    tied = np.searchsorted(others, scores, side="right") - lower - leave
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = 100 * (lower + tied / 2) / count
    return np.where((count > 0) & ~np.isnan(scores), shares, np.nan)


def directions(inputs: Columns) -> dict[str, np.ndarray]:
    """Per metric, whether each value lies below, above or within its healthy range (for a
    metric of several inputs, the one that scores worst)."""
    found = {}
    for name, metric in METRICS.items():
        scores = np.vstack(
            [band.score(np.asarray(inputs[band.input], float)) for band in metric.bands]
        )
        worst = np.nan_to_num(scores, nan=np.inf).argmin(axis=0)
        values = np.vstack([np.asarray(inputs[band.input], float) for band in metric.bands])
        value = values[worst, np.arange(values.shape[1])]
        low = np.array([band.healthy[0] for band in metric.bands])[worst]
        high = np.array([band.healthy[1] for band in metric.bands])[worst]
        found[name] = np.where(value < low, "below", np.where(value > high, "above", "within"))
    return found
