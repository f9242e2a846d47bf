"""The OpenAPI document says what the API does: every operation's problems with one shared
Problem schema, each job kind's params, and the rules the write schemas check."""

import jsonschema

from api.main import app
from api.problems import PROBLEM_MEDIA_TYPE
from domain.jobs.catalog import job_kinds


def operations() -> list[tuple[str, str, dict]]:
    return [
        (path, method, operation)
        for path, item in app.openapi()["paths"].items()
        for method, operation in item.items()
    ]


def test_every_operation_documents_its_problems_as_problem_json() -> None:
    for path, method, operation in operations():
        responses = operation["responses"]
        expected = {"404", "422", "503"} | ({"401", "403"} if operation.get("security") else set())
        assert expected <= set(responses), (method, path)
        for status in expected:
            content = responses[status]["content"]
            assert content == {
                PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
            }


def test_fastapis_own_validation_body_is_gone() -> None:
    schemas = app.openapi()["components"]["schemas"]

    assert "HTTPValidationError" not in schemas
    assert schemas["Problem"]["required"] == ["type", "title", "status", "detail"]


def test_sort_lists_the_values_each_collection_accepts() -> None:
    sort = next(
        p for p in app.openapi()["paths"]["/users"]["get"]["parameters"] if p["name"] == "sort"
    )
    values = sort["schema"]["anyOf"][0]["enum"]

    assert "created_at" in values
    assert "-created_at" in values
    assert "x-sort-fields" not in app.openapi()["paths"]["/users"]["get"]


def test_a_read_that_waits_for_its_job_documents_its_409() -> None:
    responses = app.openapi()["paths"]["/extraction-comparisons/{comparison_id}"]["get"][
        "responses"
    ]

    assert responses["409"]["content"] == {
        PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
    }


def validator(schema_name: str) -> jsonschema.Draft202012Validator:
    """A validator for one component, resolving its references within the document."""
    document = app.openapi()
    schema = {"$ref": f"#/components/schemas/{schema_name}", **document}
    return jsonschema.Draft202012Validator(schema)


def test_a_job_submission_is_described_per_kind_with_that_kinds_params() -> None:
    submission = validator("JobSubmission")
    variants = app.openapi()["components"]["schemas"]["JobSubmission"]["discriminator"]["mapping"]

    assert set(variants) == set(job_kinds())
    assert submission.is_valid({"kind": "system.echo", "params": {"message": "hi", "steps": 2}})
    assert not submission.is_valid({"kind": "system.echo", "params": {"stepz": 2}})
    assert not submission.is_valid({"kind": "system.echo", "params": {"steps": "2"}})
    assert not submission.is_valid({"kind": "llm.extract"})  # its params have required fields
    assert not submission.is_valid({"kind": "system.echo", "webhookUrl": "https://a.example"})


def test_a_blank_string_is_as_short_as_an_empty_one() -> None:
    user = validator("UserWrite")
    patch = validator("UserWritePatch")

    assert not user.is_valid({"name": "   ", "email": "ada@example.com"})
    assert user.is_valid({"name": " Ada ", "email": "ada@example.com"})
    assert not patch.is_valid({"name": "\t"})


def test_a_blood_test_without_any_result_is_invalid_by_the_document_too() -> None:
    blood_test = validator("BloodTestWrite")
    taken = {"user_id": 1, "taken_at": "2026-01-02T08:00:00Z"}

    assert not blood_test.is_valid(taken)
    assert not blood_test.is_valid(taken | {"hba1c_percent": None})
    assert blood_test.is_valid(taken | {"hba1c_percent": 5.4})
