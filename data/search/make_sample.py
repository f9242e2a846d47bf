"""Sample output of the search insights pipeline on mock data (seed 002, part 3).

    .venv/bin/python data/search/make_sample.py

Generates two weeks of mock search logs (the `pulsetrack seed-search` generator, fixed seed and
dates), loads them into a fresh database `pulsetrack_search_sample` on the configured PostgreSQL
(or embedded PostgreSQL under var/), computes each day's insights with the very SQL and upsert the
`search.compute_insights` job runs, and writes next to this file:
- `search_clicks.csv`: the mock rows, as loaded;
- `search_insights.json`: the `search_insights` rows it stored (without `computed_at`);
- `sample_day.md`: one day rendered as tables.
The same command writes the same files; `tests/data/test_search_sample.py` recomputes the JSON
from the CSV with pandas.
"""

import asyncio
import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from tortoise import Tortoise

from domain.messaging import collect_messages, transaction
from domain.search.insights import compute_day
from domain.search.models import SearchInsight
from ml.synthetic.search_clicks import generate_search_clicks
from pulsetrack.database import apply_migrations, recreate_database, tortoise_config, with_database
from pulsetrack.seeding import copy_search_clicks, database_settings
from pulsetrack.settings import Settings, get_settings

HERE = Path(__file__).resolve().parent
DATABASE = "pulsetrack_search_sample"
FIRST_DAY = date(2026, 1, 5)  # a Monday
DAYS, QUERIES, SEED = 14, 400, 2
SHOWN_DAY = FIRST_DAY + timedelta(days=3)
INSIGHT_FIELDS = (
    "insight_date",
    "average_ctr",
    "mean_query_ctr",
    "queries",
    "total_clicks",
    "total_impressions",
    "top_queries",
    "low_performance_queries",
    "definitions_version",
)


async def build(settings: Settings, clicks: pd.DataFrame) -> list[dict]:
    await recreate_database(settings.database_url, DATABASE)
    sample = settings.model_copy(
        update={"database_url": with_database(settings.database_url, DATABASE)}
    )
    await apply_migrations(sample)
    days = [frame for _, frame in clicks.groupby("search_date", sort=True)]
    await copy_search_clicks(sample.database_url, days, len(clicks))
    await Tortoise.init(config=tortoise_config(sample))
    try:
        for offset in range(DAYS):
            insight = await compute_day(FIRST_DAY + timedelta(days=offset), sample)
            with collect_messages():
                async with transaction() as connection:
                    await insight.stored(job_id=None)(connection)
        rows = await SearchInsight.all().order_by("insight_date").values(*INSIGHT_FIELDS)
    finally:
        await Tortoise.close_connections()
    return [row | {"insight_date": row["insight_date"].isoformat()} for row in rows]


def day_markdown(insight: dict) -> str:
    def table(rows: list[dict], columns: list[str]) -> str:
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for row in rows:
            cells = [f"{row[c]:.4f}" if isinstance(row[c], float) else str(row[c]) for c in columns]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    return "\n\n".join(
        [
            f"# Search insights for {insight['insight_date']} (mock data)",
            f"Made by `data/search/make_sample.py`. {insight['queries']} queries were shown, "
            f"{insight['total_impressions']:,} impressions, {insight['total_clicks']:,} clicks.",
            f"- average CTR (impression-weighted): {insight['average_ctr']:.4f}\n"
            f"- mean of the queries' CTRs: {insight['mean_query_ctr']:.4f}",
            "## Top queries by CTR (Wilson lower bound, at least 100 impressions)",
            table(
                insight["top_queries"],
                ["query", "clicks", "impressions", "ctr", "wilson_lower_bound"],
            ),
            "## Low performers (top decile of impressions, bottom quartile of their CTR)",
            table(insight["low_performance_queries"], ["query", "clicks", "impressions", "ctr"]),
        ]
    )


def main() -> None:
    clicks = generate_search_clicks(days=DAYS, queries=QUERIES, seed=SEED, start=FIRST_DAY)
    with database_settings(get_settings()) as settings:
        insights = asyncio.run(build(settings, clicks))
    clicks.to_csv(HERE / "search_clicks.csv", index=False)
    (HERE / "search_insights.json").write_text(json.dumps(insights, indent=2) + "\n")
    shown = next(row for row in insights if row["insight_date"] == SHOWN_DAY.isoformat())
    (HERE / "sample_day.md").write_text(day_markdown(shown) + "\n")
    print(f"wrote {len(clicks):,} rows and {len(insights)} days of insights to {HERE}")


if __name__ == "__main__":
    main()
