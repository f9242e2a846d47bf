"""The monitoring job on a real database: live metrics from the predictions logged with attempts,
drift against the active model's training profile, and the report `GET /metrics` shows."""

import uuid
from datetime import UTC, datetime, timedelta

from domain.delivery import registry, service, training
from domain.delivery.models import DeliveryAttempt, DeliveryMonitorReport, Notification
from domain.jobs.steps import StepContext
from domain.messaging import collect_messages, transaction
from ml.delivery.fairness import MIN_SEGMENT_COUNT
from pulsetrack.settings import Settings


async def _attempts(count: int) -> None:
    """Every third attempt fails; US predictions rank them right, NG ones say 0.6 to all."""
    now = datetime.now(UTC)
    for index in range(count):
        country = "US" if index < count // 2 else "NG"
        notification = await Notification.create(
            channel="sms",
            provider="twilio",
            recipient_country=country,
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
            probability=(0.8 if delivered else 0.3) if country == "US" else 0.6,
            model_version=2,
        )


async def test_monitoring_reports_live_quality_and_drift(
    clean_database: None, settings: Settings
) -> None:
    registry.forget_active_model()
    await _attempts(2 * MIN_SEGMENT_COUNT)
    context = StepContext(uuid.uuid4(), attempt=1)

    with collect_messages():
        result = await training.monitor(context, settings)
        async with transaction() as connection:
            for write in context.writes:
                await write(connection)

    assert 0.5 < result["live"]["roc_auc"] < 1.0
    assert result["live"]["rows"] == 2 * MIN_SEGMENT_COUNT
    report = await DeliveryMonitorReport.get(model_version=result["model_version"])
    # Only SMS to two countries at one hour: far from the training mix.
    assert report.drift["channel"] > 0.25
    assert {"feature": "channel", "psi": report.drift["channel"], "level": "alert"} in report.alerts
    fairness = report.live["fairness"]
    countries = {group["value"]: group for group in fairness["segments"]["recipient_country"]}
    assert countries["US"]["roc_auc"] == 1.0  # every delivered attempt was predicted higher
    assert countries["NG"]["roc_auc"] == 0.5
    assert countries["NG"]["count"] == MIN_SEGMENT_COUNT
    flagged = [(a["segment"], a["value"]) for a in report.alerts if a.get("metric") == "fairness"]
    assert ("recipient_country", "NG") in flagged
    assert ("recipient_country", "US") not in flagged


async def test_the_live_fairness_is_served_with_the_holdouts(
    clean_database: None, settings: Settings
) -> None:
    registry.forget_active_model()
    await _attempts(2 * MIN_SEGMENT_COUNT)
    context = StepContext(uuid.uuid4(), attempt=1)
    with collect_messages():
        await training.monitor(context, settings)
        async with transaction() as connection:
            for write in context.writes:
                await write(connection)

    fairness = await service.fairness(settings=settings)
    metrics = await service.metrics(settings=settings)

    assert fairness.holdout is not None
    assert fairness.live is not None
    assert fairness.live.report.overall.count == 2 * MIN_SEGMENT_COUNT
    assert [alert.value for alert in fairness.live.report.alerts] == ["NG"]
    assert metrics.live is not None
    assert "fairness" not in metrics.live["metrics"]
