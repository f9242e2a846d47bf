"""Retention: finished jobs older than `job_retention_days` go, with their operational rows.

What goes with a job (ON DELETE CASCADE): its parts, its webhook events and their attempts, and a
health score run's staged inputs. What stays: reports, health score runs, search insights,
delivery predictions and model versions (their job link becomes null, or was never a foreign
key), and the whole row of a `retained` kind's job (an extraction, a comparison report), which
loses only its parts and delivery log. Queued and running jobs are never touched, nor a job whose
parts still run or whose webhook still has an attempt to make.

Each batch is one short transaction over at most `job_retention_batch` jobs (row locks only, rows
held by others skipped), so the tables stay writable throughout. A run stops after half the task
time limit; the next one carries on where it stopped.
"""

import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain.jobs.catalog import job_kinds
from domain.operations import repository
from domain.operations.metrics import RUN_TIME_BUCKETS_S
from domain.operations.repository import Totals
from pulsetrack.settings import Settings

logger = logging.getLogger(__name__)


@dataclass
class Purged:
    """Rows removed, by table."""

    jobs: int = 0
    job_parts: int = 0
    webhook_events: int = 0
    webhook_attempts: int = 0

    def __iadd__(self, other: "Purged") -> "Purged":
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))
        return self

    @property
    def total(self) -> int:
        return sum(getattr(self, field.name) for field in fields(self))

    def as_totals(self) -> Totals:
        return {("rows", "", field.name): getattr(self, field.name) for field in fields(self)}


@dataclass(frozen=True)
class Batch:
    """One transaction's work: how many candidates it found, and what it removed."""

    chosen: int
    purged: Purged


PURGED_TABLES = [field.name for field in fields(Purged)]
BatchStep = Callable[[BaseDBAsyncClient, datetime, Sequence[str], int], Awaitable[Batch]]


def retained_kinds() -> list[str]:
    """The kinds whose job row is a business record, kept by retention."""
    return sorted(name for name, kind in job_kinds().items() if kind.retained)


def job_totals(jobs: Sequence[dict]) -> Totals:
    """What the purged jobs counted for in the job metrics: by kind and status, and run times."""
    totals: Totals = defaultdict(float)
    for job in jobs:
        kind, seconds = job["kind"], job["seconds"]
        totals[("jobs", kind, job["status"])] += 1
        if seconds is None:
            continue
        totals[("run_seconds", kind, "count")] += 1
        totals[("run_seconds", kind, "sum")] += seconds
        for index, bound in enumerate(RUN_TIME_BUCKETS_S):
            if seconds <= bound:
                totals[("run_seconds", kind, f"le_{index}")] += 1
    return totals


def _attempt_totals(outcomes: dict[str, int]) -> Totals:
    return {("webhook_attempts", "", outcome): count for outcome, count in outcomes.items()}


async def _record(connection: BaseDBAsyncClient, purged: Purged, *others: Totals) -> None:
    totals: Totals = defaultdict(float)
    for part in (purged.as_totals(), *others):
        for key, value in part.items():
            totals[key] += value
    await repository.add_totals(connection, {k: v for k, v in totals.items() if v})


async def _purge_jobs(
    connection: BaseDBAsyncClient, cutoff: datetime, keep_kinds: Sequence[str], limit: int
) -> Batch:
    jobs = await repository.choose_jobs(
        connection, finished_before=cutoff, keep_kinds=keep_kinds, limit=limit
    )
    if not jobs:
        return Batch(0, Purged())
    ids = [job["id"] for job in jobs]
    children = await repository.count_children(connection, ids)
    outcomes = await repository.attempt_outcomes_of_jobs(connection, ids)
    purged = Purged(len(ids), webhook_attempts=sum(outcomes.values()), **children)
    await _record(connection, purged, job_totals(jobs), _attempt_totals(outcomes))
    await repository.delete_jobs(connection, ids)
    return Batch(len(ids), purged)


async def _purge_retained_parts(
    connection: BaseDBAsyncClient, cutoff: datetime, kinds: Sequence[str], limit: int
) -> Batch:
    ids = await repository.choose_retained_parts(
        connection, finished_before=cutoff, kinds=kinds, limit=limit
    )
    purged = Purged(job_parts=len(ids))
    if ids:
        await _record(connection, purged)
        await repository.delete_parts(connection, ids)
    return Batch(len(ids), purged)


async def _purge_retained_events(
    connection: BaseDBAsyncClient, cutoff: datetime, kinds: Sequence[str], limit: int
) -> Batch:
    ids = await repository.choose_retained_events(
        connection, finished_before=cutoff, kinds=kinds, limit=limit
    )
    if not ids:
        return Batch(0, Purged())
    outcomes = await repository.attempt_outcomes_of_events(connection, ids)
    purged = Purged(webhook_events=len(ids), webhook_attempts=sum(outcomes.values()))
    await _record(connection, purged, _attempt_totals(outcomes))
    await repository.delete_events(connection, ids)
    return Batch(len(ids), purged)


async def purge_finished_jobs(*, settings: Settings, now: datetime | None = None) -> Purged:
    """Remove what retention lets go, batch by batch; return what was removed (nothing when
    `job_retention_days` is 0)."""
    purged = Purged()
    if settings.job_retention_days == 0:
        return purged
    cutoff = (now or datetime.now(UTC)) - timedelta(days=settings.job_retention_days)
    kept, limit = retained_kinds(), settings.job_retention_batch
    deadline = time.monotonic() + settings.task_soft_time_limit_s / 2
    steps: list[tuple[BatchStep, Sequence[str]]] = [
        (_purge_jobs, kept),
        (_purge_retained_parts, kept),
        (_purge_retained_events, kept),
    ]
    for step, kinds in steps:
        while time.monotonic() < deadline:
            async with in_transaction() as connection:
                batch = await step(connection, cutoff, kinds, limit)
            purged += batch.purged
            if batch.chosen < limit:
                break
    if time.monotonic() >= deadline:
        logger.warning("retention stopped at its time budget; the next run carries on")
    if purged.total:
        logger.info(
            "retention removed %d jobs, %d parts, %d webhook events, %d webhook attempts",
            purged.jobs,
            purged.job_parts,
            purged.webhook_events,
            purged.webhook_attempts,
        )
    return purged
