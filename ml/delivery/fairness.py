"""Fairness: how well the model does for each recipient country, provider and channel.

Per segment: the count, precision and recall at the threshold, ROC-AUC (when the segment holds
both outcomes), the mean predicted probability against the observed delivery rate, and their
difference, the calibration gap (positive: the model promises more than the segment gets). A
segment is flagged when it holds at least `MIN_SEGMENT_COUNT` rows and its AUC falls more than
`AUC_GAP_ALERT` below the overall AUC, or its calibration gap differs from the overall one by
more than `CALIBRATION_GAP_ALERT`: the model then ranks or prices that group's deliveries worse
than everyone's, and the retry policy (delays, demotion, give-up) treats it worse with it.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

SEGMENTS = ("recipient_country", "provider", "channel")
MIN_SEGMENT_COUNT = 200
AUC_GAP_ALERT = 0.05
CALIBRATION_GAP_ALERT = 0.05


def thresholds() -> dict[str, float | int]:
    """The alert thresholds, as `GET /metrics/fairness` documents them."""
    return {
        "min_segment_count": MIN_SEGMENT_COUNT,
        "auc_gap": AUC_GAP_ALERT,
        "calibration_gap": CALIBRATION_GAP_ALERT,
    }


def group_metrics(
    outcomes: np.ndarray, probabilities: np.ndarray, *, threshold: float = 0.5
) -> dict[str, Any]:
    """Count, precision, recall, ROC-AUC and calibration of one group of predictions."""
    outcomes = np.asarray(outcomes, dtype=bool)
    probabilities = np.asarray(probabilities, dtype=np.float64)
    predicted = probabilities >= threshold
    hits = int((predicted & outcomes).sum())
    mean_predicted, observed = float(probabilities.mean()), float(outcomes.mean())
    return {
        "count": len(outcomes),
        "precision": _ratio(hits, int(predicted.sum())),
        "recall": _ratio(hits, int(outcomes.sum())),
        "roc_auc": round(float(roc_auc_score(outcomes, probabilities)), 4)
        if 0 < outcomes.sum() < len(outcomes)
        else None,
        "mean_predicted": round(mean_predicted, 4),
        "observed_rate": round(observed, 4),
        "calibration_gap": round(mean_predicted - observed, 4),
    }


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def fairness_report(
    segments: Mapping[str, Sequence[Any] | np.ndarray],
    outcomes: np.ndarray,
    probabilities: np.ndarray,
    *,
    threshold: float = 0.5,
) -> dict[str, Any]:
    """Overall and per-segment metrics (`SEGMENTS` present in `segments`), and the alerts."""
    outcomes = np.asarray(outcomes, dtype=bool)
    probabilities = np.asarray(probabilities, dtype=np.float64)
    if not len(outcomes):
        return {"overall": {"count": 0}, "segments": {}, "alerts": []}
    overall = group_metrics(outcomes, probabilities, threshold=threshold)
    by_segment: dict[str, list[dict[str, Any]]] = {}
    for name in SEGMENTS:
        if name not in segments:
            continue
        values = np.asarray(segments[name], dtype=object)
        by_segment[name] = [
            {
                "value": value,
                **group_metrics(outcomes[chosen], probabilities[chosen], threshold=threshold),
            }
            for value in sorted(set(values.tolist()))
            for chosen in [values == value]
        ]
    return {
        "overall": overall,
        "segments": by_segment,
        "alerts": fairness_alerts(overall, by_segment),
    }


def fairness_alerts(
    overall: dict[str, Any], segments: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The segments, with enough rows, ranked or calibrated worse than the whole population."""
    alerts = []
    for name, groups in segments.items():
        for group in groups:
            if group["count"] < MIN_SEGMENT_COUNT:
                continue
            reasons = _reasons(overall, group)
            if reasons:
                alerts.append(
                    {
                        "metric": "fairness",
                        "segment": name,
                        "value": group["value"],
                        "count": group["count"],
                        "roc_auc": group["roc_auc"],
                        "calibration_gap": group["calibration_gap"],
                        "reasons": reasons,
                        "level": "alert",
                    }
                )
    return alerts


def _reasons(overall: dict[str, Any], group: dict[str, Any]) -> list[str]:
    reasons = []
    auc, overall_auc = group["roc_auc"], overall["roc_auc"]
    if auc is not None and overall_auc is not None and auc < overall_auc - AUC_GAP_ALERT:
        reasons.append(f"roc_auc more than {AUC_GAP_ALERT} below the overall")
    if abs(group["calibration_gap"] - overall["calibration_gap"]) > CALIBRATION_GAP_ALERT:
        reasons.append(f"calibration gap more than {CALIBRATION_GAP_ALERT} from the overall")
    return reasons
