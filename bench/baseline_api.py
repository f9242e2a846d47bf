"""The floor the API is measured against: a bare FastAPI endpoint reading a user with raw asyncpg.

    BENCH_DATABASE_URL=postgres://... uvicorn bench.baseline_api:app --workers N

No authentication, no ORM, no response model: one `SELECT` by primary key from a pool set up like
PulseTrack's (Tortoise's default of at most 5 connections per process, released without asyncpg's
reset query), returned as JSON.
"""

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from fastapi import FastAPI, HTTPException

POOL_MAX_SIZE = 5  # Tortoise's asyncpg default, so both servers have as many connections
USER_COLUMNS = (
    "id, name, email, birth_date, sex, height_cm, medical_conditions, created_at, updated_at"
)


async def _decode_json(connection: asyncpg.Connection) -> None:
    await connection.set_type_codec(
        "jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog"
    )


async def _keep_session(connection: asyncpg.Connection) -> None:
    """Release as `pulsetrack.database` does: no reset query, so only the stacks differ."""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    url = os.environ["BENCH_DATABASE_URL"]
    async with asyncpg.create_pool(
        url, min_size=1, max_size=POOL_MAX_SIZE, init=_decode_json, reset=_keep_session
    ) as pool:
        app.state.pool = pool
        yield


app = FastAPI(lifespan=lifespan)


@app.get("/users/{user_id}")
async def get_user(user_id: int) -> dict[str, Any]:
    row = await app.state.pool.fetchrow(f"SELECT {USER_COLUMNS} FROM users WHERE id = $1", user_id)
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row)
