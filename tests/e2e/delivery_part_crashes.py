"""Loaded into a worker with `PULSETRACK_JOB_MODULES` to kill it once in the middle of each kind
of delivery work:
- a batch prediction part: after its predictions were copied, before they commit;
- a batch of retry attempts: after its attempts were copied, before they commit."""

from domain.delivery import repository, retries
from tests.e2e.part_crashes import die_after_once

die_after_once(repository, "copy_predictions", "before-commit")
die_after_once(retries, "_store_attempts", "attempts-before-commit")
