"""The analysis notebook runs top to bottom, on a freshly seeded database and on the sample.

The database is a separate one on the test server, filled by the real `pulsetrack seed` command,
so the notebook reads exactly what an operator would have after seeding.
"""

import asyncio
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import nbformat
import pytest
from nbclient import NotebookClient

from pulsetrack.database import recreate_database, with_database
from pulsetrack.settings import Settings
from tests.harness import PULSETRACK

NOTEBOOK = Path(__file__).resolve().parents[2] / "ml" / "notebooks" / "health_data_analysis.ipynb"
NOTEBOOK_DATABASE = "pulsetrack_test_notebook"


async def _drop_database(server_url: str, database: str) -> None:
    connection = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        await connection.close()


@pytest.fixture(scope="module")
def seeded_database_url(settings: Settings, process_env: dict[str, str]) -> Iterator[str]:
    asyncio.run(recreate_database(settings.database_url, NOTEBOOK_DATABASE))
    url = with_database(settings.database_url, NOTEBOOK_DATABASE)
    seed = [*PULSETRACK, "seed", "--users", "150", "--days", "28", "--seed", "5"]
    env = process_env | {"PULSETRACK_DATABASE_URL": url}
    output = subprocess.run(seed, env=env, check=True, capture_output=True, text=True).stdout
    assert "rows/s" in output.splitlines()[-1]
    yield url
    asyncio.run(_drop_database(settings.database_url, NOTEBOOK_DATABASE))


def run_notebook(env: dict[str, str]) -> nbformat.NotebookNode:
    """Execute every cell in a fresh kernel; a cell that raises fails the test."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute(env=env)
    return notebook


def text_of(notebook: nbformat.NotebookNode) -> str:
    return "\n".join(
        output.get("text", "")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    )


def plots_in(notebook: nbformat.NotebookNode) -> int:
    return sum(
        "image/png" in output.get("data", {})
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )


def kernel_env(**overrides: str) -> dict[str, str]:
    """This process's environment without the variables that choose the notebook's data."""
    chooses_data = {"PULSETRACK_CSV_DIR", "PULSETRACK_DATABASE_URL", "MPLBACKEND"}
    return {k: v for k, v in os.environ.items() if k not in chooses_data} | overrides


def test_the_committed_notebook_has_no_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]

    assert code
    assert all(not cell.outputs and cell.execution_count is None for cell in code)


def test_the_notebook_runs_on_a_seeded_database(seeded_database_url: str) -> None:
    notebook = run_notebook(kernel_env(PULSETRACK_DATABASE_URL=seeded_database_url))

    text = text_of(notebook)
    assert "loaded from the PulseTrack database" in text
    assert "implausible metric values: 0" in text
    assert plots_in(notebook) >= 8


def test_the_notebook_runs_on_the_committed_sample() -> None:
    notebook = run_notebook(kernel_env())

    text = text_of(notebook)
    assert "loaded from the sample in data/sample" in text
    assert "units after conversion" in text
    assert plots_in(notebook) >= 8
