"""Finding jobs and parts with no live message (never sent, or lost) so they are sent again."""

from domain.jobs import repository
from domain.messaging import send_after_commit
from pulsetrack.settings import Settings


async def reissue_lost_messages(
    *, settings: Settings, limit: int = 1000, broker_emptied: bool = False
) -> int:
    """Give each queued job, queued part and unfinished fan-out job with no live message a new
    message id, and ask for it to be sent; return how many.

    With `broker_emptied` (the broker restarted without its data) every message published so far
    is lost, not only those older than `republish_after_s`: all of them are reissued, in batches.
    A new message id makes any copy of the old message stale, so a job still never runs twice.
    """
    republish_after_s = 0 if broker_emptied else settings.republish_after_s
    total = 0
    while True:
        messages = await repository.reissue_unpublished(
            grace_s=settings.publish_grace_s, republish_after_s=republish_after_s, limit=limit
        )
        for message in messages:
            send_after_commit(message)
        total += len(messages)
        if not broker_emptied or len(messages) < limit:
            return total
