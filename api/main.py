"""The FastAPI application: thin routers over `domain/`, problem details for every error."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from tortoise.contrib.fastapi import RegisterTortoise

from api import jobs, probes
from api.entities import entity_routers
from api.problems import install_problem_handlers
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
        await jobs.job_relay.close(timeout_s=RELAY_SHUTDOWN_S)


def create_app() -> FastAPI:
    app = FastAPI(
        title="PulseTrack",
        summary="Health and engagement data in, heavy work out to Celery workers.",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    app.include_router(probes.router)
    app.include_router(jobs.router)
    for router in entity_routers():
        app.include_router(router)
    return app


app = create_app()
