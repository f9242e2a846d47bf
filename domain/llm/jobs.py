"""The LLM job kinds, on the I/O-bound `llm` queue."""

from domain.jobs.kinds import JobContext, JobKind, Result, WorkQueue
from domain.llm import service
from domain.llm.schemas import ExtractParams
from pulsetrack.settings import get_settings


async def extract(params: ExtractParams, context: JobContext) -> Result:
    return await service.run_extraction(params, context, get_settings())


EXTRACT = JobKind(
    name=service.EXTRACT_KIND,
    params_model=ExtractParams,
    queue=WorkQueue.LLM,
    run=extract,
    description="Text to JSON valid against an extraction schema, by an external or local LLM.",
)
