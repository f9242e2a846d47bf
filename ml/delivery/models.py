"""The two delivery models behind one interface, and their artifacts as plain JSON-able dicts.

An artifact holds everything needed to predict and nothing executable: the logistic baseline as
its coefficients, LightGBM as its own text format, and an optional Platt calibration
(`p = sigmoid(a * logit(raw) + b)`). Artifacts live in the model registry's rows, so every API and
worker process loads the same bytes.
"""

import math
from dataclasses import dataclass, field
from typing import Any, Protocol

import lightgbm as lgb
import numpy as np

from ml.delivery.features import CATEGORICAL, FEATURES, VOCABULARIES
from ml.delivery.single_row import SingleRowPredictor

LOGISTIC, LIGHTGBM = "logistic", "lightgbm"
_EPSILON = 1e-6


def sigmoid(values: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-values))


def logit(probabilities: np.ndarray) -> np.ndarray:
    clipped = np.clip(probabilities, _EPSILON, 1 - _EPSILON)
    return np.log(clipped / (1 - clipped))


@dataclass(frozen=True)
class Calibration:
    a: float
    b: float

    def apply(self, probabilities: np.ndarray) -> np.ndarray:
        return sigmoid(self.a * logit(probabilities) + self.b)

    def apply_one(self, probability: float) -> float:
        """`apply` on one number, in plain floats (numpy's per-call cost is most of it)."""
        clipped = min(max(probability, _EPSILON), 1 - _EPSILON)
        return 1.0 / (1.0 + math.exp(-(self.a * math.log(clipped / (1 - clipped)) + self.b)))


class DeliveryModel(Protocol):
    kind: str
    calibration: Calibration | None

    def raw(self, matrix: np.ndarray) -> np.ndarray:
        """Uncalibrated probabilities of delivery, one per row of `FEATURES`."""

    def raw_one(self, row: np.ndarray) -> float:
        """`raw` of one row of `FEATURES`, at the least cost per call."""

    def artifact(self) -> dict[str, Any]:
        """What the registry stores."""


def predict(model: DeliveryModel, matrix: np.ndarray) -> np.ndarray:
    """Calibrated probabilities of delivery on the next attempt."""
    raw = model.raw(matrix)
    return model.calibration.apply(raw) if model.calibration else raw


def predict_row(model: DeliveryModel, row: np.ndarray) -> float:
    """`predict` of one encoded row (`POST /predict`): the same number, without a batch's cost."""
    raw = model.raw_one(row)
    return model.calibration.apply_one(raw) if model.calibration else raw


def one_hot_design(matrix: np.ndarray, means: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """The logistic model's inputs: categories one-hot (unknown: all zeros), numbers scaled."""
    blocks = []
    for column, name in enumerate(CATEGORICAL):
        size = len(VOCABULARIES[name])
        codes = matrix[:, column].astype(np.int64)
        block = np.zeros((len(matrix), size))
        known = codes >= 0
        block[np.flatnonzero(known), codes[known]] = 1.0
        blocks.append(block)
    numeric = matrix[:, len(CATEGORICAL) :]
    blocks.append((numeric - means) / scales)
    return np.hstack(blocks)


@dataclass
class LogisticModel:
    coefficients: np.ndarray
    intercept: float
    means: np.ndarray
    scales: np.ndarray
    calibration: Calibration | None = None
    kind: str = LOGISTIC

    def raw(self, matrix: np.ndarray) -> np.ndarray:
        design = one_hot_design(matrix, self.means, self.scales)
        return sigmoid(design @ self.coefficients + self.intercept)

    def raw_one(self, row: np.ndarray) -> float:
        return float(self.raw(np.reshape(row, (1, -1)))[0])

    def artifact(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "features": list(FEATURES),
            "model": {
                "coefficients": self.coefficients.tolist(),
                "intercept": self.intercept,
                "means": self.means.tolist(),
                "scales": self.scales.tolist(),
            },
            "calibration": _calibration_dict(self.calibration),
        }


@dataclass
class LightGBMModel:
    booster: lgb.Booster
    calibration: Calibration | None = None
    kind: str = LIGHTGBM
    _single_row: SingleRowPredictor = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._single_row = SingleRowPredictor(self.booster)

    def raw(self, matrix: np.ndarray) -> np.ndarray:
        # One thread for a handful of rows: starting OpenMP threads costs more than the trees.
        threads = 1 if len(matrix) < 1000 else 0
        return np.asarray(self.booster.predict(matrix, num_threads=threads))

    def raw_one(self, row: np.ndarray) -> float:
        return self._single_row(row)

    def artifact(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "features": list(FEATURES),
            "model": self.booster.model_to_string(),
            "calibration": _calibration_dict(self.calibration),
        }


def _calibration_dict(calibration: Calibration | None) -> dict[str, float] | None:
    return None if calibration is None else {"a": calibration.a, "b": calibration.b}


class IncompatibleArtifact(ValueError):
    """An artifact made for other features than this code computes."""


def load_model(artifact: dict[str, Any]) -> DeliveryModel:
    """The model an artifact describes; refuses one trained on other features."""
    if list(artifact["features"]) != list(FEATURES):
        raise IncompatibleArtifact(
            f"the artifact's features {artifact['features']} are not {list(FEATURES)}"
        )
    calibration = Calibration(**artifact["calibration"]) if artifact["calibration"] else None
    if artifact["kind"] == LOGISTIC:
        model = artifact["model"]
        return LogisticModel(
            np.asarray(model["coefficients"]),
            float(model["intercept"]),
            np.asarray(model["means"]),
            np.asarray(model["scales"]),
            calibration,
        )
    if artifact["kind"] == LIGHTGBM:
        return LightGBMModel(lgb.Booster(model_str=artifact["model"]), calibration)
    raise IncompatibleArtifact(f"unknown model kind {artifact['kind']!r}")
