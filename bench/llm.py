"""LLM extraction: keeping to a provider's rate limit with many workers, and the local model.

    python -m bench.llm --extractions 300 --workers 4 --local-texts 8

Part 1 runs a fake OpenAI-compatible provider on 127.0.0.1 (`tests/fake_llm_server.py`) that
allows 60 requests a minute (a sliding minute, as providers count, answering 429 beyond it) and
takes `--latency-ms` to answer; the API and four worker processes on the `llm` queue run
`--extractions` extractions through it with the shared limit set to the same 60 a minute. The
same-run baseline is the limit itself: achieved rate / limit (target >= 0.95) and the 429s the
provider sent (target 0).

Part 2 runs the first `--local-texts` texts of each gold set (8 each: 16 texts) through the local
model in this process, schema-constrained (`local`): extractions a minute, generated tokens a
second and per-field accuracy against the gold labels. `--local-baseline` runs the same texts
prompt-only (`local-prompt-only`) beside it, which doubles the time; the committed sample reports
(`data/extraction/`) compare the two over more texts. `--extractions 0` skips part 1.
The last line printed is one JSON object.
"""

import argparse
import asyncio
import json
import tempfile
import time
import uuid
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
from tortoise import Tortoise, connections

from bench.stack import (
    WorkerOptions,
    bench_servers,
    print_log_tails,
    process_env,
    pulsetrack_api,
    pulsetrack_worker,
    running,
)
from domain.auth.service import create_api_key
from domain.jobs.kinds import ResultWrite
from domain.llm import comparison
from domain.llm.comparison import CompareParams
from domain.llm.providers import ProviderName
from pulsetrack.database import tortoise_config
from pulsetrack.settings import Settings, get_settings
from tests.fake_llm_server import FakeLLMServer

LIMIT_PER_MINUTE = 60
_UNFINISHED_SQL = "SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running')"
_FAILED_SQL = "SELECT count(*) AS n FROM jobs WHERE status <> 'succeeded'"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extractions", type=int, default=300, help="0 skips part 1")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--latency-ms", type=float, default=400)
    parser.add_argument("--local-texts", type=int, default=8, help="per gold set; 0 skips part 2")
    parser.add_argument(
        "--local-baseline",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="also run the texts prompt-only",
    )
    return parser.parse_args(argv)


# --- Part 1: the shared rate limit ----------------------------------------------------------


async def _count(sql: str) -> int:
    return int((await connections.get("default").execute_query_dict(sql))[0]["n"])


async def _submit_and_wait(settings: Settings, base_url: str, extractions: int) -> int:
    await Tortoise.init(config=tortoise_config(settings))
    try:
        key = (await create_api_key(name=f"bench-{uuid.uuid4().hex[:8]}")).secret
        request = {"text": "lunch: an apple", "schema": "meal_log", "provider": "openai"}
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as client:
            for _ in range(extractions):
                accepted = await client.post("/extractions", json=request)
                accepted.raise_for_status()
        deadline = time.monotonic() + extractions * 60 / LIMIT_PER_MINUTE * 1.5 + 60
        while await _count(_UNFINISHED_SQL):
            if time.monotonic() > deadline:
                raise RuntimeError("extractions unfinished; see the worker logs")
            await asyncio.sleep(0.5)
        return await _count(_FAILED_SQL)
    finally:
        await Tortoise.close_connections()


def measure_rate_limit(args: argparse.Namespace, work_dir: Path) -> dict[str, Any]:
    fake = FakeLLMServer(requests_per_minute=LIMIT_PER_MINUTE, latency_s=args.latency_ms / 1000)
    with ExitStack() as stack:
        fake.start()
        stack.callback(fake.stop)
        settings = stack.enter_context(bench_servers(work_dir))
        env = process_env(settings) | {
            "PULSETRACK_LLM_OPENAI_BASE_URL": fake.openai_url,
            "PULSETRACK_LLM_OPENAI_API_KEY": "sk-bench",
            "PULSETRACK_LLM_OPENAI_REQUESTS_PER_MINUTE": str(LIMIT_PER_MINUTE),
            "PULSETRACK_LLM_OPENAI_TOKENS_PER_MINUTE": "0",
            "PULSETRACK_LLM_LOCAL_ENABLED": "false",
        }
        try:
            base_url = stack.enter_context(pulsetrack_api(env, work_dir))
            for number in range(args.workers):
                worker = pulsetrack_worker(env, work_dir, WorkerOptions(1, 1))
                worker.name, worker.log_path = f"worker-{number}", work_dir / f"worker-{number}.log"
                worker.argv[worker.argv.index("--hostname") + 1] = f"bench-llm-{number}@%h"
                stack.enter_context(running(worker, " ready."))
            failed = asyncio.run(_submit_and_wait(settings, base_url, args.extractions))
        except Exception:
            print_log_tails(work_dir)
            raise
    sent = sorted(seen.at for seen in fake.requests)
    answered = len(sent) - fake.http_429
    per_minute = (answered - 1) / (sent[-1] - sent[0]) * 60
    return {
        "extractions": args.extractions,
        "failed": failed,
        "requests": len(sent),
        "seconds": sent[-1] - sent[0],
        "achieved_per_minute": per_minute,
        "achieved_over_limit": per_minute / LIMIT_PER_MINUTE,
        "http_429": fake.http_429,
    }


