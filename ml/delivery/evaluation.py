"""How good a delivery model is: ranking, thresholded and probability metrics, and a reliability
curve, all on a holdout the model never saw."""

from typing import Any

import numpy as np
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    log_loss,
    precision_score,
    recall_score,
    roc_auc_score,
)

RELIABILITY_BINS = 10


def reliability_curve(outcomes: np.ndarray, probabilities: np.ndarray) -> list[dict[str, Any]]:
    """Per tenth of predicted probability: how many, the mean prediction and the observed rate."""
    bins = np.minimum((probabilities * RELIABILITY_BINS).astype(int), RELIABILITY_BINS - 1)
    curve = []
    for index in range(RELIABILITY_BINS):
        inside = bins == index
        if inside.any():
            curve.append(
                {
                    "bin": f"{index / RELIABILITY_BINS:.1f}-{(index + 1) / RELIABILITY_BINS:.1f}",
                    "count": int(inside.sum()),
                    "mean_predicted": round(float(probabilities[inside].mean()), 4),
                    "observed_rate": round(float(outcomes[inside].mean()), 4),
                }
            )
    return curve


def expected_calibration_error(curve: list[dict[str, Any]]) -> float:
    total = sum(point["count"] for point in curve)
    gaps = (
        point["count"] * abs(point["mean_predicted"] - point["observed_rate"]) for point in curve
    )
    return sum(gaps) / total if total else 0.0


def evaluate(
    outcomes: np.ndarray, probabilities: np.ndarray, *, threshold: float = 0.5
) -> dict[str, Any]:
    """Every metric `GET /metrics` reports, for predictions against what happened."""
    outcomes = np.asarray(outcomes, dtype=int)
    predicted = probabilities >= threshold
    both_classes = len(np.unique(outcomes)) == 2
    curve = reliability_curve(outcomes, probabilities)
    clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
    return {
        "rows": len(outcomes),
        "positive_rate": round(float(outcomes.mean()), 4) if len(outcomes) else None,
        "threshold": threshold,
        "precision": round(float(precision_score(outcomes, predicted, zero_division=0)), 4),
        "recall": round(float(recall_score(outcomes, predicted, zero_division=0)), 4),
        "roc_auc": round(float(roc_auc_score(outcomes, probabilities)), 4)
        if both_classes
        else None,
        "pr_auc": round(float(average_precision_score(outcomes, probabilities)), 4)
        if both_classes
        else None,
        "brier": round(float(brier_score_loss(outcomes, probabilities)), 5),
        "log_loss": round(float(log_loss(outcomes, clipped, labels=[0, 1])), 5),
        "expected_calibration_error": round(expected_calibration_error(curve), 4),
        "reliability": curve,
    }
