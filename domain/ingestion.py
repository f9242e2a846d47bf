"""Bulk loading of a synthetic health dataset into PostgreSQL, and reading the tables back.

Rows go in with binary COPY, every table in one transaction: a failure leaves nothing written.
Users get their ids from the `users` sequence first, so the other tables can refer to them and a
concurrent writer can never be handed the same ids. Tables that at least double have their
secondary indexes and foreign keys built once at the end (`domain.bulk_load`).
"""

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import numpy as np
import pandas as pd

from domain.bulk_load import restore_indexes_and_foreign_keys, suspend_indexes_and_foreign_keys
from domain.errors import Conflict
from ml.synthetic.health_data import TABLES, HealthDataset

# Rows per batch handed to COPY; also how often progress is reported.
BATCH_ROWS = 20_000
# PostgreSQL stores a timestamptz as microseconds since this instant.
POSTGRES_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_POSTGRES_EPOCH_US = np.datetime64(POSTGRES_EPOCH.replace(tzinfo=None), "us")

# Called with (table, rows just written); at the end once with ("indexes", 0) while they build.
ProgressCallback = Callable[[str, int], None]


class SeedAlreadyWritten(Conflict):
    code = "seed_already_written"


@dataclass(frozen=True)
class IngestResult:
    rows: dict[str, int]
    seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_s(self) -> float:
        return self.total_rows / self.seconds if self.seconds else 0.0


def asyncpg_dsn(database_url: str) -> str:
    """The settings' URL in the spelling asyncpg wants (`postgresql://`)."""
    return database_url.replace("postgres://", "postgresql://", 1)


@asynccontextmanager
async def connected(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection to `database_url`, closed when the block ends."""
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        yield connection
    finally:
        await connection.close()


async def ingest_dataset(
    database_url: str, dataset: HealthDataset, *, on_progress: ProgressCallback | None = None
) -> IngestResult:
    """Connect to `database_url`, write `dataset` there (see `write_dataset`), then VACUUM
    ANALYZE the tables: fresh statistics and visibility for the planner, as PostgreSQL advises
    after a bulk load (autovacuum would get there later; the health score's aggregates ran three
    times slower before it had)."""
    async with connected(database_url) as connection:
        result = await write_dataset(connection, dataset, on_progress=on_progress)
        await connection.execute(f"VACUUM (ANALYZE) {', '.join(TABLES)}")
    return result


async def write_dataset(
    connection: asyncpg.Connection,
    dataset: HealthDataset,
    *,
    on_progress: ProgressCallback | None = None,
) -> IngestResult:
    """Write every table of `dataset` in one transaction; report rows per table and the time."""
    started = time.perf_counter()
    report = on_progress or (lambda table, rows: None)
    try:
        async with timestamps_as_microseconds(connection), connection.transaction():
            user_ids = await _reserve_ids(connection, "users", len(dataset["users"]))
            frames = tables_to_copy(dataset, user_ids)
            suspended = await suspend_for_load(connection, frames)
            await _copy_batches(connection, frames, report)
            report("indexes", 0)
            await restore_indexes_and_foreign_keys(connection, suspended)
    except asyncpg.UniqueViolationError as error:
        if error.constraint_name != "uq_users_email_lower":
            raise
        raise SeedAlreadyWritten(
            "users with these e-mail addresses exist already: this seed was written to this "
            "database before; choose another seed"
        ) from error
    return IngestResult(rows=dataset.row_counts, seconds=time.perf_counter() - started)


async def _copy_batches(
    connection: asyncpg.Connection, frames: dict[str, pd.DataFrame], report: ProgressCallback
) -> None:
    """One COPY per table, fed batch by batch: PostgreSQL stores a batch while the next converts."""
    for table, frame in frames.items():
        rows = _rows_in_batches(table, frame, report)
        await connection.copy_records_to_table(table, records=rows, columns=list(frame.columns))


async def _rows_in_batches(
    table: str, frame: pd.DataFrame, report: ProgressCallback
) -> AsyncIterator[tuple]:
    for first in range(0, len(frame), BATCH_ROWS):
        batch = as_records(frame.iloc[first : first + BATCH_ROWS])
        for row in batch:
            yield row
        report(table, len(batch))


async def _reserve_ids(connection: asyncpg.Connection, table: str, count: int) -> np.ndarray:
    rows = await connection.fetch(
        "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)",
        table,
        count,
    )
    return np.fromiter((row[0] for row in rows), dtype=np.int64, count=count)


@asynccontextmanager
async def timestamps_as_microseconds(connection: asyncpg.Connection) -> AsyncIterator[None]:
    """Within this block the connection takes timestamptz values as microseconds since
    `POSTGRES_EPOCH`, as `as_records` makes them: a datetime object per value would cost more
    than all the other columns together."""
    await connection.set_type_codec(
        "timestamptz",
        schema="pg_catalog",
        encoder=lambda microseconds: (microseconds,),
        decoder=lambda value: POSTGRES_EPOCH + timedelta(microseconds=value[0]),
        format="tuple",
    )
    try:
        yield
    finally:
        await connection.reset_type_codec("timestamptz", schema="pg_catalog")


def tables_to_copy(dataset: HealthDataset, user_ids: np.ndarray) -> dict[str, pd.DataFrame]:
    """Every table of `dataset` as the columns to COPY (see `with_database_ids`)."""
    return {table: with_database_ids(dataset[table], user_ids) for table in TABLES}


async def suspend_for_load(
    connection: asyncpg.Connection, frames: dict[str, pd.DataFrame]
) -> list[str]:
    """Suspend the indexes and foreign keys that loading `frames` makes worth building once;
    return the statements that restore them (see `domain.bulk_load`)."""
    incoming = {table: len(frame) for table, frame in frames.items() if table != "users"}
    return await suspend_indexes_and_foreign_keys(connection, incoming)


def with_database_ids(frame: pd.DataFrame, user_ids: np.ndarray) -> pd.DataFrame:
    """The columns to COPY: users keep the ids reserved for them, other rows get theirs from the
    database and refer to their user by its database id."""
    if "user_id" not in frame.columns:
        return frame.assign(id=user_ids)
    return frame.drop(columns="id").assign(user_id=user_ids[frame["user_id"].to_numpy() - 1])


def as_records(frame: pd.DataFrame) -> list[tuple]:
    """Rows as tuples of plain Python values for COPY inside `timestamps_as_microseconds`."""
    return list(zip(*(_python_values(frame[name]) for name in frame.columns), strict=True))


def _python_values(column: pd.Series) -> list:
    """A column as Python objects asyncpg can encode; missing values become None (NULL)."""
    missing = column.isna().to_numpy()
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        utc = column.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[us]")
        column = pd.Series((utc - _POSTGRES_EPOCH_US).astype("int64"))
    if not missing.any():
        return column.to_numpy().tolist()
    if isinstance(column.dtype, pd.Int64Dtype):
        values = column.to_numpy(dtype="int64", na_value=0).astype(object)
    else:
        values = column.to_numpy().astype(object)
    values[missing] = None
    return values.tolist()


async def read_tables(
    database_url: str, tables: tuple[str, ...] = TABLES
) -> dict[str, pd.DataFrame]:
    """Every row of `tables`, ordered by id, as DataFrames (for analysis, not for the API)."""
    frames = {}
    async with connected(database_url) as connection:
        for table in tables:
            statement = await connection.prepare(f'SELECT * FROM "{table}" ORDER BY id')
            columns = [attribute.name for attribute in statement.get_attributes()]
            rows = await statement.fetch()
            frames[table] = pd.DataFrame([tuple(row) for row in rows], columns=columns)
    return frames
