"""The LLM job kinds, on the I/O-bound `llm` queue."""

from typing import Any

from domain.jobs.kinds import FanOut, JobContext, JobKind, Result, WorkQueue
from domain.llm import batches, comparison, service
from domain.llm.comparison import CompareParams
from domain.llm.schemas import ExtractBatchParams, ExtractParams
from pulsetrack.settings import get_settings


async def extract(params: ExtractParams, context: JobContext) -> Result:
    return await service.run_extraction(params, context, get_settings())


EXTRACT = JobKind(
    name=service.EXTRACT_KIND,
    params_model=ExtractParams,
    queue=WorkQueue.LLM,
    run=extract,
    description="Text to JSON valid against an extraction schema, by an external or local LLM.",
    retained=True,  # GET /extractions/{id} reads the job
)


async def plan_batch(params: ExtractBatchParams, context: JobContext) -> FanOut:
    return batches.plan(params, get_settings())


async def extract_part(
    params: ExtractBatchParams, part: dict[str, Any], context: JobContext
) -> Result:
    return await batches.run_part(params, part, context, get_settings())


async def finish_batch(
    params: ExtractBatchParams, results: list[Result], context: JobContext
) -> Result:
    return batches.finish(params, results)


EXTRACT_BATCH = JobKind(
    name=batches.EXTRACT_BATCH_KIND,
    params_model=ExtractBatchParams,
    queue=WorkQueue.LLM,
    run=plan_batch,
    run_part=extract_part,
    finish=finish_batch,
    description="Many texts to JSON valid against one extraction schema, in parts; one stored "
    "outcome per text.",
)


async def plan_comparison(params: CompareParams, context: JobContext) -> FanOut:
    return comparison.plan(params)


async def compare_part(params: CompareParams, part: dict[str, Any], context: JobContext) -> Result:
    return await comparison.run_part(params, part, context, get_settings())


async def finish_comparison(
    params: CompareParams, results: list[Result], context: JobContext
) -> Result:
    return comparison.finish(params, results, get_settings())


COMPARE = JobKind(
    name=service.COMPARE_KIND,
    params_model=CompareParams,
    queue=WorkQueue.LLM,
    run=plan_comparison,
    run_part=compare_part,
    finish=finish_comparison,
    description="A gold set through two providers, in parts; the result is the comparison report.",
    retained=True,  # the report is the job's result
)
