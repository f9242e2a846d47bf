"""Every query on `extraction_schemas`, `extractions` and `batch_extractions`."""

import uuid
from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.functions import Count, Sum

from domain.llm.models import BatchExtraction, BatchItemStatus, Extraction, ExtractionSchema
from domain.messaging import transaction


async def latest_version(name: str) -> ExtractionSchema | None:
    return await ExtractionSchema.filter(name=name).order_by("-version").first()


async def get_version(name: str, version: int) -> ExtractionSchema | None:
    return await ExtractionSchema.get_or_none(name=name, version=version)


async def list_latest() -> list[ExtractionSchema]:
    """The latest version of every registered name, by name."""
    rows = await ExtractionSchema.all().order_by("name", "-version")
    latest: dict[str, ExtractionSchema] = {}
    for row in rows:
        latest.setdefault(row.name, row)
    return list(latest.values())


async def insert_next_version(
    name: str, json_schema: dict, description: str | None
) -> ExtractionSchema | None:
    """Store `json_schema` as the next version of `name`; None if a concurrent registration took
    that version number first (the unique index decides)."""
    try:
        async with transaction() as connection:
            latest = (
                await ExtractionSchema.filter(name=name)
                .using_db(connection)
                .order_by("-version")
                .first()
            )
            version = latest.version + 1 if latest else 1
            return await ExtractionSchema.create(
                name=name,
                version=version,
                json_schema=json_schema,
                description=description,
                using_db=connection,
            )
    except IntegrityError:
        return None


async def insert_extraction(connection: BaseDBAsyncClient, **fields: object) -> Extraction:
    return await Extraction.create(using_db=connection, **fields)


async def get_extraction(job_id: uuid.UUID) -> Extraction | None:
    return await Extraction.get_or_none(job_id=job_id)


async def insert_batch_items(connection: BaseDBAsyncClient, items: list[BatchExtraction]) -> None:
    """A part's texts, in one statement, inside the transaction that records the part's success."""
    await BatchExtraction.bulk_create(items, using_db=connection)


@dataclass(frozen=True)
class BatchTally:
    succeeded: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


async def tally_batch_items(job_id: uuid.UUID) -> BatchTally:
    """How many of a batch's texts have a stored outcome, by status, and their tokens."""
    rows = await (
        BatchExtraction.filter(job_id=job_id)
        .group_by("status")
        .annotate(
            count=Count("id"), prompt=Sum("prompt_tokens"), completion=Sum("completion_tokens")
        )
        .values("status", "count", "prompt", "completion")
    )
    counts = {BatchItemStatus(row["status"]): row["count"] for row in rows}
    return BatchTally(
        succeeded=counts.get(BatchItemStatus.SUCCEEDED, 0),
        failed=counts.get(BatchItemStatus.FAILED, 0),
        prompt_tokens=sum(int(row["prompt"] or 0) for row in rows),
        completion_tokens=sum(int(row["completion"] or 0) for row in rows),
    )


async def list_batch_items(
    job_id: uuid.UUID, *, status: BatchItemStatus | None, after_index: int | None, limit: int
) -> list[BatchExtraction]:
    """A batch's stored results in text order, after `after_index`."""
    query = BatchExtraction.filter(job_id=job_id)
    if status is not None:
        query = query.filter(status=status)
    if after_index is not None:
        query = query.filter(index__gt=after_index)
    return await query.order_by("index").limit(limit)
