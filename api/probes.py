"""Liveness and readiness probes; the only endpoints that need no API key."""

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.problems import problem_response
from domain.readiness import database_reachable
from workers.app import celery_app

router = APIRouter(tags=["operations"])


def _broker_reachable() -> bool:
    try:
        with celery_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", response_model=None)
async def readyz() -> JSONResponse | dict[str, str]:
    """The database and the broker both answer."""
    database, broker = await asyncio.gather(
        database_reachable(), asyncio.to_thread(_broker_reachable)
    )
    if database and broker:
        return {"status": "ready", "database": "ok", "broker": "ok"}
    down = [name for name, ok in (("database", database), ("broker", broker)) if not ok]
    return problem_response(
        status=503,
        code="not_ready",
        title="Not ready",
        detail=f"unreachable: {', '.join(down)}",
    )
