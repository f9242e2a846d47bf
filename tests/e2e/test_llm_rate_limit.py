"""The per-provider rate limit is shared by every worker through Redis: two worker processes of
two threads each send their requests spaced as the limit says, and the provider sees no 429."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fake_llm_server import FakeLLMServer
from tests.harness import ManagedProcess, poll_until_finished, start_api, start_worker

LIMIT_PER_MINUTE = 120  # one request every 0.5 s (0.51 s with the limiter's headroom)
EXTRACTIONS = 16


@pytest.fixture
def fake() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer(requests_per_minute=0).start()
    yield server
    server.stop()


@pytest.fixture
def two_workers(
    process_env: dict[str, str], fake: FakeLLMServer, tmp_path: Path, live_api_key: str
) -> Iterator[httpx.Client]:
    env = process_env | {
        "PULSETRACK_LLM_OPENAI_BASE_URL": fake.openai_url,
        "PULSETRACK_LLM_OPENAI_API_KEY": "sk-rate",
        "PULSETRACK_LLM_OPENAI_REQUESTS_PER_MINUTE": str(LIMIT_PER_MINUTE),
        "PULSETRACK_LLM_OPENAI_TOKENS_PER_MINUTE": "0",
    }
    api, base_url = start_api(env, tmp_path)
    workers: list[ManagedProcess] = [
        start_worker(env, tmp_path, name=f"rate-worker-{n}", concurrency=2) for n in range(2)
    ]
    try:
        headers = {"Authorization": f"Bearer {live_api_key}"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
            yield client
    finally:
        for worker in workers:
            worker.stop()
        api.stop()


def test_four_concurrent_workers_keep_to_one_shared_limit(
    two_workers: httpx.Client, fake: FakeLLMServer
) -> None:
    request = {"text": "an apple", "schema": "meal_log", "provider": "openai"}
    ids = [two_workers.post("/extractions", json=request).json()["id"] for _ in range(EXTRACTIONS)]

    finished = [poll_until_finished(two_workers, job_id, timeout=60) for job_id in ids]

    assert {job["status"] for job in finished} == {"succeeded"}
    sent = sorted(seen.at for seen in fake.requests)
    assert len(sent) == EXTRACTIONS
    interval = 60 / LIMIT_PER_MINUTE
    # Never a burst, whichever worker sent them: any five requests span four intervals (less
    # the few tens of milliseconds between reserving a slot and the request going out).
    spans = [sent[i + 4] - sent[i] for i in range(len(sent) - 4)]
    assert min(spans) >= 4 * interval - 0.3, spans
    assert sent[-1] - sent[0] >= (EXTRACTIONS - 1) * interval * 0.95
