"""The REST collections for stored data: users, their health data and orders, search clicks."""

from fastapi import APIRouter
from pydantic import BaseModel

from api.resources import crud_router, nested_router
from domain.commerce import schemas as commerce_schemas
from domain.commerce.resources import ORDERS
from domain.health import resources as health
from domain.health import schemas as health_schemas
from domain.resources import Resource
from domain.search.resources import SEARCH_CLICKS
from domain.users.resources import USERS

# (resource, URL path, OpenAPI tag, body schema under /users/{user_id}/...)
USER_OWNED: list[tuple[Resource, str, str, type[BaseModel]]] = [
    (health.HEALTH_METRICS, "health-metrics", "health data", health_schemas.HealthMetricFields),
    (
        health.PHYSICAL_ACTIVITIES,
        "physical-activities",
        "health data",
        health_schemas.PhysicalActivityFields,
    ),
    (health.SLEEP_SESSIONS, "sleep-sessions", "health data", health_schemas.SleepSessionFields),
    (health.BLOOD_TESTS, "blood-tests", "health data", health_schemas.BloodTestFields),
    (health.MEALS, "meals", "health data", health_schemas.MealFields),
    (health.APPOINTMENTS, "appointments", "health data", health_schemas.AppointmentFields),
    (health.REPORTS, "reports", "reports", health_schemas.ReportFields),
    (ORDERS, "orders", "orders", commerce_schemas.OrderFields),
]


def entity_routers() -> list[APIRouter]:
    routers = [
        crud_router(USERS, path="users", tag="users"),
        crud_router(SEARCH_CLICKS, path="search-clicks", tag="search"),
    ]
    for resource, path, tag, fields_schema in USER_OWNED:
        routers.append(crud_router(resource, path=path, tag=tag))
        routers.append(nested_router(resource, path=path, tag=tag, fields_schema=fields_schema))
    return routers
