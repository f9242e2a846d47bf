"""The delivery job kinds: batch prediction in parts, training, and the hourly monitoring run."""

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.delivery import predictions, training
from domain.delivery.repository import Selection
from domain.jobs.kinds import (
    FanOut,
    JobContext,
    JobKind,
    JobSchedule,
    Result,
    ScheduledRun,
    WorkQueue,
)
from domain.schema_types import Timestamp
from pulsetrack.settings import Settings, get_settings


class PredictBatchParams(BaseModel):
    """Which stored notifications to predict: a send-time range, a status, an id range (the
    rows of an upload), or any mix; all of them if none is given."""

    model_config = ConfigDict(extra="forbid")

    sent_from: Timestamp | None = None
    sent_to: Timestamp | None = None
    status: str | None = Field(default=None, max_length=16)
    first_id: int | None = Field(default=None, ge=1)
    last_id: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _ranges_in_order(self) -> "PredictBatchParams":
        if self.sent_from and self.sent_to and self.sent_to <= self.sent_from:
            raise ValueError("sent_to must be after sent_from")
        if self.first_id and self.last_id and self.last_id < self.first_id:
            raise ValueError("last_id must not be below first_id")
        return self

    def selection(self) -> Selection:
        return Selection(**self.model_dump())


class TrainParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    days: int = Field(default=30, ge=1, le=365, description="Train on this many recent days.")


class MonitorParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hour: datetime | None = Field(default=None, description="The run's hour, for deduplication.")


async def plan_batch(params: PredictBatchParams, context: JobContext) -> FanOut:
    return await predictions.plan_batch(params.selection(), context, get_settings())


async def predict_part(
    params: PredictBatchParams, part: dict[str, Any], context: JobContext
) -> Result:
    return await predictions.predict_part(params.selection(), part, context, get_settings())


async def finish_batch(
    params: PredictBatchParams, results: list[Result], context: JobContext
) -> Result:
    return predictions.finish_batch(results)


async def train(params: TrainParams, context: JobContext) -> Result:
    return await training.train_on_stored_logs(params.days, context, get_settings())


async def monitor(params: MonitorParams, context: JobContext) -> Result:
    return await training.monitor(context, get_settings())


PREDICT_BATCH = JobKind(
    name="delivery.predict_batch",
    params_model=PredictBatchParams,
    queue=WorkQueue.ML,
    run=plan_batch,
    run_part=predict_part,
    finish=finish_batch,
    description="Predicts delivery for a selection of stored notifications, in parts.",
)

TRAIN = JobKind(
    name="delivery.train",
    params_model=TrainParams,
    queue=WorkQueue.ML,
    run=train,
    description="Trains both models on the stored logs; promotes the better if it beats the "
    "active one on the holdout.",
)

MONITOR = JobKind(
    name="delivery.monitor",
    params_model=MonitorParams,
    queue=WorkQueue.ML,
    run=monitor,
    description="Live precision, recall and AUC against outcomes, and feature drift (PSI).",
)


def _this_hour(today: date, settings: Settings) -> list[ScheduledRun]:
    now = datetime.now().astimezone()
    hour = now.replace(minute=0, second=0, microsecond=0)
    return [ScheduledRun({"hour": hour.isoformat()}, key=hour.isoformat())]


HOURLY_MONITORING = JobSchedule(
    name="delivery.hourly_monitoring",
    kind=MONITOR,
    cron=lambda settings: settings.delivery_monitor_cron,
    runs=_this_hour,
    description="Checks the active model's live quality and drift each hour.",
)
