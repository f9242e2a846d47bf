"""Every query on `extraction_schemas` and `extractions`."""

import uuid

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from domain.llm.models import Extraction, ExtractionSchema
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
