"""Submitting extractions over HTTP, in process (no worker: the jobs stay queued)."""

import httpx
import pytest
from pydantic import SecretStr

import api.deps
from pulsetrack.settings import Settings
from tests.api.support import assert_problem, error_fields
from tests.factories import create_user


async def test_an_extraction_is_accepted_as_an_llm_job_and_readable_while_queued(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)
    accepted = await client.post(
        "/extractions",
        json={
            "text": "porridge with honey",
            "schema": "meal_log",
            "provider": "openai",
            "save": {"user_id": user["id"]},
        },
        headers=auth,
    )

    assert accepted.status_code == 202, accepted.text
    job = accepted.json()
    assert job["kind"] == "llm.extract"
    assert job["params"]["schema_version"] == 1  # pinned at submission
    assert accepted.headers["location"] == f"/extractions/{job['id']}"
    shown = await client.get(accepted.headers["location"], headers=auth)
    assert shown.status_code == 200
    assert shown.headers["retry-after"] == "1"
    body = shown.json()
    assert (body["status"], body["schema"], body["provider"]) == ("queued", "meal_log", "openai")
    assert body["result"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"schema": "no_such_schema"}, "schema"),
        ({"schema_version": 3}, "schema_version"),
        ({"provider": "claude"}, "provider"),
        ({"text": ""}, "text"),
        ({"save": {"user_id": 999_999}}, "save.user_id"),
        ({"unknown": 1}, "unknown"),
    ],
)
async def test_an_extraction_that_cannot_run_is_refused_naming_the_field(
    client: httpx.AsyncClient, auth: dict[str, str], body: dict, field: str
) -> None:
    request = {"text": "an apple", "schema": "meal_log", "provider": "openai"} | body

    refused = await client.post("/extractions", json=request, headers=auth)

    assert error_fields(assert_problem(refused, 422, "invalid_input")) == [field]
    listed = await client.get("/jobs", headers=auth)
    assert listed.json()["items"] == []


