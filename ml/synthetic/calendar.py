"""The period a synthetic dataset covers, and turning (day, hour of day) into UTC timestamps."""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

# Monday, so weeks line up with the period; early enough that 365 days stay in the past.
DEFAULT_START = date(2025, 1, 6)


@dataclass(frozen=True)
class Period:
    start: date
    days: int

    @property
    def dates(self) -> np.ndarray:
        """Each day of the period as datetime64[D]."""
        return np.datetime64(self.start, "D") + np.arange(self.days)

    @property
    def weekdays(self) -> np.ndarray:
        """Monday 0 to Sunday 6 for each day of the period."""
        return (self.start.weekday() + np.arange(self.days)) % 7

    def timestamps(self, day: np.ndarray, hours: np.ndarray) -> pd.Series:
        """UTC timestamps, to the second, `hours` after midnight of day number `day` (0 = start)."""
        midnight = (np.datetime64(self.start, "D") + np.asarray(day)).astype("datetime64[us]")
        offset = np.round(np.asarray(hours) * 3600).astype("int64") * 1_000_000
        return utc(midnight + offset.astype("timedelta64[us]"))

    @property
    def end(self) -> pd.Timestamp:
        """Midnight UTC after the last day."""
        return pd.Timestamp(self.start, tz="UTC") + pd.Timedelta(days=self.days)


def utc(values: np.ndarray) -> pd.Series:
    """A numpy datetime64 array as a pandas Series of UTC timestamps in microseconds."""
    return pd.Series(np.asarray(values, dtype="datetime64[us]")).dt.tz_localize("UTC")
