"""The API's relay for committed jobs: their messages go out in batches, off the request path.

A submission answers 202 as soon as its row commits and hands the job's message to this relay,
which publishes whatever has gathered in one thread hop and marks the batch published with one
UPDATE. A message it never sends (process killed, broker down) leaves `published_at` empty, and the
beat sweep re-sends that job: the relay makes publishing cheaper, the sweep keeps it safe.
"""

import asyncio
import contextlib
import logging

from domain.jobs.schemas import JobMessage
from domain.jobs.service import mark_published
from workers.publish import publish_jobs

logger = logging.getLogger(__name__)

MAX_BATCH = 200


class JobRelay:
    """Publishes queued job messages from a background task on the caller's event loop."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[JobMessage] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def send(self, message: JobMessage) -> None:
        """Queue `message` for publishing, starting the relay on this event loop if needed."""
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._queue = asyncio.Queue()
            self._task = loop.create_task(self._relay(self._queue), name="job-relay")
        self._queue.put_nowait(message)

    async def _relay(self, queue: asyncio.Queue[JobMessage]) -> None:
        while True:
            batch = [await queue.get()]
            while len(batch) < MAX_BATCH and not queue.empty():
                batch.append(queue.get_nowait())
            try:
                await mark_published(await asyncio.to_thread(publish_jobs, batch))
            except Exception:
                logger.exception("publishing %d jobs failed; the sweep re-sends them", len(batch))
            finally:
                for _ in batch:
                    queue.task_done()

    async def close(self, *, timeout_s: float) -> None:
        """Give queued messages up to `timeout_s` to go out, then stop the relay."""
        if self._task is None:
            return
        try:
            await asyncio.wait_for(self._queue.join(), timeout_s)
        except TimeoutError:
            unsent = self._queue.qsize()
            logger.warning("%d jobs not published at shutdown; the sweep will send them", unsent)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None
