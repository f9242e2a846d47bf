"""The API's relay for committed messages: they go out in batches, off the request path.

A request answers as soon as its rows commit and hands the messages it asked for to this relay,
which publishes whatever has gathered in one thread hop and marks the batch published with one
UPDATE. A message it never sends (process killed, broker down) leaves `published_at` empty, and the
beat sweep re-sends it: the relay makes publishing cheaper, the sweep keeps it safe.
"""

import asyncio
import contextlib
import logging
from collections.abc import Iterable

from domain.jobs.repository import mark_published
from domain.messaging import Message
from workers.publish import publish

logger = logging.getLogger(__name__)

MAX_BATCH = 200


class MessageRelay:
    """Publishes committed messages from a background task on the caller's event loop."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[Message] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def send(self, messages: Iterable[Message]) -> None:
        """Queue `messages` for publishing, starting the relay on this event loop if needed."""
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._queue = asyncio.Queue()
            self._task = loop.create_task(self._relay(self._queue), name="message-relay")
        for message in messages:
            self._queue.put_nowait(message)

    async def _relay(self, queue: asyncio.Queue[Message]) -> None:
        while True:
            batch = [await queue.get()]
            while len(batch) < MAX_BATCH and not queue.empty():
                batch.append(queue.get_nowait())
            try:
                await mark_published(await asyncio.to_thread(publish, batch))
            except Exception:
                logger.exception(
                    "publishing %d messages failed; the sweep re-sends them", len(batch)
                )
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
            logger.warning("%d messages not published at shutdown; the sweep sends them", unsent)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None
