"""Finding jobs and parts with no live message (never sent, or lost) so they are sent again."""

from domain.jobs import repository
from domain.messaging import send_after_commit
from pulsetrack.settings import Settings


async def reissue_lost_messages(*, settings: Settings, limit: int = 1000) -> int:
    """Give each queued job, queued part and unfinished fan-out job with no live message a new
    message id, and ask for it to be sent; return how many."""
    messages = await repository.reissue_unpublished(
        grace_s=settings.publish_grace_s,
        republish_after_s=settings.republish_after_s,
        limit=limit,
    )
    for message in messages:
        send_after_commit(message)
    return len(messages)
