"""Faster bulk loads: build secondary indexes and check foreign keys once, after the rows are in.

PostgreSQL's own advice for populating a database: maintaining every index and checking every
foreign key row by row takes most of a large COPY's time; building an index once (a sort) and
validating a foreign key once (one join) takes far less. Inside the loading transaction the
indexes and foreign keys are dropped and then re-created exactly as they were, so a failure rolls
the whole thing back and other sessions never see a table without them, although they do wait for
the table while the load runs. Primary keys and unique indexes stay: they guard the data.
"""

import asyncpg

# The statements that drop a table's secondary indexes and foreign keys, each with the statement
# that re-creates it exactly (same name, same definition).
_SUSPENDABLE = """
SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS suspend,
       pg_get_indexdef(i.indexrelid) AS restore
FROM pg_index i
WHERE i.indrelid = $1::regclass AND NOT i.indisprimary AND NOT i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
UNION ALL
SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
       format('ALTER TABLE %s ADD CONSTRAINT %I %s',
              c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
FROM pg_constraint c
WHERE c.conrelid = $1::regclass AND c.contype = 'f'
"""


async def suspend_indexes_and_foreign_keys(
    connection: asyncpg.Connection, incoming_rows: dict[str, int]
) -> list[str]:
    """Drop the secondary indexes and foreign keys of each table that will at least double;
    return the statements that restore them. Call both inside one transaction."""
    restore: list[str] = []
    for table, rows in incoming_rows.items():
        # A table that holds more than it will receive is cheaper to maintain row by row.
        if rows == 0 or await _holds_more_than(connection, table, rows):
            continue
        for statement in await connection.fetch(_SUSPENDABLE, table):
            await connection.execute(statement["suspend"])
            restore.append(statement["restore"])
    return restore


async def restore_indexes_and_foreign_keys(
    connection: asyncpg.Connection, statements: list[str]
) -> None:
    """Re-create what `suspend_indexes_and_foreign_keys` dropped; foreign keys are checked here."""
    for statement in statements:
        await connection.execute(statement)


async def _holds_more_than(connection: asyncpg.Connection, table: str, rows: int) -> bool:
    # Counts at most rows + 1 rows, so a large table costs no more than the load itself.
    held = await connection.fetchval(
        f"SELECT count(*) FROM (SELECT FROM {_quoted(table)} LIMIT $1) AS held", rows + 1
    )
    return int(held) > rows


def _quoted(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'
