from datetime import datetime

from pydantic import BaseModel

from domain.webhooks.models import WebhookEvent, WebhookEventStatus
from domain.webhooks.service import attempts_of


class WebhookAttemptRead(BaseModel):
    attempt: int
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: float
    next_attempt_at: datetime | None


class WebhookEventRead(BaseModel):
    id: str
    type: str
    url: str
    status: WebhookEventStatus
    attempts: list[WebhookAttemptRead]
    next_attempt_at: datetime | None

    @classmethod
    def from_event(cls, event: WebhookEvent) -> "WebhookEventRead":
        attempts = [
            WebhookAttemptRead.model_validate(attempt, from_attributes=True)
            for attempt in attempts_of(event)
        ]
        return cls(
            id=event.id,
            type=event.type,
            url=event.url,
            status=event.status,
            attempts=attempts,
            next_attempt_at=event.next_attempt_at,
        )


class WebhookDeliveries(BaseModel):
    items: list[WebhookEventRead]
