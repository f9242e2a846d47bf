"""The stored entities' folders: the same requests for each, with its own bodies and errors.

Each folder adds two records (one under `/users/{id}/...`, one with `user_id` in the body), reads
and lists them, shows the entity's own error cases, replaces and patches the first, and deletes the
second. The first stays until the user is deleted in the clean-up.
"""

from dataclasses import dataclass, field
from typing import Any

from docs.postman.collection import Folder, Step, Var, ids_include, location_is

USER_ID = Var("userId")
JOB_ID = Var("jobId")


@dataclass(frozen=True)
class Entity:
    """One stored entity and the bodies its folder sends (without `user_id`)."""

    title: str
    noun: str
    path: str
    var: str
    first: dict[str, Any]
    second: dict[str, Any]
    replacement: dict[str, Any]
    patch: dict[str, Any]
    query: str  # time range and sort for the filtered list
    description: str = ""
    derived: dict[str, dict[str, Any]] = field(default_factory=dict)  # body -> fields it derives
    extra: tuple[Step, ...] = ()  # after the lists: errors and anything particular to it

    @property
    def second_var(self) -> str:
        return "second" + self.var[0].upper() + self.var[1:]

    @property
    def users_path(self) -> str:
        return f"/users/{{{{userId}}}}/{self.path}"

    def record_path(self, var: str) -> str:
        """The path of the record whose id is in the collection variable `var`."""
        return f"/{self.path}/{{{{{var}}}}}"

    def expected(self, body_name: str) -> dict[str, Any]:
        """What the API returns for the field `body_name`: that body, what it derives, user_id."""
        body = getattr(self, body_name)
        return {**body, **self.derived.get(body_name, {}), "user_id": USER_ID}


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _creates(entity: Entity) -> list[Step]:
    return [
        Step(
            f"Add {_a(entity.noun)} for the user",
            "POST",
            entity.users_path,
            201,
            body=entity.first,
            expect=entity.expected("first"),
            save={entity.var: "id"},
            tests=(location_is(f"/{entity.path}/"),),
        ),
        Step(
            f"Create {_a(entity.noun)} with user_id",
            "POST",
            f"/{entity.path}",
            201,
            body={"user_id": USER_ID, **entity.second},
            expect=entity.expected("second"),
            save={entity.second_var: "id"},
        ),
    ]


def _reads(entity: Entity) -> list[Step]:
    both = (ids_include(entity.var), ids_include(entity.second_var))
    return [
        Step(
            f"Get {_a(entity.noun)}",
            "GET",
            entity.record_path(entity.var),
            200,
            expect={**entity.expected("first"), "id": Var(entity.var)},
        ),
        Step(
            f"List {entity.title.lower()} by user, time range and sort order",
            "GET",
            f"/{entity.path}?user_id={{{{userId}}}}&{entity.query}&limit=50",
            200,
            tests=both,
        ),
        Step(
            f"List the user's {entity.title.lower()}",
            "GET",
            entity.users_path,
            200,
            tests=(
                *both,
                'pm.test("has exactly those two", () => pm.expect(body.items).to.have.length(2));',
            ),
        ),
    ]


def _writes(entity: Entity) -> list[Step]:
    record = entity.record_path(entity.var)
    second = entity.record_path(entity.second_var)
    replaced = entity.expected("replacement")
    return [
        Step(
            f"Replace {_a(entity.noun)}",
            "PUT",
            record,
            200,
            body={"user_id": USER_ID, **entity.replacement},
            expect=replaced,
        ),
        Step(
            f"Patch {_a(entity.noun)}",
            "PATCH",
            record,
            200,
            body=entity.patch,
            expect={**replaced, **entity.expected("patch")},
        ),
        Step(f"Delete {_a(entity.noun)}", "DELETE", second, 204),
        Step(f"Get the deleted {entity.noun}", "GET", second, 404),
    ]


