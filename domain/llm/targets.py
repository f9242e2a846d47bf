"""What an extraction produces: named Pydantic models, and one strict JSON Schema for every
provider.

A target is a Pydantic model whose fields are all required; a value the text does not give is
`null`, never left out. `meal_log` and `clinical_note` ship with PulseTrack and check their
values (ranges, units, times); users register their own targets as JSON Schema
(`domain/llm/user_schemas.py` builds a model from it).
"""

import copy
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from domain.health.metric_kinds import MetricKind, canonical_value

Json = dict[str, Any]
TIME_OF_DAY = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class Target(BaseModel):
    """Base of every extraction target: nothing but the declared fields, all of them present."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, str_strip_whitespace=True)


TimeOfDay = Annotated[str, StringConstraints(pattern=TIME_OF_DAY.pattern)] | None
VitalUnit = Literal[
    "bpm", "celsius", "fahrenheit", "mmHg", "kg", "lb", "percent", "mg/dL", "mmol/L", "breaths/min"
]


class FoodItem(Target):
    food: str = Field(min_length=1, max_length=200, description="What was eaten, singular.")
    quantity: float | None = Field(gt=0, le=10_000, description="How much, in `unit`.")
    unit: str | None = Field(
        max_length=32, description="g, ml, cup, slice, piece, tbsp…; null if only counted."
    )
    calories: float | None = Field(ge=0, le=5_000, description="kcal, only if the text says.")


class MealLog(Target):
    """One meal from a food diary."""

    meal_type: Literal["breakfast", "lunch", "dinner", "snack"] | None
    meal_time: TimeOfDay = Field(description="24-hour HH:MM; null if no time is given.")
    items: list[FoodItem] = Field(min_length=1, max_length=50)
    total_calories: float | None = Field(ge=0, le=10_000, description="kcal for the whole meal.")

    @model_validator(mode="after")
    def _total_not_below_items(self) -> "MealLog":
        known = [item.calories for item in self.items if item.calories is not None]
        if self.total_calories is not None and known and self.total_calories + 1 < sum(known):
            raise ValueError("total_calories is less than the sum of the items' calories")
        return self


DoseUnit = Literal["mg", "mcg", "g", "ml", "units", "puffs", "drops", "tablets"]


class Medication(Target):
    name: str = Field(min_length=1, max_length=200)
    dose: float | None = Field(gt=0, le=100_000)
    dose_unit: DoseUnit | None
    frequency: str | None = Field(max_length=100, description="e.g. twice daily, as needed.")


class Vital(Target):
    kind: MetricKind
    value: float
    unit: VitalUnit

    @model_validator(mode="after")
    def _plausible(self) -> "Vital":
        canonical_value(self.kind, self.value, self.unit)  # the health-metric API's own checks
        return self


class ClinicalNote(Target):
    """Symptoms, medications with doses and vital signs from a clinician's note."""

    symptoms: list[str] = Field(max_length=50, description="Present symptoms; not denied ones.")
    medications: list[Medication] = Field(max_length=50)
    vitals: list[Vital] = Field(max_length=50)


BUILTIN_TARGETS: dict[str, type[Target]] = {"meal_log": MealLog, "clinical_note": ClinicalNote}


def strict_json_schema(model: type[BaseModel]) -> Json:
    """The model as strict JSON Schema, inlined: every property required, `null` allowed where the
    value may be unknown, no other properties. The one schema every provider is given."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})
    return _strict(schema, definitions)


def _strict(node: Any, definitions: Json) -> Any:
    if isinstance(node, list):
        return [_strict(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return _strict(copy.deepcopy(definitions[node["$ref"].rsplit("/", 1)[-1]]), definitions)
    strict = {
        key: _strict(value, definitions)
        for key, value in node.items()
        if key not in {"title", "default", "properties"}
    }
    if "properties" in node:
        strict["properties"] = {
            name: _strict(value, definitions) for name, value in node["properties"].items()
        }
        strict["required"] = list(node["properties"])
        strict["additionalProperties"] = False
    return strict
