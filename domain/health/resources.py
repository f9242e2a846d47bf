from domain.health import models, schemas
from domain.resources import Resource

HEALTH_METRICS = Resource(
    name="health metric",
    model=models.HealthMetric,
    write_schema=schemas.HealthMetricWrite,
    read_schema=schemas.HealthMetricRead,
    time_field="measured_at",
    sort_fields=("measured_at", "value", "kind", "id"),
)
PHYSICAL_ACTIVITIES = Resource(
    name="physical activity",
    model=models.PhysicalActivity,
    write_schema=schemas.PhysicalActivityWrite,
    read_schema=schemas.PhysicalActivityRead,
    time_field="date",
    sort_fields=("date", "steps", "active_minutes", "id"),
    conflict_messages={
        "uid_physical_ac_user_id_dcec46": "the user already has activity for this date"
    },
)
SLEEP_SESSIONS = Resource(
    name="sleep session",
    model=models.SleepSession,
    write_schema=schemas.SleepSessionWrite,
    read_schema=schemas.SleepSessionRead,
    time_field="start",
    sort_fields=("start", "duration_minutes", "quality", "id"),
)
BLOOD_TESTS = Resource(
    name="blood test",
    model=models.BloodTest,
    write_schema=schemas.BloodTestWrite,
    read_schema=schemas.BloodTestRead,
    time_field="taken_at",
    sort_fields=("taken_at", "id"),
)
MEALS = Resource(
    name="meal",
    model=models.Meal,
    write_schema=schemas.MealWrite,
    read_schema=schemas.MealRead,
    time_field="eaten_at",
    sort_fields=("eaten_at", "calories", "id"),
)
APPOINTMENTS = Resource(
    name="appointment",
    model=models.Appointment,
    write_schema=schemas.AppointmentWrite,
    read_schema=schemas.AppointmentRead,
    time_field="scheduled_at",
    sort_fields=("scheduled_at", "status", "id"),
)
REPORTS = Resource(
    name="report",
    model=models.Report,
    write_schema=schemas.ReportWrite,
    read_schema=schemas.ReportRead,
    time_field="created_at",
    sort_fields=("created_at", "period_start", "id"),
)
