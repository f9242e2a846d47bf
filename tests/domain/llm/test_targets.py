"""Extraction targets: the strict schema every provider gets, the value checks, and models built
from users' JSON Schemas. Pure logic: no servers."""

from typing import Any, get_args

import pytest
from pydantic import ValidationError

from domain.health.metric_kinds import METRIC_SPECS
from domain.llm.targets import ClinicalNote, MealLog, VitalUnit, strict_json_schema
from domain.llm.user_schemas import UnsupportedSchema, model_from_json_schema

GENERIC = {
    "type": "object",
    "properties": {
        "field_1": {"type": "string", "description": "Who"},
        "field_2": {"type": ["number", "null"], "minimum": 0},
        "field_3": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
        "nested": {"type": "object", "properties": {"n": {"type": "integer", "maximum": 9}}},
    },
}


def objects(schema: Any) -> list[dict[str, Any]]:
    """Every object schema inside `schema`."""
    found = []
    if isinstance(schema, dict):
        if "properties" in schema:
            found.append(schema)
        for value in schema.values():
            found += objects(value)
    elif isinstance(schema, list):
        for value in schema:
            found += objects(value)
    return found


@pytest.mark.parametrize(
    "model", [MealLog, ClinicalNote, model_from_json_schema("generic", GENERIC)]
)
def test_every_object_in_the_strict_schema_requires_all_and_allows_nothing_else(
    model: Any,
) -> None:
    schema = strict_json_schema(model)

    assert "$defs" not in schema
    assert "$ref" not in str(schema)
    for obj in objects(schema):
        assert obj["required"] == list(obj["properties"])
        assert obj["additionalProperties"] is False


def test_a_value_the_text_may_not_give_is_nullable_not_optional() -> None:
    meal = strict_json_schema(MealLog)["properties"]

    assert {"type": "null"} in meal["meal_time"]["anyOf"]
    assert {"type": "null"} in meal["total_calories"]["anyOf"]
    assert meal["items"]["type"] == "array"  # a list is empty, never null
    with pytest.raises(ValidationError, match="total_calories"):
        MealLog.model_validate({"meal_type": None, "meal_time": None, "items": [{}]})


def meal(**fields: Any) -> dict[str, Any]:
    item = {"food": "egg", "quantity": 2, "unit": None, "calories": 150}
    return (
        {"meal_type": "breakfast", "meal_time": "07:30", "items": [item]}
        | {"total_calories": 150}
        | fields
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"meal_time": "7.30am"}, "meal_time"),
        ({"meal_time": "25:00"}, "meal_time"),
        ({"meal_type": "brunch"}, "meal_type"),
        ({"items": []}, "items"),
        ({"total_calories": -5}, "total_calories"),
        ({"total_calories": 20}, "less than the sum"),
        ({"extra": 1}, "extra"),
    ],
)
def test_a_meal_log_with_an_implausible_value_is_invalid(
    fields: dict[str, Any], field: str
) -> None:
    assert MealLog.model_validate(meal()).meal_time == "07:30"
    with pytest.raises(ValidationError, match=field):
        MealLog.model_validate(meal(**fields))


def note(*vitals: dict[str, Any]) -> dict[str, Any]:
    return {"symptoms": [], "medications": [], "vitals": list(vitals)}


def test_vitals_go_through_the_health_metric_unit_and_range_checks() -> None:
    ok = {"kind": "temperature", "value": 101.2, "unit": "fahrenheit"}
    assert ClinicalNote.model_validate(note(ok)).vitals[0].value == 101.2

    with pytest.raises(ValidationError, match="outside the plausible range"):
        ClinicalNote.model_validate(note({"kind": "temperature", "value": 400, "unit": "celsius"}))
    with pytest.raises(ValidationError, match="unit for heart_rate must be one of"):
        ClinicalNote.model_validate(note({"kind": "heart_rate", "value": 70, "unit": "kg"}))
    with pytest.raises(ValidationError, match="unit"):
        ClinicalNote.model_validate(note({"kind": "weight", "value": 70, "unit": "stone"}))


def test_the_vital_units_are_exactly_the_health_metric_units() -> None:
    assert set(get_args(VitalUnit)) == {u for spec in METRIC_SPECS.values() for u in spec.units}


def test_a_model_built_from_a_users_json_schema_validates_like_a_builtin() -> None:
    model = model_from_json_schema("generic", GENERIC)
    valid = {"field_1": "x", "field_2": None, "field_3": ["a"], "nested": {"n": 3}}

    assert model.model_validate(valid).model_dump() == valid
    for invalid in (
        valid | {"field_2": -1},
        valid | {"field_3": ["c"]},
        valid | {"nested": {"n": 10}},
        valid | {"other": 1},
        {k: v for k, v in valid.items() if k != "field_2"},  # nullable, yet required
    ):
        with pytest.raises(ValidationError):
            model.model_validate(invalid)


@pytest.mark.parametrize(
    ("schema", "field"),
    [
        ({"type": "array"}, "json_schema"),
        ({"type": "object", "properties": {}}, "json_schema"),
        ({"type": "object", "properties": {"a": {"type": "date"}}}, "json_schema.properties.a"),
        ({"type": "object", "properties": {"a": {"type": ["string", "integer"]}}}, "properties.a"),
        ({"type": "object", "properties": {"a": {"type": "string", "enum": []}}}, "a.enum"),
        (
            {"type": "object", "properties": {"a": {"type": "string", "pattern": "("}}},
            "json_schema",
        ),
        ({"type": "object", "properties": {"not ok": {"type": "string"}}}, "properties"),
    ],
)
def test_a_json_schema_that_cannot_be_expressed_is_refused_naming_where(
    schema: dict[str, Any], field: str
) -> None:
    with pytest.raises(UnsupportedSchema) as refused:
        model_from_json_schema("bad", schema)

    assert any(
        error.field.startswith(field) or field in error.field for error in refused.value.errors
    )