def entity_folder(entity: Entity) -> Folder:
    steps = [*_creates(entity), *_reads(entity), *entity.extra, *_writes(entity)]
    return Folder(entity.title, entity.description, steps)


HEALTH_METRICS = Entity(
    title="Health metrics",
    noun="health metric",
    path="health-metrics",
    var="healthMetricId",
    description="Readings of one kind each (heart rate, temperature, blood pressure, weight, "
    "SpO2, glucose, respiratory rate), stored in the kind's canonical unit. Implausible values "
    "are refused with 422.",
    first={
        "kind": "heart_rate",
        "value": 62,
        "unit": "bpm",
        "measured_at": "2025-03-10T07:30:00Z",
        "source": "apple_watch",
    },
    second={
        "kind": "temperature",
        "value": 98.6,
        "unit": "fahrenheit",
        "measured_at": "2025-03-10T08:00:00Z",
    },
    derived={"second": {"value": 37.0, "unit": "celsius", "source": "manual"}},
    replacement={
        "kind": "heart_rate",
        "value": 64,
        "measured_at": "2025-03-10T07:30:00Z",
        "source": "apple_watch",
    },
    patch={"value": 58},
    query="from=2025-03-10T00:00:00Z&to=2025-03-11T00:00:00Z&sort=-measured_at",
    extra=(
        Step(
            "List health metrics one per page",
            "GET",
            "/users/{{userId}}/health-metrics?sort=measured_at&limit=1",
            200,
            description="`next_cursor` is set while there is more; pass it as `cursor`.",
            tests=(
                'pm.test("has one and a cursor", () => {',
                "    pm.expect(body.items).to.have.length(1);",
                "    pm.expect(body.next_cursor).to.be.a('string');",
                "});",
                'pm.collectionVariables.set("metricsCursor", body.next_cursor);',
            ),
        ),
        Step(
            "List the next page of health metrics",
            "GET",
            "/users/{{userId}}/health-metrics?sort=measured_at&limit=1&cursor={{metricsCursor}}",
            200,
            tests=(
                'pm.test("has the later one and no cursor", () => {',
                "    pm.expect(body.items.map((r) => r.id))"
                '.to.eql([pm.collectionVariables.get("secondHealthMetricId")]);',
                "    pm.expect(body.next_cursor).to.be.null;",
                "});",
            ),
        ),
        Step(
            "Add an implausible health metric",
            "POST",
            "/users/{{userId}}/health-metrics",
            422,
            body={"kind": "temperature", "value": 400, "measured_at": "2025-03-10T08:00:00Z"},
            description="A temperature of 400 °C is a typo, not data.",
            problem_fields=("value",),
        ),
        Step(
            "Add a health metric in a unit its kind does not use",
            "POST",
            "/users/{{userId}}/health-metrics",
            422,
            body={
                "kind": "heart_rate",
                "value": 62,
                "unit": "kg",
                "measured_at": "2025-03-10T08:00:00Z",
            },
            problem_fields=("unit",),
        ),
    ),
)

PHYSICAL_ACTIVITIES = Entity(
    title="Physical activities",
    noun="physical activity",
    path="physical-activities",
    var="activityId",
    description="Daily activity: one row per user and day.",
    first={
        "date": "2025-03-10",
        "steps": 8400,
        "active_minutes": 45,
        "distance_km": 6.1,
        "calories": 2300,
    },
    second={
        "date": "2025-03-11",
        "steps": 11250,
        "active_minutes": 72,
        "distance_km": 8.4,
        "calories": 2610,
    },
    replacement={
        "date": "2025-03-10",
        "steps": 9100,
        "active_minutes": 51,
        "distance_km": 6.7,
        "calories": 2380,
    },
    patch={"steps": 9350},
    query="from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z&sort=-date",
    extra=(
        Step(
            "Add a second physical activity for the same day",
            "POST",
            "/users/{{userId}}/physical-activities",
            409,
            body={
                "date": "2025-03-10",
                "steps": 100,
                "active_minutes": 1,
                "distance_km": 0.1,
                "calories": 1800,
            },
            problem_fields=("date",),
        ),
    ),
)

