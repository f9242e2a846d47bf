"""`pulsetrack seed` at the edge: find the database (embedded if none is set), migrate, write."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from domain.ingestion import IngestResult, ingest_dataset
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


def _progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("rows"),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
