"""Loaded into a worker with `PULSETRACK_JOB_MODULES` to kill it once in the middle of a batch
prediction part: inside the part's transaction, after its predictions were copied and before
they commit (a marker file in `CRASH_DIR` says it has happened). It declares no job kind."""

import os
import signal
from pathlib import Path
from typing import Any

from domain.delivery import repository

CRASH_DIR = Path(os.environ.get("PULSETRACK_TEST_CRASH_DIR", "/nonexistent"))
_copy_predictions = repository.copy_predictions


async def _copy_then_die_once(*args: Any, **kwargs: Any) -> None:
    await _copy_predictions(*args, **kwargs)
    try:
        (CRASH_DIR / "before-commit").touch(exist_ok=False)
    except FileExistsError:
        return
    os.kill(os.getpid(), signal.SIGKILL)


repository.copy_predictions = _copy_then_die_once
