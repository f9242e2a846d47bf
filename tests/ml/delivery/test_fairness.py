"""Fairness per segment, on constructed predictions whose answers are known by hand."""

import numpy as np
import pytest

from ml.delivery.fairness import (
    CALIBRATION_GAP_ALERT,
    MIN_SEGMENT_COUNT,
    fairness_report,
    group_metrics,
)


def test_one_groups_metrics_are_the_hand_computed_ones() -> None:
    outcomes = np.array([1, 1, 1, 0, 0])
    probabilities = np.array([0.9, 0.6, 0.4, 0.7, 0.2])

    metrics = group_metrics(outcomes, probabilities)

    # Predicted delivered: 0.9, 0.6, 0.7: two right of three; two of the three deliveries found.
    assert metrics["count"] == 5
    assert metrics["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["recall"] == pytest.approx(2 / 3, abs=1e-4)
    # Of the 3 x 2 (delivered, failed) pairs, two are ranked wrong: 0.6 and 0.4 below 0.7.
    assert metrics["roc_auc"] == pytest.approx(4 / 6, abs=1e-4)
    assert metrics["mean_predicted"] == pytest.approx(0.56)
    assert metrics["observed_rate"] == pytest.approx(0.6)
    assert metrics["calibration_gap"] == pytest.approx(-0.04)


def test_a_group_with_one_outcome_has_no_auc_and_no_precision_without_positives() -> None:
    metrics = group_metrics(np.array([0, 0, 0]), np.array([0.1, 0.2, 0.3]))

    assert metrics["roc_auc"] is None
    assert metrics["precision"] == 0.0  # nothing predicted delivered
    assert metrics["recall"] == 0.0  # nothing delivered
    assert metrics["calibration_gap"] == pytest.approx(0.2)


def _world(per_segment: int) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Two countries: US predictions are perfect (delivered 0.8, failed 0.2); NG ones promise
    0.7 to everybody while half are delivered, so NG's AUC is 0.5 and its gap +0.2."""
    half = per_segment // 2
    us_outcomes = np.repeat([1, 0], half)
    ng_outcomes = np.repeat([1, 0], half)
    outcomes = np.concatenate([us_outcomes, ng_outcomes])
    probabilities = np.concatenate(
        [np.where(us_outcomes == 1, 0.8, 0.2), np.full(per_segment, 0.7)]
    )
    segments = {
        "recipient_country": np.array(["US"] * per_segment + ["NG"] * per_segment, dtype=object),
        "channel": np.array(["sms"] * (2 * per_segment), dtype=object),
    }
    return segments, outcomes, probabilities


def test_each_segment_gets_its_own_metrics() -> None:
    report = fairness_report(*_world(MIN_SEGMENT_COUNT))

    countries = {group["value"]: group for group in report["segments"]["recipient_country"]}
    assert set(report["segments"]) == {"recipient_country", "channel"}  # no provider given
    assert countries["US"]["roc_auc"] == 1.0
    assert countries["US"]["calibration_gap"] == pytest.approx(0.0)
    assert countries["NG"]["roc_auc"] == 0.5
    assert countries["NG"]["calibration_gap"] == pytest.approx(0.2)
    assert countries["NG"]["precision"] == 0.5
    assert countries["NG"]["recall"] == 1.0
    assert report["overall"]["count"] == 2 * MIN_SEGMENT_COUNT
    assert report["overall"]["calibration_gap"] == pytest.approx(0.1)
    assert report["segments"]["channel"][0]["count"] == 2 * MIN_SEGMENT_COUNT


def test_a_segment_ranked_and_calibrated_worse_than_the_whole_raises_an_alert() -> None:
    report = fairness_report(*_world(MIN_SEGMENT_COUNT))

    flagged = {(alert["segment"], alert["value"]): alert for alert in report["alerts"]}
    # NG: AUC 0.5 against ~0.84 overall, gap 0.2 against 0.1. US: gap 0.0 against 0.1 too.
    assert set(flagged) == {("recipient_country", "NG"), ("recipient_country", "US")}
    assert len(flagged["recipient_country", "NG"]["reasons"]) == 2
    assert flagged["recipient_country", "US"]["reasons"] == [
        f"calibration gap more than {CALIBRATION_GAP_ALERT} from the overall"
    ]


def test_segments_too_small_to_judge_raise_no_alert() -> None:
    report = fairness_report(*_world(MIN_SEGMENT_COUNT - 2))

    assert report["segments"]["recipient_country"][0]["roc_auc"] is not None
    assert report["alerts"] == []


def test_no_predictions_give_an_empty_report() -> None:
    report = fairness_report({"channel": np.array([], dtype=object)}, np.array([]), np.array([]))

    assert report == {"overall": {"count": 0}, "segments": {}, "alerts": []}
