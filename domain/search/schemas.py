from datetime import date, datetime, timedelta
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from domain.schema_types import MAX_INT, PastDate, QueryDate, Text, WebhookUrl, WriteSchema

# A period read or computed on the request path stays this short; longer ones are a backfill job.
MAX_PERIOD_DAYS = 400
MAX_BULK_ROWS = 10_000


class SearchClickWrite(WriteSchema):
    search_query: Text = Field(min_length=1, max_length=255, examples=["blood pressure monitor"])
    clicks: int = Field(default=0, ge=0, le=MAX_INT, examples=[12])
    impressions: int = Field(default=0, ge=0, le=MAX_INT, examples=[340])
    search_date: PastDate = Field(default_factory=date.today)
    click_through_rate: float | None = Field(
        default=None,
        exclude=True,
        description="Derived from clicks and impressions by the database; a value sent is ignored.",
    )

    @model_validator(mode="after")
    def _clicks_within_impressions(self) -> "SearchClickWrite":
        if self.clicks > self.impressions:
            raise ValueError(
                f"clicks ({self.clicks}) cannot exceed impressions ({self.impressions})"
            )
        return self


class SearchClickRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    search_query: str
    clicks: int
    impressions: int
    search_date: date
    created_at: datetime

    @computed_field(description="clicks / impressions; null without impressions.")
    def click_through_rate(self) -> float | None:
        # The same division as the database's generated column, so the two always agree.
        return self.clicks / self.impressions if self.impressions else None


class SearchClickBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[SearchClickWrite] = Field(min_length=1, max_length=MAX_BULK_ROWS)


class StoredCount(BaseModel):
    created: int


class Period(BaseModel):
    """Days from `from` to `to`, both included."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    first_day: QueryDate = Field(alias="from")
    last_day: QueryDate = Field(alias="to")

    @model_validator(mode="after")
    def _in_order_and_bounded(self) -> "Period":
        if self.last_day < self.first_day:
            raise ValueError("`to` must not be before `from`")
        if (self.last_day - self.first_day) >= timedelta(days=MAX_PERIOD_DAYS):
            raise ValueError(f"a period spans at most {MAX_PERIOD_DAYS} days")
        return self


class TopQueriesQuery(Period):
    limit: int = Field(default=5, ge=1, le=100)
    min_impressions: int | None = Field(default=None, ge=1, le=MAX_INT)


class RankedQuery(BaseModel):
    query: str
    clicks: int
    impressions: int
    ctr: float
    wilson_lower_bound: float


class LowPerformer(BaseModel):
    query: str
    clicks: int
    impressions: int
    ctr: float


class TopQueries(BaseModel):
    first_day: date
    last_day: date
    min_impressions: int
    items: list[RankedQuery]


class SearchInsightRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    insight_date: date
    average_ctr: float | None = Field(description="Impression-weighted: clicks / impressions.")
    mean_query_ctr: float | None = Field(description="The plain mean of each query's CTR.")
    queries: int
    total_clicks: int
    total_impressions: int
    top_queries: list[RankedQuery]
    low_performance_queries: list[LowPerformer]
    definitions_version: str
    computed_at: datetime
    job_id: UUID | None = Field(description="The job that computed it.")


class InsightJobOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    webhook_url: WebhookUrl | None = None


class BackfillRequest(InsightJobOptions):
    first_day: date = Field(examples=["2026-01-01"])
    last_day: date = Field(description="Included.", examples=["2026-12-31"])


class SearchInsightPage(BaseModel):
    items: list[SearchInsightRead]
