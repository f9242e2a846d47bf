"""Extraction jobs through real processes: the API, a worker on every queue, a fake OpenAI/Gemini
server on 127.0.0.1, and the real local model. Each story ends in its documented state, and
nothing invalid is ever stored."""

import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tortoise import connections

from domain.llm.providers import default_local_model_path
from tests.fake_llm_server import VALID_MEAL, FakeLLMServer, Reply
from tests.harness import ManagedProcess, poll_until_finished, start_api, start_worker

KEY = "sk-e2e-secret-key-42"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def llm_system(
    process_env: dict[str, str], fake: FakeLLMServer, log_dir: Path, live_api_key: str
) -> Iterator[tuple[httpx.Client, ManagedProcess]]:
    env = process_env | {
        "PULSETRACK_LLM_OPENAI_BASE_URL": fake.openai_url,
        "PULSETRACK_LLM_OPENAI_API_KEY": KEY,
        "PULSETRACK_LLM_GEMINI_BASE_URL": fake.gemini_url,
        "PULSETRACK_LLM_GEMINI_API_KEY": KEY,
        "PULSETRACK_LLM_INLINE_WAIT_MAX_S": "1",
        "PULSETRACK_LLM_BACKOFF_BASE_S": "0.05",
        "PULSETRACK_LLM_OPENAI_REQUESTS_PER_MINUTE": "6000",
    }
    api, base_url = start_api(env, log_dir)
    worker = start_worker(env, log_dir, name="llm-worker")
    headers = {"Authorization": f"Bearer {live_api_key}"}
    try:
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
            yield client, worker
    finally:
        worker.stop()
        api.stop()


@pytest.fixture
def client(llm_system: tuple[httpx.Client, ManagedProcess], fake: FakeLLMServer) -> httpx.Client:
    fake.script.clear()
    fake.default = Reply()
    return llm_system[0]


@pytest.fixture
def user_id(client: httpx.Client, orm: None) -> int:
    created = client.post("/users", json={"name": "Eve", "email": "eve@example.com"})
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def extract(client: httpx.Client, timeout: float = 60, **body: object) -> dict:
    request = {"text": "lunch at 12:30, an apple", "schema": "meal_log", "provider": "openai"}
    accepted = client.post("/extractions", json=request | body)
    assert accepted.status_code == 202, accepted.text
    poll_until_finished(client, accepted.json()["id"], timeout=timeout)
    shown = client.get(accepted.headers["location"])
    assert shown.status_code == 200, shown.text
    return shown.json()  # type: ignore[no-any-return]


async def count(table: str) -> int:
    rows = await connections.get("default").execute_query_dict(f"SELECT count(*) AS n FROM {table}")
    return int(rows[0]["n"])


async def test_a_meal_log_is_extracted_validated_and_saved_as_a_meal(
    client: httpx.Client, user_id: int
) -> None:
    extraction = extract(client, save={"user_id": user_id, "on": "2026-11-30"})

    assert extraction["status"] == "succeeded", extraction
    assert extraction["result"] == VALID_MEAL
    assert (extraction["provider"], extraction["model"]) == ("openai", "fake-gpt")
    assert extraction["prompt_version"] == "extract-v1"
    assert extraction["usage"] == {"prompt_tokens": 321, "completion_tokens": 45}
    assert extraction["latency_ms"] > 0
    meals = client.get(f"/users/{user_id}/meals").json()["items"]
    assert extraction["saved"] == {"meals": [meals[0]["id"]]}
    assert meals[0]["eaten_at"].startswith("2026-11-30T12:30:00")
    assert (meals[0]["calories"], meals[0]["description"]) == (95, "lunch: 1 apple")


async def test_clinical_note_vitals_are_saved_as_metrics_in_canonical_units(
    client: httpx.Client, fake: FakeLLMServer, user_id: int
) -> None:
    note = {
        "symptoms": ["cough"],
        "medications": [{"name": "amoxicillin", "dose": 500, "dose_unit": "mg", "frequency": None}],
        "vitals": [{"kind": "temperature", "value": 100.4, "unit": "fahrenheit"}],
    }
    fake.then(Reply(content=json.dumps(note)))

    extraction = extract(
        client, schema="clinical_note", provider="gemini", save={"user_id": user_id}
    )

    assert extraction["status"] == "succeeded", extraction
    assert extraction["model"] == "fake-gemini"
    metrics = client.get(f"/users/{user_id}/health-metrics").json()["items"]
    assert [(m["kind"], m["value"], m["unit"]) for m in metrics] == [
        ("temperature", 38.0, "celsius")
    ]
    assert metrics[0]["source"] == "llm_extraction"


async def test_an_answer_invalid_twice_fails_with_its_errors_and_stores_nothing(
    client: httpx.Client, fake: FakeLLMServer, user_id: int
) -> None:
    wrong = json.dumps(VALID_MEAL | {"meal_time": "half past noon"})
    fake.then(Reply(content="{oops"), Reply(content=wrong))

    extraction = extract(client, save={"user_id": user_id})

    assert extraction["status"] == "failed"
    assert extraction["error"]["code"] == "invalid_output"
    assert "meal_time: String should match pattern" in extraction["error"]["message"]
    assert extraction["result"] is None
    assert (await count("extractions"), await count("meals")) == (0, 0)


