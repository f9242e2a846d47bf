"""The API's door into delivery: metrics, the registry, and jobs to submit."""

import base64
import binascii
from typing import Any

from domain.delivery import registry, repository
from domain.delivery.jobs import PREDICT_BATCH, TRAIN
from domain.delivery.models import DeliveryMonitorReport
from domain.delivery.schemas import (
    FairnessRead,
    MetricsRead,
    ModelRead,
    PredictBatchRequest,
    PredictionFilter,
    PredictionOutcome,
    PredictionPage,
    PredictionRead,
    TrainRequest,
)
from domain.errors import FieldError, InvalidInput
from domain.jobs.service import SubmittedJob, submit_kind
from ml.delivery.fairness import thresholds
from pulsetrack.settings import Settings


async def metrics(*, settings: Settings) -> MetricsRead:
    """The active model's holdout metrics and version, and its latest live report."""
    active = await registry.active_model(settings)
    holdout: dict[str, Any] = active.metrics
    report = await _latest_report(active.version)
    live = None
    if report is not None:
        live = {
            "computed_at": report.computed_at,
            "window_from": report.window_from,
            "window_to": report.window_to,
            "metrics": _summary(report.live),
            "drift_psi": report.drift,
            "alerts": report.alerts,
        }
    return MetricsRead(
        model_version=active.version,
        model_kind=active.kind,
        precision=holdout.get("precision"),
        recall=holdout.get("recall"),
        roc_auc=holdout.get("roc_auc"),
        pr_auc=holdout.get("pr_auc"),
        brier=holdout.get("brier"),
        expected_calibration_error=holdout.get("expected_calibration_error"),
        reliability=holdout.get("reliability", []),
        holdout={
            **_summary(holdout),
            "data_range": active.training.get("data_range"),
            "rows": active.training.get("rows"),
        },
        live=live,
    )


async def _latest_report(version: int) -> DeliveryMonitorReport | None:
    report = await repository.latest_monitor_report()
    return report if report is not None and report.model_version == version else None


def _summary(metrics: dict[str, Any]) -> dict[str, Any]:
    """Metrics without their per-bin and per-segment details (served on their own)."""
    return {k: v for k, v in metrics.items() if k not in ("reliability", "fairness")}


async def fairness(*, settings: Settings) -> FairnessRead:
    """The active model's metrics per segment on its holdout and live, with the thresholds."""
    active = await registry.active_model(settings)
    report = await _latest_report(active.version)
    live = None
    if report is not None and report.live.get("fairness"):
        live = {
            "computed_at": report.computed_at,
            "window_from": report.window_from,
            "window_to": report.window_to,
            "report": report.live["fairness"],
        }
    return FairnessRead.model_validate(
        {
            "model_version": active.version,
            "model_kind": active.kind,
            "thresholds": thresholds(),
            "holdout": active.metrics.get("fairness"),
            "live": live,
        }
    )


def model_read(row: Any) -> ModelRead:
    training = {k: v for k, v in row.training.items() if k != "profile"}
    return ModelRead.model_validate(
        {
            **{f: getattr(row, f) for f in ModelRead.model_fields if f != "training"},
            "training": training,
        }
    )


async def list_models() -> list[ModelRead]:
    return [model_read(row) for row in await registry.list_models()]


async def activate(*, version: int) -> ModelRead:
    """Activate a version: promote a candidate, or roll back to any earlier one."""
    return model_read(await registry.activate(version))


_CURSOR_PREFIX = "prediction:"


def _encode_cursor(prediction_id: int) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{prediction_id}".encode()).decode()


def _decode_cursor(cursor: str) -> int:
    """The id a cursor points after; 422 unless this API made it."""
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        prediction_id = int(raw.removeprefix(_CURSOR_PREFIX))
        if raw.startswith(_CURSOR_PREFIX) and 0 < prediction_id < 2**63:  # a bigint
            return prediction_id
    except (ValueError, binascii.Error, UnicodeDecodeError):
        pass
    raise InvalidInput(
        "invalid cursor", errors=[FieldError("cursor", "not a cursor this API returned")]
    )


def _prediction_read(row: dict[str, Any]) -> PredictionRead:
    outcome = None
    if row["delivered"] is not None:
        outcome = PredictionOutcome(
            delivered=row["delivered"],
            status=row["attempt_status"],
            response_code=row["response_code"],
            attempted_at=row["attempted_at"],
        )
    return PredictionRead.model_validate({**row, "outcome": outcome})


async def list_predictions(*, filters: PredictionFilter) -> PredictionPage:
    """Stored predictions newest first, filtered, one page at a time, each with its outcome."""
    after_id = _decode_cursor(filters.cursor) if filters.cursor else None
    rows = await repository.list_predictions(filters, after_id=after_id, limit=filters.limit + 1)
    page = [_prediction_read(row) for row in rows[: filters.limit]]
    more = len(rows) > filters.limit
    return PredictionPage(items=page, next_cursor=_encode_cursor(page[-1].id) if more else None)


async def request_training(
    *,
    request: TrainRequest,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    return await submit_kind(
        TRAIN.name,
        {"days": request.days},
        webhook_url=request.webhook_url,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )


async def request_batch_prediction(
    *,
    request: PredictBatchRequest,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    params = request.model_dump(mode="json", exclude={"webhook_url"}, exclude_none=True)
    return await submit_kind(
        PREDICT_BATCH.name,
        params,
        webhook_url=request.webhook_url,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
