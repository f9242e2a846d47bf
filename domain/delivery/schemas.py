"""What clients send and read about notifications, predictions and models."""

from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from domain.schema_types import MAX_INT, QueryTimestamp, Timestamp, WebhookUrl, WriteSchema
from ml.delivery.features import INPUT_COLUMNS
from ml.synthetic.notifications import PROVIDERS, STATUSES

MAX_BULK_NOTIFICATIONS = 10_000
MAX_PAYLOAD_BYTES = 10 * 2**20

Channel = Literal["email", "sms", "push"]
Provider = Literal["sendgrid", "ses", "mailgun", "twilio", "vonage", "fcm", "apns"]
BusinessPriority = Literal["critical", "high", "normal", "low"]
LastStatus = Literal[STATUSES]  # type: ignore[valid-type]


def _now() -> datetime:
    return datetime.now(UTC)


class NotificationFields(WriteSchema):
    channel: Channel = Field(examples=["sms"])
    provider: Provider = Field(examples=["twilio"], description="Must serve the channel.")
    recipient_country: str = Field(
        pattern=r"^[A-Z]{2}$", examples=["NG"], description="ISO 3166-1 alpha-2."
    )
    template_type: str = Field(min_length=1, max_length=16, pattern=r"^[a-z_]+$", examples=["otp"])
    payload_size: int = Field(
        ge=0, le=MAX_PAYLOAD_BYTES, examples=[140], description="Characters (SMS) or bytes."
    )
    business_priority: BusinessPriority = "normal"

    @model_validator(mode="after")
    def _provider_serves_channel(self) -> "NotificationFields":
        if self.provider not in PROVIDERS[self.channel]:
            served = ", ".join(PROVIDERS[self.channel])
            raise ValueError(f"provider {self.provider!r} does not send {self.channel} ({served})")
        return self


class NotificationWrite(NotificationFields):
    send_time: Timestamp = Field(
        default_factory=_now, description="When its first attempt is wanted; default now."
    )


class NotificationBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[NotificationWrite] = Field(min_length=1, max_length=MAX_BULK_NOTIFICATIONS)
    schedule: bool = Field(
        default=False,
        description="Schedule each first attempt at its send_time, for the workers to make.",
    )


def _one_or_many(value: Any) -> str:
    return "many" if isinstance(value, dict) and "items" in value else "one"


# One notification, or a batch: told apart by `items`, so a 422 names the fields of the one meant.
NotificationsBody = Annotated[
    Annotated[NotificationWrite, Tag("one")] | Annotated[NotificationBatch, Tag("many")],
    Discriminator(_one_or_many),
]


class StoredNotifications(BaseModel):
    created: int
    first_id: int
    last_id: int


class PredictRequest(NotificationFields):
    """Seed 003's notification job payload: the notification, and its last attempt if any."""

    send_time: Timestamp = Field(
        default_factory=_now, description="When the next attempt would be made; default now."
    )
    previous_attempts: int = Field(default=0, ge=0, le=100)
    last_status: LastStatus = "none"
    response_code: int = Field(default=0, ge=0, le=MAX_INT, description="Of the last attempt.")
    latency_ms: int = Field(default=0, ge=0, le=MAX_INT, description="Of the last attempt.")

    def model_inputs(self) -> dict[str, Any]:
        # The attributes as they are: a `model_dump` would cost more than the model call.
        return {name: getattr(self, name) for name in INPUT_COLUMNS}


class RetryStrategy(BaseModel):
    next_delay_s: float | None = Field(description="Before the next attempt should this fail.")
    first_delay_s: float
    backoff: float
    max_delay_s: float
    max_attempts: int
    ttl_s: int


class Prediction(BaseModel):
    probability: float = Field(description="That the next attempt delivers.")
    model_version: int
    model_kind: str
    priority_class: str = Field(description="The queue the attempt goes to.")
    retry: RetryStrategy
    fallback: str | None = Field(description="The channel to fall back to, if any.")
    policy_version: str
    reason: str


class ModelRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: int
    kind: str
    is_active: bool
    source: str
    features: list[str]
    metrics: dict[str, Any]
    training: dict[str, Any]
    created_at: datetime
    activated_at: datetime | None
    job_id: UUID | None


class ModelPage(BaseModel):
    items: list[ModelRead]


