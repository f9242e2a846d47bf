"""Training on a time-based split: the past trains, the most recent slice is the holdout.

`train_candidates` fits the logistic baseline and LightGBM on the same rows, calibrates each on
the last part of the training period (only when that lowers its Brier score there), and evaluates
both on the holdout. `should_promote` decides whether a candidate replaces the active model, by
scoring both on the candidate's holdout.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss

from ml.delivery.evaluation import evaluate
from ml.delivery.fairness import SEGMENTS, fairness_report
from ml.delivery.features import CATEGORICAL, FEATURES, encode
from ml.delivery.models import (
    Calibration,
    DeliveryModel,
    LightGBMModel,
    LogisticModel,
    logit,
    one_hot_design,
    predict,
)


@dataclass(frozen=True)
class TrainingConfig:
    holdout_fraction: float = 0.2
    calibration_fraction: float = 0.15  # of the training period, its most recent part
    trees: int = 120
    leaves: int = 31
    learning_rate: float = 0.1
    min_child_samples: int = 50
    seed: int = 0


@dataclass(frozen=True)
class Split:
    train: pd.DataFrame
    calibration: pd.DataFrame
    holdout: pd.DataFrame

    def data_range(self) -> dict[str, str]:
        return {
            "train_from": _iso(self.train["send_time"].min()),
            "train_to": _iso(self.calibration["send_time"].max()),
            "holdout_from": _iso(self.holdout["send_time"].min()),
            "holdout_to": _iso(self.holdout["send_time"].max()),
        }


def _iso(value: Any) -> str:
    return pd.Timestamp(value).isoformat()


def time_split(events: pd.DataFrame, config: TrainingConfig) -> Split:
    """Train on the past, calibrate on the recent past, test on the future: never shuffled."""
    ordered = events.sort_values("send_time", kind="stable", ignore_index=True)
    holdout_start = int(len(ordered) * (1 - config.holdout_fraction))
    calibration_start = int(holdout_start * (1 - config.calibration_fraction))
    return Split(
        ordered.iloc[:calibration_start],
        ordered.iloc[calibration_start:holdout_start],
        ordered.iloc[holdout_start:],
    )


def _outcomes(frame: pd.DataFrame) -> np.ndarray:
    return frame["delivered"].to_numpy(dtype=int)


def fit_logistic(matrix: np.ndarray, outcomes: np.ndarray) -> LogisticModel:
    numeric = matrix[:, len(CATEGORICAL) :]
    means, scales = numeric.mean(axis=0), numeric.std(axis=0)
    scales = np.where(scales > 0, scales, 1.0)
    design = one_hot_design(matrix, means, scales)
    fitted = LogisticRegression(max_iter=500, C=1.0).fit(design, outcomes)
    return LogisticModel(fitted.coef_[0], float(fitted.intercept_[0]), means, scales)


def fit_lightgbm(matrix: np.ndarray, outcomes: np.ndarray, config: TrainingConfig) -> LightGBMModel:
    params = {
        "objective": "binary",
        "learning_rate": config.learning_rate,
        "num_leaves": config.leaves,
        "min_child_samples": config.min_child_samples,
        "seed": config.seed,
        "deterministic": True,
        "num_threads": 2,
        "verbose": -1,
    }
    data = lgb.Dataset(
        matrix,
        label=outcomes,
        feature_name=list(FEATURES),
        categorical_feature=list(CATEGORICAL),
        free_raw_data=True,
    )
    return LightGBMModel(lgb.train(params, data, num_boost_round=config.trees))


def calibrate(model: DeliveryModel, matrix: np.ndarray, outcomes: np.ndarray) -> None:
    """Fit Platt scaling on held-back rows; keep it only if it lowers the Brier score there."""
    if len(np.unique(outcomes)) < 2:
        return
    raw = model.raw(matrix)
    platt = LogisticRegression(C=1e6).fit(logit(raw).reshape(-1, 1), outcomes)
    candidate = Calibration(float(platt.coef_[0][0]), float(platt.intercept_[0]))
    if brier_score_loss(outcomes, candidate.apply(raw)) < brier_score_loss(outcomes, raw):
        model.calibration = candidate


# Per-bin and per-segment figures: stored with each version, left out of summaries.
_DETAILS = ("reliability", "fairness")


def holdout_metrics(
    holdout: pd.DataFrame, outcomes: np.ndarray, probabilities: np.ndarray
) -> dict[str, Any]:
    """Every metric of a model on the holdout, with its fairness across segments."""
    segments = {name: holdout[name].to_numpy() for name in SEGMENTS}
    return {
        **evaluate(outcomes, probabilities),
        "fairness": fairness_report(segments, outcomes, probabilities),
    }


@dataclass
class Candidate:
    model: DeliveryModel
    metrics: dict[str, Any]  # on the holdout
    calibration_metrics: dict[str, Any] = field(default_factory=dict)


@dataclass
class TrainingRun:
    split: Split
    candidates: dict[str, Candidate]
    holdout_matrix: np.ndarray
    holdout_outcomes: np.ndarray
    train_matrix: np.ndarray

    @property
    def best(self) -> Candidate:
        return min(self.candidates.values(), key=lambda c: c.metrics["log_loss"])

    def summary(self) -> dict[str, Any]:
        return {
            "rows": {
                "train": len(self.split.train),
                "calibration": len(self.split.calibration),
                "holdout": len(self.split.holdout),
            },
            "data_range": self.split.data_range(),
            "holdout_metrics": {
                kind: {k: v for k, v in candidate.metrics.items() if k not in _DETAILS}
                for kind, candidate in self.candidates.items()
            },
        }


def train_candidates(events: pd.DataFrame, config: TrainingConfig | None = None) -> TrainingRun:
    """Fit, calibrate and evaluate the baseline and LightGBM on a time-based split."""
    config = config or TrainingConfig()
    split = time_split(events, config)
    if min(len(split.train), len(split.calibration), len(split.holdout)) == 0:
        raise ValueError("too few events to split into training, calibration and holdout")
    train_x, train_y = encode(split.train), _outcomes(split.train)
    calibration_x, calibration_y = encode(split.calibration), _outcomes(split.calibration)
    holdout_x, holdout_y = encode(split.holdout), _outcomes(split.holdout)
    models: list[DeliveryModel] = [
        fit_logistic(train_x, train_y),
        fit_lightgbm(train_x, train_y, config),
    ]
    candidates = {}
    for model in models:
        calibrate(model, calibration_x, calibration_y)
        probabilities = predict(model, holdout_x)
        candidates[model.kind] = Candidate(
            model, holdout_metrics(split.holdout, holdout_y, probabilities)
        )
    return TrainingRun(split, candidates, holdout_x, holdout_y, train_x)


def should_promote(
    candidate: Candidate, active: DeliveryModel | None, run: TrainingRun
) -> tuple[bool, dict[str, Any] | None]:
    """Whether `candidate` beats the active model on the candidate's holdout (lower log loss,
    a proper score of both ranking and calibration); and the active model's metrics there."""
    if active is None:
        return True, None
    active_metrics = evaluate(run.holdout_outcomes, predict(active, run.holdout_matrix))
    return candidate.metrics["log_loss"] < active_metrics["log_loss"], active_metrics


def trained_at() -> str:
    return datetime.now().astimezone().isoformat()
