"""Reports are written as text without formatting each number: the shortcuts must write exactly
what Python's own rounding and repr would."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ml.health.report import _percentiles, _tenths

scores = st.floats(0, 100, allow_nan=False)
# Values a hair away from a half tenth, where rint(p * 10) and round(p, 1) could part ways.
near_half_tenths = st.builds(
    lambda tenths, nudge: (tenths + 0.5) / 10 + nudge,
    st.integers(0, 999),
    st.sampled_from([0.0, 1e-15, -1e-15, 1e-12, -1e-12, 5e-17]),
)


@given(st.lists(scores | st.just(float("nan")), max_size=50))
def test_a_score_is_written_as_numpy_rounds_it(values: list[float]) -> None:
    rounded = np.round(np.array(values, dtype=float), 1).tolist()

    assert _tenths(np.array(values, dtype=float)) == [
        "null" if value != value else repr(value) for value in rounded
    ]


@given(st.lists(scores | near_half_tenths | st.just(float("nan")), max_size=50))
def test_a_percentile_is_written_as_python_rounds_it(values: list[float]) -> None:
    assert _percentiles(np.array(values, dtype=float)) == [
        "null" if value != value else repr(round(value, 1)) for value in values
    ]
