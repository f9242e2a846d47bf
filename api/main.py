"""The FastAPI application: thin routers over `domain/`, problem details for every error."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from tortoise.contrib.fastapi import RegisterTortoise

from api import dashboard, delivery, extractions, health_scores, jobs, probes, prometheus, search
from api.entities import entity_routers
from api.messages import SendCommittedMessages, relay
from api.openapi import exact_openapi
from api.problems import install_problem_handlers
from domain.jobs.catalog import job_kinds
from pulsetrack.database import tortoise_config
from pulsetrack.logs import configure_logging
from pulsetrack.settings import get_settings

# Long enough to publish what the last requests accepted; anything left waits for the sweep.
RELAY_SHUTDOWN_S = 5.0


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    configure_logging(settings.log_level)
    async with RegisterTortoise(
        app, config=tortoise_config(settings), add_exception_handlers=False
    ):
        yield
        await relay.close(timeout_s=RELAY_SHUTDOWN_S)


def _add_routes(app: FastAPI, router: APIRouter) -> None:
    """Put the router's routes on the app itself, each already carrying its router's prefix, tags
    and dependencies.

    `include_router` would keep the router as a nested layer that every request is matched through
    twice (to find it, then to dispatch), about a sixth of a `GET /users/{id}`'s CPU time. The one
    difference: `app.dependency_overrides` does not reach these routes (nothing here uses it).
    """
    app.router.routes.extend(router.routes)


def create_app() -> FastAPI:
    app = FastAPI(
        title="PulseTrack",
        summary="Health and engagement data in, heavy work out to Celery workers.",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    app.add_middleware(SendCommittedMessages)
    app.add_middleware(prometheus.RecordRequestLatency)
    routers = [
        probes.router,
        jobs.router,
        health_scores.router,
        search.router,
        delivery.router,
        extractions.router,
        prometheus.router,
        dashboard.router,
    ]
    for router in [*routers, *entity_routers()]:
        _add_routes(app, router)
    app.openapi = exact_openapi(app, job_kinds)  # type: ignore[method-assign]
    return app


app = create_app()
