"""What the health score endpoints take and return (the report content is described in
docs/health-score.md, "The result")."""

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.schema_types import MAX_INT, PastDate, QueryTimestamp, WebhookUrl


class ScoreJobOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: PastDate | None = Field(
        default=None, description="Score the window ending the day before (default today)."
    )
    webhook_url: WebhookUrl | None = None


class HealthScoreQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    computed_before: QueryTimestamp | None = Field(
        default=None, description="The latest score computed before this time (history)."
    )


class LegacyHealthScoreQuery(HealthScoreQuery):
    user_id: int = Field(ge=1, le=MAX_INT)


class HealthScoreRead(BaseModel):
    """A user's health score as computed by one job (a `health_score` report)."""

    user_id: int
    computed_at: datetime
    job_id: UUID | None
    status: Literal["scored", "insufficient_data"]
    score: float | None = Field(default=None, description="0-100; absent without enough data.")
    band: Literal["high", "moderate", "low"] | None = None
    percentile: float | None = Field(
        default=None, description="Share of the cohort scoring lower (ties count half), in %."
    )
    cohort: dict[str, Any]
    components: dict[str, Any] = Field(default_factory=dict)
    missing: list[dict[str, str]]
    coverage: dict[str, int]
    factors: dict[str, list[str]] | None = None
    method_version: str
    window: dict[str, Any]


class CohortScores(BaseModel):
    age_band: str
    sex: str
    users: int
    scored: int
    mean: float | None
    median: float | None
    bands: dict[str, int]


class PopulationScores(BaseModel):
    """How the population scored in the latest completed run."""

    model_config = ConfigDict(from_attributes=True)

    job_id: UUID | None = Field(
        description="The job that computed it; null once retention has removed that job."
    )
    as_of: date
    window_days: int
    lab_window_days: int
    method_version: str
    users: int
    scored: int
    bands: dict[str, int]
    cohorts: list[CohortScores]
    created_at: datetime
    completed_at: datetime | None
