"""Notification delivery: predictions, stored notifications, batch prediction and the models."""

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Request, Response, status

from api.deps import AdminApiKey, CurrentApiKey, IdempotencyKey, SettingsDep
from api.jobs import accepted_job
from api.openapi import also_answers
from api.search import CSV_UPLOAD, uploaded_bytes
from domain.delivery import loading, service
from domain.delivery.predictions import predict_one
from domain.delivery.schemas import (
    FairnessRead,
    MetricsRead,
    ModelPage,
    ModelRead,
    NotificationBatch,
    NotificationsBody,
    PredictBatchRequest,
    Prediction,
    PredictionFilter,
    PredictionPage,
    PredictRequest,
    StoredNotifications,
    TrainRequest,
)
from domain.jobs.schemas import JobRead
from domain.schema_types import MAX_INT

router = APIRouter(tags=["delivery"])
VersionPath = Annotated[int, Path(ge=1, le=MAX_INT, description="The model version.")]


@router.post("/predict", response_model=Prediction)
async def predict(request: PredictRequest, settings: SettingsDep, _: CurrentApiKey) -> Prediction:
    """The probability that the next attempt delivers, its priority class, retry strategy and
    fallback, and the model version that predicted it."""
    return await predict_one(request, settings)


@router.post(
    "/notifications", status_code=status.HTTP_201_CREATED, response_model=StoredNotifications
)
async def store_notifications(body: NotificationsBody, _: CurrentApiKey) -> StoredNotifications:
    """Store one notification, or up to 10,000 as `{"items": [...]}`: all of them, or none and a
    422 naming each bad one. `"schedule": true` has the workers deliver them."""
    batch = body if isinstance(body, NotificationBatch) else NotificationBatch(items=[body])
    return await loading.store_notifications(batch.items, schedule=batch.schedule)


@router.post(
    "/notifications/csv",
    status_code=status.HTTP_201_CREATED,
    response_model=StoredNotifications,
    openapi_extra=CSV_UPLOAD,
)
async def upload_notifications_csv(request: Request, _: CurrentApiKey) -> StoredNotifications:
    """Store a CSV file (`channel,provider,recipient_country,template_type,payload_size,...`),
    as the body or a multipart `file`: every row, or none and a 422 naming each bad line."""
    rows = loading.parse_csv(await uploaded_bytes(request))
    return await loading.store_notifications(rows, schedule=False)


@router.post("/notifications/predictions", status_code=status.HTTP_202_ACCEPTED)
async def predict_stored_notifications(
    selection: PredictBatchRequest,
    response: Response,
    api_key: CurrentApiKey,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Predict a selection of stored notifications as one job of parts; poll the `Location`."""
    submitted = await service.request_batch_prediction(
        request=selection, api_key_id=api_key.id, idempotency_key=idempotency_key, settings=settings
    )
    return accepted_job(submitted, response)


@router.get("/predictions", response_model=PredictionPage)
async def list_predictions(
    filters: Annotated[PredictionFilter, Query()], _: CurrentApiKey
) -> PredictionPage:
    """Stored predictions newest first, each with its outcome once the attempt it predicted was
    made; filter by channel, provider, class, model version, job, outcome and `from`/`to`
    (predicted at); follow `next_cursor`."""
    return await service.list_predictions(filters=filters)


UNSERVABLE = also_answers(409, "The active model's artifact cannot be loaded by this release.")


@router.get("/metrics", response_model=MetricsRead, responses=UNSERVABLE)
async def model_metrics(settings: SettingsDep, _: CurrentApiKey) -> MetricsRead:
    """The active model's precision, recall, AUC, calibration and version (seed 003)."""
    return await service.metrics(settings=settings)


@router.get("/metrics/fairness", response_model=FairnessRead, responses=UNSERVABLE)
async def model_fairness(settings: SettingsDep, _: CurrentApiKey) -> FairnessRead:
    """The active model's precision, recall, AUC and calibration gap per recipient country,
    provider and channel, on its holdout and live, and the segments past the alert thresholds."""
    return await service.fairness(settings=settings)


@router.post("/train", status_code=status.HTTP_202_ACCEPTED)
async def train_model(
    response: Response,
    api_key: AdminApiKey,
    settings: SettingsDep,
    request: Annotated[TrainRequest | None, Body()] = None,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Retrain on the stored logs as a job; the better model is activated only if it beats the
    active one on the holdout."""
    submitted = await service.request_training(
        request=request or TrainRequest(),
        api_key_id=api_key.id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
    return accepted_job(submitted, response)


@router.get("/models", response_model=ModelPage)
async def list_models(_: CurrentApiKey) -> ModelPage:
    """Every model version, newest first, with its metrics, data range and features."""
    return ModelPage(items=await service.list_models())


@router.post("/models/{version}/activate", response_model=ModelRead)
async def activate_model(version: VersionPath, _: AdminApiKey) -> ModelRead:
    """Serve this version from now on: a promotion, or a rollback to any earlier version."""
    return await service.activate(version=version)
