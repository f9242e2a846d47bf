"""`pulsetrack seed` and `seed-search` at the edge: find the database (embedded if none is set),
migrate, write with COPY and a progress bar."""

import asyncio
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import repeat

import pandas as pd
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from domain.bulk_load import restore_indexes_and_foreign_keys, suspend_indexes_and_foreign_keys
from domain.ingestion import IngestResult, connected, ingest_dataset
from ml.synthetic.health_data import HealthDataset
from pulsetrack.database import apply_migrations
from pulsetrack.embedded import EmbeddedServers
from pulsetrack.settings import Settings


@contextmanager
def database_settings(settings: Settings) -> Iterator[Settings]:
    """The settings with a database: the configured one, or embedded PostgreSQL under var/."""
    if not settings.is_embedded:
        yield settings
        return
    # The same server `pulsetrack run` uses; if it is running, this attaches to it.
    server = EmbeddedServers(settings.var_dir).start_postgres()
    try:
        yield settings.model_copy(update={"database_url": server.database_url})
    finally:
        server.stop()


def seed_database(settings: Settings, dataset: HealthDataset) -> IngestResult:
    """Migrate the database if needed, then write `dataset` to it with a progress bar."""
    with database_settings(settings) as configured:
        asyncio.run(apply_migrations(configured))
        with _progress_bar() as progress:
            task = progress.add_task("writing", total=dataset.total_rows)

            def advance(table: str, rows: int) -> None:
                progress.update(task, advance=rows, description=table)

            return asyncio.run(
                ingest_dataset(configured.database_url, dataset, on_progress=advance)
            )


def seed_search_clicks(
    settings: Settings, days: Iterable[pd.DataFrame], *, total_days: int, expected_rows: int
) -> IngestResult:
    """Migrate the database if needed, then COPY each day's rows, with a progress bar of days."""
    with database_settings(settings) as configured:
        asyncio.run(apply_migrations(configured))
        with _progress_bar(unit="days") as progress:
            task = progress.add_task("search_clicks", total=total_days)

            def advance(rows: int) -> None:
                progress.update(task, advance=1, description=f"search_clicks {rows:>11,} rows")

            return asyncio.run(
                copy_search_clicks(configured.database_url, days, expected_rows, on_day=advance)
            )


SEARCH_CLICK_COLUMNS = ["search_query", "clicks", "impressions", "search_date", "created_at"]


async def copy_search_clicks(
    database_url: str,
    days: Iterable[pd.DataFrame],
    expected_rows: int,
    *,
    on_day: Callable[[int], None] | None = None,
) -> IngestResult:
    """COPY every day's rows in one transaction (indexes rebuilt once at the end if the table
    at least doubles), then VACUUM ANALYZE so the planner and index-only scans see them."""
    started, written, now = time.perf_counter(), 0, datetime.now(UTC)
    async with connected(database_url) as connection:
        async with connection.transaction():
            incoming = {"search_clicks": expected_rows}
            suspended = await suspend_indexes_and_foreign_keys(connection, incoming)
            for frame in days:
                records = zip(
                    frame["search_query"].tolist(),
                    frame["clicks"].tolist(),
                    frame["impressions"].tolist(),
                    repeat(frame["search_date"].iloc[0]) if len(frame) else [],
                    repeat(now),
                    strict=False,
                )
                await connection.copy_records_to_table(
                    "search_clicks", records=list(records), columns=SEARCH_CLICK_COLUMNS
                )
                written += len(frame)
                if on_day:
                    on_day(written)
            await restore_indexes_and_foreign_keys(connection, suspended)
        await connection.execute("VACUUM (ANALYZE) search_clicks")
    return IngestResult({"search_clicks": written}, time.perf_counter() - started)


def _progress_bar(*, unit: str = "rows") -> Progress:
    return Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
