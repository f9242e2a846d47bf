from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.contrib.postgres.fields import ArrayField
from tortoise.models import Model

from domain.health.metric_kinds import MetricKind


def _user() -> fields.ForeignKeyRelation:
    # Health data belongs to its user: deleting the user erases it (see README, "Deleting a user").
    return fields.ForeignKeyField("models.User", on_delete=fields.CASCADE, db_index=True)


class HealthMetric(Model):
    """One measurement of one kind (a "measurement" in seed 004), stored in its canonical unit."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = _user()
    kind = fields.CharEnumField(MetricKind, max_length=32)
    value = fields.FloatField()
    unit = fields.CharField(max_length=16)
    measured_at = fields.DatetimeField(db_index=True)
    source = fields.CharField(max_length=64, default="manual")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "health_metrics"
        indexes = (("user_id", "kind", "measured_at"),)


class PhysicalActivity(Model):
    """A user's activity for one day."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = _user()
    date = fields.DateField()
    steps = fields.IntField()
    active_minutes = fields.IntField()
    distance_km = fields.FloatField()
    calories = fields.FloatField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "physical_activities"
        unique_together = (("user", "date"),)


class SleepSession(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = _user()
    start = fields.DatetimeField(db_index=True)
    end = fields.DatetimeField()
    duration_minutes = fields.FloatField()
    quality = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sleep_sessions"


class BloodTest(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = _user()
    taken_at = fields.DatetimeField(db_index=True)
    fasting_glucose_mg_dl = fields.FloatField(null=True)
    hba1c_percent = fields.FloatField(null=True)
    total_cholesterol_mg_dl = fields.FloatField(null=True)
    ldl_mg_dl = fields.FloatField(null=True)
    hdl_mg_dl = fields.FloatField(null=True)
    triglycerides_mg_dl = fields.FloatField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "blood_tests"


class Meal(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = _user()
    eaten_at = fields.DatetimeField(db_index=True)
    description = fields.CharField(max_length=500)
    calories = fields.FloatField()
    protein_g = fields.FloatField(null=True)
    carbohydrate_g = fields.FloatField(null=True)
    fat_g = fields.FloatField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "meals"


class AppointmentStatus(StrEnum):
    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no-show"


class Appointment(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = _user()
    scheduled_at = fields.DatetimeField(db_index=True)
    clinician = fields.CharField(max_length=255)
    reason = fields.CharField(max_length=500)
    status = fields.CharEnumField(
        AppointmentStatus, max_length=16, default=AppointmentStatus.SCHEDULED
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "appointments"


class Report(Model):
    """A generated report about a user over a period, and the job that produced it."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation = _user()
    kind = fields.CharField(max_length=64)
    period_start = fields.DateField()
    period_end = fields.DateField()
    content: dict = fields.JSONField()
    job: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Job", null=True, on_delete=fields.SET_NULL, related_name="reports"
    )
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "reports"


class HealthScoreRun(Model):
    """One scoring of the whole population: its distribution, by band and by cohort. The
    per-user results are `reports` of kind `health_score` made by the same job."""

    id = fields.IntField(primary_key=True)
    # Business data, kept when retention purges its job (the link then becomes null).
    job: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Job",
        null=True,
        on_delete=fields.SET_NULL,
        related_name="health_score_runs",
        unique=True,
    )
    as_of = fields.DateField()
    window_days = fields.IntField()
    lab_window_days = fields.IntField()
    method_version = fields.CharField(max_length=16)
    users = fields.IntField()
    scored = fields.IntField()
    bands: dict = fields.JSONField()
    cohorts: list = fields.JSONField()
    with_reports = fields.BooleanField()  # False: made for one user's percentiles only
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    completed_at = fields.DatetimeField(null=True)

    job_id: UUID | None

    class Meta:
        table = "health_score_runs"


class HealthScoreDistribution(Model):
    """The sorted scores of one component (or the overall score) in one cohort of a run: what a
    single user's percentile is read against."""

    id = fields.IntField(primary_key=True)
    run: fields.ForeignKeyRelation[HealthScoreRun] = fields.ForeignKeyField(
        "models.HealthScoreRun", on_delete=fields.CASCADE, related_name="distributions"
    )
    cohort = fields.CharField(max_length=32)  # "40-49/female", or "population"
    component = fields.CharField(max_length=32)  # a component's name, or "overall"
    scores: list = ArrayField(element_type="real")

    class Meta:
        table = "health_score_distributions"
        unique_together = (("run", "cohort", "component"),)
