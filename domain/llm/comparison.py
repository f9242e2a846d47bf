"""`llm.compare`: a gold set through two providers, in parts on every `llm` worker, and the
report that compares them (`ml/extraction/evaluation.py`)."""

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, Field, model_validator

from domain.jobs.kinds import FanOut, JobContext, JobFailed, Result
from domain.llm import pipeline
from domain.llm.pipeline import InvalidOutput, Target
from domain.llm.prompt import PROMPT_VERSION
from domain.llm.providers import ProviderName
from domain.llm.targets import BUILTIN_TARGETS, strict_json_schema
from domain.schema_types import WriteSchema
from ml.extraction.evaluation import Outcome, comparison_report, schema_fields
from pulsetrack.settings import Settings

GOLD_DIR = Path(__file__).resolve().parents[2] / "data" / "extraction"
GoldSchema = str


class CompareParams(WriteSchema):
    """An `llm.compare` job's params."""

    model_config = ConfigDict(populate_by_name=True)

    schema_name: str = Field(
        alias="schema",
        pattern="^(meal_log|clinical_note)$",
        description="The gold set to run: data/extraction/<schema>.jsonl.",
    )
    providers: list[ProviderName] = Field(
        min_length=2, max_length=2, examples=[["openai", "local"]]
    )
    limit: int | None = Field(default=None, ge=1, le=10_000, description="The first N texts.")
    part_size: int = Field(default=8, ge=1, le=100, description="Texts per part.")

    @model_validator(mode="after")
    def _two_different(self) -> "CompareParams":
        if self.providers[0] == self.providers[1]:
            raise ValueError("compare two different providers")
        return self


@lru_cache(maxsize=4)
def gold_set(name: str) -> tuple[dict[str, Any], ...]:
    """The labelled texts of a gold set, in file order."""
    lines = (GOLD_DIR / f"{name}.jsonl").read_text().splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def _target(name: str) -> Target:
    model = BUILTIN_TARGETS[name]
    return Target(name, 1, model, strict_json_schema(model))


def plan(params: CompareParams) -> FanOut:
    count = min(len(gold_set(params.schema_name)), params.limit or 10**9)
    return FanOut(
        [
            {"first": first, "last": min(first + params.part_size, count)}
            for first in range(0, count, params.part_size)
        ]
    )


async def run_part(
    params: CompareParams, part: dict[str, Any], context: JobContext, settings: Settings
) -> Result:
    """Every text of the part through both providers: one outcome each, valid or not."""
    texts = gold_set(params.schema_name)[part["first"] : part["last"]]
    target = _target(params.schema_name)
    providers = [pipeline.provider_for_job(name, settings) for name in params.providers]
    outcomes = []
    for item in texts:
        for provider in providers:
            outcomes.append(await _outcome(item, target, provider, settings))
        await context.report_progress(0.0)  # a cancel stops here
    return {"outcomes": outcomes}


async def _outcome(
    item: dict[str, Any], target: Target, provider: pipeline.Provider, settings: Settings
) -> dict[str, Any]:
    base = {"id": item["id"], "provider": provider.name, "model": None, "result": None}
    counts = {"latency_ms": 0.0, "prompt_tokens": 0, "completion_tokens": 0}
    try:
        extracted = await pipeline.extract(item["text"], target, provider, settings)
    except InvalidOutput as invalid:
        attempts = invalid.attempts
        counts = {
            "latency_ms": round(attempts.latency_ms, 1),
            "prompt_tokens": attempts.prompt_tokens,
            "completion_tokens": attempts.completion_tokens,
        }
        model = attempts.models[-1] if attempts.models else None
        return (
            base
            | counts
            | {"model": model, "error": invalid.code, "retries": attempts.retries, "reasks": 1}
        )
    except JobFailed as failed:
        return base | counts | {"error": failed.code, "retries": 0, "reasks": 0}
    return base | {
        "model": extracted.model,
        "result": extracted.result,
        "error": None,
        "latency_ms": extracted.latency_ms,
        "prompt_tokens": extracted.prompt_tokens,
        "completion_tokens": extracted.completion_tokens,
        "retries": extracted.retries,
        "reasks": extracted.reasks,
    }


def finish(params: CompareParams, results: list[Result], settings: Settings) -> Result:
    """The report, from every part's outcomes."""
    count = min(len(gold_set(params.schema_name)), params.limit or 10**9)
    gold = {item["id"]: item["expected"] for item in gold_set(params.schema_name)[:count]}
    outcomes = [Outcome.from_json(o) for result in results for o in result["outcomes"]]
    return comparison_report(
        target=params.schema_name,
        prompt_version=PROMPT_VERSION,
        providers=[name.value for name in params.providers],
        outcomes=outcomes,
        gold=gold,
        fields=schema_fields(_target(params.schema_name).schema),
        prices=settings.llm_price_per_mtok,
    )
