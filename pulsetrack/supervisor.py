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
from pathlib import Path

import httpx
from tortoise import Tortoise

from pulsetrack.database import apply_migrations, tortoise_config
from pulsetrack.embedded import EmbeddedServers
from pulsetrack.settings import Settings, get_settings

PULSETRACK = [sys.executable, "-m", "pulsetrack.cli"]
STOP_TIMEOUT_S = 15
READY_TIMEOUT_S = 60


def _read_or_create(path: Path, make: Callable[[], str]) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = make()
    path.write_text(value + "\n")
    path.chmod(0o600)
    return value


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
    get_settings.cache_clear()
    return get_settings()


def _start_children(concurrency: int) -> dict[str, subprocess.Popen[bytes]]:
    commands = {
        "api": [*PULSETRACK, "serve"],
        "worker": [*PULSETRACK, "worker", "--concurrency", str(concurrency)],
        "beat": [*PULSETRACK, "beat"],
        "flower": [*PULSETRACK, "flower"],
    }
    # Own process groups: Ctrl-C reaches only this supervisor, which then stops them in order.
    return {
        name: subprocess.Popen(command, start_new_session=True)
        for name, command in commands.items()
    }


def _stop_children(children: dict[str, subprocess.Popen[bytes]]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _wait_until_ready(settings: Settings, children: dict[str, subprocess.Popen[bytes]]) -> bool:
    scheme = "https" if settings.tls_cert_file else "http"
    url = f"{scheme}://{settings.api_host}:{settings.api_port}/readyz"
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if any(child.poll() is not None for child in children.values()):
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
    user = settings.flower_basic_auth.get_secret_value().split(":")[0]
    return "\n".join(
        [
            "",
            "PulseTrack is running" + (" on embedded PostgreSQL and Redis" if embedded else ""),
            f"  API      {scheme}://{settings.api_host}:{settings.api_port}  (docs at /docs)",
            f"  Dashboard {scheme}://{settings.api_host}:{settings.api_port}/dashboard/",
            f"  Flower   http://127.0.0.1:{settings.flower_port}  (user {user!r}, "
            "password from PULSETRACK_FLOWER_BASIC_AUTH)",
            f"  API key  {api_key}",
            f"  database {settings.database_url}",
            f"  broker   {settings.broker_url}",
            "Press Ctrl-C to stop.",
            "",
        ]
    )


def _supervise(children: dict[str, subprocess.Popen[bytes]]) -> int:
    stop = {"requested": False}

    def request_stop(*_: object) -> None:
        stop["requested"] = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    while not stop["requested"]:
        for name, child in children.items():
            if child.poll() is not None:
                print(f"{name} exited with code {child.returncode}; stopping", file=sys.stderr)
                return 1
        time.sleep(0.5)
    return 0


def run_system(settings: Settings, *, worker_concurrency: int) -> int:
    """Start servers (embedded if none are configured), migrate, then every process; 0 on Ctrl-C."""
    servers = EmbeddedServers(settings.var_dir).start() if settings.is_embedded else None
    children: dict[str, subprocess.Popen[bytes]] = {}
    try:
        settings = _configure_environment(settings, servers)
        asyncio.run(apply_migrations(settings))
        api_key = asyncio.run(ensure_dev_api_key(settings))
        children = _start_children(worker_concurrency)
        if not _wait_until_ready(settings, children):
            print("PulseTrack did not become ready; stopping", file=sys.stderr)
            return 1
        print(_banner(settings, api_key, embedded=servers is not None), flush=True)
        return _supervise(children)
    finally:
        _stop_children(children)
        if servers is not None:
            servers.stop()
