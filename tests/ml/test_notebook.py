"""The analysis notebook runs top to bottom, on a freshly seeded database and on the sample, and
its committed outputs are those of the sample.

The database is a separate one on the test server, filled by the real `pulsetrack seed` command,
so the notebook reads exactly what an operator would have after seeding.
"""

import asyncio
import re
import subprocess
from collections.abc import Iterator

import asyncpg
import nbformat
import pytest

from ml.notebooks.execute import NOTEBOOK, execute, sample_environment
from pulsetrack.database import recreate_database, with_database
from pulsetrack.settings import Settings
from tests.harness import PULSETRACK

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


def text_of(notebook: nbformat.NotebookNode) -> str:
    """Everything the cells printed. Joined as printed: the kernel may cut one cell's printing into
    several stream outputs, more often on a busy machine, and where it cuts is not content."""
    return "".join(
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


def test_the_notebook_runs_on_a_seeded_database(seeded_database_url: str) -> None:
    notebook = execute(sample_environment() | {"PULSETRACK_DATABASE_URL": seeded_database_url})

    text = text_of(notebook)
    assert "loaded from the PulseTrack database" in text
    assert "implausible metric values: 0" in text
    assert re.search(r"scored \d+ of 150 users", text)
    assert plots_in(notebook) >= 9


def test_the_committed_outputs_are_what_the_committed_sample_gives() -> None:
    """The notebook is committed executed on data/sample, so that a code host shows its figures;
    if this fails, run `python -m ml.notebooks.execute` and commit the notebook."""
    committed = nbformat.read(NOTEBOOK, as_version=4)

    notebook = execute()

    text = text_of(notebook)
    assert "loaded from the sample in data/sample" in text
    assert "units after conversion" in text
    assert "scored 40 of 40 users over 14 days" in text
    assert text_of(committed) == text
    assert plots_in(committed) == plots_in(notebook) >= 9
