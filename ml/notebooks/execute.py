"""Run the analysis notebook on the committed sample and save it with its outputs, so that its
figures show wherever the notebook is read (a code host renders them without running anything).

    .venv/bin/python -m ml.notebooks.execute

`tests/ml/test_notebook.py` runs it again and fails if the committed outputs are stale.
"""

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent / "health_data_analysis.ipynb"
# Variables that would make the notebook read something other than data/sample.
DATA_SOURCES = ("PULSETRACK_CSV_DIR", "PULSETRACK_DATABASE_URL")


def sample_environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in DATA_SOURCES}


def execute(env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Every cell run in a fresh kernel; a cell that raises stops it with the error."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute(env=env if env is not None else sample_environment())
    return notebook


def main() -> None:
    nbformat.write(execute(), NOTEBOOK)
    print(f"executed {NOTEBOOK} on data/sample")


if __name__ == "__main__":
    main()
