"""Extraction schemas (built-in and registered), extraction jobs, and what they stored."""

import uuid
from datetime import UTC, datetime

import redis.asyncio as aioredis
from tortoise.backends.base.client import BaseDBAsyncClient

from domain.errors import Conflict, FieldError, InvalidInput, NotFound
from domain.jobs import service as jobs
from domain.jobs.kinds import JobContext, JobDeferred, JobFailed, Result
from domain.jobs.models import Job, JobStatus
from domain.jobs.service import SubmittedJob
from domain.llm import pipeline, repository, saving
from domain.llm.models import ExtractionSchema
from domain.llm.pipeline import Target
from domain.llm.providers import FatalError, ProviderName, build_provider
from domain.llm.schemas import (
    CompareRequest,
    ExtractionBatchRequest,
    ExtractionProviderRead,
    ExtractionRead,
    ExtractionRequest,
    ExtractionSchemaRead,
    ExtractionSchemaWrite,
    ExtractParams,
    SaveTo,
    Usage,
)
from domain.llm.targets import BUILTIN_TARGETS, strict_json_schema
from domain.llm.user_schemas import model_from_json_schema
from domain.users.models import User
from pulsetrack.settings import Settings

BUILTIN_VERSION = 1
EXTRACT_KIND = "llm.extract"
COMPARE_KIND = "llm.compare"
DEFERRALS_KEY = "pulsetrack:llm:deferrals:{job_id}"


class SchemaNotFound(NotFound):
    code = "extraction_schema_not_found"


class ExtractionNotFound(NotFound):
    code = "extraction_not_found"


class BuiltinSchemaName(Conflict):
    code = "builtin_schema_name"


# --- Targets ------------------------------------------------------------------------------------


def _builtin_read(name: str) -> ExtractionSchemaRead:
    model = BUILTIN_TARGETS[name]
    return ExtractionSchemaRead(
        name=name,
        version=BUILTIN_VERSION,
        builtin=True,
        description=model.__doc__,
        json_schema=model.model_json_schema(),
        strict_json_schema=strict_json_schema(model),
        created_at=None,
    )


def _registered_read(row: ExtractionSchema) -> ExtractionSchemaRead:
    model = model_from_json_schema(row.name, row.json_schema)
    return ExtractionSchemaRead(
        name=row.name,
        version=row.version,
        builtin=False,
        description=row.description,
        json_schema=row.json_schema,
        strict_json_schema=strict_json_schema(model),
        created_at=row.created_at,
    )


async def resolve_target(name: str, version: int | None = None) -> Target:
    """The target called `name` (a version of it, default the latest), or 404."""
    if name in BUILTIN_TARGETS:
        if version not in (None, BUILTIN_VERSION):
            raise SchemaNotFound(f"the built-in schema {name!r} has only version {BUILTIN_VERSION}")
        model = BUILTIN_TARGETS[name]
        return Target(name, BUILTIN_VERSION, model, strict_json_schema(model))
    row = await _stored(name, version)
    model = model_from_json_schema(row.name, row.json_schema)
    return Target(row.name, row.version, model, strict_json_schema(model))


async def _stored(name: str, version: int | None) -> ExtractionSchema:
    row = await (
        repository.latest_version(name)
        if version is None
        else repository.get_version(name, version)
    )
    if row is None:
        which = f"{name!r}" if version is None else f"{name!r} version {version}"
        raise SchemaNotFound(f"no extraction schema {which}; GET /extraction-schemas lists them")
    return row


async def get_schema(*, name: str, version: int | None) -> ExtractionSchemaRead:
    """One schema (a built-in or a registered version), or 404."""
    if name in BUILTIN_TARGETS:
        await resolve_target(name, version)  # 404 for a version a built-in does not have
        return _builtin_read(name)
    return _registered_read(await _stored(name, version))


async def list_schemas() -> list[ExtractionSchemaRead]:
    """The built-in schemas, then the latest version of every registered one."""
    registered = [_registered_read(row) for row in await repository.list_latest()]
    return [_builtin_read(name) for name in BUILTIN_TARGETS] + registered


