"""Loaded into a worker with `PULSETRACK_JOB_MODULES` to kill it in the middle of batch
extraction parts, once each way:
- inside a part's transaction, after its texts' rows were written and before they commit;
- after a part committed, before its message is acknowledged."""

from domain.llm import repository
from tests.e2e.part_crashes import die_after_once, die_before_an_ack_once

die_after_once(repository, "insert_batch_items", "before-commit")
die_before_an_ack_once("llm.extract_batch.part")
