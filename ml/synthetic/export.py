"""CSV files of a dataset as devices would export it, and reading such files back.

The export is rawer than what the database gets, so that cleaning it is worth showing: about one
user in ten has a scale in pounds and a thermometer in Fahrenheit, a third of glucose meters
read mmol/L, and a device that synced twice left exact duplicate rows.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from ml.synthetic.health_data import TABLES, HealthDataset

POUNDS_PER_KG = 1 / 0.45359237
MG_DL_PER_MMOL_L = 18.0156
DUPLICATED_SHARE = 0.005
DUPLICATED_TABLES = ("physical_activities", "sleep_sessions", "health_metrics", "meals")
TIMESTAMP_COLUMNS = {
    "created_at",
    "updated_at",
    "measured_at",
    "taken_at",
    "eaten_at",
    "scheduled_at",
    "order_date",
    "start",
    "end",
}
DATE_COLUMNS = {"birth_date", "date"}


def write_csv(dataset: HealthDataset, directory: Path, *, seed: int) -> list[Path]:
    """One `<table>.csv` per table in `directory`, with the export's quirks; the paths written."""
    rng = np.random.default_rng([seed, 1])  # its own stream: the dataset itself stays the same
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in TABLES:
        frame = dataset[table]
        if table == "health_metrics":
            frame = _device_units(rng, frame, users=len(dataset["users"]))
        if table in DUPLICATED_TABLES:
            frame = _synced_twice(rng, frame)
        path = directory / f"{table}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        paths.append(path)
    return paths


def _device_units(rng: np.random.Generator, metrics: pd.DataFrame, *, users: int) -> pd.DataFrame:
    imperial = rng.random(users + 1) < 0.1  # indexed by user id
    mmol = rng.random(users + 1) < 0.33
    user, kind = metrics["user_id"].to_numpy(), metrics["kind"].to_numpy()
    value, unit = metrics["value"].to_numpy().copy(), metrics["unit"].to_numpy().copy()
    pounds = imperial[user] & (kind == "weight")
    fahrenheit = imperial[user] & (kind == "temperature")
    per_litre = mmol[user] & (kind == "glucose")
    value[pounds] = np.round(value[pounds] * POUNDS_PER_KG, 1)
    value[fahrenheit] = np.round(value[fahrenheit] * 9 / 5 + 32, 1)
    value[per_litre] = np.round(value[per_litre] / MG_DL_PER_MMOL_L, 1)
    unit[pounds], unit[fahrenheit], unit[per_litre] = "lb", "fahrenheit", "mmol/L"
    return metrics.assign(value=value, unit=unit)


def _synced_twice(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    twice = rng.random(len(frame)) < DUPLICATED_SHARE
    return pd.concat([frame, frame[twice]]).sort_values("id", kind="stable", ignore_index=True)


def read_csv(directory: Path) -> dict[str, pd.DataFrame]:
    """The tables `write_csv` wrote, with timestamps in UTC and dates as dates."""
    frames = {}
    for table in TABLES:
        frame = pd.read_csv(directory / f"{table}.csv")
        for column in frame.columns:
            if column in TIMESTAMP_COLUMNS:
                frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
            elif column in DATE_COLUMNS:
                frame[column] = pd.to_datetime(frame[column], format="ISO8601").dt.date
        frames[table] = frame
    return frames
