"""LLM extraction: schemas to extract into, extraction jobs and their validated results."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response, status
from fastapi.responses import PlainTextResponse

from api.deps import CurrentApiKey, IdempotencyKey, SettingsDep
from api.jobs import accepted_job, poll_again_unless_finished
from api.openapi import also_answers
from domain.jobs.schemas import JobRead
from domain.llm import batches, service
from domain.llm.schemas import (
    BatchItemFilter,
    BatchItemPage,
    CompareRequest,
    ExtractionBatchRead,
    ExtractionBatchRequest,
    ExtractionProviderPage,
    ExtractionRead,
    ExtractionRequest,
    ExtractionSchemaPage,
    ExtractionSchemaRead,
    ExtractionSchemaWrite,
    SchemaName,
    SchemaVersionQuery,
)
from ml.extraction.report import render_markdown

router = APIRouter(tags=["llm extraction"])
Name = Annotated[SchemaName, Path(description="The schema's name.")]


@router.get("/extraction-schemas", response_model=ExtractionSchemaPage)
async def list_extraction_schemas(_: CurrentApiKey) -> ExtractionSchemaPage:
    """The built-in schemas and the latest version of every registered one."""
    return ExtractionSchemaPage(items=await service.list_schemas())


@router.post(
    "/extraction-schemas", status_code=status.HTTP_201_CREATED, response_model=ExtractionSchemaRead
)
async def register_extraction_schema(
    schema: ExtractionSchemaWrite, response: Response, _: CurrentApiKey
) -> ExtractionSchemaRead:
    """Register a JSON Schema to extract into; registering a name again adds a version."""
    registered = await service.register_schema(schema=schema)
    response.headers["Location"] = (
        f"/extraction-schemas/{registered.name}?version={registered.version}"
    )
    return registered


@router.get("/extraction-schemas/{name}", response_model=ExtractionSchemaRead)
async def get_extraction_schema(
    name: Name, query: Annotated[SchemaVersionQuery, Query()], _: CurrentApiKey
) -> ExtractionSchemaRead:
    """One schema as registered and as every provider is given it (strict JSON Schema)."""
    return await service.get_schema(name=name, version=query.version)


@router.get("/extraction-providers", response_model=ExtractionProviderPage)
async def list_extraction_providers(
    settings: SettingsDep, _: CurrentApiKey
) -> ExtractionProviderPage:
    """The providers configured on this server, with the model each runs (never a key)."""
    return ExtractionProviderPage(items=service.configured_providers(settings))


@router.post("/extractions", status_code=status.HTTP_202_ACCEPTED, response_model=JobRead)
async def submit_extraction(
    request: ExtractionRequest,
    response: Response,
    api_key: CurrentApiKey,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Extract JSON from a text as an `llm.extract` job; poll the `Location`."""
    submitted = await service.submit_extraction(
        request=request,
        api_key_id=api_key.id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
    return accepted_job(submitted, response, location="/extractions")


@router.get("/extractions/{extraction_id}", response_model=ExtractionRead)
async def get_extraction(
    extraction_id: uuid.UUID, response: Response, _: CurrentApiKey
) -> ExtractionRead:
    """The extraction: its validated result, provider, model, prompt version, tokens, latency."""
    extraction = await service.get_extraction(job_id=extraction_id)
    poll_again_unless_finished(extraction.status, response)
    return extraction


@router.post("/extraction-batches", status_code=status.HTTP_202_ACCEPTED, response_model=JobRead)
async def submit_extraction_batch(
    request: ExtractionBatchRequest,
    response: Response,
    api_key: CurrentApiKey,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Extract JSON from many texts as an `llm.extract_batch` job of parts; poll the `Location`."""
    submitted = await batches.submit_batch(
        request=request,
        api_key_id=api_key.id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
    return accepted_job(submitted, response, location="/extraction-batches")


@router.get("/extraction-batches/{batch_id}", response_model=ExtractionBatchRead)
async def get_extraction_batch(
    batch_id: uuid.UUID, response: Response, _: CurrentApiKey
) -> ExtractionBatchRead:
    """The batch: status, and how many texts have a validated result or failed so far."""
    batch = await batches.get_batch(job_id=batch_id)
    poll_again_unless_finished(batch.status, response)
    return batch


@router.get("/extraction-batches/{batch_id}/results", response_model=BatchItemPage)
async def list_extraction_batch_results(
    batch_id: uuid.UUID, filters: Annotated[BatchItemFilter, Query()], _: CurrentApiKey
) -> BatchItemPage:
    """The batch's stored outcomes in text order, as its parts commit; follow `next_after`."""
    items, next_after = await batches.list_results(job_id=batch_id, filters=filters)
    return BatchItemPage(items=items, next_after=next_after)


@router.post(
    "/extraction-comparisons", status_code=status.HTTP_202_ACCEPTED, response_model=JobRead
)
async def submit_comparison(
    request: CompareRequest,
    response: Response,
    api_key: CurrentApiKey,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> JobRead:
    """Run a gold set through two providers as an `llm.compare` job; poll the `Location`."""
    submitted = await service.submit_comparison(
        request=request,
        api_key_id=api_key.id,
        idempotency_key=idempotency_key,
        settings=settings,
    )
    return accepted_job(submitted, response)


NOT_READY = also_answers(409, "The comparison has not succeeded (yet); its job says why.")
MARKDOWN: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/markdown": {"schema": {"type": "string"}}}}
}


@router.get("/extraction-comparisons/{comparison_id}", responses=NOT_READY)
async def get_comparison(comparison_id: uuid.UUID, _: CurrentApiKey) -> dict:
    """The comparison report as JSON; 409 until the job has succeeded."""
    return await service.get_comparison(job_id=comparison_id)


@router.get(
    "/extraction-comparisons/{comparison_id}/report.md",
    response_class=PlainTextResponse,
    responses=MARKDOWN | NOT_READY,
)
async def get_comparison_markdown(comparison_id: uuid.UUID, _: CurrentApiKey) -> PlainTextResponse:
    """The comparison report rendered as Markdown."""
    report = await service.get_comparison(job_id=comparison_id)
    return PlainTextResponse(render_markdown(report), media_type="text/markdown")
