"""A batch extraction's plan and parts against a real HTTP server speaking OpenAI's wire format:
each text ends with one outcome, a text's own failure does not stop the part, and a provider's
failure fails it. No database: the rows a part would commit are only collected."""

import json
import uuid
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from domain.jobs.kinds import JobFailed, ResultWrite
from domain.llm import batches
from domain.llm.models import BatchExtraction, BatchItemStatus
from domain.llm.schemas import ExtractBatchParams
from pulsetrack.settings import Settings, get_settings
from tests.fake_llm_server import VALID_MEAL, FakeLLMServer, Reply


@pytest.fixture
def fake() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    yield server
    server.stop()


def configured(fake: FakeLLMServer) -> Settings:
    return get_settings().model_copy(
        update={
            "llm_openai_base_url": fake.openai_url,
            "llm_openai_api_key": SecretStr("sk-test"),
            "llm_openai_requests_per_minute": 0,
            "llm_openai_tokens_per_minute": 0,
            "llm_max_retries": 0,
            "llm_batch_part_size": 4,
        }
    )


class Context:
    """A part's view of the platform: nothing to cancel; the rows it would commit."""

    job_id = uuid.UUID(int=7)
    attempt = 1
    part_index: int | None = 0

    def __init__(self) -> None:
        self.writes: list[ResultWrite] = []

    async def report_progress(self, fraction: float, message: str | None = None) -> None:
        pass

    def commit_with_result(self, write: ResultWrite) -> None:
        self.writes.append(write)


def params(*texts: str) -> ExtractBatchParams:
    return ExtractBatchParams.model_validate(
        {"texts": list(texts), "schema": "meal_log", "provider": "openai", "schema_version": 1}
    )


def test_a_batch_is_planned_in_parts_of_consecutive_texts(fake: FakeLLMServer) -> None:
    planned = batches.plan(params(*[f"text {i}" for i in range(10)]), configured(fake))

    assert planned.parts == [
        {"first": 0, "last": 4},
        {"first": 4, "last": 8},
        {"first": 8, "last": 10},
    ]


async def rows_of(context: Context, monkeypatch: pytest.MonkeyPatch) -> list[BatchExtraction]:
    stored: list[BatchExtraction] = []

    async def insert(connection: object, items: list[BatchExtraction]) -> None:
        stored.extend(items)

    monkeypatch.setattr(batches.repository, "insert_batch_items", insert)
    for write in context.writes:
        await write(None)  # type: ignore[arg-type]
    return stored


async def test_each_text_of_a_part_gets_one_outcome_and_a_bad_answer_does_not_stop_the_rest(
    fake: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.when("GARBLED", Reply(content=json.dumps({"meal_type": "brunch"})))
    fake.when("REFUSE-ME", Reply(content=None, refusal="no"))
    batch = params("an apple", "GARBLED", "REFUSE-ME", "a pear", "not in this part")
    context = Context()

    result = await batches.run_part(batch, {"first": 0, "last": 4}, context, configured(fake))

    assert result == {"succeeded": 2, "failed": 2}
    rows = await rows_of(context, monkeypatch)
    assert [(row.index, row.status) for row in rows] == [
        (0, BatchItemStatus.SUCCEEDED),
        (1, BatchItemStatus.FAILED),
        (2, BatchItemStatus.FAILED),
        (3, BatchItemStatus.SUCCEEDED),
    ]
    assert rows[0].result == VALID_MEAL
    assert (rows[1].error_code, rows[1].reasks, rows[1].result) == ("invalid_output", 1, None)
    assert (rows[2].error_code, rows[2].reasks) == ("refused", 0)
    assert rows[1].prompt_tokens == 2 * 321  # both calls counted, though nothing valid came back


async def test_a_provider_failure_fails_the_part_and_stores_nothing(fake: FakeLLMServer) -> None:
    fake.default = Reply(status=503, body="{}")
    context = Context()

    with pytest.raises(JobFailed) as failed:
        await batches.run_part(
            params("an apple"), {"first": 0, "last": 1}, context, configured(fake)
        )

    assert failed.value.code == "provider_unavailable"
    assert context.writes == []


def test_the_finished_batch_counts_its_parts() -> None:
    results = [{"succeeded": 4, "failed": 0}, {"succeeded": 1, "failed": 1}]

    assert batches.finish(params("a", "b", "c", "d", "e", "f"), results) == {
        "texts": 6,
        "succeeded": 5,
        "failed": 1,
    }
