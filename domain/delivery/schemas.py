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

from domain.schema_types import MAX_INT, Timestamp, WebhookUrl, WriteSchema
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
        return self.model_dump(exclude={"business_priority"})


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
