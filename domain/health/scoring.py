"""Health scores as jobs (docs/health-score.md): one user against the latest population run, or
the whole population: inputs aggregated once, distributions stored, users scored in parts."""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import numpy as np

from domain.health import repository
from domain.health.repository import InputTable, Window
from domain.jobs.kinds import FanOut, JobContext, JobFailed, Result
from ml.health.population import (
    ScoredColumns,
    cohort_keys,
    distributions,
    relative_columns,
    score_columns,
    summary,
)
from ml.health.report import ReportColumns, build_reports
from ml.health.scoring import METHOD_VERSION, directions
from pulsetrack.settings import Settings

Distributions = dict[tuple[str, str], np.ndarray]
# A worker scores many users against one run's distributions: load them once per run.
_loaded: dict[int, Distributions] = {}


def window_for(as_of: date, settings: Settings) -> Window:
    return Window(as_of, settings.health_score_window_days, settings.health_score_lab_window_days)


def _scored(table: InputTable, settings: Settings) -> ScoredColumns:
    return score_columns(table.inputs, min_components=settings.health_score_min_components)


@dataclass(frozen=True)
class Reports:
    contents: dict[int, str]  # each user's report content, as JSON text
    scored: int  # how many have a score (the others have too little data)


def reports_for(
    table: InputTable,
    stored: Distributions,
    window: Window,
    settings: Settings,
    *,
    counted_in: bool,
) -> Reports:
    """Each user's report, their percentiles read against `stored`: arithmetic and assembly on
    whole columns (`ml/health/report.py`)."""
    scored, cohorts = _scored(table, settings), cohort_keys(table.age_bands, table.sexes)
    places = relative_columns(
        scored, cohorts, stored, min_cohort=settings.health_score_min_cohort, counted_in=counted_in
    )
    columns = ReportColumns(
        table.inputs,
        scored.metrics,
        scored.components,
        scored.overall,
        places,
        directions(table.inputs),
        table.age_bands,
        table.sexes,
    )
    contents = build_reports(columns, window=window.described())
    return Reports(
        dict(zip(table.user_ids.tolist(), contents, strict=True)),
        int((~np.isnan(scored.overall)).sum()),
    )


async def _distributions_of(run_id: int) -> Distributions:
    if run_id not in _loaded:
        _loaded.clear()  # only the newest run is ever read again
        _loaded[run_id] = await repository.run_distributions(run_id)
    return _loaded[run_id]


def _run_fields(
    table: InputTable, scored: ScoredColumns, window: Window, job_id: UUID, *, with_reports: bool
) -> dict[str, Any]:
    """The `health_score_runs` row of a run: its window and how the population scored."""
    return {
        "job_id": job_id,
        "as_of": window.as_of,
        "window_days": window.days,
        "lab_window_days": window.lab_days,
        "method_version": METHOD_VERSION,
        "with_reports": with_reports,
        **summary(scored.overall, table.age_bands, table.sexes),
    }


# --- One user ---------------------------------------------------------------------------------


async def score_user(user_id: int, as_of: date, context: JobContext, settings: Settings) -> Result:
    """Score one user against the latest population run (made now if there is none yet)."""
    window = window_for(as_of, settings)
    table = await repository.users_inputs(window, [user_id])
    if not len(table.user_ids):
        raise JobFailed("user_not_found", f"no user with id {user_id}")
    run = await repository.latest_run(completed=False)
    if run is not None:
        stored = await _distributions_of(run.id)
    else:
        stored = await _first_distributions(window, context, settings)
    reports = reports_for(table, stored, window, settings, counted_in=False)

    async def store(connection: Any) -> None:
        await repository.insert_reports(connection, context.job_id, window, reports.contents)

    context.commit_with_result(store)
    content: Result = json.loads(reports.contents[user_id])
    return content


async def _first_distributions(
    window: Window, context: JobContext, settings: Settings
) -> Distributions:
    """No population run yet: score everyone now and keep the distributions (no reports)."""
    _, found = await _score_everyone(window, context, settings, with_reports=False)
    return found


async def _score_everyone(
    window: Window, context: JobContext, settings: Settings, *, with_reports: bool
) -> tuple[list[InputTable], Distributions]:
    """Aggregate and score every user, and store the run (its summary and distributions) with
    this job's commit: with the inputs staged for its parts, or complete at once."""
    table = await repository.everyones_inputs(window)
    scored = _scored(table, settings)
    found = distributions(scored, cohort_keys(table.age_bands, table.sexes))
    fields = _run_fields(table, scored, window, context.job_id, with_reports=with_reports)
    size = settings.health_score_part_size
    parts = [
        table.part(slice(start, start + size)) for start in range(0, len(table.user_ids), size)
    ]

    async def store(connection: Any) -> None:
        run = await repository.create_run(connection, **fields)
        await repository.store_distributions(connection, run, found)
        if with_reports:
            await repository.stage_inputs(connection, context.job_id, parts)
        else:
            await repository.complete_run(connection, context.job_id)

    context.commit_with_result(store)
    return parts, found


# --- The population, in parts -----------------------------------------------------------------


async def plan_population(as_of: date, context: JobContext, settings: Settings) -> FanOut:
    """Aggregate everyone's inputs once, store the distributions and the inputs for the parts,
    and split the users into parts of `health_score_part_size`."""
    await repository.clear_abandoned_staging()
    window = window_for(as_of, settings)
    parts, _ = await _score_everyone(window, context, settings, with_reports=True)
    return FanOut(
        [
            {"first_user_id": int(part.user_ids[0]), "last_user_id": int(part.user_ids[-1])}
            for part in parts
        ]
    )


async def score_part(
    as_of: date, part: dict[str, Any], context: JobContext, settings: Settings
) -> Result:
    """Report on the part's users, read against their own run's distributions."""
    run = await repository.run_of(context.job_id)
    if run is None:
        raise JobFailed("run_missing", "the run's planning step stored no distributions")
    table = await repository.staged_inputs(context.job_id, first_user_id=part["first_user_id"])
    if table is None:
        raise JobFailed("inputs_missing", "the run's planning step staged no inputs for this part")
    window = window_for(as_of, settings)
    stored = await _distributions_of(run.id)
    reports = reports_for(table, stored, window, settings, counted_in=True)

    async def store(connection: Any) -> None:
        await repository.insert_reports(connection, context.job_id, window, reports.contents)

    context.commit_with_result(store)
    return {"users": len(reports.contents), "scored": reports.scored}


async def finish_population(results: list[Result], context: JobContext) -> Result:
    """Mark the run complete (it is now the one `GET /health-scores` shows) and drop its
    staged inputs."""
    run = await repository.run_of(context.job_id)

    async def complete(connection: Any) -> None:
        await repository.complete_run(connection, context.job_id)
        await repository.clear_staged(connection, context.job_id)

    context.commit_with_result(complete)
    return {
        "users": sum(result["users"] for result in results),
        "scored": sum(result["scored"] for result in results),
        "bands": run.bands if run else {},
        "as_of": run.as_of.isoformat() if run else None,
    }
