"""Tortoise ORM configuration and the migration runner, both derived from the settings."""

from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from aerich import Command
from tortoise.backends.base.config_generator import expand_db_url

from pulsetrack.settings import Settings

MODEL_MODULES = [
    "domain.auth.models",
    "domain.jobs.models",
    "domain.webhooks.models",
    "domain.users.models",
    "domain.health.models",
    "domain.commerce.models",
    "domain.search.models",
    "domain.delivery.models",
    "domain.llm.models",
    "aerich.models",
]
MIGRATIONS_DIR = "migrations"


async def _keep_session(connection: asyncpg.Connection) -> None:
    """Pool release hook that leaves the session as it is.

    asyncpg's default reset costs one more round trip on every release (`RESET ALL`, `UNLISTEN *`,
    unlocking advisory locks) for session state nothing here creates; asyncpg still rolls back a
    transaction left open before it calls this.
    """


def tortoise_config(settings: Settings) -> dict[str, Any]:
    """Tortoise's config dict for the configured database."""
    connection = expand_db_url(settings.database_url)
    connection["credentials"]["reset"] = _keep_session
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def apply_migrations(settings: Settings) -> list[str]:
    """Apply every committed aerich migration not yet applied; return their names."""
    from pathlib import Path

    location = str(Path(__file__).resolve().parent.parent / MIGRATIONS_DIR)
    async with Command(tortoise_config(settings), app="models", location=location) as command:
        return await command.upgrade(run_in_transaction=True)


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


async def recreate_database(server_url: str, database: str) -> None:
    """Drop and create `database` on the server `server_url` points at."""
    connection = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{database}"')
    finally:
        await connection.close()
