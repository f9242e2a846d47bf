"""Retraining on the stored logs, and monitoring the active model against outcomes."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd

from domain.delivery import registry, repository
from domain.jobs.kinds import JobContext, JobFailed, Result
from ml.delivery.bootstrap import registry_entries
from ml.delivery.drift import drift_alerts, population_stability
from ml.delivery.evaluation import evaluate
from ml.delivery.fairness import SEGMENTS, fairness_report
from ml.delivery.features import encode
from ml.delivery.train import TrainingConfig, should_promote, train_candidates
from pulsetrack.settings import Settings

MIN_TRAINING_EVENTS = 1000
# Live quality below these (or drift above `ml/delivery/drift.py`'s) raises an alert.
LIVE_AUC_ALERT, LIVE_AUC_DROP_ALERT = 0.7, 0.05
_LATER = timedelta(microseconds=1)


async def _recent_events(days: int) -> pd.DataFrame:
    latest = await repository.latest_attempt_time()
    if latest is None:
        return pd.DataFrame()
    return pd.DataFrame(
        await repository.stored_events(latest - timedelta(days=days), latest + _LATER)
    )


async def train_on_stored_logs(days: int, context: JobContext, settings: Settings) -> Result:
    """Train both candidates on the last `days` of stored attempts; register them, and activate
    the better one if it beats the active model on its holdout."""
    events = await _recent_events(days)
    if len(events) < MIN_TRAINING_EVENTS:
        raise JobFailed(
            "too_few_outcomes",
            f"{len(events)} stored attempts in the last {days} days; at least "
            f"{MIN_TRAINING_EVENTS} are needed",
        )
    run = await asyncio.to_thread(train_candidates, events, TrainingConfig())
    active = await registry.active_model(settings)
    promote, active_metrics = should_promote(run.best, active.model, run)
    entries = registry_entries(run)
    best_kind = run.best.model.kind

    async def store(connection: Any) -> None:
        for entry in entries:
            await registry.register_candidate(
                connection,
                **entry,
                job_id=context.job_id,
                activate_it=promote and entry["kind"] == best_kind,
            )

    context.commit_with_result(store)
    summary = run.summary()
    return {
        **{key: summary[key] for key in ("rows", "data_range")},
        "holdout_metrics": summary["holdout_metrics"],
        "best": best_kind,
        "promoted": promote,
        "active_version_before": active.version,
        "active_on_this_holdout": _without_curve(active_metrics),
    }


def _without_curve(metrics: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if metrics is None else {k: v for k, v in metrics.items() if k != "reliability"}


async def monitor(context: JobContext, settings: Settings) -> Result:
    """Live precision, recall and AUC of the predictions logged with attempts, and feature drift
    against the active model's training data, over the last `delivery_monitor_window_h`."""
    active = await registry.active_model(settings)
    window_to = datetime.now(UTC)
    window_from = window_to - timedelta(hours=settings.delivery_monitor_window_h)
    events = pd.DataFrame(await repository.stored_events(window_from, window_to))
    live, psi = None, {}
    if len(events):
        live = _live_metrics(events[events["probability"].notna()])
        if "profile" in active.training:
            psi = population_stability(active.training["profile"], encode(events))
    alerts = drift_alerts(psi) + _quality_alerts(live, active.metrics)
    alerts += live["fairness"]["alerts"] if live else []
    report = {
        "model_version": active.version,
        "computed_at": window_to,
        "window_from": window_from,
        "window_to": window_to,
        "live": live or {"rows": 0},
        "drift": psi,
        "alerts": alerts,
    }

    async def store(connection: Any) -> None:
        await repository.create_monitor_report(connection, **report)

    context.commit_with_result(store)
    return {"model_version": active.version, "live": live, "alerts": alerts}


def _live_metrics(predicted: pd.DataFrame) -> dict[str, Any] | None:
    """The logged predictions against their outcomes: overall, and per segment (fairness)."""
    if not len(predicted):
        return None
    outcomes = predicted["delivered"].to_numpy(dtype=int)
    probabilities = predicted["probability"].to_numpy(float)
    segments = {name: predicted[name].to_numpy() for name in SEGMENTS}
    return {
        **(_without_curve(evaluate(outcomes, probabilities)) or {}),
        "fairness": fairness_report(segments, outcomes, probabilities),
    }


def _quality_alerts(live: dict[str, Any] | None, holdout: dict[str, Any]) -> list[dict[str, Any]]:
    if not live or live.get("roc_auc") is None:
        return []
    auc, expected = live["roc_auc"], holdout.get("roc_auc") or 0.0
    if auc < LIVE_AUC_ALERT or auc < expected - LIVE_AUC_DROP_ALERT:
        return [{"metric": "roc_auc", "live": auc, "holdout": expected, "level": "alert"}]
    return []
