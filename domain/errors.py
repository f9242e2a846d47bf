"""Domain errors carry their HTTP status; one handler in `api/` renders them."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


def validation_message(error: Mapping[str, Any]) -> str:
    """Pydantic's message without its "Value error, " prefix, which tells a client nothing."""
    return str(error["msg"]).removeprefix("Value error, ")


def field_errors(errors: Iterable[Mapping[str, Any]], *, prefix: str = "") -> list[FieldError]:
    """One `FieldError` per pydantic error, named by its dotted location."""
    return [
        FieldError(
            ".".join([*filter(None, [prefix]), *map(str, e["loc"])]) or "body",
            validation_message(e),
        )
        for e in errors
    ]


class DomainError(Exception):
    """Base of every error a client may see; `code` names the problem type."""

    status: int = 400
    code: str = "bad_request"
    title: str = "Bad request"

    def __init__(self, message: str, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class NotFound(DomainError):
    status = 404
    code = "not_found"
    title = "Resource not found"


class Conflict(DomainError):
    status = 409
    code = "conflict"
    title = "Conflict with the resource's current state"


class InvalidInput(DomainError):
    status = 422
    code = "invalid_input"
    title = "The request is not valid"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    title = "Authentication required"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    title = "The API key lacks a scope this request needs"