# --- Part 2: the local model ----------------------------------------------------------------


class _Context:
    job_id = uuid.UUID(int=0)
    attempt = 1
    part_index: int | None = None

    async def report_progress(self, fraction: float, message: str | None = None) -> None:
        pass

    def commit_with_result(self, write: ResultWrite) -> None:
        raise AssertionError("nothing is stored")


async def _local_run(schema: str, provider: ProviderName, texts: int) -> dict[str, Any]:
    params = CompareParams.model_validate(
        {"schema": schema, "providers": [provider, ProviderName.OPENAI], "limit": texts}
    )
    settings = get_settings()
    started = time.perf_counter()
    part = {"first": 0, "last": texts}
    params_one = params.model_copy(update={"providers": [provider]})
    result = await comparison.run_part(params_one, part, _Context(), settings)
    seconds = time.perf_counter() - started
    report = comparison.finish(params, [result], settings)["providers"][provider.value]
    outcomes = result["outcomes"]
    model_s = sum(o["latency_ms"] for o in outcomes) / 1000
    return {
        "texts": texts,
        "seconds": seconds,
        "completion_tokens": sum(o["completion_tokens"] for o in outcomes),
        "prompt_tokens": sum(o["prompt_tokens"] for o in outcomes),
        "model_seconds": model_s,
        "valid_rate": report["valid_rate"],
        "field_accuracy": report["mean_field_accuracy"],
    }


def measure_local(texts: int, baseline: bool) -> dict[str, dict[str, Any]]:
    runs: dict[str, dict[str, Any]] = {}
    providers = [ProviderName.LOCAL] + ([ProviderName.LOCAL_PROMPT_ONLY] if baseline else [])
    for provider in providers:
        per_schema = [
            asyncio.run(_local_run(schema, provider, texts))
            for schema in ("meal_log", "clinical_note")
        ]
        total = {
            key: sum(run[key] for run in per_schema)
            for key in per_schema[0]
            if key not in ("valid_rate", "field_accuracy")
        }
        total["valid_rate"] = sum(run["valid_rate"] for run in per_schema) / len(per_schema)
        total["field_accuracy"] = sum(run["field_accuracy"] for run in per_schema) / len(per_schema)
        runs[provider.value] = total
    return runs


def report_rate_limit(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="pulsetrack-bench-llm-") as work_dir:
        limit = measure_rate_limit(args, Path(work_dir))
    print(f"{'part 1: fake provider, limit 60/min':<44}{'value':>12}")
    print(f"{'extractions (failed)':<44}{limit['extractions']:>8} ({limit['failed']})")
    print(f"{'requests over seconds':<44}{limit['requests']:>8} / {limit['seconds']:.1f}")
    print(f"{'achieved requests/min':<44}{limit['achieved_per_minute']:>12.2f}")
    print(f"{'achieved / limit':<44}{limit['achieved_over_limit']:>12.3f}")
    print(f"{'HTTP 429 from the provider':<44}{limit['http_429']:>12}")
    return {
        "achieved_over_limit": round(limit["achieved_over_limit"], 3),
        "http_429": limit["http_429"],
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    figures: dict[str, Any] = {"achieved_over_limit": None, "http_429": None}
    if args.extractions:
        figures |= report_rate_limit(args)
    figures |= {
        "local_extractions_per_min": None,
        "local_tokens_per_s": None,
        "local_field_accuracy": None,
    }
    if args.local_texts:
        local = measure_local(args.local_texts, args.local_baseline)
        print(
            f"\n{'part 2: local model':<28}{'texts':>7}{'extr/min':>10}{'gen tok/s':>11}"
            f"{'valid':>8}{'field acc':>11}"
        )
        for name, run in local.items():
            per_min = run["texts"] / run["seconds"] * 60
            tokens_s = run["completion_tokens"] / run["model_seconds"]
            print(
                f"{name:<28}{run['texts']:>7}{per_min:>10.2f}{tokens_s:>11.1f}"
                f"{run['valid_rate']:>8.2f}{run['field_accuracy']:>11.3f}"
            )
        ours = local[ProviderName.LOCAL.value]
        figures |= {
            "local_extractions_per_min": round(ours["texts"] / ours["seconds"] * 60, 2),
            "local_tokens_per_s": round(ours["completion_tokens"] / ours["model_seconds"], 1),
            "local_field_accuracy": round(ours["field_accuracy"], 3),
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
