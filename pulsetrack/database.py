"""Tortoise ORM configuration and the migration runner, both derived from the settings."""

from typing import Any

from aerich import Command

from pulsetrack.settings import Settings

MODEL_MODULES = [
    "domain.auth.models",
    "domain.jobs.models",
    "domain.webhooks.models",
    "domain.users.models",
    "domain.health.models",
    "domain.commerce.models",
    "aerich.models",
]
MIGRATIONS_DIR = "migrations"


def tortoise_config(settings: Settings) -> dict[str, Any]:
    """Tortoise's config dict for the configured database."""
    return {
        "connections": {"default": settings.database_url},
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
