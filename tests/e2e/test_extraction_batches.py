"""Batch extraction through real processes: the API, a worker of two processes that is killed in
the middle of parts, and a fake OpenAI server on 127.0.0.1. Every text ends with exactly one
stored outcome, the parts share the provider's rate limit, and a provider that refuses the key
fails the batch with nothing stored."""

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tortoise import connections

from tests.fake_llm_server import FakeLLMServer, Reply
from tests.harness import ManagedProcess, poll_until_finished, start_api, start_worker, wait_for

TEXTS, PART_SIZE, REQUESTS_PER_MINUTE = 24, 4, 240
GARBLED, REFUSED = 5, 17  # texts the fake answers with a wrong shape twice, or a refusal


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    server.when("GARBLED", Reply(content=json.dumps({"meal_type": "brunch", "items": "apple"})))
    server.when("REFUSE-ME", Reply(content=None, refusal="I can't help with that."))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def batch_system(
    process_env: dict[str, str],
    fake: FakeLLMServer,
    tmp_path_factory: pytest.TempPathFactory,
    live_api_key: str,
) -> Iterator[tuple[httpx.Client, ManagedProcess, Path]]:
    """An API and a two-process worker with small parts, loaded with the crash module."""
    log_dir = tmp_path_factory.mktemp("batch")
    env = process_env | {
        "PULSETRACK_LLM_OPENAI_BASE_URL": fake.openai_url,
        "PULSETRACK_LLM_OPENAI_API_KEY": "sk-batch-secret",
        "PULSETRACK_LLM_OPENAI_REQUESTS_PER_MINUTE": str(REQUESTS_PER_MINUTE),
        "PULSETRACK_LLM_BACKOFF_BASE_S": "0.05",
        "PULSETRACK_LLM_BATCH_PART_SIZE": str(PART_SIZE),
        "PULSETRACK_JOB_MODULES": '["tests.e2e.llm_part_crashes"]',
        "PULSETRACK_TEST_CRASH_DIR": str(log_dir),
    }
    api, base_url = start_api(env, log_dir)
    worker = start_worker(env, log_dir, name="batch-worker", concurrency=2)
    headers = {"Authorization": f"Bearer {live_api_key}"}
    try:
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
            yield client, worker, log_dir
    finally:
        worker.stop()
        api.stop()


def texts() -> list[str]:
    marks = {GARBLED: " GARBLED", REFUSED: " REFUSE-ME"}
    return [f"meal {i}: an apple at 12:30{marks.get(i, '')}" for i in range(TEXTS)]


def submit(client: httpx.Client, batch: list[str]) -> str:
    body = {"texts": batch, "schema": "meal_log", "provider": "openai"}
    accepted = client.post("/extraction-batches", json=body)
    assert accepted.status_code == 202, accepted.text
    return str(accepted.headers["location"])


def every_result(client: httpx.Client, location: str) -> list[dict]:
    """Every stored outcome, following `next_after` five at a time."""
    items: list[dict] = []
    after: int | None = None
    while True:
        params = {"limit": 5} | ({"after": after} if after is not None else {})
        page = client.get(f"{location}/results", params=params).json()
        items += page["items"]
        if (after := page["next_after"]) is None:
            return items


def most_in_any_window(arrivals: list[float], *, seconds: float) -> int:
    """The largest number of `arrivals` within `seconds` of one another."""
    return max(
        sum(1 for later in arrivals[i:] if later - first < seconds)
        for i, first in enumerate(arrivals)
    )


async def stored_indexes(job_id: str) -> list[int]:
    rows = await connections.get("default").execute_query_dict(
        'SELECT "index" FROM batch_extractions WHERE job_id = $1 ORDER BY "index"', [job_id]
    )
    return [row["index"] for row in rows]


async def test_every_text_gets_one_stored_outcome_though_the_worker_dies_mid_part(
    batch_system: tuple[httpx.Client, ManagedProcess, Path], fake: FakeLLMServer, orm: None
) -> None:
    client, worker, crash_dir = batch_system
    fake.requests.clear()

    location = submit(client, texts())
    job = poll_until_finished(client, location.rsplit("/", 1)[-1], timeout=180)

    assert job["status"] == "succeeded", job
    parts = TEXTS // PART_SIZE
    assert job["parts"] == {"total": parts, "done": parts, "failed": 0}
    assert job["result"] == {"texts": TEXTS, "succeeded": TEXTS - 2, "failed": 2}
    assert (crash_dir / "before-commit").exists()
    assert (crash_dir / "after-commit").exists()
    wait_for(lambda: worker.log().count("exited with 'signal 9 (SIGKILL)'") == 2, timeout=10)
    assert await stored_indexes(job["id"]) == list(range(TEXTS))  # none lost, none doubled
    retried = [
        p for p in client.get(f"/jobs/{job['id']}/parts").json()["items"] if p["attempts"] > 1
    ]
    assert len(retried) == 1  # the part killed before its commit ran again; the other did not

    batch = client.get(location).json()
    assert (batch["status"], batch["texts"], batch["progress"]) == ("succeeded", TEXTS, 1.0)
    assert (batch["succeeded"], batch["failed"]) == (TEXTS - 2, 2)
    results = every_result(client, location)
    assert [item["index"] for item in results] == list(range(TEXTS))
    failed = {item["index"]: item["error"]["code"] for item in results if item["error"]}
    assert failed == {GARBLED: "invalid_output", REFUSED: "refused"}
    assert all(item["result"] is None for item in results if item["index"] in failed)
    valid = [item for item in results if item["status"] == "succeeded"]
    assert all(
        item["result"]["meal_type"] == "lunch" and item["model"] == "fake-gpt" for item in valid
    )
    assert results[GARBLED]["reasks"] == 1
    only_failed = client.get(f"{location}/results", params={"status": "failed"}).json()
    assert [item["index"] for item in only_failed["items"]] == [GARBLED, REFUSED]

    # Two worker processes ran parts at once, yet the provider saw no more than the shared
    # limit allows in any window. Windows, not the gap between two requests: on a loaded
    # machine one request can take tens of milliseconds longer than the next from its
    # reserved slot to the provider, and providers count requests per window too.
    arrivals = [request.at for request in fake.requests]
    assert most_in_any_window(arrivals, seconds=2.0) <= 2 * REQUESTS_PER_MINUTE // 60 + 1
    interval = 60 / REQUESTS_PER_MINUTE
    assert arrivals[-1] - arrivals[0] >= (len(arrivals) - 1) * interval * 0.9


async def test_a_provider_that_refuses_the_key_fails_the_batch_with_nothing_stored(
    batch_system: tuple[httpx.Client, ManagedProcess, Path], fake: FakeLLMServer, orm: None
) -> None:
    client, _, _ = batch_system
    fake.default = Reply(status=401, body='{"error": {"message": "bad key"}}')
    try:
        location = submit(client, ["an apple", "a pear", "toast", "rice", "beans"])
        job = poll_until_finished(client, location.rsplit("/", 1)[-1], timeout=60)
    finally:
        fake.default = Reply()

    assert job["status"] == "failed", job
    assert job["error"]["code"] == "part_failed"
    assert "sk-batch-secret" not in json.dumps(job)
    assert await stored_indexes(job["id"]) == []
    assert client.get(f"{location}/results").json()["items"] == []
