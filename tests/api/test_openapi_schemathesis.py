"""`st run --checks all` over the live document, as a client's CI would run it: every phase
(examples, coverage, fuzzing, stateful), every check, and no finding.

The one tightened check is explained in `schemathesis_hooks.py` (business rules a JSON Schema
cannot state may refuse a schema-valid request, and only they). Raise PULSETRACK_ST_EXAMPLES for
a longer run; the seed of a failing run is in its output (`st run --seed ...` replays it).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ST = Path(sys.executable).with_name("st")
EXAMPLES = os.environ.get("PULSETRACK_ST_EXAMPLES", "10")


@pytest.mark.timeout(1500)  # a longer run (PULSETRACK_ST_EXAMPLES) is limited by `st`'s own
def test_schemathesis_with_every_check_finds_nothing(
    live_api: str, live_api_key: str, process_env: dict[str, str], tmp_path: Path
) -> None:
    argv = [
        str(ST),
        "--config-file",
        str(ROOT / "tests/api/schemathesis.toml"),
        "run",
        f"{live_api}/openapi.json",
        "--checks",
        "all",
        "--header",
        f"Authorization: Bearer {live_api_key}",
        "--max-examples",
        EXAMPLES,
        "--workers",
        "2",
        "--no-color",
    ]
    env = process_env | {
        "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
        "PYTHONPATH": str(ROOT),
    }

    # In a directory of its own: schemathesis keeps a cache of earlier runs' findings there.
    done = subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=1200)

    assert done.returncode == 0, done.stdout[-30_000:] + done.stderr[-3_000:]
