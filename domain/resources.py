"""Create, read, list, update and delete for the stored entities, one implementation for all.

Each entity describes itself with a `Resource`: its model, the schema that validates a full write
(and normalises it: units, derived fields), the schema it is read as, and how it lists. Integrity
errors from the database are mapped to the field they concern, so a race two requests run past
validation still gets a 409 or 422, never a 500.
"""

import base64
import functools
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import asyncpg
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.models import Model

from domain.errors import Conflict, FieldError, InvalidInput, NotFound, field_errors
from domain.schema_types import QueryTimestamp, RecordId, Timestamp

_KEY_DETAIL = re.compile(r"Key \((?P<fields>[^)]*)\)")
_CURSOR = TypeAdapter(tuple[str, Any, RecordId])  # sort, value of the sort field, record id


@dataclass(frozen=True)
class Resource:
    name: str
    model: type[Model]
    write_schema: type[BaseModel]
    read_schema: type[BaseModel]
    time_field: str
    sort_fields: tuple[str, ...]
    owned: bool = True  # has a user_id
    conflict_messages: dict[str, str] = field(default_factory=dict)  # constraint -> message


class ListQuery(BaseModel):
    """Which page of a collection, in which order, within which time range."""

    # An unknown parameter is refused: `?user=5` for `?user_id=5` must not list everyone's records.
    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    time_from: QueryTimestamp | None = Field(default=None, alias="from")
    time_to: QueryTimestamp | None = Field(default=None, alias="to")
    sort: str | None = Field(default=None, max_length=64)
    cursor: str | None = Field(default=None, max_length=512)
    limit: int = Field(default=50, ge=1, le=500)


class OwnedListQuery(ListQuery):
    """A list of records that belong to users: optionally one user's only."""

    user_id: RecordId | None = None


@dataclass(frozen=True)
class Page:
    items: list[Model]
    next_cursor: str | None


class RecordNotFound(NotFound):
    code = "record_not_found"


class RecordConflict(Conflict):
    code = "record_conflict"


def _fields_in(error: asyncpg.PostgresError) -> list[str]:
    match = _KEY_DETAIL.search(getattr(error, "detail", None) or "")
    names = match.group("fields") if match else ""
    # An expression index reports its key as e.g. "lower(email::text)".
    return [
        name.strip().removeprefix("lower(").removesuffix(")").removesuffix("::text")
        for name in names.split(",")
    ]


def _integrity_problem(resource: Resource, error: IntegrityError) -> Exception:
    cause = error.__cause__
    constraint = getattr(cause, "constraint_name", "") or ""
    if isinstance(cause, asyncpg.UniqueViolationError):
        fields = _fields_in(cause)
        message = resource.conflict_messages.get(
            constraint, f"a {resource.name} with this value exists"
        )
        return RecordConflict(message, errors=[FieldError(name, message) for name in fields])
    if isinstance(cause, asyncpg.ForeignKeyViolationError):
        fields = _fields_in(cause)
        message = "refers to a record that does not exist"
        return InvalidInput(message, errors=[FieldError(name, message) for name in fields])
    return InvalidInput(f"the {resource.name} breaks the rule {constraint!r}")


def validate_write(resource: Resource, data: dict[str, Any]) -> BaseModel:
    """Validate (and normalise) a full representation; 422 naming each bad field."""
    try:
        return resource.write_schema.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(
            f"invalid {resource.name}", errors=field_errors(error.errors())
        ) from None


async def create_record(resource: Resource, data: BaseModel) -> Model:
    """Store a new record."""
    try:
        return await resource.model.create(**data.model_dump())
    except IntegrityError as error:
        raise _integrity_problem(resource, error) from None


@functools.cache
def _select_by_id_sql(model: type[Model]) -> str:
    # The SQL Tortoise writes for `filter(id=...)`, built once: building it cost more than
    # running it on the hottest read.
    return model.filter(id=0).sql(params_inline=False)


async def get_record(resource: Resource, record_id: int) -> Model:
    """The record with this id, or 404."""
    model = resource.model
    rows = await model._meta.db.execute_query_dict(_select_by_id_sql(model), [record_id])
    if not rows:
        raise RecordNotFound(f"no {resource.name} with id {record_id}")
    return model._init_from_db(**rows[0])


async def replace_record(resource: Resource, record_id: int, data: BaseModel) -> Model:
    """Overwrite every writable field of a record."""
    record = await get_record(resource, record_id)
    record.update_from_dict(data.model_dump())
    try:
        await record.save()
    except IntegrityError as error:
        raise _integrity_problem(resource, error) from None
    return record


