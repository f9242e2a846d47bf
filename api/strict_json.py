"""JSON bodies are checked strictly: `true` is not a number, `"5"` not an integer, `0` not a
date-time, just as the OpenAPI document says.

FastAPI validates a body after parsing it into Python objects, where pydantic's lax mode turns
those into values. The body of a route is therefore first validated from its raw bytes in
pydantic's strict JSON mode (in which a date, a date-time, a UUID or an enum still comes as a
string). A body that fails is a 422 like any other; one that passes goes on as before. It runs in
the API key dependency, once the caller is known: a request without a key is a 401 whatever its
body. CSV uploads and job params stay lax: their values are text, or go through a kind's model.
"""

from typing import Annotated, Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import TypeAdapter, ValidationError

_adapters: dict[str, TypeAdapter[Any]] = {}


def _is_json(request: Request) -> bool:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def _adapter(route: APIRoute) -> TypeAdapter[Any]:
    if (adapter := _adapters.get(route.unique_id)) is None:
        assert route.body_field is not None
        info = route.body_field.field_info  # with its constraints and discriminator
        annotation: Any = Annotated[info.annotation, info]
        adapter = _adapters[route.unique_id] = TypeAdapter(annotation)
    return adapter


async def check_json_body(request: Request) -> None:
    """422 for a JSON body that only lax validation would accept."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or route.body_field is None or not _is_json(request):
        return
    body = await request.body()
    if not body:
        return
    try:
        _adapter(route).validate_json(body, strict=True)
    except ValidationError as error:
        errors = [item for item in error.errors(include_url=False) if not _integral(item)]
        if any(item["type"] == "json_invalid" for item in errors):
            return  # not JSON at all: FastAPI's own 400 says so
        if errors:
            raise RequestValidationError(
                [{**item, "loc": ("body", *item["loc"])} for item in errors]
            ) from None


def _integral(error: Any) -> bool:
    # JSON Schema counts 3.0 as an integer, and so does lax pydantic: not a strict-only error.
    value = error.get("input")
    return error["type"] == "int_type" and isinstance(value, float) and value.is_integer()
