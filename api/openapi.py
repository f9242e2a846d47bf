"""The OpenAPI document, made exact: every operation's error responses as RFC 9457 problems,
each collection's `sort` as the values it accepts, and each job kind's params.

Applied to the whole document once it is generated, so routes added later get their error
responses without listing them: which problems an operation can answer follows from what it
has (an API key, path parameters, a body, a method that writes).
"""

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI
from pydantic.json_schema import models_json_schema

from api.problems import PROBLEM_MEDIA_TYPE
from domain.jobs.catalog import AnyJobKind

SORT_FIELDS = "x-sort-fields"  # set on list routes by `api/resources.py`, removed here
REF_TEMPLATE = "#/components/schemas/{model}"
PROBLEM_REF = {"$ref": REF_TEMPLATE.format(model="Problem")}
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "examples": ["/problems/invalid_input"]},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "One entry per field at fault.",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
DESCRIPTIONS = {
    400: "The body is not well-formed (not JSON, or not the declared content type).",
    401: "No API key, or one that is unknown or revoked.",
    403: "The API key lacks the scope this operation needs.",
    404: "A resource the request names (in its path, query or body) does not exist.",
    409: "The request conflicts with the resource's current state.",
    422: "A parameter or a field of the body is not valid; `errors` names each.",
    503: "A server PulseTrack depends on is unreachable; retry later.",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def problem_statuses(operation: dict[str, Any], method: str) -> list[int]:
    """The problems an operation can answer, from what it takes."""
    # 404 everywhere: besides path ids, a query (`?user_id=`) or a body can name a missing record,
    # and a summary can be missing until it is first computed.
    statuses = [404, 422, 503]
    if operation.get("security"):
        statuses += [401, 403]
    if "requestBody" in operation:
        statuses.append(400)
    if method in WRITE_METHODS:
        statuses.append(409)
    return sorted(statuses)


def also_answers(status: int, description: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route that can answer a problem its shape does not imply (a read
    that is a 409 until its job has finished); documented as a problem like the others."""
    return {status: {"description": description}}


def _document_operation(operation: dict[str, Any], method: str) -> None:
    responses = operation.setdefault("responses", {})
    for status in problem_statuses(operation, method):
        responses[str(status)] = {"description": DESCRIPTIONS[status]}
    for status, response in responses.items():
        if status.isdigit() and int(status) >= 400:
            response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}
    sort_fields = operation.pop(SORT_FIELDS, None)
    for parameter in operation.get("parameters", []):
        if sort_fields and parameter["name"] == "sort":
            values = [value for name in sort_fields for value in (name, f"-{name}")]
            parameter["schema"] = {"anyOf": [{"enum": values, "type": "string"}, {"type": "null"}]}


def _submission_per_kind(schemas: dict[str, Any], kinds: Mapping[str, AnyJobKind]) -> None:
    """`JobSubmission` as one variant per kind (`oneOf`, by `kind`), each with its kind's params
    schema: the body model holds params as any object, and each kind's model checks them."""
    submission = schemas["JobSubmission"]
    refs, definitions = models_json_schema(
        [(kind.params_model, "validation") for kind in kinds.values()], ref_template=REF_TEMPLATE
    )
    for name, definition in definitions.get("$defs", {}).items():
        schemas.setdefault(name, definition)
    variants = {}
    for name, kind in kinds.items():
        needs_params = any(field.is_required() for field in kind.params_model.model_fields.values())
        variant = f"JobSubmission.{name}"
        schemas[variant] = {
            "type": "object",
            "title": f"A {name} job",
            "description": kind.description,
            "additionalProperties": False,
            "required": ["kind", "params"] if needs_params else ["kind"],
            "properties": {
                "kind": {"type": "string", "const": name},
                "params": refs[(kind.params_model, "validation")],
                "webhook_url": submission["properties"]["webhook_url"],
            },
        }
        variants[name] = REF_TEMPLATE.format(model=variant)
    schemas["JobSubmission"] = {
        "title": "JobSubmission",
        "description": "A job of one of the kinds below, with that kind's params.",
        "oneOf": [{"$ref": ref} for ref in variants.values()],
        "discriminator": {"propertyName": "kind", "mapping": variants},
        "examples": [{"kind": "system.echo", "params": {"message": "hello"}}],
    }


def exact_openapi(
    app: FastAPI, kinds: Callable[[], Mapping[str, AnyJobKind]]
) -> Callable[[], dict[str, Any]]:
    """`app.openapi`, with every operation's problems and every job kind's params documented."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        for path_item in schema.get("paths", {}).values():
            for method, operation in path_item.items():
                _document_operation(operation, method)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["Problem"] = PROBLEM_SCHEMA
        _submission_per_kind(schemas, kinds())
        # FastAPI's own 422 body, replaced by the problem above everywhere.
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        return schema

    return openapi