SLEEP_SESSIONS = Entity(
    title="Sleep sessions",
    noun="sleep session",
    path="sleep-sessions",
    var="sleepSessionId",
    description="A night's sleep; `duration_minutes` is derived from `start` and `end`.",
    first={"start": "2025-03-10T22:45:00Z", "end": "2025-03-11T06:30:00Z", "quality": 4},
    second={"start": "2025-03-11T23:10:00Z", "end": "2025-03-12T06:05:00Z", "quality": 3},
    replacement={"start": "2025-03-10T22:45:00Z", "end": "2025-03-11T06:45:00Z", "quality": 4},
    patch={"quality": 5},
    derived={
        "first": {"duration_minutes": 465.0},
        "second": {"duration_minutes": 415.0},
        "replacement": {"duration_minutes": 480.0},
    },
    query="from=2025-03-10T00:00:00Z&to=2025-03-13T00:00:00Z&sort=-start",
    extra=(
        Step(
            "Add a sleep session that ends before it starts",
            "POST",
            "/users/{{userId}}/sleep-sessions",
            422,
            body={"start": "2025-03-12T23:00:00Z", "end": "2025-03-12T07:00:00Z"},
            problem_fields=("end",),
        ),
    ),
)

BLOOD_TESTS = Entity(
    title="Blood tests",
    noun="blood test",
    path="blood-tests",
    var="bloodTestId",
    description="Lab results; at least one of them per test.",
    first={
        "taken_at": "2025-03-12T08:15:00Z",
        "fasting_glucose_mg_dl": 92,
        "hba1c_percent": 5.4,
        "total_cholesterol_mg_dl": 185,
        "ldl_mg_dl": 110,
        "hdl_mg_dl": 55,
        "triglycerides_mg_dl": 120,
    },
    second={"taken_at": "2025-06-12T08:05:00Z", "fasting_glucose_mg_dl": 97, "hba1c_percent": 5.6},
    derived={"second": {"ldl_mg_dl": None}},
    replacement={"taken_at": "2025-03-12T08:15:00Z", "fasting_glucose_mg_dl": 94},
    patch={"hdl_mg_dl": 58},
    query="from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&sort=taken_at",
    extra=(
        Step(
            "Add a blood test without results",
            "POST",
            "/users/{{userId}}/blood-tests",
            422,
            body={"taken_at": "2025-03-12T08:15:00Z"},
            problem_fields=("body",),
        ),
    ),
)

MEALS = Entity(
    title="Meals",
    noun="meal",
    path="meals",
    var="mealId",
    first={
        "eaten_at": "2025-03-10T07:45:00Z",
        "description": "Oatmeal with berries and walnuts",
        "calories": 420,
        "protein_g": 12,
        "carbohydrate_g": 64,
        "fat_g": 14,
    },
    second={
        "eaten_at": "2025-03-10T12:30:00Z",
        "description": "Grilled salmon, quinoa and spinach",
        "calories": 610,
        "protein_g": 42,
        "carbohydrate_g": 48,
        "fat_g": 24,
    },
    replacement={
        "eaten_at": "2025-03-10T07:45:00Z",
        "description": "Oatmeal with berries",
        "calories": 350,
    },
    patch={"protein_g": 9.5},
    query="from=2025-03-10T00:00:00Z&to=2025-03-11T00:00:00Z&sort=-calories",
    extra=(
        Step(
            "Add a meal with negative calories",
            "POST",
            "/users/{{userId}}/meals",
            422,
            body={"eaten_at": "2025-03-10T19:00:00Z", "description": "Salad", "calories": -5},
            problem_fields=("calories",),
        ),
    ),
)

