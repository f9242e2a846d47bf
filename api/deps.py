"""Dependencies shared by the routers."""

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPBearer

from domain.auth.models import ApiKey
from domain.auth.service import authenticate
from pulsetrack.settings import Settings, get_settings


class ApiKeyBearer(HTTPBearer):
    """The request's API key, or 401. One dependency rather than a chain of them: every request
    pays for each level FastAPI resolves."""

    async def __call__(self, request: Request) -> ApiKey:  # type: ignore[override]
        credentials = await super().__call__(request)
        return await authenticate(secret=credentials.credentials if credentials else None)


current_api_key = ApiKeyBearer(
    auto_error=False, description="An API key from `pulsetrack api-keys create`."
)


async def current_settings() -> Settings:
    # async, so FastAPI calls it inline: a plain `def` dependency costs a thread hop per request.
    return get_settings()


SettingsDep = Annotated[Settings, Depends(current_settings)]
CurrentApiKey = Annotated[ApiKey, Depends(current_api_key)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Resubmitting with the same key and body returns the original job.",
    ),
]
