"""The monitoring job on a real database: live metrics from the predictions logged with attempts,
drift against the active model's training profile, and the report `GET /metrics` shows."""

import uuid
from datetime import UTC, datetime, timedelta

from domain.delivery import registry, training
from domain.delivery.models import DeliveryAttempt, DeliveryMonitorReport, Notification
from domain.jobs.steps import StepContext
from domain.messaging import collect_messages, transaction
from pulsetrack.settings import Settings


async def _attempts(count: int) -> None:
    now = datetime.now(UTC)
    for index in range(count):
        notification = await Notification.create(
            channel="sms",
            provider="twilio",
            recipient_country="US",
            template_type="otp",
            payload_size=120,
            send_time=now - timedelta(hours=1),
            status="delivered",
            attempts=1,
        )
        delivered = index % 3 != 0
        await DeliveryAttempt.create(
            notification=notification,
            attempt=1,
            attempted_at=now - timedelta(minutes=30),
            provider="twilio",
            status="delivered" if delivered else "timeout",
            response_code=200 if delivered else 504,
            latency_ms=500,
            delivered=delivered,
            probability=0.8 if delivered else 0.3,
            model_version=2,
        )


async def test_monitoring_reports_live_quality_and_drift(
    clean_database: None, settings: Settings
) -> None:
    registry.forget_active_model()
    await _attempts(30)
    context = StepContext(uuid.uuid4(), attempt=1)

    with collect_messages():
        result = await training.monitor(context, settings)
        async with transaction() as connection:
            for write in context.writes:
                await write(connection)

    assert result["live"]["roc_auc"] == 1.0  # every delivered attempt was predicted higher
    assert result["live"]["rows"] == 30
    report = await DeliveryMonitorReport.get(model_version=result["model_version"])
    # Only SMS to the US at one hour: far from the training mix.
    assert report.drift["channel"] > 0.25
    assert {"feature": "channel", "psi": report.drift["channel"], "level": "alert"} in report.alerts
