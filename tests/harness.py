"""Real servers and processes for the tests: a test database, Redis, API and worker processes."""

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import redis
from standardwebhooks.webhooks import Webhook

from pulsetrack.database import recreate_database, with_database
from pulsetrack.embedded import free_port, redis_server_binary
from tests.webhook_receiver import WebhookReceiver

# Overridable so that two checkouts can run their suites side by side on one set of servers.
TEST_DATABASE = os.environ.get("PULSETRACK_TEST_DATABASE", "pulsetrack_test")
TEST_REDIS_DB = int(os.environ.get("PULSETRACK_TEST_REDIS_DB", "15"))
# On RabbitMQ the tests use their own vhost (it must exist: `rabbitmqctl add_vhost`).
TEST_AMQP_VHOST = os.environ.get("PULSETRACK_TEST_AMQP_VHOST", "pulsetrack_test")
PULSETRACK = [sys.executable, "-m", "pulsetrack.cli"]


def wait_for(
    condition: Callable[[], object], *, timeout: float = 30, interval: float = 0.1
) -> object:
    """Poll `condition` until it returns something truthy; fail the test after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


def with_redis_db(url: str, db: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{db}"))


def is_amqp(broker_url: str) -> bool:
    return broker_url.startswith(("amqp://", "amqps://", "pyamqp://"))


def urls_for_tests(database_url: str, broker_url: str) -> tuple[str, str]:
    """The test database and Redis db (or RabbitMQ vhost) on the configured servers."""
    if is_amqp(broker_url):
        test_broker = urlunsplit(urlsplit(broker_url)._replace(path=f"/{TEST_AMQP_VHOST}"))
    else:
        test_broker = with_redis_db(broker_url, TEST_REDIS_DB)
    return with_database(database_url, TEST_DATABASE), test_broker


def _purge_amqp_queues(broker_url: str, queues: list[str]) -> None:
    from kombu import Connection

    with Connection(broker_url) as connection:
        for queue in queues:
            with connection.channel() as channel, contextlib.suppress(connection.channel_errors):
                channel.queue_purge(queue)  # unless not declared yet


def prepare_external(database_url: str, broker_url: str) -> None:
    """A fresh test database and an empty Redis db (or purged vhost) on the configured servers."""
    asyncio.run(recreate_database(database_url, TEST_DATABASE))
    test_broker = urls_for_tests(database_url, broker_url)[1]
    if is_amqp(broker_url):
        from pulsetrack.settings import Settings

        queues = Settings(database_url=database_url, broker_url=broker_url).all_queues
        _purge_amqp_queues(test_broker, [*queues, "pulsetrack.broker-marker"])
    else:
        redis.Redis.from_url(test_broker).flushdb()


_APPLICATION_TABLES_SQL = """
SELECT tablename FROM pg_tables
WHERE schemaname = 'public' AND tablename NOT IN ('aerich', 'api_keys')
"""


_BLOCKERS_SQL = """
SELECT pid, application_name, state, now() - xact_start AS in_transaction_for, left(query, 200)
FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
"""


async def empty_tables(database_url: str, *, keep_api_keys: str) -> None:
    """Every table as the migrations left it, but for the API keys named `keep_api_keys`."""
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        tables = [row["tablename"] for row in await connection.fetch(_APPLICATION_TABLES_SQL)]
        quoted = ", ".join(f'"{table}"' for table in tables)
        # A TRUNCATE waits for every other session's lock on these tables; name who holds one
        # rather than hang until pytest's timeout (seen once in CI on a loaded machine).
        await connection.execute("SET lock_timeout = '120s'")
        try:
            await connection.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        except asyncpg.LockNotAvailableError:
            blockers = await connection.fetch(_BLOCKERS_SQL)
            raise AssertionError(f"emptying the tables waited 120 s on: {blockers}") from None
        await connection.execute("DELETE FROM api_keys WHERE name <> $1", keep_api_keys)
    finally:
        await connection.close()


@dataclass
class ManagedProcess:
    """A child process whose output goes to a log file the test can read."""

    name: str
    argv: list[str]
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self) -> "ManagedProcess":
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.argv, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_for_log(self, text: str, *, timeout: float = 60) -> None:
        def seen() -> bool:
            if self.process and self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited early:\n{self.log()[-3000:]}")
            return text in self.log()

        wait_for(seen, timeout=timeout)

    def stop(self, timeout: float = 15) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
            self.process.wait()


def start_worker(
    env: dict[str, str], log_dir: Path, *, name: str = "worker", concurrency: int = 1
) -> ManagedProcess:
    argv = [*PULSETRACK, "worker", "--concurrency", str(concurrency)]
    argv += ["--hostname", f"{name}-{os.getpid()}@%h"]
    worker = ManagedProcess(name, argv, env, log_dir / f"{name}.log").start()
    worker.wait_for_log(" ready.")
    return worker


def start_beat(env: dict[str, str], log_dir: Path) -> ManagedProcess:
    beat_env = env | {"PULSETRACK_VAR_DIR": str(log_dir / "beat")}
    beat = ManagedProcess("beat", [*PULSETRACK, "beat"], beat_env, log_dir / "beat.log").start()
    beat.wait_for_log("beat: Starting")
    return beat


def start_api(
    env: dict[str, str], log_dir: Path, *, workers: int = 1
) -> tuple[ManagedProcess, str]:
    """A real `pulsetrack serve` process and its base URL, once it answers `/healthz`."""
    port = free_port()
    api_env = env | {"PULSETRACK_API_PORT": str(port)}
    argv = [*PULSETRACK, "serve", "--workers", str(workers)]
    api = ManagedProcess("api", argv, api_env, log_dir / "api.log").start()
    base_url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        if api.process and api.process.poll() is not None:
            raise AssertionError(f"api exited early:\n{api.log()[-3000:]}")
        try:
            return httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(healthy, timeout=30)
    return api, base_url


def poll_until_finished(client: httpx.Client, job_id: str, timeout: float = 30) -> dict:
    def finished() -> dict | None:
        job = client.get(f"/jobs/{job_id}").json()
        return job if job["status"] in {"succeeded", "failed", "cancelled"} else None

    return wait_for(finished, timeout=timeout)  # type: ignore[return-value]


@dataclass
class RedisServer:
    """A private redis-server that a test can stop and start again on the same port."""

    data_dir: Path
    port: int = field(default_factory=free_port)
    process: ManagedProcess | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        argv = [str(redis_server_binary()), "--bind", "127.0.0.1", "--port", str(self.port)]
        # Append-only persistence, as in production: queues and bindings survive a restart.
        argv += ["--dir", str(self.data_dir), "--appendonly", "yes", "--save", ""]
        log_path = self.data_dir / "redis.log"
        self.process = ManagedProcess("redis", argv, {}, log_path).start()
        wait_for(lambda: _answers_ping(self.url), timeout=10)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None

    def crash(self) -> None:
        """SIGKILL the server and throw its data away: it comes back empty on the next start."""
        if self.process is not None and self.process.process is not None:
            self.process.process.kill()
            self.process.process.wait()
            self.process = None
        for path in self.data_dir.glob("appendonly*"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def _answers_ping(url: str) -> bool:
    try:
        with redis.Redis.from_url(url, socket_timeout=1) as client:
            return bool(client.ping())
    except redis.ConnectionError:
        return False


def submit_echo(client: httpx.Client, *, webhook_url: str | None = None, **params: object) -> str:
    """Submit a `system.echo` job with these params; return its id once accepted."""
    submission = {"kind": "system.echo", "params": params, "webhook_url": webhook_url}
    accepted = client.post("/jobs", json=submission)
    assert accepted.status_code == 202, accepted.text
    return str(accepted.json()["id"])


def verified_event_types(receiver: WebhookReceiver, secret: str) -> list[str]:
    """The `type` of each webhook the receiver got, in order; fails on a bad signature."""
    verifier = Webhook(secret)
    return [verifier.verify(hook.body, hook.headers)["type"] for hook in receiver.received]
