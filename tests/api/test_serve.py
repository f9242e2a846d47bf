"""`pulsetrack serve` as operators run it: HTTPS only once a certificate is configured, and
several uvicorn worker processes behind one port."""

import os
import re
import signal
import ssl
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import trustme

from pulsetrack.embedded import free_port
from tests.harness import PULSETRACK, ManagedProcess, wait_for

_WORKER_STARTED = re.compile(r"Started server process \[(\d+)\]")


@dataclass
class Server:
    process: ManagedProcess
    base_url: str

    def worker_pids(self) -> list[int]:
        return [int(pid) for pid in _WORKER_STARTED.findall(self.process.log())]


def serve(
    env: dict[str, str],
    log_path: Path,
    *,
    args: tuple[str, ...] = (),
    scheme: str = "http",
    verify: ssl.SSLContext | bool = True,
) -> Server:
    """Start `pulsetrack serve` on a free port; return once `/healthz` answers."""
    port = free_port()
    argv = [*PULSETRACK, "serve", *args]
    process = ManagedProcess("api", argv, env | {"PULSETRACK_API_PORT": str(port)}, log_path)
    server = Server(process.start(), f"{scheme}://127.0.0.1:{port}")

    def healthy() -> bool:
        if process.process and process.process.poll() is not None:
            raise AssertionError(f"api exited early:\n{process.log()[-3000:]}")
        try:
            response = httpx.get(f"{server.base_url}/healthz", verify=verify, timeout=1)
        except httpx.TransportError:
            return False
        return response.status_code == 200

    wait_for(healthy, timeout=30)
    return server


@dataclass(frozen=True)
class Certificate:
    ca: ssl.SSLContext  # a client context that trusts the test CA
    cert_file: Path
    key_file: Path


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A certificate for 127.0.0.1 and localhost from a CA made for this test run."""
    directory = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    issued = ca.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    issued.private_key_pem.write_to_path(str(key_file))
    cert_file.write_bytes(b"".join(blob.bytes() for blob in issued.cert_chain_pems))
    client = ssl.create_default_context()
    ca.configure_trust(client)
    return Certificate(client, cert_file, key_file)


@pytest.fixture(scope="module")
def https_server(
    process_env: dict[str, str], log_dir: Path, certificate: Certificate
) -> Iterator[Server]:
    env = process_env | {
        "PULSETRACK_TLS_CERT_FILE": str(certificate.cert_file),
        "PULSETRACK_TLS_KEY_FILE": str(certificate.key_file),
    }
    server = serve(env, log_dir / "api-https.log", scheme="https", verify=certificate.ca)
    yield server
    server.process.stop()


def test_with_a_certificate_the_api_answers_over_https(
    https_server: Server, certificate: Certificate, live_api_key: str
) -> None:
    with httpx.Client(base_url=https_server.base_url, verify=certificate.ca) as https:
        assert https.get("/healthz").json() == {"status": "ok"}
        users = https.get("/users", headers={"Authorization": f"Bearer {live_api_key}"})
        assert users.status_code == 200


def test_a_client_that_does_not_trust_the_ca_is_refused(https_server: Server) -> None:
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(f"{https_server.base_url}/healthz")


def test_plain_http_to_the_https_port_gets_no_answer(https_server: Server) -> None:
    plain_url = https_server.base_url.replace("https://", "http://")

    with pytest.raises(httpx.TransportError):
        httpx.get(f"{plain_url}/healthz", timeout=5)


@pytest.fixture(scope="module")
def two_workers(process_env: dict[str, str], log_dir: Path) -> Iterator[Server]:
    server = serve(process_env, log_dir / "api-workers.log", args=("--workers", "2"))
    wait_for(lambda: len(server.worker_pids()) == 2, timeout=30)
    yield server
    server.process.stop()


def test_serve_with_two_workers_runs_two_processes_that_serve_requests(
    two_workers: Server, live_api_key: str
) -> None:
    parent = two_workers.process.process
    assert parent is not None
    workers = two_workers.worker_pids()
    assert len(set(workers)) == 2
    assert parent.pid not in workers
    headers = {"Authorization": f"Bearer {live_api_key}"}

    def get_users(_: int) -> int:
        # A new connection each time, so the kernel hands them to either worker.
        return httpx.get(f"{two_workers.base_url}/users", headers=headers, timeout=10).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(get_users, range(40))) == {200}

    # Either worker alone serves the port: with one killed, every request still succeeds.
    os.kill(workers[0], signal.SIGKILL)
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(get_users, range(20))) == {200}