async def register_schema(*, schema: ExtractionSchemaWrite) -> ExtractionSchemaRead:
    """Store a JSON Schema as the next version of its name, once a model can be built from it."""
    if schema.name in BUILTIN_TARGETS:
        raise BuiltinSchemaName(
            f"{schema.name!r} is a built-in schema; register yours under another name",
            errors=[FieldError("name", "must not be the name of a built-in schema")],
        )
    model_from_json_schema(schema.name, schema.json_schema)  # 422 naming what it cannot express
    row = await repository.insert_next_version(schema.name, schema.json_schema, schema.description)
    if row is None:
        raise Conflict(f"another version of {schema.name!r} was registered at the same time; retry")
    return _registered_read(row)


# --- Extraction jobs ----------------------------------------------------------------------------


async def submit_extraction(
    *,
    request: ExtractionRequest,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """Check the schema, the provider and where to save, then queue an `llm.extract` job."""
    target = await submitted_target(request.schema_name, request.schema_version)
    if request.save is not None:
        await _check_save(target.name, request.save)
    check_provider(request.provider, settings)
    return await submit_pinned(
        EXTRACT_KIND,
        request,
        target,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )


async def submit_pinned(
    kind: str,
    request: ExtractionRequest | ExtractionBatchRequest,
    target: Target,
    *,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """Queue `kind` with the request as its params and the schema version it resolved to."""
    params = request.model_dump(mode="json", exclude={"webhook_url"})
    params["schema_version"] = target.version  # pinned: a later version never changes the job
    return await jobs.submit_kind(
        kind,
        params,
        webhook_url=request.webhook_url,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )


async def submitted_target(name: str, version: int | None) -> Target:
    """The target a submission names; a 422 naming `schema` or `schema_version` otherwise."""
    try:
        return await resolve_target(name, version)
    except SchemaNotFound as missing:
        field = "schema_version" if version else "schema"
        raise InvalidInput(missing.message, errors=[FieldError(field, missing.message)]) from None


def check_provider(name: ProviderName, settings: Settings) -> None:
    """A 422 naming `provider` if it cannot be used here (no key, no local model)."""
    try:
        build_provider(name, settings)
    except FatalError as error:
        raise InvalidInput(error.message, errors=[FieldError("provider", error.message)]) from None


async def _check_save(target: str, save: SaveTo) -> None:
    if target not in saving.SAVABLE:
        message = f"only {' and '.join(saving.SAVABLE)} results can be saved"
        raise InvalidInput(message, errors=[FieldError("save", message)])
    if not await User.exists(id=save.user_id):
        raise InvalidInput(
            f"no user with id {save.user_id}",
            errors=[FieldError("save.user_id", "no such user")],
        )


async def run_extraction(request: ExtractParams, context: JobContext, settings: Settings) -> Result:
    """The job: extract, and store the valid result (and any rows it makes) with the job's
    success. A failure stores nothing."""
    target = await resolve_target(request.schema_name, request.schema_version)
    provider = pipeline.provider_for_job(request.provider, settings)
    try:
        extracted = await pipeline.extract(request.text, target, provider, settings, may_defer=True)
    except JobDeferred:
        await _count_deferral(context.job_id, settings)
        raise
    rows = _rows_to_save(target, extracted.result, request.save)
    job_id = context.job_id

    async def store(connection: BaseDBAsyncClient) -> None:
        saved = await saving.insert(connection, rows) if rows else None
        await repository.insert_extraction(
            connection,
            job_id=job_id,
            schema_name=target.name,
            schema_version=target.version,
            provider=provider.name,
            model=extracted.model,
            prompt_version=extracted.prompt_version,
            result=extracted.result,
            prompt_tokens=extracted.prompt_tokens,
            completion_tokens=extracted.completion_tokens,
            latency_ms=extracted.latency_ms,
            reasks=extracted.reasks,
            retries=extracted.retries,
            saved=saved,
        )

    context.commit_with_result(store)
    return {
        "result": extracted.result,
        "provider": provider.name,
        "model": extracted.model,
        "prompt_version": extracted.prompt_version,
        "reasks": extracted.reasks,
        "retries": extracted.retries,
    }


def _rows_to_save(target: Target, result: dict, save: SaveTo | None) -> saving.Rows:
    if save is None:
        return []
    on = save.on or datetime.now(UTC).date()
    return saving.rows_for(target.name, result, user_id=save.user_id, on=on, at=save.at)


async def _count_deferral(job_id: uuid.UUID, settings: Settings) -> None:
    """Fail a job that keeps being rate limited rather than deferring it for ever."""
    client = aioredis.Redis.from_url(settings.shared_redis_url)
    try:
        key = DEFERRALS_KEY.format(job_id=job_id)
        count = await client.incr(key)
        await client.expire(key, 86_400)
    finally:
        await client.aclose()
    if count > settings.llm_max_deferrals:
        raise JobFailed(
            "rate_limited",
            f"still rate limited after {settings.llm_max_deferrals} deferrals; giving up",
        )


async def get_extraction(*, job_id: uuid.UUID) -> ExtractionRead:
    """An extraction job with its validated result once it succeeded, or 404."""
    job = await Job.get_or_none(id=job_id, kind=EXTRACT_KIND)
    if job is None:
        raise ExtractionNotFound(f"no extraction {job_id}")
    stored = await repository.get_extraction(job_id)
    params = job.params
    error = {"code": job.error_code, "message": job.error_message or ""} if job.error_code else None
    return ExtractionRead(
        id=job.id,
        status=job.status,
        schema_name=params["schema_name"],
        schema_version=params.get("schema_version"),
        provider=stored.provider if stored else params["provider"],
        model=stored.model if stored else None,
        prompt_version=stored.prompt_version if stored else None,
        result=stored.result if stored else None,
        usage=Usage(prompt_tokens=stored.prompt_tokens, completion_tokens=stored.completion_tokens)
        if stored
        else None,
        latency_ms=stored.latency_ms if stored else None,
        reasks=stored.reasks if stored else None,
        retries=stored.retries if stored else None,
        saved=stored.saved if stored else None,
        error=error,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


def provider_names() -> list[str]:
    return [name.value for name in ProviderName]


def configured_providers(settings: Settings) -> list[ExtractionProviderRead]:
    """The providers this server can run, with their models; never a key."""
    found = []
    for name in ProviderName:
        if not _http_provider_configured(name, settings):
            continue
        try:
            provider = build_provider(name, settings)
        except FatalError:
            continue  # the local model is off, or not installed here
        found.append(ExtractionProviderRead(name=name, model=provider.model))
    return found


def _http_provider_configured(name: ProviderName, settings: Settings) -> bool:
    # An HTTP provider needs a key, unless it points at a compatible server of one's own (such
    # as llama.cpp's), which may take none.
    if name not in (ProviderName.OPENAI, ProviderName.GEMINI):
        return True
    key, base_url = f"llm_{name.value}_api_key", f"llm_{name.value}_base_url"
    has_key = bool(getattr(settings, key).get_secret_value())
    return has_key or getattr(settings, base_url) != Settings.model_fields[base_url].default


# --- Comparisons --------------------------------------------------------------------------------


class ComparisonNotFound(NotFound):
    code = "comparison_not_found"


class ComparisonNotReady(Conflict):
    code = "comparison_not_ready"
    title = "The comparison has not finished"


async def submit_comparison(
    *,
    request: CompareRequest,
    api_key_id: int | None,
    idempotency_key: str | None,
    settings: Settings,
) -> SubmittedJob:
    """Queue an `llm.compare` job once both providers can be used here."""
    for index, name in enumerate(request.providers):
        try:
            build_provider(name, settings)
        except FatalError as error:
            field = FieldError(f"providers.{index}", error.message)
            raise InvalidInput(error.message, errors=[field]) from None
    return await jobs.submit_kind(
        COMPARE_KIND,
        request.model_dump(mode="json", exclude={"webhook_url"}),
        webhook_url=request.webhook_url,
        api_key_id=api_key_id,
        idempotency_key=idempotency_key,
        settings=settings,
    )


async def get_comparison(*, job_id: uuid.UUID) -> dict:
    """The report of a finished comparison; 404 for no such job, 409 until it has succeeded."""
    job = await Job.get_or_none(id=job_id, kind=COMPARE_KIND)
    if job is None:
        raise ComparisonNotFound(f"no comparison {job_id}")
    if job.result is None or job.status != JobStatus.SUCCEEDED:
        raise ComparisonNotReady(
            f"the comparison is {job.status}; GET /jobs/{job_id} shows its progress"
        )
    return job.result
