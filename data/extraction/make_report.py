"""The committed sample comparison report: both gold sets through two real local configurations
of the same model, with the code the `llm.compare` job runs (plan, parts, report).

    .venv/bin/python data/extraction/make_report.py [--limit N]

There is no network here, so the two configurations are the local model with schema-constrained
decoding (`local`: llama.cpp's grammar from the strict schema) and the same model asked for JSON
by the prompt alone (`local-prompt-only`). Writes `sample_report_<schema>.json` and `.md` next to
this file, after every part over the texts done so far (the two schemas take turns, so a run cut
short leaves both covering as many texts as it had time for). Against OpenAI or Gemini: README,
"LLM extraction".
"""

import argparse
import asyncio
import json
import uuid
from pathlib import Path

from domain.jobs.kinds import ResultWrite
from domain.llm import comparison
from domain.llm.comparison import CompareParams
from domain.llm.providers import ProviderName
from ml.extraction.report import render_markdown
from pulsetrack.settings import get_settings

HERE = Path(__file__).resolve().parent


class LocalContext:
    """The `JobContext` of a run outside any worker: nothing to cancel, nothing to store."""

    job_id = uuid.UUID(int=0)
    attempt = 1
    part_index: int | None = None

    async def report_progress(self, fraction: float, message: str | None = None) -> None:
        pass

    def commit_with_result(self, write: ResultWrite) -> None:
        raise AssertionError("a comparison stores nothing")


def _params(schema: str, limit: int | None) -> CompareParams:
    return CompareParams.model_validate(
        {
            "schema": schema,
            "providers": [ProviderName.LOCAL, ProviderName.LOCAL_PROMPT_ONLY],
            "limit": limit,
        }
    )


def _write(schema: str, report: dict) -> None:
    (HERE / f"sample_report_{schema}.json").write_text(json.dumps(report, indent=1) + "\n")
    (HERE / f"sample_report_{schema}.md").write_text(render_markdown(report))


async def compare(schemas: list[str], limit: int | None) -> None:
    """The schemas' parts in turn (one part of each, then the next), each report rewritten over
    the texts done so far after every part: stopped early, both cover as many texts as time
    allowed."""
    settings = get_settings()
    plans = {schema: list(comparison.plan(_params(schema, limit)).parts) for schema in schemas}
    done: dict[str, list[dict]] = {schema: [] for schema in schemas}
    for number in range(max(len(parts) for parts in plans.values())):
        for schema in schemas:
            if number >= len(plans[schema]):
                continue
            part = plans[schema][number]
            params = _params(schema, limit)
            done[schema].append(await comparison.run_part(params, part, LocalContext(), settings))
            report = comparison.finish(_params(schema, part["last"]), done[schema], settings)
            _write(schema, report)
            print(f"{schema}: {part['last']} texts done", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--schema", action="append", default=None)
    args = parser.parse_args()
    asyncio.run(compare(args.schema or ["meal_log", "clinical_note"], args.limit))


if __name__ == "__main__":
    main()
