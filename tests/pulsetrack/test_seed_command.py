"""`pulsetrack seed` without a database: CSV files only (the database path runs in tests/ml)."""

from pathlib import Path

from typer.testing import CliRunner

from ml.synthetic.health_data import TABLES
from pulsetrack.cli import app


def test_seed_writes_one_csv_file_per_table_without_touching_a_database(tmp_path: Path) -> None:
    args = ["seed", "--users", "5", "--days", "3", "--seed", "1", "--no-db", "--csv", str(tmp_path)]

    result = CliRunner().invoke(app, args)

    assert result.exit_code == 0, result.output
    assert "generated" in result.output
    assert "rows/s" not in result.output  # nothing was written to a database
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
