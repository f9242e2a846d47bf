"""Test set-up in tiers: pure logic needs nothing; real PostgreSQL and Redis start on first use.

With PULSETRACK_DATABASE_URL and PULSETRACK_BROKER_URL set, the tests create a fresh database
`pulsetrack_test` on that PostgreSQL and use Redis db 15; otherwise they start embedded servers,
but only when a test needs them (`pytest tests/ml` starts none). Tests that need the servers are
marked `db`, those under `tests/e2e/` also `e2e`: `pytest -m "not db"` runs the pure tier.
Every database test leaves the database as it found it.
"""

import asyncio
import base64
import os
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import redis
from tortoise import Tortoise

from pulsetrack.database import apply_migrations, tortoise_config
from pulsetrack.embedded import EmbeddedServers
from pulsetrack.settings import Settings, get_settings
from tests.harness import (
    PULSETRACK,
    TEST_DATABASE,
    TEST_REDIS_DB,
    ManagedProcess,
    empty_tables,
    prepare_external,
    start_api,
    start_worker,
    urls_for_tests,
    with_redis_db,
)
from tests.webhook_receiver import WebhookReceiver

TEST_WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"pulsetrack-test-webhook-secret!!").decode()
# The one API key that lives for the whole session; every other row goes after each test.
SESSION_KEY_NAME = "test-session"
SERVER_FIXTURE = "test_servers"
_embedded: EmbeddedServers | None = None
# The servers configured outside the tests (database URL, broker URL), if any.
_configured: tuple[str, str] | None = None


def _test_environment(var_dir: Path) -> dict[str, str]:
    return {
        "PULSETRACK_VAR_DIR": str(var_dir),
        "PULSETRACK_WEBHOOK_SECRET": TEST_WEBHOOK_SECRET,
        "PULSETRACK_WEBHOOK_ALLOWED_HOSTS": '["127.0.0.1", "localhost"]',
        "PULSETRACK_WEBHOOK_RETRY_SCHEDULE_S": "[1, 1]",
        "PULSETRACK_FAULT_INJECTION": "true",
        "PULSETRACK_SWEEP_INTERVAL_S": "1",
        "PULSETRACK_MAX_DELIVERIES": "3",
    }


def pytest_configure(config: pytest.Config) -> None:
    global _configured
    config.addinivalue_line("markers", "db: needs the real PostgreSQL and Redis")
    config.addinivalue_line("markers", "e2e: starts real API, worker or beat processes")
    configured = Settings()  # the environment and .env, as `pulsetrack run` would see them
    var_dir = Path(tempfile.mkdtemp(prefix="pulsetrack-test-"))
    os.environ.update(_test_environment(var_dir))
    if configured.database_url and configured.broker_url:
        _configured = (configured.database_url, configured.broker_url)
        # Known now, so everything imported during collection sees the test servers.
        database_url, broker_url = urls_for_tests(configured.database_url, configured.broker_url)
        os.environ.update(PULSETRACK_DATABASE_URL=database_url, PULSETRACK_BROKER_URL=broker_url)
        if configured.redis_url:
            os.environ["PULSETRACK_REDIS_URL"] = with_redis_db(configured.redis_url, TEST_REDIS_DB)
    get_settings.cache_clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SERVER_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.e2e)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _embedded is not None:
        _embedded.stop()


def _point_imported_celery_app_at(broker_url: str) -> None:
    """Collection may have imported the Celery app before embedded Redis had a port; it opens no
    connection before first use, so pointing it at the broker now is enough."""
    if app_module := sys.modules.get("workers.app"):
        app_module.celery_app.conf.broker_url = broker_url


def _start_embedded(var_dir: Path) -> None:
    global _embedded
    _embedded = EmbeddedServers(var_dir / "servers").start(database=TEST_DATABASE)
    os.environ.update(
        PULSETRACK_DATABASE_URL=_embedded.database_url, PULSETRACK_BROKER_URL=_embedded.broker_url
    )
    get_settings.cache_clear()
    _point_imported_celery_app_at(_embedded.broker_url)


@pytest.fixture(scope="session")
def test_servers() -> Settings:
    """The servers every `db` test talks to: started (or emptied) once, migrated by aerich."""
    if _configured is None:
        _start_embedded(get_settings().var_dir)
    else:
        prepare_external(*_configured)
    settings = get_settings()
    asyncio.run(apply_migrations(settings))
    return settings


@pytest.fixture(scope="session")
def settings(test_servers: Settings) -> Settings:
    return test_servers


@pytest.fixture(autouse=True)
def leave_the_database_as_found(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if SERVER_FIXTURE in request.fixturenames:
        asyncio.run(empty_tables(get_settings().database_url, keep_api_keys=SESSION_KEY_NAME))


@pytest.fixture(scope="session")
def process_env(test_servers: Settings) -> dict[str, str]:
    """The environment child processes (API, workers, beat) get: the same servers as the tests."""
    return dict(os.environ)


@pytest.fixture(scope="session")
async def orm(settings: Settings) -> AsyncIterator[None]:
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    yield
    await Tortoise.close_connections()


@pytest.fixture
async def clean_database(orm: None, settings: Settings) -> None:
    """Start from empty tables, whatever an interrupted earlier run left."""
    await empty_tables(settings.database_url, keep_api_keys=SESSION_KEY_NAME)


@pytest.fixture
async def client(clean_database: None) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client for the API (real database, no server process)."""
    from api.main import app, relay

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://pulsetrack.test") as http:
        yield http
    # The relay publishes on this test's event loop after the responses. Stopped halfway (the
    # loop paused between tests), its UPDATE's transaction held locks that the clean-up's
    # TRUNCATE then waited on forever: let it finish first, as the API does at shutdown.
    await relay.close(timeout_s=10)


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
        [*PULSETRACK, "api-keys", "create", "--name", SESSION_KEY_NAME],
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
    if settings.broker_is_amqp:
        pytest.skip("reads the Redis broker directly")
    return redis.Redis.from_url(settings.broker_url)
