"""`pulsetrack run`: the whole system in one terminal, stopped cleanly by Ctrl-C."""

import asyncio
import base64
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from tortoise import Tortoise

from pulsetrack.database import apply_migrations, tortoise_config
from pulsetrack.embedded import EmbeddedServers
from pulsetrack.settings import Settings, get_settings

PULSETRACK = [sys.executable, "-m", "pulsetrack.cli"]
STOP_TIMEOUT_S = 15
READY_TIMEOUT_S = 60
FLOWER_USER = "admin"


def _read_or_create(path: Path, make: Callable[[], str]) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = make()
    path.write_text(value + "\n")
    path.chmod(0o600)
    return value


def dev_flower_password(var_dir: Path) -> str:
    """A per-checkout Flower password under `var/`, for when none is configured."""
    return _read_or_create(var_dir / "flower-password", lambda: secrets.token_urlsafe(18))


def dev_webhook_secret(var_dir: Path) -> str:
    """A per-checkout webhook secret under `var/`, for when none is configured."""
    return _read_or_create(
        var_dir / "webhook-secret",
        lambda: "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode(),
    )


async def ensure_dev_api_key(settings: Settings) -> str:
    """The development API key kept in `var/dev-api-key`, created on first run."""
    from domain.auth.models import ApiKey
    from domain.auth.service import create_api_key, hash_key

    path = settings.var_dir / "dev-api-key"
    await Tortoise.init(config=tortoise_config(settings))
    try:
        if path.exists():
            secret = path.read_text().strip()
            if await ApiKey.exists(key_hash=hash_key(secret), revoked_at=None):
                return secret
        secret = (await create_api_key(name="development")).secret
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secret + "\n")
        path.chmod(0o600)
        return secret
    finally:
        await Tortoise.close_connections()


def _configure_environment(settings: Settings, servers: EmbeddedServers | None) -> Settings:
    """Point this process and its children at the servers in use; return the settings they see."""
    if servers is not None:
        os.environ["PULSETRACK_DATABASE_URL"] = servers.database_url
        os.environ["PULSETRACK_BROKER_URL"] = servers.broker_url
    if not settings.webhook_secret.get_secret_value():
        os.environ["PULSETRACK_WEBHOOK_SECRET"] = dev_webhook_secret(settings.var_dir)
    if not settings.flower_basic_auth.get_secret_value():
        password = dev_flower_password(settings.var_dir)
        os.environ["PULSETRACK_FLOWER_BASIC_AUTH"] = f"{FLOWER_USER}:{password}"
    get_settings.cache_clear()
    return get_settings()


RESTART_BACKOFF_S = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
# A child that stayed up this long is healthy again: its next crash restarts it after 1 s.
STABLE_AFTER_S = 60.0


@dataclass
class Child:
    """One supervised process: started again with growing backoff whenever it exits."""

    name: str
    argv: list[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    crashes: int = 0
    restart_at: float | None = None

    def start(self) -> None:
        # Own process group: Ctrl-C reaches only the supervisor, which then stops them in order.
        self.process = subprocess.Popen(self.argv, start_new_session=True)
        self.started_at = time.monotonic()
        self.restart_at = None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def check(self, now: float) -> None:
        """Schedule a restart if the process has exited; start it when its backoff is over."""
        if self.restart_at is not None:
            if now >= self.restart_at:
                print(f"{self.name}: restarting (restart {self.crashes})", file=sys.stderr)
                self.start()
            return
        if self.process is None or self.process.poll() is None:
            return
        if now - self.started_at >= STABLE_AFTER_S:
            self.crashes = 0
        delay = RESTART_BACKOFF_S[min(self.crashes, len(RESTART_BACKOFF_S) - 1)]
        self.crashes += 1
        self.restart_at = now + delay
        print(
            f"{self.name} exited with code {self.process.returncode}; restarting in {delay:g} s",
            file=sys.stderr,
            flush=True,
        )


def child_commands(concurrency: int) -> dict[str, list[str]]:
    return {
        "api": [*PULSETRACK, "serve"],
        "worker": [*PULSETRACK, "worker", "--concurrency", str(concurrency)],
        "beat": [*PULSETRACK, "beat"],
        "flower": [*PULSETRACK, "flower"],
    }


def start_children(commands: dict[str, list[str]]) -> list[Child]:
    children = [Child(name, argv) for name, argv in commands.items()]
    for child in children:
        child.start()
    return children


def stop_children(children: list[Child]) -> None:
    processes = [child.process for child in children if child.process is not None]
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(settings: Settings, children: list[Child]) -> bool:
    scheme = "https" if settings.tls_cert_file else "http"
    url = f"{scheme}://{settings.api_host}:{settings.api_port}/readyz"
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if not all(child.running() for child in children):
            return False
        try:
            if httpx.get(url, verify=False, timeout=1).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    return False


def _banner(settings: Settings, api_key: str, embedded: bool) -> str:
    scheme = "https" if settings.tls_cert_file else "http"
    auth = settings.flower_basic_auth.get_secret_value()
    user = auth.split(":")[0]
    generated = settings.var_dir / "flower-password"
    made_here = generated.exists() and auth == f"{FLOWER_USER}:{generated.read_text().strip()}"
    password = f"password in {generated}" if made_here else "password from your settings"
    return "\n".join(
        [
            "",
            "PulseTrack is running" + (" on embedded PostgreSQL and Redis" if embedded else ""),
            f"  API      {scheme}://{settings.api_host}:{settings.api_port}  (docs at /docs)",
            f"  Dashboard {scheme}://{settings.api_host}:{settings.api_port}/dashboard/",
            f"  Flower   http://{settings.flower_address}:{settings.flower_port}  "
            f"(user {user!r}, {password})",
            f"  API key  {api_key}",
            f"  database {settings.database_url}",
            f"  broker   {settings.broker_url}",
            "Press Ctrl-C to stop.",
            "",
        ]
    )


def supervise(children: list[Child], *, tick_s: float = 0.5) -> int:
    """Keep every child running until SIGINT or SIGTERM; a child that exits is restarted with
    backoff (a broker outage must not take the API down with a worker); 0 when asked to stop."""
    stop = {"requested": False}

    def request_stop(*_: object) -> None:
        stop["requested"] = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    while not stop["requested"]:
        now = time.monotonic()
        for child in children:
            child.check(now)
        time.sleep(tick_s)
    return 0


def run_system(settings: Settings, *, worker_concurrency: int) -> int:
    """Start servers (embedded if none are configured), migrate, then every process; 0 on Ctrl-C."""
    servers = EmbeddedServers(settings.var_dir).start() if settings.is_embedded else None
    children: list[Child] = []
    try:
        settings = _configure_environment(settings, servers)
        asyncio.run(apply_migrations(settings))
        api_key = asyncio.run(ensure_dev_api_key(settings))
        children = start_children(child_commands(worker_concurrency))
        if not _wait_until_ready(settings, children):
            print("PulseTrack did not become ready; stopping", file=sys.stderr)
            return 1
        print(_banner(settings, api_key, embedded=servers is not None), flush=True)
        return supervise(children)
    finally:
        stop_children(children)
        if servers is not None:
            servers.stop()