async def test_a_vital_the_health_metric_api_would_refuse_is_never_saved(
    client: httpx.Client, fake: FakeLLMServer, user_id: int
) -> None:
    # Valid for the note (a plausible temperature), yet a time the metric API refuses.
    note = {
        "symptoms": [],
        "medications": [],
        "vitals": [{"kind": "heart_rate", "value": 70, "unit": "bpm"}],
    }
    fake.then(Reply(content=json.dumps(note)))

    extraction = extract(
        client,
        schema="clinical_note",
        save={"user_id": user_id, "at": "2099-01-01T00:00:00Z"},
    )

    assert extraction["status"] == "failed"
    assert extraction["error"]["code"] == "cannot_save"
    assert "must not be in the future" in extraction["error"]["message"]
    assert (await count("extractions"), await count("health_metrics")) == (0, 0)


async def test_a_long_retry_after_requeues_the_job_instead_of_holding_the_worker(
    client: httpx.Client, fake: FakeLLMServer
) -> None:
    fake.then(Reply(status=429, headers={"Retry-After": "3"}, body="{}"))
    started = time.monotonic()

    accepted = client.post(
        "/extractions", json={"text": "an apple", "schema": "meal_log", "provider": "openai"}
    )
    job_id = accepted.json()["id"]
    deadline = time.monotonic() + 10
    while (job := client.get(f"/jobs/{job_id}").json())["status"] != "queued" or job["attempts"]:
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
    # Meanwhile the worker is free: another extraction runs and finishes before it.
    other = extract(client, text="dinner: soup")
    finished = poll_until_finished(client, job_id, timeout=30)

    assert other["status"] == "succeeded"
    assert finished["status"] == "succeeded", finished
    assert finished["attempts"] == 1  # the deferral used no delivery
    assert time.monotonic() - started >= 3
    assert finished["finished_at"] > other["finished_at"]


@pytest.mark.parametrize("status", [401, 403])
async def test_a_refused_key_fails_at_once_and_the_key_is_nowhere_to_be_seen(
    client: httpx.Client,
    fake: FakeLLMServer,
    llm_system: tuple[httpx.Client, ManagedProcess],
    status: int,
) -> None:
    fake.then(Reply(status=status, body=json.dumps({"error": f"bad key {KEY}"})))

    extraction = extract(client)

    assert extraction["status"] == "failed"
    assert extraction["error"]["code"] == "provider_auth_failed"
    assert KEY not in json.dumps(extraction)
    assert KEY not in client.get(f"/jobs/{extraction['id']}").text
    assert KEY not in llm_system[1].log()


@pytest.mark.skipif(default_local_model_path() is None, reason="make install-local-model")
async def test_the_local_model_extracts_through_the_worker_and_stores_only_valid_output(
    client: httpx.Client, user_id: int
) -> None:
    pytest.importorskip("llama_cpp", reason="make install-local-model")
    text = "Pt c/o cough, no fever. HR 92 bpm, temp 37.9 celsius. Amoxicillin 500 mg tid."

    extraction = extract(client, timeout=240, text=text, schema="clinical_note", provider="local")

    assert extraction["model"] in (None, "SmolLM2-135M-Instruct.Q4_1")
    if extraction["status"] == "succeeded":
        assert set(extraction["result"]) == {"symptoms", "medications", "vitals"}
        assert extraction["usage"]["prompt_tokens"] > 0
        assert await count("extractions") == 1
    else:  # a 135M model may fail twice; then it says why and nothing is stored
        assert extraction["error"]["code"] == "invalid_output", extraction
        assert await count("extractions") == 0


async def test_a_comparison_runs_a_gold_set_through_two_providers_into_a_report(
    client: httpx.Client, fake: FakeLLMServer
) -> None:
    fake.then(Reply(status=500, body="oops"), Reply(content="{bad"))
    accepted = client.post(
        "/extraction-comparisons",
        json={"schema": "meal_log", "providers": ["openai", "gemini"], "limit": 4, "part_size": 2},
    )
    assert accepted.status_code == 202, accepted.text
    job_id = accepted.json()["id"]
    early = client.get(f"/extraction-comparisons/{job_id}")

    job = poll_until_finished(client, job_id, timeout=60)
    report = client.get(f"/extraction-comparisons/{job_id}").json()
    markdown = client.get(f"/extraction-comparisons/{job_id}/report.md")

    assert early.status_code in (200, 409)
    assert job["status"] == "succeeded", job
    assert job["parts"]["total"] == 2
    assert report["texts"] == 4
    openai, gemini = report["providers"]["openai"], report["providers"]["gemini"]
    assert (openai["valid"], gemini["valid"]) == (4, 4)
    assert openai["retries"] + gemini["retries"] == 1
    assert openai["reasks"] + gemini["reasks"] == 1
    assert openai["model"] == "fake-gpt"
    assert openai["tokens"]["prompt"] > 0
    assert report["agreement"]["identical_rate"] == 1.0  # the fake answers alike
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# Extraction comparison: `meal_log`")
