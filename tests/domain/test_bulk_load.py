"""Indexes and foreign keys suspended for a bulk load come back exactly as they were, checked."""

from collections.abc import AsyncIterator

import asyncpg
import pytest

from domain.bulk_load import restore_indexes_and_foreign_keys, suspend_indexes_and_foreign_keys
from domain.ingestion import connected
from pulsetrack.settings import Settings

TABLE = "meals"
INSERT_MEAL = """
INSERT INTO meals (user_id, eaten_at, description, calories, created_at)
VALUES ($1, now(), 'Soup', 300, now())
"""


@pytest.fixture
async def rolled_back(settings: Settings) -> AsyncIterator[asyncpg.Connection]:
    async with connected(settings.database_url) as connection:
        transaction = connection.transaction()
        await transaction.start()
        yield connection
        await transaction.rollback()


async def schema_of(connection: asyncpg.Connection, table: str) -> set[str]:
    """Every index and constraint definition on `table`."""
    indexes = await connection.fetch("SELECT indexdef FROM pg_indexes WHERE tablename = $1", table)
    constraints = await connection.fetch(
        "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = $1::regclass",
        table,
    )
    return {row[0] for row in [*indexes, *constraints]}


async def test_a_load_into_an_empty_table_rebuilds_its_indexes_and_checks_its_keys_after(
    rolled_back: asyncpg.Connection,
) -> None:
    await rolled_back.execute(f"DELETE FROM {TABLE}")
    before = await schema_of(rolled_back, TABLE)

    restore = await suspend_indexes_and_foreign_keys(rolled_back, {TABLE: 1000})

    assert any(statement.startswith("CREATE INDEX") for statement in restore)
    assert any("FOREIGN KEY (user_id) REFERENCES users(id)" in s for s in restore)
    assert await schema_of(rolled_back, TABLE) < before
    await restore_indexes_and_foreign_keys(rolled_back, restore)
    assert await schema_of(rolled_back, TABLE) == before


async def test_a_row_with_no_user_fails_when_the_foreign_key_comes_back(
    rolled_back: asyncpg.Connection,
) -> None:
    await rolled_back.execute(f"DELETE FROM {TABLE}")
    restore = await suspend_indexes_and_foreign_keys(rolled_back, {TABLE: 1000})
    await rolled_back.execute(INSERT_MEAL, 2_000_000_000)

    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await restore_indexes_and_foreign_keys(rolled_back, restore)


async def test_a_table_holding_more_than_the_load_is_left_alone(
    rolled_back: asyncpg.Connection,
) -> None:
    user_id = await rolled_back.fetchval(
        "INSERT INTO users (name, email, sex, medical_conditions, created_at, updated_at) "
        "VALUES ('Bulk Load', 'bulk.load@pulsetrack.example', 'unknown', '[]', now(), now()) "
        "RETURNING id"
    )
    for _ in range(3):
        await rolled_back.execute(INSERT_MEAL, user_id)

    assert await suspend_indexes_and_foreign_keys(rolled_back, {TABLE: 2}) == []
    assert await suspend_indexes_and_foreign_keys(rolled_back, {TABLE: 0}) == []
