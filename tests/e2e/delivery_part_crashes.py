"""Loaded into a worker with `PULSETRACK_JOB_MODULES` to kill it once in the middle of each kind
of delivery work (a marker file in `CRASH_DIR` says it has happened):
- a batch prediction part: after its predictions were copied, before they commit;
- a batch of retry attempts: after its attempts were copied, before they commit.
It declares no job kind; it only wraps the real writes."""

import os
import signal
from pathlib import Path
from typing import Any

from domain.delivery import repository, retries

CRASH_DIR = Path(os.environ.get("PULSETRACK_TEST_CRASH_DIR", "/nonexistent"))
_copy_predictions = repository.copy_predictions
_store_attempts = retries._store_attempts


def _die_the_first_time(marker: str) -> None:
    try:
        (CRASH_DIR / marker).touch(exist_ok=False)
    except FileExistsError:
        return
    os.kill(os.getpid(), signal.SIGKILL)


async def _copy_then_die_once(*args: Any, **kwargs: Any) -> None:
    await _copy_predictions(*args, **kwargs)
    _die_the_first_time("before-commit")


async def _store_then_die_once(*args: Any, **kwargs: Any) -> None:
    await _store_attempts(*args, **kwargs)
    _die_the_first_time("attempts-before-commit")


repository.copy_predictions = _copy_then_die_once
retries._store_attempts = _store_then_die_once
