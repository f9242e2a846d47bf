"""RFC 9457 problem details: the one shape every error response takes."""

import logging
from collections.abc import Mapping
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from tortoise.exceptions import BaseORMException, DBConnectionError

from domain.errors import DomainError, FieldError, validation_message

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem_response(
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = [{"field": error.field, "message": error.message} for error in errors]
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _location(error: dict[str, Any]) -> str:
    # A JSON syntax error's loc is ("body", <character offset>): there is no field to name.
    if error["type"] == "json_invalid":
        return "body"
    # Drop FastAPI's "body"/"query"/"header" prefix: clients think in field names.
    parts = [str(part) for part in error["loc"]]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _domain_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
    return problem_response(
        status=error.status,
        code=error.code,
        title=error.title,
        detail=error.message,
        errors=error.errors,
        headers=headers,
    )


async def _validation_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [FieldError(_location(item), validation_message(item)) for item in error.errors()]
    return problem_response(
        status=422,
        code="invalid_input",
        title="The request is not valid",
        detail="; ".join(f"{e.field}: {e.message}" for e in errors),
        errors=errors,
    )


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    headers = error.headers
    if error.status_code == 405:
        headers = {**(headers or {}), "Allow": ", ".join(_allowed_methods(request))}
    return problem_response(
        status=error.status_code,
        code=f"http_{error.status_code}",
        title=str(error.detail),
        detail=str(error.detail),
        headers=headers,
    )


def _allowed_methods(request: Request) -> list[str]:
    """Every method of every route at this path: Starlette's 405 names only the first route's,
    and FastAPI makes one route per method."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)


async def _database_error(request: Request, error: Exception) -> JSONResponse:
    # Validation should stop these first; a value PostgreSQL cannot store (a NUL byte inside JSON,
    # a number out of its range) is still the client's input, not a server fault.
    if isinstance(error.__cause__, asyncpg.DataError):
        return problem_response(
            status=422,
            code="unstorable_value",
            title="The request is not valid",
            detail="a value in the request cannot be stored (out of range or invalid characters)",
        )
    if isinstance(error, DBConnectionError):
        logger.error("database unreachable on %s %s: %s", request.method, request.url.path, error)
        return problem_response(
            status=503,
            code="database_unavailable",
            title="Service unavailable",
            detail="the database is unreachable; retry later",
            headers={"Retry-After": "5"},
        )
    return await _unexpected_error(request, error)


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        status=500,
        code="internal_error",
        title="Internal server error",
        detail="an unexpected error occurred; it has been logged",
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(BaseORMException, _database_error)
    app.add_exception_handler(Exception, _unexpected_error)
