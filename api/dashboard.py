"""The dashboard (`dashboard/`, a React app): its build, served at /dashboard, one origin."""

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, RedirectResponse
from pydantic import BaseModel

from api.deps import CurrentApiKey, SettingsDep
from domain.errors import DomainError, NotFound

router = APIRouter(prefix="/dashboard", tags=["dashboard"], include_in_schema=False)

# Vite names every asset after its content, so a browser may keep it forever; index.html names
# the current assets and must be checked on every load.
IMMUTABLE = {"Cache-Control": "public, max-age=31536000, immutable"}
REVALIDATE = {"Cache-Control": "no-cache"}


class DashboardNotBuilt(DomainError):
    status = 503
    code = "dashboard_not_built"
    title = "The dashboard has not been built"


class DashboardFileNotFound(NotFound):
    code = "dashboard_file_not_found"


class DashboardConfig(BaseModel):
    flower_url: str


def _index(dist: Path) -> Path:
    index = dist / "index.html"
    if not index.is_file():
        raise DashboardNotBuilt(
            f"no build in {dist}: `make run` builds it (or `npm ci && npm run build` in dashboard/)"
        )
    return index


def _asset(dist: Path, relative: str) -> Path:
    """A file of the build; never a path that leaves it."""
    root = dist.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise DashboardFileNotFound(f"no file {relative!r} in the dashboard's build")
    return candidate


@router.get("")
async def dashboard_root() -> RedirectResponse:
    return RedirectResponse("/dashboard/")


@router.get("/config.json", response_model=DashboardConfig)
async def dashboard_config(
    request: Request, settings: SettingsDep, _: CurrentApiKey
) -> DashboardConfig:
    """What the dashboard needs besides the API: where Flower is."""
    default = f"http://{request.url.hostname}:{settings.flower_port}"
    return DashboardConfig(flower_url=settings.dashboard_flower_url or default)


@router.get("/")
async def dashboard_index(settings: SettingsDep) -> FileResponse:
    return FileResponse(_index(settings.dashboard_dir), headers=REVALIDATE)


@router.get("/{relative:path}")
async def dashboard_file(
    relative: Annotated[str, PathParam(max_length=512)], settings: SettingsDep
) -> FileResponse:
    """A built asset; any other page path gets the app, whose router shows the page."""
    _index(settings.dashboard_dir)
    if relative.startswith("assets/") or "." in relative.rsplit("/", 1)[-1]:
        headers = IMMUTABLE if relative.startswith("assets/") else REVALIDATE
        return FileResponse(_asset(settings.dashboard_dir, relative), headers=headers)
    return FileResponse(_index(settings.dashboard_dir), headers=REVALIDATE)
