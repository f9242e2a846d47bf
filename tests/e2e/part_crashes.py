"""What the crash modules share. Each is loaded into a worker with `PULSETRACK_JOB_MODULES` and
kills it (SIGKILL) once at a chosen point of real work; a marker file in `CRASH_DIR` says the
crash has happened, so the restarted worker carries on undisturbed. They declare no job kind."""

import os
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from celery.signals import task_postrun

CRASH_DIR = Path(os.environ.get("PULSETRACK_TEST_CRASH_DIR", "/nonexistent"))


def die_the_first_time(marker: str) -> None:
    """SIGKILL this process, unless the crash at `marker` has happened already."""
    try:
        (CRASH_DIR / marker).touch(exist_ok=False)
    except FileExistsError:
        return
    os.kill(os.getpid(), signal.SIGKILL)


def die_after_once(owner: ModuleType, name: str, marker: str) -> None:
    """Replace the coroutine `owner.name` by one that runs it, then dies once: after its rows
    were written and before its transaction commits."""
    write: Callable[..., Awaitable[Any]] = getattr(owner, name)

    async def write_then_die_once(*args: Any, **kwargs: Any) -> Any:
        written = await write(*args, **kwargs)
        die_the_first_time(marker)
        return written

    setattr(owner, name, write_then_die_once)


def die_before_an_ack_once(part_task: str, *, after_parts: int = 2) -> None:
    """Die once after the `after_parts`-th part of this process committed, before its message is
    acknowledged."""
    committed = 0

    def count_then_die_once(task: Any = None, **_: Any) -> None:
        nonlocal committed
        if task is not None and task.name == part_task:
            committed += 1
            if committed >= after_parts:
                die_the_first_time("after-commit")

    task_postrun.connect(count_then_die_once, weak=False)