APPOINTMENTS = Entity(
    title="Appointments",
    noun="appointment",
    path="appointments",
    var="appointmentId",
    description="Status: scheduled, completed, cancelled or no-show.",
    first={
        "scheduled_at": "2025-04-02T09:30:00Z",
        "clinician": "Dr. Grace Hopper",
        "reason": "Annual check-up",
        "status": "completed",
    },
    second={
        "scheduled_at": "2025-09-15T14:00:00Z",
        "clinician": "Dr. Katherine Johnson",
        "reason": "Cardiology follow-up",
    },
    derived={"second": {"status": "scheduled"}},
    replacement={
        "scheduled_at": "2025-04-02T10:00:00Z",
        "clinician": "Dr. Grace Hopper",
        "reason": "Annual check-up and flu shot",
        "status": "completed",
    },
    patch={"status": "no-show"},
    query="from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&sort=scheduled_at",
    extra=(
        Step(
            "Add an appointment with an unknown status",
            "POST",
            "/users/{{userId}}/appointments",
            422,
            body={
                "scheduled_at": "2025-04-02T09:30:00Z",
                "clinician": "Dr. Grace Hopper",
                "reason": "Check-up",
                "status": "postponed",
            },
            problem_fields=("status",),
        ),
    ),
)

REPORTS = Entity(
    title="Reports",
    noun="report",
    path="reports",
    var="reportId",
    description="A report about a user over a period, and the job that produced it. Listed by "
    "creation time.",
    first={
        "kind": "weekly_summary",
        "period_start": "2025-03-10",
        "period_end": "2025-03-16",
        "content": {"average_steps": 9350, "average_sleep_minutes": 472, "resting_heart_rate": 58},
        "job_id": "{{jobId}}",
    },
    second={
        "kind": "monthly_summary",
        "period_start": "2025-03-01",
        "period_end": "2025-03-31",
        "content": {"average_steps": 8120, "blood_tests": 1},
    },
    derived={
        "first": {"job_id": JOB_ID},
        "second": {"job_id": None},
        "replacement": {"job_id": JOB_ID},
    },
    replacement={
        "kind": "weekly_summary",
        "period_start": "2025-03-10",
        "period_end": "2025-03-16",
        "content": {"average_steps": 9410, "average_sleep_minutes": 472, "resting_heart_rate": 58},
        "job_id": "{{jobId}}",
    },
    patch={"content": {"average_steps": 9410, "note": "recomputed"}},
    query="from={{runStartedAt}}&sort=period_start",
    extra=(
        Step(
            "Add a report whose period ends before it starts",
            "POST",
            "/users/{{userId}}/reports",
            422,
            body={
                "kind": "weekly_summary",
                "period_start": "2025-03-16",
                "period_end": "2025-03-10",
                "content": {},
            },
            problem_fields=("period_end",),
        ),
    ),
)

ORDERS = Entity(
    title="Orders",
    noun="order",
    path="orders",
    var="orderId",
    description="Orders as seed 002 defines them: `order_date` defaults to now, `quantity` > 0. "
    "They are kept as business records: a user with orders cannot be deleted.",
    first={"product_name": "Blood pressure cuff", "quantity": 1},
    second={
        "product_name": "Glucose test strips (50)",
        "quantity": 2,
        "order_date": "2025-03-05T10:20:00Z",
    },
    replacement={
        "product_name": "Blood pressure cuff, large",
        "quantity": 1,
        "order_date": "2025-03-06T09:00:00Z",
    },
    patch={"quantity": 3},
    query="from=2025-01-01T00:00:00Z&sort=-quantity",
    extra=(
        Step(
            "Create an order with quantity 0",
            "POST",
            "/orders",
            422,
            body={"user_id": USER_ID, "product_name": "Pulse oximeter", "quantity": 0},
            problem_fields=("quantity",),
        ),
    ),
)

ENTITIES = [
    HEALTH_METRICS,
    PHYSICAL_ACTIVITIES,
    SLEEP_SESSIONS,
    BLOOD_TESTS,
    MEALS,
    APPOINTMENTS,
    REPORTS,
    ORDERS,
]
