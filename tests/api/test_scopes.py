"""Scoped API keys: `read` for GET, `write` for data and jobs, `admin` to recompute everything."""

import httpx
import pytest

from domain.auth.models import Scope
from domain.auth.service import create_api_key

SUBMISSION = {"kind": "system.echo", "params": {}}


async def bearer(*scopes: Scope) -> dict[str, str]:
    key = await create_api_key(name="scoped", scopes=scopes)
    return {"Authorization": f"Bearer {key.secret}"}


def assert_forbidden(response: httpx.Response, scope: str) -> None:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["type"], problem["status"]) == ("/problems/forbidden", 403)
    assert f"lacks the '{scope}' scope" in problem["detail"]


async def test_a_read_key_reads_but_cannot_write(
    client: httpx.AsyncClient, clean_database: None
) -> None:
    headers = await bearer(Scope.READ)

    assert (await client.get("/jobs", headers=headers)).status_code == 200
    assert_forbidden(await client.post("/jobs", json=SUBMISSION, headers=headers), "write")
    assert_forbidden(await client.post("/users", json={}, headers=headers), "write")


async def test_a_write_key_submits_jobs_but_cannot_recompute_everything(
    client: httpx.AsyncClient, clean_database: None
) -> None:
    headers = await bearer(Scope.WRITE)

    assert (await client.post("/jobs", json=SUBMISSION, headers=headers)).status_code == 202
    assert_forbidden(await client.get("/jobs", headers=headers), "read")
    assert_forbidden(await client.post("/health-scores/recompute", headers=headers), "admin")
    assert_forbidden(await client.post("/models/1/activate", headers=headers), "admin")
    assert_forbidden(await client.post("/train", headers=headers), "admin")


@pytest.mark.parametrize("scopes", [(Scope.ADMIN,), tuple(Scope)])
async def test_an_admin_key_recomputes_every_score(
    client: httpx.AsyncClient, clean_database: None, scopes: tuple[Scope, ...]
) -> None:
    headers = await bearer(*scopes)

    assert (await client.post("/health-scores/recompute", headers=headers)).status_code == 202


async def test_a_key_is_made_with_every_scope_unless_told_otherwise(clean_database: None) -> None:
    assert (await create_api_key(name="development")).api_key.scopes == ["read", "write", "admin"]
