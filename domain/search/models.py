from datetime import date
from uuid import UUID

from tortoise import fields
from tortoise.models import Model


class SearchClick(Model):
    """Clicks and impressions of one search query on one day (seed 002's `search_clicks`).

    A query may have several rows for a day (late data arrives as more rows); the insights add
    them up. `click_through_rate` is computed by PostgreSQL from the two counts (a generated
    column), so no client can store one that disagrees with them.
    """

    id = fields.IntField(primary_key=True, source_field="search_id")
    search_query = fields.CharField(max_length=255)
    clicks = fields.IntField(default=0)
    impressions = fields.IntField(default=0)
    click_through_rate = fields.FloatField(null=True, generated=True)
    search_date = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "search_clicks"


class SearchInsight(Model):
    """One day's click-through insights (seed 002's `search_insights`), upserted by date."""

    id = fields.IntField(primary_key=True)
    insight_date: date = fields.DateField(unique=True)
    # Impression-weighted: total clicks / total impressions. None for a day without impressions.
    average_ctr = fields.FloatField(null=True)
    mean_query_ctr = fields.FloatField(null=True)  # the plain mean of each query's CTR
    queries = fields.IntField()
    total_clicks = fields.BigIntField()
    total_impressions = fields.BigIntField()
    top_queries: list = fields.JSONField()
    low_performance_queries: list = fields.JSONField()
    definitions_version = fields.CharField(max_length=16)
    computed_at = fields.DatetimeField()
    job: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Job", null=True, on_delete=fields.SET_NULL, related_name="search_insights"
    )

    job_id: UUID | None

    class Meta:
        table = "search_insights"
