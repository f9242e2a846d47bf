"""Feature drift: the population stability index (PSI) of each feature, live against training.

A model's training profile holds, per feature, the bin edges and the share of training rows in
each bin (deciles for numbers, one bin per category for categories). PSI sums
`(live - train) * ln(live / train)` over the bins. Usual reading, and our alert thresholds:
below 0.1 stable, 0.1 to 0.25 drifting (warn), above 0.25 shifted (alert).
"""

from typing import Any

import numpy as np

from ml.delivery.features import CATEGORICAL, FEATURES, VOCABULARIES

PSI_WARN, PSI_ALERT = 0.1, 0.25
# Calendar features: a monitoring window of hours holds only some hours and days of the week, so
# their PSI measures the window, not the data. Not checked.
NOT_CHECKED = ("hour", "weekday")
_FLOOR = 1e-4  # an empty bin would make the logarithm infinite
_DECILES = np.linspace(0.1, 0.9, 9)


def _shares(counts: np.ndarray) -> list[float]:
    return (counts / max(counts.sum(), 1)).round(6).tolist()


def _bin_counts(values: np.ndarray, feature: str, edges: list[float]) -> np.ndarray:
    if feature in CATEGORICAL:
        codes = values.astype(np.int64)
        return np.bincount(codes[codes >= 0], minlength=len(VOCABULARIES[feature]))
    return np.bincount(np.searchsorted(edges, values, side="right"), minlength=len(edges) + 1)


def training_profile(matrix: np.ndarray) -> dict[str, Any]:
    """Each feature's bins and the training rows' share in each."""
    profile = {}
    for column, feature in enumerate(FEATURES):
        values = matrix[:, column]
        edges = (
            [] if feature in CATEGORICAL else sorted(set(np.quantile(values, _DECILES).tolist()))
        )
        profile[feature] = {"edges": edges, "shares": _shares(_bin_counts(values, feature, edges))}
    return profile


def population_stability(profile: dict[str, Any], matrix: np.ndarray) -> dict[str, float]:
    """PSI of each feature of `matrix` (live rows) against the training profile."""
    result = {}
    for column, feature in enumerate(FEATURES):
        if feature in NOT_CHECKED:
            continue
        expected = np.maximum(np.asarray(profile[feature]["shares"]), _FLOOR)
        counts = _bin_counts(matrix[:, column], feature, profile[feature]["edges"])
        actual = np.maximum(counts / max(counts.sum(), 1), _FLOOR)
        result[feature] = round(float(((actual - expected) * np.log(actual / expected)).sum()), 4)
    return result


def drift_alerts(psi: dict[str, float]) -> list[dict[str, Any]]:
    return [
        {"feature": feature, "psi": value, "level": "alert" if value > PSI_ALERT else "warn"}
        for feature, value in sorted(psi.items(), key=lambda item: -item[1])
        if value > PSI_WARN
    ]
