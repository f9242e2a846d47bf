"""Storing search clicks in bulk: a JSON batch or a CSV file, all rows or none."""

from collections.abc import Iterator

from domain import csv_upload
from domain.csv_upload import CsvLayout
from domain.messaging import transaction
from domain.search import repository
from domain.search.schemas import MAX_BULK_ROWS, SearchClickWrite

# Columns of seed 002's table that the database fills in itself: accepted, and ignored.
CSV_LAYOUT = CsvLayout(
    SearchClickWrite,
    required=frozenset({"search_query", "clicks", "impressions"}),
    optional=frozenset({"search_date"}),
    ignored=frozenset({"search_id", "click_through_rate"}),
)


def _chunks(rows: list[SearchClickWrite], size: int) -> Iterator[list[SearchClickWrite]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


async def store_clicks(rows: list[SearchClickWrite]) -> int:
    """Store every row in one transaction; return how many."""
    async with transaction() as connection:
        for chunk in _chunks(rows, MAX_BULK_ROWS):
            await repository.insert_clicks([row.model_dump() for row in chunk], connection)
    return len(rows)


def parse_csv(data: bytes) -> list[SearchClickWrite]:
    """Every row of a CSV upload of search clicks, validated; 422 naming each bad line and field."""
    return csv_upload.parse_csv(data, CSV_LAYOUT)
