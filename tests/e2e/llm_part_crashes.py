"""Loaded into a worker with `PULSETRACK_JOB_MODULES` to kill it in the middle of batch
extraction parts, once each way (a marker file in `CRASH_DIR` says it has happened):
- inside a part's transaction, after its texts' rows were written and before they commit;
- after a part committed, before its message is acknowledged.
It declares no job kind; it only wraps the real insert and watches the real tasks."""

import os
import signal
from pathlib import Path
from typing import Any

from celery.signals import task_postrun

from domain.llm import repository

CRASH_DIR = Path(os.environ.get("PULSETRACK_TEST_CRASH_DIR", "/nonexistent"))
PART_TASK = "llm.extract_batch.part"
_insert_batch_items = repository.insert_batch_items
_committed_parts = 0


def _first_time(name: str) -> bool:
    try:
        (CRASH_DIR / name).touch(exist_ok=False)
    except FileExistsError:
        return False
    return True


async def _insert_then_die_once(*args: Any, **kwargs: Any) -> None:
    await _insert_batch_items(*args, **kwargs)
    if _first_time("before-commit"):
        os.kill(os.getpid(), signal.SIGKILL)


repository.insert_batch_items = _insert_then_die_once


@task_postrun.connect
def _die_before_the_ack_once(task: Any = None, **_: Any) -> None:
    global _committed_parts
    if task is not None and task.name == PART_TASK:
        _committed_parts += 1
        if _committed_parts >= 2 and _first_time("after-commit"):
            os.kill(os.getpid(), signal.SIGKILL)