async def test_only_builtin_results_can_be_saved(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    user = await create_user(client, auth)
    schema = {"type": "object", "properties": {"field_1": {"type": "string"}}}
    await client.post(
        "/extraction-schemas", json={"name": "generic", "json_schema": schema}, headers=auth
    )

    refused = await client.post(
        "/extractions",
        json={"text": "x", "schema": "generic", "save": {"user_id": user["id"]}},
        headers=auth,
    )

    assert error_fields(assert_problem(refused, 422, "invalid_input")) == ["save"]


async def test_an_unknown_extraction_is_404(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    missing = await client.get("/extractions/6f1c8d2e-0000-4000-8000-000000000000", headers=auth)

    assert_problem(missing, 404, "extraction_not_found")


async def test_a_comparison_needs_two_different_providers_and_a_gold_set(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    same = await client.post(
        "/extraction-comparisons",
        json={"schema": "meal_log", "providers": ["openai", "openai"]},
        headers=auth,
    )
    no_gold = await client.post(
        "/extraction-comparisons",
        json={"schema": "generic", "providers": ["openai", "gemini"]},
        headers=auth,
    )
    accepted = await client.post(
        "/extraction-comparisons",
        json={"schema": "clinical_note", "providers": ["openai", "gemini"]},
        headers=auth,
    )

    assert error_fields(assert_problem(same, 422, "invalid_input")) == ["body"]
    assert error_fields(assert_problem(no_gold, 422, "invalid_input")) == ["schema"]
    assert accepted.status_code == 202, accepted.text
    report = await client.get(f"/extraction-comparisons/{accepted.json()['id']}", headers=auth)
    assert_problem(report, 409, "comparison_not_ready")


@pytest.fixture
def served_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Settings changed for the API in this process: fill the dict before the request."""
    changes: dict[str, object] = {}
    # The app puts routes on itself, out of reach of `app.dependency_overrides`.
    monkeypatch.setattr(api.deps, "get_settings", lambda: settings.model_copy(update=changes))
    return changes


async def test_providers_lists_only_those_configured_here_with_their_models_and_no_key(
    client: httpx.AsyncClient, auth: dict[str, str], served_settings: dict[str, object]
) -> None:
    served_settings |= {
        "llm_openai_api_key": SecretStr("sk-never-shown"),
        "llm_openai_model": "gpt-test",
        "llm_gemini_api_key": SecretStr(""),  # no key, the public URL: not configured
        "llm_local_enabled": False,
    }

    listed = await client.get("/extraction-providers", headers=auth)

    assert listed.status_code == 200, listed.text
    assert listed.json() == {"items": [{"name": "openai", "model": "gpt-test"}]}
    assert "sk-never-shown" not in listed.text


async def test_a_compatible_server_of_ones_own_needs_no_key_to_be_listed(
    client: httpx.AsyncClient, auth: dict[str, str], served_settings: dict[str, object]
) -> None:
    served_settings |= {
        "llm_openai_api_key": SecretStr(""),
        "llm_gemini_api_key": SecretStr(""),
        "llm_gemini_base_url": "http://127.0.0.1:8080/v1beta",
        "llm_gemini_model": "gemma-local",
        "llm_local_enabled": False,
    }

    listed = await client.get("/extraction-providers", headers=auth)

    assert listed.json()["items"] == [{"name": "gemini", "model": "gemma-local"}]


BATCH = {"texts": ["an apple at 10:00", "dinner: rice and beans"], "schema": "meal_log"}


async def test_a_batch_is_accepted_as_a_job_of_parts_and_readable_while_queued(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    accepted = await client.post(
        "/extraction-batches", json=BATCH | {"provider": "openai"}, headers=auth
    )

    assert accepted.status_code == 202, accepted.text
    job = accepted.json()
    assert job["kind"] == "llm.extract_batch"
    assert job["params"]["schema_version"] == 1
    assert accepted.headers["location"] == f"/extraction-batches/{job['id']}"
    shown = await client.get(accepted.headers["location"], headers=auth)
    assert shown.status_code == 200
    assert shown.headers["retry-after"] == "1"
    body = shown.json()
    assert (body["status"], body["schema"], body["provider"]) == ("queued", "meal_log", "openai")
    assert (body["texts"], body["succeeded"], body["failed"], body["progress"]) == (2, 0, 0, 0)
    results = await client.get(f"{accepted.headers['location']}/results", headers=auth)
    assert results.json() == {"items": [], "next_after": None}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"texts": []}, "texts"),
        ({"texts": ["an apple"] * 1001}, "texts"),
        ({"texts": ["x" * 20_000] * 51}, "texts"),
        ({"texts": ["an apple", "", "a pear"]}, "texts.1"),
        ({"texts": ["an apple", "a pear", "x" * 20_001]}, "texts.2"),
        ({"texts": ["an apple", 7]}, "texts.1"),
        ({"texts": "an apple"}, "texts"),
        ({"schema": "no_such_schema"}, "schema"),
        ({"provider": "claude"}, "provider"),
        ({"save": {"user_id": 1}}, "save"),
    ],
)
async def test_a_batch_that_cannot_run_is_refused_naming_the_field(
    client: httpx.AsyncClient, auth: dict[str, str], body: dict, field: str
) -> None:
    refused = await client.post("/extraction-batches", json=BATCH | body, headers=auth)

    assert error_fields(assert_problem(refused, 422, "invalid_input")) == [field]
    listed = await client.get("/jobs", headers=auth)
    assert listed.json()["items"] == []


async def test_an_unknown_batch_is_404_and_a_single_extraction_is_not_a_batch(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    single = await client.post(
        "/extractions",
        json={"text": "an apple", "schema": "meal_log", "provider": "openai"},
        headers=auth,
    )
    missing = "6f1c8d2e-0000-4000-8000-000000000000"

    for path in (f"/extraction-batches/{missing}", f"/extraction-batches/{missing}/results"):
        assert_problem(await client.get(path, headers=auth), 404, "extraction_batch_not_found")
    as_batch = await client.get(f"/extraction-batches/{single.json()['id']}", headers=auth)
    assert_problem(as_batch, 404, "extraction_batch_not_found")
    bad_page = await client.get(f"/extraction-batches/{missing}/results?limit=0", headers=auth)
    assert error_fields(assert_problem(bad_page, 422, "invalid_input")) == ["limit"]
