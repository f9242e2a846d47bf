"""A real Flower process: loopback only, behind basic auth, with no password on its command
line."""

import secrets
import subprocess
from collections.abc import Iterator

import httpx
import psutil
import pytest

from pulsetrack.embedded import free_port
from tests.harness import PULSETRACK, ManagedProcess, wait_for


@pytest.fixture
def flower(
    process_env: dict[str, str], tmp_path: object
) -> Iterator[tuple[ManagedProcess, int, str]]:
    port, password = free_port(), secrets.token_urlsafe(12)
    env = process_env | {
        "PULSETRACK_FLOWER_PORT": str(port),
        "PULSETRACK_FLOWER_BASIC_AUTH": f"ops:{password}",
    }
    log = tmp_path / "flower.log"  # type: ignore[operator]
    process = ManagedProcess("flower", [*PULSETRACK, "flower"], env, log).start()
    try:
        yield process, port, password
    finally:
        process.stop()


def listening_addresses(pid: int, port: int) -> set[str]:
    connections = psutil.Process(pid).net_connections(kind="inet")
    return {c.laddr.ip for c in connections if c.status == "LISTEN" and c.laddr.port == port}


def test_flower_listens_on_loopback_only_behind_its_password(
    flower: tuple[ManagedProcess, int, str],
) -> None:
    process, port, password = flower
    url = f"http://127.0.0.1:{port}/api/workers"

    def answers() -> int:
        try:
            return httpx.get(url, timeout=2).status_code
        except httpx.HTTPError:
            return 0

    assert wait_for(answers, timeout=60) == 401
    assert httpx.get(url, auth=("admin", "pulsetrack"), timeout=5).status_code == 401
    assert httpx.get(url, auth=("ops", password), timeout=10).status_code == 200
    assert process.process is not None
    assert listening_addresses(process.process.pid, port) == {"127.0.0.1"}
    assert password not in " ".join(psutil.Process(process.process.pid).cmdline())


def test_flower_refuses_to_start_without_a_password(process_env: dict[str, str]) -> None:
    env = process_env | {"PULSETRACK_FLOWER_BASIC_AUTH": ""}
    result = subprocess.run(
        [*PULSETRACK, "flower"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "PULSETRACK_FLOWER_BASIC_AUTH" in result.stderr
