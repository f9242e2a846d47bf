"""The one settings object: read from `PULSETRACK_*`, with no time limit that reruns a task."""

import pytest
from pydantic import ValidationError

from pulsetrack.settings import Settings


def test_a_task_must_be_killed_before_the_broker_redelivers_it() -> None:
    with pytest.raises(ValidationError, match="task_time_limit_s must be below broker_visibility"):
        Settings(task_time_limit_s=3600, broker_visibility_timeout_s=3600)
    with pytest.raises(ValidationError, match="task_time_limit_s must be below broker_visibility"):
        Settings(task_time_limit_s=4000, broker_visibility_timeout_s=3600)


def test_the_soft_time_limit_must_come_before_the_hard_one() -> None:
    with pytest.raises(ValidationError, match="task_soft_time_limit_s must be below task_time"):
        Settings(task_soft_time_limit_s=660, task_time_limit_s=660)
    with pytest.raises(ValidationError, match="task_soft_time_limit_s must be below task_time"):
        Settings(task_soft_time_limit_s=700, task_time_limit_s=660)


def test_an_inline_webhook_retry_must_be_due_before_the_broker_redelivers_it() -> None:
    with pytest.raises(ValidationError, match="webhook_inline_retry_max_s must be below"):
        Settings(webhook_inline_retry_max_s=3600, broker_visibility_timeout_s=3600)


def test_time_limits_in_order_are_accepted() -> None:
    settings = Settings(
        task_soft_time_limit_s=50,
        task_time_limit_s=60,
        webhook_inline_retry_max_s=90,
        broker_visibility_timeout_s=120,
    )

    assert (settings.task_soft_time_limit_s, settings.task_time_limit_s) == (50, 60)


def test_settings_are_read_from_prefixed_environment_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PULSETRACK_MAX_DELIVERIES", "7")
    monkeypatch.setenv("PULSETRACK_WEBHOOK_ALLOWED_HOSTS", '["hooks.internal", "10.0.0.0/8"]')
    monkeypatch.setenv("PULSETRACK_WEBHOOK_SECRET", "whsec_c2VjcmV0")
    monkeypatch.setenv("PULSETRACK_QUEUE_ML", "gpu")

    settings = Settings()

    assert settings.max_deliveries == 7
    assert settings.webhook_allowed_hosts == ["hooks.internal", "10.0.0.0/8"]
    assert settings.webhook_secret.get_secret_value() == "whsec_c2VjcmV0"
    assert "whsec_c2VjcmV0" not in repr(settings)
    assert "gpu" in settings.all_queues


def test_unprefixed_environment_variables_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PULSETRACK_LOG_LEVEL", raising=False)
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")

    assert Settings().log_level == "INFO"


def test_time_limits_from_the_environment_are_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULSETRACK_TASK_TIME_LIMIT_S", "7200")
    monkeypatch.setenv("PULSETRACK_BROKER_VISIBILITY_TIMEOUT_S", "3600")

    with pytest.raises(ValidationError, match="task_time_limit_s must be below broker_visibility"):
        Settings()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PULSETRACK_WEBHOOK_SECRET", "whsec_cHVsc2V0cmFjay1leGFtcGxlLXNlY3JldC1jaGFuZ2UtbWU="),
        ("PULSETRACK_FLOWER_BASIC_AUTH", "admin:change-me"),
        ("PULSETRACK_FLOWER_BASIC_AUTH", "admin:pulsetrack"),
        ("PULSETRACK_FLOWER_BASIC_AUTH", "no-colon"),
    ],
)
def test_the_public_example_secrets_are_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)

    with pytest.raises(ValueError, match=name):
        Settings()


def test_flower_listens_on_loopback_with_no_password_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PULSETRACK_FLOWER_ADDRESS", raising=False)
    monkeypatch.delenv("PULSETRACK_FLOWER_BASIC_AUTH", raising=False)

    settings = Settings()

    assert settings.flower_address == "127.0.0.1"
    assert settings.flower_basic_auth.get_secret_value() == ""


def test_on_rabbitmq_every_task_must_end_before_the_consumer_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PULSETRACK_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")
    monkeypatch.setenv("PULSETRACK_DATABASE_URL", "postgres://root@127.0.0.1:5432/x")
    monkeypatch.setenv("PULSETRACK_BROKER_CONSUMER_TIMEOUT_S", "600")

    with pytest.raises(ValueError, match="consumer_timeout"):
        Settings()
    monkeypatch.setenv("PULSETRACK_BROKER_URL", "redis://127.0.0.1:6379/0")
    assert Settings().broker_consumer_timeout_s == 600  # Redis has no consumer timeout


def test_on_rabbitmq_the_workers_shared_redis_must_be_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PULSETRACK_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672/")
    monkeypatch.setenv("PULSETRACK_DATABASE_URL", "postgres://root@127.0.0.1:5432/x")
    monkeypatch.delenv("PULSETRACK_REDIS_URL", raising=False)

    with pytest.raises(ValueError, match="PULSETRACK_REDIS_URL"):
        Settings()
    monkeypatch.setenv("PULSETRACK_REDIS_URL", "redis://127.0.0.1:6379/3")
    assert Settings().shared_redis_url == "redis://127.0.0.1:6379/3"
    monkeypatch.setenv("PULSETRACK_BROKER_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.delenv("PULSETRACK_REDIS_URL")
    assert Settings().shared_redis_url == "redis://127.0.0.1:6379/0"  # the broker is Redis


def test_retention_is_days_from_zero_meaning_off_and_its_batches_are_bounded() -> None:
    assert Settings().job_retention_days == 30
    assert Settings(job_retention_days=0).job_retention_days == 0
    for wrong in ({"job_retention_days": -1}, {"job_retention_batch": 0}):
        with pytest.raises(ValidationError):
            Settings(**wrong)
    with pytest.raises(ValidationError):
        Settings(job_retention_batch=1_000_000)
    with pytest.raises(ValidationError):
        Settings(job_retention_interval_s=0)
