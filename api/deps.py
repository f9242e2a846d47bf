"""Dependencies shared by the routers."""

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPBearer

from api.strict_json import check_json_body
from domain.auth.models import ApiKey, Scope
from domain.auth.service import authenticate, require_scope
from pulsetrack.settings import Settings, get_settings

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiKeyBearer(HTTPBearer):
    """The request's API key, or 401; then 403 unless it has the scope the request needs; then
    422 for a JSON body that only lax validation would accept (`api/strict_json.py`). One
    dependency rather than a chain of them: every request pays for each level FastAPI resolves.

    The scope follows from the method (`read` for GET, `write` for the rest), so every route that
    takes `CurrentApiKey`, including those added later, is guarded; `AdminApiKey` asks for
    `admin` instead."""

    def __init__(self, *, scope: Scope | None = None) -> None:
        super().__init__(
            auto_error=False, description="An API key from `pulsetrack api-keys create`."
        )
        self.scope = scope

    async def __call__(self, request: Request) -> ApiKey:  # type: ignore[override]
        credentials = await super().__call__(request)
        api_key = await authenticate(secret=credentials.credentials if credentials else None)
        needed = self.scope or (Scope.READ if request.method in READ_METHODS else Scope.WRITE)
        require_scope(api_key, needed)
        await check_json_body(request)
        return api_key


current_api_key = ApiKeyBearer()
admin_api_key = ApiKeyBearer(scope=Scope.ADMIN)


async def current_settings() -> Settings:
    # async, so FastAPI calls it inline: a plain `def` dependency costs a thread hop per request.
    return get_settings()


SettingsDep = Annotated[Settings, Depends(current_settings)]
CurrentApiKey = Annotated[ApiKey, Depends(current_api_key)]
AdminApiKey = Annotated[ApiKey, Depends(admin_api_key)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Resubmitting with the same key and body returns the original job.",
    ),
]
