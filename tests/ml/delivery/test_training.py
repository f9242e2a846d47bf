"""Training on the past, testing on the future; a candidate replaces the active model only when
it is better on the holdout; artifacts load back to the same predictions."""

from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from ml.delivery.evaluation import evaluate
from ml.delivery.features import events_from_logs
from ml.delivery.models import IncompatibleArtifact, load_model, predict
from ml.delivery.train import TrainingConfig, TrainingRun, should_promote, train_candidates
from ml.synthetic.notifications import generate_notifications

SMALL = TrainingConfig(trees=30, leaves=15)


@pytest.fixture(scope="module")
def run() -> TrainingRun:
    notifications, attempts = generate_notifications(
        count=8_000, start=datetime(2026, 9, 1), days=10, seed=4
    )
    return train_candidates(events_from_logs(notifications, attempts), SMALL)


def test_the_holdout_is_later_than_everything_trained_on(run: TrainingRun) -> None:
    split = run.split

    assert split.train["send_time"].max() <= split.calibration["send_time"].min()
    assert split.calibration["send_time"].max() <= split.holdout["send_time"].min()
    assert len(split.holdout) == pytest.approx(
        0.2 * sum(map(len, (split.train, split.calibration, split.holdout))), abs=2
    )


def test_both_models_learn_and_lightgbm_is_the_stronger(run: TrainingRun) -> None:
    baseline, lightgbm = run.candidates["logistic"].metrics, run.candidates["lightgbm"].metrics

    assert baseline["roc_auc"] > 0.7
    assert lightgbm["roc_auc"] > 0.7
    assert lightgbm["log_loss"] < baseline["log_loss"] + 0.01
    for metrics in (baseline, lightgbm):
        assert set(metrics) >= {"precision", "recall", "roc_auc", "pr_auc", "brier", "reliability"}
        assert sum(point["count"] for point in metrics["reliability"]) == metrics["rows"]


def test_each_candidate_is_judged_per_country_provider_and_channel(run: TrainingRun) -> None:
    fairness = run.candidates["lightgbm"].metrics["fairness"]
    holdout = run.split.holdout

    assert fairness["overall"]["count"] == len(holdout)
    assert fairness["overall"]["roc_auc"] == run.candidates["lightgbm"].metrics["roc_auc"]
    for segment in ("recipient_country", "provider", "channel"):
        groups = fairness["segments"][segment]
        assert {group["value"] for group in groups} == set(holdout[segment])
        assert sum(group["count"] for group in groups) == len(holdout)
    assert "fairness" not in run.summary()["holdout_metrics"]["lightgbm"]


def test_an_artifact_loads_back_to_the_same_predictions(run: TrainingRun) -> None:
    for candidate in run.candidates.values():
        loaded = load_model(candidate.model.artifact())

        np.testing.assert_allclose(
            predict(loaded, run.holdout_matrix), predict(candidate.model, run.holdout_matrix)
        )


def test_an_artifact_for_other_features_is_refused(run: TrainingRun) -> None:
    artifact = run.candidates["lightgbm"].model.artifact() | {"features": ["hour"]}

    with pytest.raises(IncompatibleArtifact):
        load_model(artifact)


def test_a_candidate_is_promoted_only_if_it_beats_the_active_model(run: TrainingRun) -> None:
    lightgbm, baseline = run.candidates["lightgbm"], run.candidates["logistic"]

    assert should_promote(lightgbm, None, run) == (True, None)
    promoted, _ = should_promote(baseline, lightgbm.model, run)
    assert promoted is (baseline.metrics["log_loss"] < lightgbm.metrics["log_loss"])
    again, active_metrics = should_promote(lightgbm, lightgbm.model, run)
    assert again is False  # not better than itself
    assert active_metrics is not None


def test_metrics_of_perfect_and_useless_predictions() -> None:
    outcomes = np.array([0, 1, 1, 0, 1])

    perfect = evaluate(outcomes, outcomes.astype(float))
    useless = evaluate(outcomes, np.full(5, 0.6))

    assert perfect["roc_auc"] == 1.0
    assert perfect["brier"] == 0.0
    assert useless["roc_auc"] == 0.5
    assert useless["reliability"] == [
        {"bin": "0.6-0.7", "count": 5, "mean_predicted": 0.6, "observed_rate": 0.6}
    ]


def test_events_need_every_split_non_empty() -> None:
    events = pd.DataFrame({"send_time": [], "delivered": []})

    with pytest.raises(ValueError, match="too few events"):
        train_candidates(events, SMALL)
