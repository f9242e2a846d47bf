"""Finding queued jobs with no live message (never sent, or lost) so they can be re-sent."""

from tortoise import connections

from domain.jobs.schemas import JobMessage
from pulsetrack.settings import Settings

# A fresh message id makes any earlier message for the job stale, so it can never run twice.
_REISSUE_SQL = """
UPDATE jobs SET message_id = gen_random_uuid(), published_at = NULL, updated_at = now()
WHERE id IN (
    SELECT id FROM jobs
    WHERE status = 'queued'
      AND ((published_at IS NULL AND created_at < now() - make_interval(secs => $1))
           OR published_at < now() - make_interval(secs => $2))
    ORDER BY created_at LIMIT $3
    FOR UPDATE SKIP LOCKED
)
RETURNING id, kind, message_id
"""


async def reissue_unpublished_jobs(*, settings: Settings, limit: int = 1000) -> list[JobMessage]:
    """Give each queued job with no live message a new message id; the caller publishes them."""
    rows = await connections.get("default").execute_query_dict(
        _REISSUE_SQL, [settings.publish_grace_s, settings.republish_after_s, limit]
    )
    return [JobMessage(row["id"], row["kind"], row["message_id"]) for row in rows]
