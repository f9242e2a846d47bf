"""JSON bodies are checked strictly (`domain/strict_json.py`), just as the OpenAPI document says.

FastAPI validates a body after parsing it into Python objects, where pydantic's lax mode turns
those into values. The body of a route is therefore first validated from its raw bytes in
pydantic's strict JSON mode. A body that fails is a 422 like any other; one that passes goes on
as before. It runs in the API key dependency, once the caller is known: a request without a key
is a 401 whatever its body. CSV uploads stay lax: their values are text. Job params, which the
body holds as any object, are checked the same way against their kind's model on submission.
"""

from typing import Annotated, Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import TypeAdapter

from domain.strict_json import strict_json_errors

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
    errors = strict_json_errors(_adapter(route).validate_json, body)
    if any(item["type"] == "json_invalid" for item in errors):
        return  # not JSON at all: FastAPI's own 400 says so
    if errors:
        raise RequestValidationError([{**item, "loc": ("body", *item["loc"])} for item in errors])
