"""The OpenAPI document declares every operation's problems with one shared Problem schema."""

from api.main import app
from api.problems import PROBLEM_MEDIA_TYPE


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