async def patch_record(resource: Resource, record_id: int, changes: dict[str, Any]) -> Model:
    """Change some fields; the result is validated as a whole, like a full write."""
    record = await get_record(resource, record_id)
    stored = resource.read_schema.model_validate(record, from_attributes=True).model_dump()
    writable = {name: stored[name] for name in resource.write_schema.model_fields if name in stored}
    merged = validate_write(resource, writable | changes)
    return await replace_record(resource, record_id, merged)


async def delete_record(resource: Resource, record_id: int) -> None:
    """Delete a record; 409 if other records still need it."""
    record = await get_record(resource, record_id)
    try:
        await record.delete()
    except IntegrityError as error:
        cause = error.__cause__
        constraint = getattr(cause, "constraint_name", "") or ""
        message = resource.conflict_messages.get(
            constraint, f"the {resource.name} is still referred to by other records"
        )
        raise RecordConflict(message) from None


def _sort_key(resource: Resource, sort: str | None) -> tuple[str, str]:
    sort = f"-{resource.time_field}" if sort is None else sort  # "" is not a sort order
    name = sort.removeprefix("-")
    if name not in resource.sort_fields:
        allowed = ", ".join(resource.sort_fields)
        raise InvalidInput(
            f"cannot sort by {name!r}",
            errors=[FieldError("sort", f"must be one of {allowed}, optionally prefixed by '-'")],
        )
    return name, sort


def _encode_cursor(record: Model, name: str, sort: str) -> str:
    value = getattr(record, name)
    if isinstance(value, date | datetime):
        value = value.isoformat()
    raw = json.dumps([sort, value, record.pk], default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode()


@functools.cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _time_bound(resource: Resource, value: datetime) -> date | datetime:
    """A `from`/`to` bound for the time field, which may be a date column."""
    column = resource.model._meta.fields_map[resource.time_field]
    return value if isinstance(column, fields.DatetimeField) else value.date()


def _decode_cursor(resource: Resource, name: str, sort: str, cursor: str) -> tuple[Any, int]:
    """The sort value and record id a cursor points after; 422 unless this API made it."""
    invalid = InvalidInput(
        "invalid cursor",
        errors=[FieldError("cursor", "not a cursor this API returned for this sort order")],
    )
    # Opaque to clients, but not trusted: its value must have the sort column's type.
    column_type: Any = resource.read_schema.model_fields[name].annotation
    try:
        cursor_sort, raw_value, record_id = _CURSOR.validate_json(base64.urlsafe_b64decode(cursor))
        value = _adapter(Timestamp if column_type is datetime else column_type).validate_python(
            raw_value
        )
    except ValueError:  # also binascii.Error and pydantic's ValidationError
        raise invalid from None
    if cursor_sort != sort:
        raise invalid
    return value, record_id


def _after(name: str, value: Any, record_id: int, *, descending: bool, nullable: bool) -> Q:
    """Rows after (value, record_id) in the sort order; PostgreSQL sorts NULLs as the largest."""
    op = "lt" if descending else "gt"
    is_null: dict[str, Any] = {f"{name}__isnull": True}
    if value is None:
        null_tied: dict[str, Any] = {**is_null, f"id__{op}": record_id}
        not_null: dict[str, Any] = {f"{name}__isnull": False}
        return Q(**null_tied) | Q(**not_null) if descending else Q(**null_tied)
    later: dict[str, Any] = {f"{name}__{op}": value}
    tied: dict[str, Any] = {name: value, f"id__{op}": record_id}
    after = Q(**later) | Q(**tied)
    return after | Q(**is_null) if nullable and not descending else after


async def list_records(resource: Resource, query: ListQuery) -> Page:
    """Records filtered by user and time range, sorted, one page at a time."""
    name, sort = _sort_key(resource, query.sort)
    time_field = resource.time_field
    records = resource.model.all()
    if isinstance(query, OwnedListQuery) and query.user_id is not None:
        records = records.filter(user_id=query.user_id)
    if query.time_from is not None:
        records = records.filter(**{f"{time_field}__gte": _time_bound(resource, query.time_from)})
    if query.time_to is not None:
        records = records.filter(**{f"{time_field}__lt": _time_bound(resource, query.time_to)})
    if query.cursor:
        value, record_id = _decode_cursor(resource, name, sort, query.cursor)
        nullable = resource.model._meta.fields_map[name].null
        records = records.filter(
            _after(name, value, record_id, descending=sort.startswith("-"), nullable=nullable)
        )
    prefix = "-" if sort.startswith("-") else ""
    rows = await records.order_by(f"{prefix}{name}", f"{prefix}id").limit(query.limit + 1)
    page = rows[: query.limit]
    more = len(rows) > query.limit
    return Page(page, _encode_cursor(page[-1], name, sort) if more else None)
