"""The supervisor of `pulsetrack run` restarts a child that exits, with growing backoff."""

import sys
import time

from pulsetrack.supervisor import STABLE_AFTER_S, Child, stop_children

EXITS_AT_ONCE = [sys.executable, "-c", "raise SystemExit(3)"]


def exited(child: Child) -> bool:
    assert child.process is not None
    child.process.wait(timeout=10)
    return True


def test_a_child_that_keeps_exiting_is_restarted_ever_more_slowly() -> None:
    child = Child("worker", EXITS_AT_ONCE)
    child.start()
    delays = []
    for _ in range(3):
        exited(child)
        now = time.monotonic()
        child.check(now)
        assert child.restart_at is not None
        delays.append(round(child.restart_at - now))
        child.check(child.restart_at)  # the backoff is over: started again
        assert child.restart_at is None
    assert delays == [1, 2, 4]
    stop_children([child])


def test_a_child_that_ran_long_enough_is_restarted_after_the_shortest_backoff() -> None:
    child = Child("worker", EXITS_AT_ONCE, crashes=5)
    child.start()
    exited(child)
    now = child.started_at + STABLE_AFTER_S + 1
    child.check(now)
    assert child.restart_at == now + 1
    assert child.crashes == 1


def test_stopping_ends_running_children_and_ignores_exited_ones() -> None:
    sleeper = Child("api", [sys.executable, "-c", "import time; time.sleep(60)"])
    gone = Child("beat", EXITS_AT_ONCE)
    sleeper.start()
    gone.start()
    exited(gone)
    stop_children([sleeper, gone])
    assert not sleeper.running()
