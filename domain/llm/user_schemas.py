"""Targets that users register as JSON Schema: a Pydantic model is built from the schema, so a
user's target is validated exactly like a built-in one and exported by the same strict exporter.

The accepted JSON Schema is the part every provider understands: an object of properties that
are strings (with `enum`, `pattern`, `maxLength`), numbers and integers (with `minimum`,
`maximum`), booleans, arrays of one of these, and nested objects; `"type": [..., "null"]` marks a
value that may be unknown. Anything else is refused, naming where it is.
"""

from typing import Annotated, Any, Literal

from pydantic import Field, create_model
from pydantic_core import SchemaError

from domain.errors import FieldError, InvalidInput
from domain.llm.targets import Json, Target

MAX_PROPERTIES = 100
MAX_DEPTH = 5
_NUMBER_KEYS = {
    "minimum": "ge",
    "maximum": "le",
    "exclusiveMinimum": "gt",
    "exclusiveMaximum": "lt",
}
_STRING_KEYS = {"pattern": "pattern", "maxLength": "max_length", "minLength": "min_length"}
_ARRAY_KEYS = {"maxItems": "max_length", "minItems": "min_length"}
_SCALARS: dict[str, type] = {"string": str, "number": float, "integer": int, "boolean": bool}


class UnsupportedSchema(InvalidInput):
    code = "unsupported_schema"
    title = "The JSON Schema uses something extractions cannot"


def model_from_json_schema(name: str, schema: Json) -> type[Target]:
    """A Pydantic model for `schema`; `UnsupportedSchema` naming each part it cannot express."""
    errors: list[FieldError] = []
    try:
        model = _object_model(_model_name(name), schema, "json_schema", errors, depth=0)
    except (SchemaError, TypeError, ValueError) as error:  # e.g. a `pattern` that is no regex
        errors.append(FieldError("json_schema", str(error).splitlines()[0]))
    if errors:
        raise UnsupportedSchema("the JSON Schema cannot be used for extraction", errors=errors)
    return model


def _model_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_")) or "Target"


def _object_model(
    name: str, schema: Any, path: str, errors: list[FieldError], *, depth: int
) -> type[Target]:
    properties = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(schema, dict) or schema.get("type") != "object" or not properties:
        errors.append(FieldError(path, "must be an object schema with at least one property"))
        return Target
    if not isinstance(properties, dict) or len(properties) > MAX_PROPERTIES:
        errors.append(FieldError(path, f"must have at most {MAX_PROPERTIES} properties"))
        return Target
    if depth > MAX_DEPTH:
        errors.append(FieldError(path, f"must nest at most {MAX_DEPTH} objects deep"))
        return Target
    fields: dict[str, Any] = {}
    for prop, subschema in properties.items():
        if not prop.isidentifier() or prop.startswith("_"):
            errors.append(FieldError(f"{path}.properties", f"{prop!r} is not a usable name"))
            continue
        where = f"{path}.properties.{prop}"
        annotation = _annotation(f"{name}{_model_name(prop)}", subschema, where, errors, depth)
        fields[prop] = (annotation, Field(description=_description(subschema)))
    return create_model(name, __base__=Target, **fields)


def _description(schema: Any) -> str | None:
    value = schema.get("description") if isinstance(schema, dict) else None
    return value if isinstance(value, str) else None


def _annotation(name: str, schema: Any, path: str, errors: list[FieldError], depth: int) -> Any:
    if not isinstance(schema, dict):
        errors.append(FieldError(path, "must be a schema object"))
        return Any
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    nullable = "null" in types
    real = [t for t in types if t != "null"]
    if len(real) != 1:
        errors.append(FieldError(path, "must have one type (optionally with 'null')"))
        return Any
    annotation = _typed(name, real[0], schema, path, errors, depth)
    return annotation | None if nullable else annotation


def _typed(
    name: str, kind: Any, schema: Json, path: str, errors: list[FieldError], depth: int
) -> Any:
    if kind == "object":
        return _object_model(name, schema, path, errors, depth=depth + 1)
    if kind == "array":
        items = _annotation(name + "Item", schema.get("items"), f"{path}.items", errors, depth)
        return _constrained(list[items], schema, _ARRAY_KEYS)  # type: ignore[valid-type]
    if kind not in _SCALARS:
        errors.append(
            FieldError(path, f"type must be one of: {', '.join(_SCALARS)}, array, object")
        )
        return Any
    if "enum" in schema:
        values = schema["enum"]
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in values)
        ):
            errors.append(FieldError(f"{path}.enum", "must be a list of strings or numbers"))
            return Any
        return Literal[tuple(values)]
    keys = (
        _NUMBER_KEYS if kind in {"number", "integer"} else _STRING_KEYS if kind == "string" else {}
    )
    return _constrained(_SCALARS[kind], schema, keys)


def _constrained(annotation: Any, schema: Json, keys: dict[str, str]) -> Any:
    constraints = {keys[key]: schema[key] for key in keys if key in schema}
    return Annotated[annotation, Field(**constraints)] if constraints else annotation
