"""Test set-up: real PostgreSQL and Redis (the configured ones, or embedded), schema by migrations.

With PULSETRACK_DATABASE_URL and PULSETRACK_BROKER_URL set, the tests create a fresh database
`pulsetrack_test` on that PostgreSQL and use Redis db 15; otherwise they start embedded servers.
"""

import asyncio
import base64
import os
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import redis
from tortoise import Tortoise, connections

from pulsetrack.database import apply_migrations, tortoise_config
from pulsetrack.embedded import EmbeddedServers
from pulsetrack.settings import Settings, get_settings
from tests.harness import (
    PULSETRACK,
    TEST_DATABASE,
    ManagedProcess,
    prepare_external,
    start_api,
    start_worker,
)
from tests.webhook_receiver import WebhookReceiver

TEST_WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"pulsetrack-test-webhook-secret!!").decode()
_embedded: EmbeddedServers | None = None


def _test_environment(database_url: str, broker_url: str, var_dir: Path) -> dict[str, str]:
    return {
        "PULSETRACK_DATABASE_URL": database_url,
        "PULSETRACK_BROKER_URL": broker_url,
        "PULSETRACK_VAR_DIR": str(var_dir),
        "PULSETRACK_WEBHOOK_SECRET": TEST_WEBHOOK_SECRET,
        "PULSETRACK_WEBHOOK_ALLOWED_HOSTS": '["127.0.0.1", "localhost"]',
        "PULSETRACK_WEBHOOK_RETRY_SCHEDULE_S": "[1, 1]",
        "PULSETRACK_FAULT_INJECTION": "true",
        "PULSETRACK_SWEEP_INTERVAL_S": "1",
        "PULSETRACK_MAX_DELIVERIES": "3",
    }


def pytest_configure(config: pytest.Config) -> None:
    global _embedded
    var_dir = Path(tempfile.mkdtemp(prefix="pulsetrack-test-"))
    configured = Settings()  # the environment and .env, as `pulsetrack run` would see them
    database_url, broker_url = configured.database_url, configured.broker_url
    if database_url and broker_url:
        database_url, broker_url = prepare_external(database_url, broker_url)
    else:
        _embedded = EmbeddedServers(var_dir / "servers").start(database=TEST_DATABASE)
        database_url, broker_url = _embedded.database_url, _embedded.broker_url
    os.environ.update(_test_environment(database_url, broker_url, var_dir))
    get_settings.cache_clear()
    asyncio.run(apply_migrations(get_settings()))


def pytest_unconfigure(config: pytest.Config) -> None:
    if _embedded is not None:
        _embedded.stop()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="session")
def process_env() -> dict[str, str]:
    """The environment child processes (API, workers, beat) get: the same servers as the tests."""
    return dict(os.environ)


@pytest.fixture(scope="session")
async def orm(settings: Settings) -> AsyncIterator[None]:
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    yield
    await Tortoise.close_connections()


@pytest.fixture
async def clean_database(orm: None) -> None:
    await connections.get("default").execute_script(
        "TRUNCATE jobs, webhook_events, webhook_attempts RESTART IDENTITY CASCADE"
    )


@pytest.fixture
async def client(clean_database: None) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client for the API (real database, no server process)."""
    from api.main import app

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://pulsetrack.test") as http:
        yield http


@pytest.fixture
async def api_key(clean_database: None) -> str:
    from domain.auth.service import create_api_key

    return (await create_api_key(name="test")).secret


@pytest.fixture
def auth(api_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"}


@pytest.fixture(scope="session")
def log_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="module")
def worker(process_env: dict[str, str], log_dir: Path) -> Iterator[ManagedProcess]:
    """A real Celery worker process on every queue."""
    process = start_worker(process_env, log_dir)
    yield process
    process.stop()


@pytest.fixture(scope="module")
def live_api(process_env: dict[str, str], log_dir: Path) -> Iterator[str]:
    """A real uvicorn process serving the API; yields its base URL."""
    process, base_url = start_api(process_env, log_dir)
    yield base_url
    process.stop()


@pytest.fixture(scope="session")
def live_api_key(process_env: dict[str, str]) -> str:
    """A key made the way an operator makes one: `pulsetrack api-keys create`."""
    output = subprocess.run(
        [*PULSETRACK, "api-keys", "create", "--name", "e2e"],
        env=process_env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return output.strip().splitlines()[-1]


@pytest.fixture
def live_client(live_api: str, live_api_key: str) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {live_api_key}"}
    with httpx.Client(base_url=live_api, headers=headers, timeout=30) as http:
        yield http


@pytest.fixture
def webhook_receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="session")
def broker(settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(settings.broker_url)
