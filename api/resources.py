"""Routers for the stored entities, built from their `Resource` description.

Every entity gets the same routes (create, get, list, replace, patch, delete), and every entity
owned by a user also appears under `/users/{user_id}/...`.
"""

import copy
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Response, status
from pydantic import BaseModel, ConfigDict, create_model
from pydantic.fields import FieldInfo

from api.deps import current_api_key
from domain import resources
from domain.resources import ListQuery, OwnedListQuery, Resource
from domain.schema_types import MAX_INT, say_blank_is_empty
from domain.users.resources import USERS

ReadT = TypeVar("ReadT", bound=BaseModel)
RecordIdPath = Annotated[int, Path(ge=1, le=MAX_INT, description="The record's id.")]
UserIdPath = Annotated[int, Path(ge=1, le=MAX_INT, description="The user's id.")]


class RecordPage(BaseModel, Generic[ReadT]):
    items: list[ReadT]
    next_cursor: str | None


def _optional(field: FieldInfo) -> FieldInfo:
    """The same field, constraints and all, but left out when not sent; `null` only where the
    field itself takes it (sending `null` for a name is not leaving the name unchanged)."""
    optional = copy.copy(field)
    optional.default, optional.default_factory = None, None
    return optional


def _document_patch(schema: dict[str, Any]) -> None:
    """The write schema's field rules, without its defaults or its whole-body rules (a blood
    test's one result may already be stored): a field left out is unchanged."""
    say_blank_is_empty(schema)
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


def _patch_schema(resource: Resource) -> type[BaseModel]:
    """Every writable field optional: a PATCH body names only what changes."""
    optional: dict[str, Any] = {
        name: (field.annotation, _optional(field))
        for name, field in resource.write_schema.model_fields.items()
    }
    config = ConfigDict(
        **{**resource.write_schema.model_config, "json_schema_extra": _document_patch}
    )
    return create_model(f"{resource.write_schema.__name__}Patch", __config__=config, **optional)


def _read(resource: Resource, record: Any) -> Any:
    return resource.read_schema.model_validate(record, from_attributes=True)


# Digits only: `/search-clicks/bulk` is another route (405 for a method it lacks), not a bad id.
RECORD_PATH = "/{record_id:int}"


def crud_router(resource: Resource, *, path: str, tag: str) -> APIRouter:
    """Create, get, list, replace, patch and delete routes for one entity at `/{path}`."""
    router = APIRouter(prefix=f"/{path}", tags=[tag], dependencies=[Depends(current_api_key)])
    write, read = resource.write_schema, resource.read_schema
    patch = _patch_schema(resource)
    list_query = OwnedListQuery if resource.owned else ListQuery

    @router.post("", status_code=status.HTTP_201_CREATED, response_model=read)
    async def create(body: write, response: Response) -> Any:  # type: ignore[valid-type]
        record = await resources.create_record(resource, body)
        response.headers["Location"] = f"/{path}/{record.pk}"
        return _read(resource, record)

    sorts = {
        "x-sort-fields": list(resource.sort_fields)
    }  # the values `sort` takes (api/openapi.py)

    @router.get("", response_model=RecordPage[read], openapi_extra=sorts)  # type: ignore[valid-type]
    async def list_(query: Annotated[list_query, Query()]) -> Any:  # type: ignore[valid-type]
        page = await resources.list_records(resource, query)
        return {"items": [_read(resource, r) for r in page.items], "next_cursor": page.next_cursor}

    @router.get(RECORD_PATH, response_model=read)
    async def get(record_id: RecordIdPath) -> Any:
        return _read(resource, await resources.get_record(resource, record_id))

    @router.put(RECORD_PATH, response_model=read)
    async def replace(record_id: RecordIdPath, body: write) -> Any:  # type: ignore[valid-type]
        return _read(resource, await resources.replace_record(resource, record_id, body))

    @router.patch(RECORD_PATH, response_model=read)
    async def update(record_id: RecordIdPath, body: patch) -> Any:  # type: ignore[valid-type]
        changes = body.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
        return _read(resource, await resources.patch_record(resource, record_id, changes))

    @router.delete(RECORD_PATH, status_code=status.HTTP_204_NO_CONTENT)
    async def delete(record_id: RecordIdPath) -> None:
        await resources.delete_record(resource, record_id)

    for route, verb in zip(
        router.routes, ("Create", "List", "Get", "Replace", "Patch", "Delete"), strict=True
    ):
        noun = path.replace("-", " ") if verb == "List" else resource.name
        route.summary = f"{verb} {noun}"  # type: ignore[attr-defined]
    return router


def nested_router(
    resource: Resource, *, path: str, tag: str, fields_schema: type[BaseModel]
) -> APIRouter:
    """`GET` and `POST /users/{user_id}/{path}`: a user's records of one entity."""
    router = APIRouter(
        prefix="/users/{user_id}", tags=[tag], dependencies=[Depends(current_api_key)]
    )
    read = resource.read_schema

    @router.get(
        f"/{path}",
        response_model=RecordPage[read],  # type: ignore[valid-type]
        summary=f"List a user's {path}",
        openapi_extra={"x-sort-fields": list(resource.sort_fields)},
    )
    async def list_for_user(user_id: UserIdPath, query: Annotated[ListQuery, Query()]) -> Any:
        await resources.get_record(USERS, user_id)
        owned_query = OwnedListQuery(**query.model_dump(), user_id=user_id)
        page = await resources.list_records(resource, owned_query)
        return {"items": [_read(resource, r) for r in page.items], "next_cursor": page.next_cursor}

    @router.post(
        f"/{path}",
        status_code=status.HTTP_201_CREATED,
        response_model=read,
        summary=f"Create a user's {resource.name}",
    )
    async def create_for_user(
        user_id: UserIdPath,
        body: fields_schema,  # type: ignore[valid-type]
        response: Response,
    ) -> Any:
        await resources.get_record(USERS, user_id)
        data = resources.validate_write(resource, {**body.model_dump(), "user_id": user_id})  # type: ignore[attr-defined]
        record = await resources.create_record(resource, data)
        response.headers["Location"] = f"/{path}/{record.pk}"
        return _read(resource, record)

    return router
