"""`pulsetrack api-keys`: listed without their secrets, and a revoked key refused by a running API
process within the key cache time."""

import subprocess
import time

import httpx

from domain.auth.service import KNOWN_KEY_TTL_S
from tests.harness import PULSETRACK, wait_for


def cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [*PULSETRACK, "api-keys", *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_revoked_key_is_refused_within_the_cache_time(
    live_api: str, process_env: dict[str, str], clean_database: None
) -> None:
    secret = cli(process_env, "create", "--name", "reporting", "--scopes", "read").split()[-1]
    headers = {"Authorization": f"Bearer {secret}"}
    assert httpx.get(f"{live_api}/jobs", headers=headers).status_code == 200

    listing = cli(process_env, "list")
    assert "reporting" in listing
    assert secret[:10] in listing
    assert secret not in listing
    row = next(line for line in listing.splitlines() if "reporting" in line)
    assert " read " in row
    assert row.split()[-1] == "-", "not revoked yet"

    cli(process_env, "revoke", secret[:10])
    revoked_at = time.monotonic()

    wait_for(
        lambda: httpx.get(f"{live_api}/jobs", headers=headers).status_code == 401,
        timeout=KNOWN_KEY_TTL_S + 2,
    )
    assert time.monotonic() - revoked_at <= KNOWN_KEY_TTL_S + 1
    assert "revoked" not in cli(process_env, "list").split("reporting")[0]
