"""Dependencies shared by the routers."""

from typing import Annotated

from fastapi import Depends, Header
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from domain.auth.models import ApiKey
from domain.auth.service import authenticate
from pulsetrack.settings import Settings, get_settings

_bearer = HTTPBearer(auto_error=False, description="An API key from `pulsetrack api-keys create`.")


async def current_api_key(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> ApiKey:
    return await authenticate(secret=credentials.credentials if credentials else None)


SettingsDep = Annotated[Settings, Depends(get_settings)]
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