class MetricsRead(BaseModel):
    """Seed 003's `GET /metrics`: the active model's quality, and how it does live."""

    model_version: int
    model_kind: str
    precision: float | None
    recall: float | None
    roc_auc: float | None
    pr_auc: float | None
    brier: float | None
    expected_calibration_error: float | None
    reliability: list[dict[str, Any]]
    holdout: dict[str, Any] = Field(description="Every holdout metric, and the data range.")
    live: dict[str, Any] | None = Field(description="The latest monitoring report, if any.")


class GroupMetrics(BaseModel):
    count: int
    precision: float | None = Field(default=None, description="Of predicting delivery at 0.5.")
    recall: float | None = None
    roc_auc: float | None = Field(default=None, description="None unless both outcomes occur.")
    mean_predicted: float | None = None
    observed_rate: float | None = Field(default=None, description="The delivered share.")
    calibration_gap: float | None = Field(
        default=None, description="Mean predicted minus observed: > 0 promises too much."
    )


class SegmentMetrics(GroupMetrics):
    value: str = Field(examples=["NG"])


class FairnessAlert(BaseModel):
    metric: Literal["fairness"]
    segment: str = Field(examples=["recipient_country"])
    value: str = Field(examples=["NG"])
    count: int
    roc_auc: float | None
    calibration_gap: float
    reasons: list[str]
    level: Literal["alert"]


class FairnessReport(BaseModel):
    overall: GroupMetrics
    segments: dict[str, list[SegmentMetrics]] = Field(
        description="Per recipient_country, provider and channel."
    )
    alerts: list[FairnessAlert]


class FairnessThresholds(BaseModel):
    """A segment with at least `min_segment_count` rows is flagged when its ROC-AUC is more than
    `auc_gap` below the overall, or its calibration gap is more than `calibration_gap` from the
    overall's."""

    min_segment_count: int
    auc_gap: float
    calibration_gap: float


class LiveFairness(BaseModel):
    computed_at: datetime
    window_from: datetime
    window_to: datetime
    report: FairnessReport


class FairnessRead(BaseModel):
    """The active model's quality per recipient country, provider and channel."""

    model_version: int
    model_kind: str
    thresholds: FairnessThresholds
    holdout: FairnessReport | None = Field(
        description="On the model's holdout; None for versions trained before it was computed."
    )
    live: LiveFairness | None = Field(
        description="Against outcomes, from the latest monitoring report of this version."
    )


class TrainRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    days: int = Field(default=30, ge=1, le=365, description="Train on this many recent days.")
    webhook_url: WebhookUrl | None = None


class PredictBatchRequest(BaseModel):
    """A selection of stored notifications: a send-time range, a status, or an id range."""

    model_config = ConfigDict(extra="forbid")

    sent_from: Timestamp | None = None
    sent_to: Timestamp | None = None
    status: str | None = Field(default=None, max_length=16)
    first_id: int | None = Field(default=None, ge=1)
    last_id: int | None = Field(default=None, ge=1)
    webhook_url: WebhookUrl | None = None


Outcome = Literal["known", "unknown", "delivered", "failed"]


class PredictionFilter(BaseModel):
    """Which stored predictions to list: by notification, model, class, job, outcome and time."""

    # An unknown parameter is refused, as on every list: `?chanel=sms` must not list everything.
    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    channel: Channel | None = None
    provider: Provider | None = None
    priority_class: str | None = Field(default=None, max_length=8)
    model_version: int | None = Field(default=None, ge=1, le=MAX_INT)
    outcome: Outcome | None = Field(
        default=None, description="`known` or `unknown` yet, or `delivered` or `failed`."
    )
    job_id: UUID | None = None
    time_from: QueryTimestamp | None = Field(
        default=None, alias="from", description="Predicted at."
    )
    time_to: QueryTimestamp | None = Field(default=None, alias="to")
    cursor: str | None = Field(default=None, max_length=512)
    limit: int = Field(default=50, ge=1, le=500)


class PredictionOutcome(BaseModel):
    """The attempt the prediction was made for, once it was made."""

    delivered: bool
    status: str
    response_code: int
    attempted_at: datetime


class PredictionRead(BaseModel):
    id: int
    notification_id: int
    channel: str
    provider: str
    recipient_country: str
    template_type: str
    business_priority: str
    model_version: int
    probability: float
    priority_class: str
    next_attempt: int = Field(description="The attempt number it is a prediction for.")
    job_id: UUID | None
    predicted_at: datetime
    outcome: PredictionOutcome | None


class PredictionPage(BaseModel):
    items: list[PredictionRead]
    next_cursor: str | None
