"""`llm.extract_batch`: many texts into one schema, as a job of parts on every `llm` worker.

Each part stores one row per text with its own success: the validated result, or why the model's
answer could not be stored (invalid twice, or refused). Any other failure (the provider's, after
its retries) fails the part and with it the job, as a single extraction would fail.
"""

import uuid
from typing import Any

from domain.errors import NotFound
from domain.jobs.kinds import FanOut, JobContext, Result
from domain.jobs.models import Job
from domain.jobs.service import SubmittedJob
from domain.llm import pipeline, repository, service
from domain.llm.models import BatchExtraction, BatchItemStatus
from domain.llm.pipeline import Extracted, Rejected, Target
from domain.llm.prompt import PROMPT_VERSION
from domain.llm.providers import Provider
from domain.llm.schemas import (
    BatchItemFilter,
    BatchItemRead,
    ExtractBatchParams,
    ExtractionBatchRead,
    ExtractionBatchRequest,
    Usage,
)
from pulsetrack.settings import Settings

EXTRACT_BATCH_KIND = "llm.extract_batch"


class BatchNotFound(NotFound):
    code = "extraction_batch_not_found"


async def submit_batch(
    *,
    request: ExtractionBatchRequest,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """Check the schema and the provider, then queue an `llm.extract_batch` job."""
    target = await service.submitted_target(request.schema_name, request.schema_version)
    service.check_provider(request.provider, settings)
    return await service.submit_pinned(
        EXTRACT_BATCH_KIND,
        request,
        target,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )


def plan(params: ExtractBatchParams, settings: Settings) -> FanOut:
    """Parts of `llm_batch_part_size` consecutive texts."""
    count, size = len(params.texts), settings.llm_batch_part_size
    return FanOut(
        [{"first": first, "last": min(first + size, count)} for first in range(0, count, size)]
    )


async def run_part(
    params: ExtractBatchParams, part: dict[str, Any], context: JobContext, settings: Settings
) -> Result:
    """Extract every text of the part; their rows commit with the part's success."""
    target = await service.resolve_target(params.schema_name, params.schema_version)
    provider = pipeline.provider_for_job(params.provider, settings)
    items = []
    for index in range(part["first"], part["last"]):
        text = params.texts[index]
        items.append(await _extract_one(context.job_id, index, text, target, provider, settings))
        await context.report_progress(0.0)  # a cancel stops here

    async def store(connection: Any) -> None:
        await repository.insert_batch_items(connection, items)

    context.commit_with_result(store)
    succeeded = sum(item.status is BatchItemStatus.SUCCEEDED for item in items)
    return {"succeeded": succeeded, "failed": len(items) - succeeded}


async def _extract_one(
    job_id: uuid.UUID, index: int, text: str, target: Target, provider: Provider, settings: Settings
) -> BatchExtraction:
    item = BatchExtraction(job_id=job_id, index=index, provider=provider.name)
    try:
        extracted = await pipeline.extract(text, target, provider, settings)
    except Rejected as rejected:
        return _rejected(item, rejected)
    return _succeeded(item, extracted)


def _succeeded(item: BatchExtraction, extracted: Extracted) -> BatchExtraction:
    item.status = BatchItemStatus.SUCCEEDED
    item.result = extracted.result
    item.model = extracted.model
    item.prompt_version = extracted.prompt_version
    item.prompt_tokens = extracted.prompt_tokens
    item.completion_tokens = extracted.completion_tokens
    item.latency_ms = extracted.latency_ms
    item.reasks = extracted.reasks
    item.retries = extracted.retries
    return item


def _rejected(item: BatchExtraction, rejected: Rejected) -> BatchExtraction:
    attempts = rejected.attempts
    item.status = BatchItemStatus.FAILED
    item.error_code = rejected.code
    item.error_message = rejected.message
    item.model = attempts.models[-1] if attempts.models else None
    item.prompt_version = PROMPT_VERSION
    item.prompt_tokens = attempts.prompt_tokens
    item.completion_tokens = attempts.completion_tokens
    item.latency_ms = round(attempts.latency_ms, 1)
    item.reasks = rejected.reasks
    item.retries = attempts.retries
    return item


def finish(params: ExtractBatchParams, results: list[Result]) -> Result:
    """The job's result: how many texts succeeded and failed, and where to read them."""
    return {
        "texts": len(params.texts),
        "succeeded": sum(result["succeeded"] for result in results),
        "failed": sum(result["failed"] for result in results),
    }


async def _batch_job(job_id: uuid.UUID) -> Job:
    job = await Job.get_or_none(id=job_id, kind=EXTRACT_BATCH_KIND)
    if job is None:
        raise BatchNotFound(f"no extraction batch {job_id}")
    return job


async def get_batch(*, job_id: uuid.UUID) -> ExtractionBatchRead:
    """A batch's status and how many of its texts have a stored outcome, or 404."""
    job = await _batch_job(job_id)
    tally = await repository.tally_batch_items(job_id)
    params = job.params
    texts = len(params["texts"])
    error = {"code": job.error_code, "message": job.error_message or ""} if job.error_code else None
    return ExtractionBatchRead(
        id=job.id,
        status=job.status,
        schema_name=params["schema_name"],
        schema_version=params.get("schema_version"),
        provider=params["provider"],
        texts=texts,
        succeeded=tally.succeeded,
        failed=tally.failed,
        progress=round((tally.succeeded + tally.failed) / texts, 4),
        usage=Usage(prompt_tokens=tally.prompt_tokens, completion_tokens=tally.completion_tokens),
        error=error,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


async def list_results(
    *, job_id: uuid.UUID, filters: BatchItemFilter
) -> tuple[list[BatchItemRead], int | None]:
    """A batch's stored outcomes in text order, one page at a time, and the index to go on
    after."""
    await _batch_job(job_id)
    rows = await repository.list_batch_items(
        job_id, status=filters.status, after_index=filters.after, limit=filters.limit + 1
    )
    page, more = rows[: filters.limit], len(rows) > filters.limit
    return [_item_read(row) for row in page], (page[-1].index if more else None)


def _item_read(row: BatchExtraction) -> BatchItemRead:
    error = {"code": row.error_code, "message": row.error_message or ""} if row.error_code else None
    return BatchItemRead(
        index=row.index,
        status=row.status,
        result=row.result,
        error=error,
        model=row.model,
        prompt_version=row.prompt_version,
        usage=Usage(prompt_tokens=row.prompt_tokens, completion_tokens=row.completion_tokens),
        latency_ms=row.latency_ms,
        reasks=row.reasks,
        retries=row.retries,
    )
