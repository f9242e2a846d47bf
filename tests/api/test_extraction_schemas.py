"""Extraction schemas over HTTP, in process: the built-ins, and users' JSON Schemas, versioned."""

import httpx

from tests.api.support import assert_problem, error_fields

GENERIC = {
    "type": "object",
    "properties": {
        "field_1": {"type": "string"},
        "field_2": {"type": ["integer", "null"], "minimum": 0},
        "field_3": {"type": "array", "items": {"type": "string"}},
    },
}


async def test_the_builtin_schemas_are_listed_with_their_strict_form(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    listed = await client.get("/extraction-schemas", headers=auth)

    assert listed.status_code == 200, listed.text
    items = {item["name"]: item for item in listed.json()["items"]}
    assert set(items) == {"meal_log", "clinical_note"}
    strict = items["meal_log"]["strict_json_schema"]
    assert strict["required"] == ["meal_type", "meal_time", "items", "total_calories"]
    assert strict["additionalProperties"] is False
    assert items["clinical_note"]["builtin"] is True


async def test_registering_a_name_again_adds_a_version_and_old_versions_stay(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    first = await client.post(
        "/extraction-schemas", json={"name": "generic", "json_schema": GENERIC}, headers=auth
    )
    changed = GENERIC | {"properties": {**GENERIC["properties"], "field_4": {"type": "boolean"}}}
    second = await client.post(
        "/extraction-schemas", json={"name": "generic", "json_schema": changed}, headers=auth
    )

    assert (first.status_code, second.status_code) == (201, 201), second.text
    assert (first.json()["version"], second.json()["version"]) == (1, 2)
    assert second.headers["location"] == "/extraction-schemas/generic?version=2"
    latest = (await client.get("/extraction-schemas/generic", headers=auth)).json()
    old = (await client.get("/extraction-schemas/generic?version=1", headers=auth)).json()
    assert "field_4" in latest["strict_json_schema"]["required"]
    assert old["json_schema"] == GENERIC
    assert old["strict_json_schema"]["properties"]["field_2"]["anyOf"][1] == {"type": "null"}
    names = [
        item["name"]
        for item in (await client.get("/extraction-schemas", headers=auth)).json()["items"]
    ]
    assert names == ["meal_log", "clinical_note", "generic"]


async def test_a_schema_that_cannot_be_used_is_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    bad = {"type": "object", "properties": {"when": {"type": "date"}}}

    refused = await client.post(
        "/extraction-schemas", json={"name": "visits", "json_schema": bad}, headers=auth
    )
    builtin = await client.post(
        "/extraction-schemas", json={"name": "meal_log", "json_schema": GENERIC}, headers=auth
    )
    badly_named = await client.post(
        "/extraction-schemas", json={"name": "Bad Name", "json_schema": GENERIC}, headers=auth
    )

    problem = assert_problem(refused, 422, "unsupported_schema")
    assert error_fields(problem) == ["json_schema.properties.when"]
    assert error_fields(assert_problem(builtin, 409, "builtin_schema_name")) == ["name"]
    assert error_fields(assert_problem(badly_named, 422, "invalid_input")) == ["name"]
    missing = await client.get("/extraction-schemas/visits", headers=auth)
    assert_problem(missing, 404, "extraction_schema_not_found")
    wrong_version = await client.get("/extraction-schemas/meal_log?version=2", headers=auth)
    assert_problem(wrong_version, 404, "extraction_schema_not_found")
