"""LightGBM on one row, without `Booster.predict`'s per-call set-up.

`Booster.predict` builds a predictor, copies and formats its parameters and checks its input on
every call: about 20 microseconds for one row. LightGBM's C API has a path made for serving one
row at a time (`LGBM_BoosterPredictForMatSingleRowFastInit` once, then
`LGBM_BoosterPredictForMatSingleRowFast` per row), which costs about 4. The C API is LightGBM's
public one; reaching it goes through the Python package's loaded library (`lightgbm.basic._LIB`),
private, so it is confined here, and `tests/ml/delivery/test_single_row.py` fails if the two
paths ever disagree.
"""

import ctypes
import threading
import weakref

import lightgbm as lgb
import numpy as np
from lightgbm.basic import _LIB, _safe_call

_FLOAT64, _PREDICT_NORMAL, _ALL_ITERATIONS = 1, 0, -1


def _free(handle: ctypes.c_void_p, booster: lgb.Booster) -> None:
    """Free the fast config; holding `booster` keeps it alive until then."""
    _safe_call(_LIB.LGBM_FastConfigFree(handle))


class SingleRowPredictor:
    """The probability of one row of float64 features, by a booster's fast single-row path."""

    def __init__(self, booster: lgb.Booster) -> None:
        self._booster = booster  # the handle below points into it: it must outlive the handle
        self._features = booster.num_feature()
        self._handle = ctypes.c_void_p()
        _safe_call(
            _LIB.LGBM_BoosterPredictForMatSingleRowFastInit(
                booster._handle,
                ctypes.c_int(_PREDICT_NORMAL),
                ctypes.c_int(0),  # start iteration
                ctypes.c_int(_ALL_ITERATIONS),
                ctypes.c_int(_FLOAT64),
                ctypes.c_int32(self._features),
                b"num_threads=1",  # one row: starting OpenMP threads costs more than the trees
                ctypes.byref(self._handle),
            )
        )
        weakref.finalize(self, _free, self._handle, booster)
        # The fast config holds buffers of its own: one call at a time through it.
        self._lock = threading.Lock()
        self._predict = _LIB.LGBM_BoosterPredictForMatSingleRowFast

    def __call__(self, row: np.ndarray) -> float:
        features = np.ascontiguousarray(row, dtype=np.float64)
        if features.size != self._features:
            raise ValueError(f"expected {self._features} features, got {features.size}")
        result = ctypes.c_double()
        length = ctypes.c_int64()
        with self._lock:
            _safe_call(
                self._predict(
                    self._handle,
                    features.ctypes.data_as(ctypes.c_void_p),
                    ctypes.byref(length),
                    ctypes.byref(result),
                )
            )
        return result.value
