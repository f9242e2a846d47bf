"""Write schemas validate and normalise health data; read schemas show it as stored.

Each entity has `<Entity>Fields` (what a client sends under `/users/{id}/...`) and
`<Entity>Write` (the same plus `user_id`, for the top-level collections).
"""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from domain.health.metric_kinds import METRIC_SPECS, MetricKind, canonical_value
from domain.health.models import AppointmentStatus
from domain.schema_types import (
    PastDate,
    PastTimestamp,
    RecordId,
    Text,
    Timestamp,
    WriteSchema,
    say_blank_is_empty,
)

MAX_SLEEP_MINUTES = 24 * 60


class ReadSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int


class HealthMetricFields(WriteSchema):
    kind: MetricKind
    unit: Text | None = Field(
        default=None, max_length=16, description="Defaults to the kind's canonical unit."
    )
    value: float = Field(examples=[36.8])
    measured_at: PastTimestamp
    source: Text = Field(default="manual", min_length=1, max_length=64)

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind")
        if unit is not None and kind is not None and unit not in METRIC_SPECS[kind].units:
            raise ValueError(f"must be one of: {', '.join(METRIC_SPECS[kind].units)}")
        return unit

    @field_validator("value")
    @classmethod
    def _plausible_value(cls, value: float, info: ValidationInfo) -> float:
        kind = info.data.get("kind")
        if kind is None or "unit" not in info.data:
            return value  # kind or unit already failed; that error is reported
        return canonical_value(kind, value, info.data["unit"])[0]

    @model_validator(mode="after")
    def _canonical_unit(self) -> "HealthMetricFields":
        self.unit = METRIC_SPECS[self.kind].unit
        return self


class HealthMetricWrite(HealthMetricFields):
    user_id: RecordId


class HealthMetricRead(ReadSchema):
    kind: MetricKind
    value: float
    unit: str
    measured_at: datetime
    source: str
    created_at: datetime


class PhysicalActivityFields(WriteSchema):
    date: PastDate
    steps: int = Field(ge=0, le=150_000, examples=[8400])
    active_minutes: int = Field(ge=0, le=1440, examples=[45])
    distance_km: float = Field(ge=0, le=300, examples=[6.1])
    calories: float = Field(ge=0, le=20_000, examples=[2300])


class PhysicalActivityWrite(PhysicalActivityFields):
    user_id: RecordId


class PhysicalActivityRead(ReadSchema):
    date: date
    steps: int
    active_minutes: int
    distance_km: float
    calories: float
    created_at: datetime


class SleepSessionFields(WriteSchema):
    start: PastTimestamp
    end: PastTimestamp
    quality: int | None = Field(default=None, ge=1, le=5, description="1 (poor) to 5 (excellent)")
    duration_minutes: float | None = Field(
        default=None, description="Derived from start and end; a value sent is ignored."
    )

    @field_validator("end")
    @classmethod
    def _after_start(cls, end: datetime, info: ValidationInfo) -> datetime:
        start = info.data.get("start")
        if start is not None:
            if end <= start:
                raise ValueError("must be after start")
            if (end - start).total_seconds() / 60 > MAX_SLEEP_MINUTES:
                raise ValueError("a sleep session cannot last more than 24 hours")
        return end

    @model_validator(mode="after")
    def _derive_duration(self) -> "SleepSessionFields":
        self.duration_minutes = round((self.end - self.start).total_seconds() / 60, 2)
        return self


class SleepSessionWrite(SleepSessionFields):
    user_id: RecordId


class SleepSessionRead(ReadSchema):
    start: datetime
    end: datetime
    duration_minutes: float
    quality: int | None
    created_at: datetime


BLOOD_TEST_RESULTS = (
    "fasting_glucose_mg_dl",
    "hba1c_percent",
    "total_cholesterol_mg_dl",
    "ldl_mg_dl",
    "hdl_mg_dl",
    "triglycerides_mg_dl",
)


def _one_result_required(schema: dict[str, Any]) -> None:
    say_blank_is_empty(schema)
    schema["anyOf"] = [
        {"required": [name], "properties": {name: {"type": "number"}}}
        for name in BLOOD_TEST_RESULTS
    ]


class BloodTestFields(WriteSchema):
    # The document states the rule below, so that clients (and schemathesis) send a result.
    model_config = ConfigDict(json_schema_extra=_one_result_required)

    taken_at: PastTimestamp
    fasting_glucose_mg_dl: float | None = Field(default=None, ge=20, le=600, examples=[92])
    hba1c_percent: float | None = Field(default=None, ge=3, le=20, examples=[5.4])
    total_cholesterol_mg_dl: float | None = Field(default=None, ge=50, le=800)
    ldl_mg_dl: float | None = Field(default=None, ge=10, le=500)
    hdl_mg_dl: float | None = Field(default=None, ge=5, le=200)
    triglycerides_mg_dl: float | None = Field(default=None, ge=10, le=5000)

    @model_validator(mode="after")
    def _has_a_result(self) -> "BloodTestFields":
        if all(getattr(self, name) is None for name in BLOOD_TEST_RESULTS):
            raise ValueError(
                f"a blood test needs at least one result: {', '.join(BLOOD_TEST_RESULTS)}"
            )
        return self


class BloodTestWrite(BloodTestFields):
    user_id: RecordId


class BloodTestRead(ReadSchema):
    taken_at: datetime
    fasting_glucose_mg_dl: float | None
    hba1c_percent: float | None
    total_cholesterol_mg_dl: float | None
    ldl_mg_dl: float | None
    hdl_mg_dl: float | None
    triglycerides_mg_dl: float | None
    created_at: datetime


class MealFields(WriteSchema):
    eaten_at: PastTimestamp
    description: Text = Field(min_length=1, max_length=500, examples=["Oatmeal with berries"])
    calories: float = Field(ge=0, le=10_000, examples=[350])
    protein_g: float | None = Field(default=None, ge=0, le=1000)
    carbohydrate_g: float | None = Field(default=None, ge=0, le=1000)
    fat_g: float | None = Field(default=None, ge=0, le=1000)


class MealWrite(MealFields):
    user_id: RecordId


class MealRead(ReadSchema):
    eaten_at: datetime
    description: str
    calories: float
    protein_g: float | None
    carbohydrate_g: float | None
    fat_g: float | None
    created_at: datetime


class AppointmentFields(WriteSchema):
    scheduled_at: Timestamp
    clinician: Text = Field(min_length=1, max_length=255, examples=["Dr. Grace Hopper"])
    reason: Text = Field(min_length=1, max_length=500, examples=["Annual check-up"])
    status: AppointmentStatus = AppointmentStatus.SCHEDULED


class AppointmentWrite(AppointmentFields):
    user_id: RecordId


class AppointmentRead(ReadSchema):
    scheduled_at: datetime
    clinician: str
    reason: str
    status: AppointmentStatus
    created_at: datetime


class ReportFields(WriteSchema):
    kind: Text = Field(min_length=1, max_length=64, examples=["weekly_summary"])
    period_start: PastDate
    period_end: PastDate
    content: dict[str, Any] = Field(examples=[{"average_steps": 8120}])
    job_id: UUID | None = Field(default=None, description="The job that produced the report.")

    @field_validator("period_end")
    @classmethod
    def _not_before_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("period_start")
        if start is not None and end < start:
            raise ValueError("must not be before period_start")
        return end


class ReportWrite(ReportFields):
    user_id: RecordId


class ReportRead(ReadSchema):
    kind: str
    period_start: date
    period_end: date
    content: dict[str, Any]
    job_id: UUID | None
    created_at: datetime
