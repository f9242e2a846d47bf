"""Bulk ingestion into the real PostgreSQL: every row lands, or on any failure none does."""

from collections import Counter
from collections.abc import AsyncIterator

import asyncpg
import pytest

from domain.ingestion import SeedAlreadyWritten, connected, read_tables, write_dataset
from ml.synthetic.health_data import TABLES, HealthDataset, generate_health_data
from pulsetrack.settings import Settings


@pytest.fixture
async def connection(settings: Settings) -> AsyncIterator[asyncpg.Connection]:
    async with connected(settings.database_url) as connection:
        yield connection


@pytest.fixture
async def rolled_back(connection: asyncpg.Connection) -> AsyncIterator[asyncpg.Connection]:
    """A connection inside a transaction that is rolled back: the test database stays as it was."""
    transaction = connection.transaction()
    await transaction.start()
    yield connection
    await transaction.rollback()


def small_dataset(*, seed: int) -> HealthDataset:
    return generate_health_data(users=25, days=10, seed=seed)


def emails_of_seed(seed: int) -> str:
    """A LIKE pattern for the e-mails of the users of `seed` (their domain names the seed)."""
    return f"%@seed{seed}.pulsetrack.example"


async def user_ids_of_seed(connection: asyncpg.Connection, seed: int) -> list[int]:
    rows = await connection.fetch("SELECT id FROM users WHERE email LIKE $1", emails_of_seed(seed))
    return [row["id"] for row in rows]


async def rows_of_seed(connection: asyncpg.Connection, seed: int) -> dict[str, int]:
    """Rows per table that belong to the users of `seed`."""
    user_ids = await user_ids_of_seed(connection, seed)
    counts = {"users": len(user_ids)}
    for table in TABLES[1:]:
        counts[table] = await connection.fetchval(
            f'SELECT count(*) FROM "{table}" WHERE user_id = ANY($1::int[])', user_ids
        )
    return counts


async def schema_of(connection: asyncpg.Connection) -> set[str]:
    """Every index and constraint definition on the tables a dataset fills."""
    rows = await connection.fetch(
        """
        SELECT indexdef FROM pg_indexes WHERE tablename = ANY($1::text[])
        UNION ALL
        SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid::regclass::text = ANY($1::text[])
        """,
        list(TABLES),
    )
    return {row[0] for row in rows}


async def all_rows(connection: asyncpg.Connection) -> dict[str, int]:
    return {table: await connection.fetchval(f'SELECT count(*) FROM "{table}"') for table in TABLES}


async def test_every_row_of_every_table_is_written(rolled_back: asyncpg.Connection) -> None:
    dataset = small_dataset(seed=101)
    reported: Counter[str] = Counter()

    result = await write_dataset(
        rolled_back, dataset, on_progress=lambda table, rows: reported.update({table: rows})
    )

    assert result.rows == dataset.row_counts
    assert result.total_rows == dataset.total_rows > 1000
    assert await rows_of_seed(rolled_back, 101) == dataset.row_counts
    assert {table: rows for table, rows in reported.items() if rows} == dataset.row_counts


async def test_values_arrive_as_generated(rolled_back: asyncpg.Connection) -> None:
    dataset = small_dataset(seed=102)
    await write_dataset(rolled_back, dataset)

    async def of_seed(query: str) -> object:
        return await rolled_back.fetchval(
            query + " JOIN users u ON u.id = t.user_id WHERE u.email LIKE $1", emails_of_seed(102)
        )

    assert await of_seed("SELECT sum(steps) FROM physical_activities t") == (
        dataset["physical_activities"]["steps"].sum()
    )
    assert await of_seed("SELECT count(quality) FROM sleep_sessions t") == (
        dataset["sleep_sessions"]["quality"].notna().sum()
    )
    assert await of_seed("SELECT count(hba1c_percent) FROM blood_tests t") == (
        dataset["blood_tests"]["hba1c_percent"].notna().sum()
    )
    first_night = await of_seed("SELECT min(start) FROM sleep_sessions t")
    assert first_night == dataset["sleep_sessions"]["start"].min().to_pydatetime()
    conditions = await rolled_back.fetch(
        "SELECT medical_conditions FROM users WHERE email LIKE $1 ORDER BY id", emails_of_seed(102)
    )
    assert [row[0] for row in conditions] == dataset["users"]["medical_conditions"].tolist()


async def test_a_failing_row_leaves_nothing_written(connection: asyncpg.Connection) -> None:
    dataset = small_dataset(seed=103)
    # Orders are written last: everything before them must be undone too.
    dataset["orders"].loc[len(dataset["orders"]) - 1, "quantity"] = 0
    before, schema = await all_rows(connection), await schema_of(connection)

    with pytest.raises(asyncpg.CheckViolationError, match="ck_orders_quantity"):
        await write_dataset(connection, dataset)

    assert await all_rows(connection) == before
    assert await rows_of_seed(connection, 103) == dict.fromkeys(TABLES, 0)
    assert await schema_of(connection) == schema  # suspended indexes and keys are back


async def test_indexes_and_foreign_keys_are_as_before_after_a_load(
    rolled_back: asyncpg.Connection,
) -> None:
    schema = await schema_of(rolled_back)

    await write_dataset(rolled_back, small_dataset(seed=106))

    assert await schema_of(rolled_back) == schema
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await rolled_back.execute(
            "INSERT INTO orders (user_id, product_name, quantity) VALUES (2000000000, 'Mat', 1)"
        )


async def test_writing_the_same_seed_twice_is_refused(rolled_back: asyncpg.Connection) -> None:
    await write_dataset(rolled_back, small_dataset(seed=104))

    with pytest.raises(SeedAlreadyWritten, match="choose another seed"):
        await write_dataset(rolled_back, small_dataset(seed=104))

    assert (await rows_of_seed(rolled_back, 104))["users"] == 25


async def test_tables_read_back_as_written(settings: Settings) -> None:
    dataset = small_dataset(seed=105)
    async with connected(settings.database_url) as connection:
        try:
            await write_dataset(connection, dataset)
            tables = await read_tables(settings.database_url)
        finally:
            ids = await user_ids_of_seed(connection, 105)
            await connection.execute("DELETE FROM orders WHERE user_id = ANY($1::int[])", ids)
            await connection.execute("DELETE FROM users WHERE id = ANY($1::int[])", ids)

    users = tables["users"]
    ours = users[users["email"].str.endswith("@seed105.pulsetrack.example")]
    assert sorted(ours["email"]) == sorted(dataset["users"]["email"])
    steps = tables["physical_activities"].merge(ours[["id"]], left_on="user_id", right_on="id")
    assert steps["steps"].sum() == dataset["physical_activities"]["steps"].sum()
    assert str(tables["sleep_sessions"]["start"].dt.tz) == "UTC"
