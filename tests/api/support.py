"""Assertions shared by the entity API tests: problem details, and walking a list page by page."""

from datetime import datetime
from typing import Any

import httpx

PROBLEM = "application/problem+json"


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is an RFC 9457 problem of this status and type; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == f"/problems/{code}"
    assert problem["status"] == status
    assert problem["title"]
    assert problem["detail"]
    return problem  # type: ignore[no-any-return]


def error_fields(problem: dict[str, Any]) -> list[str]:
    """The fields a problem names, in order; each with a message."""
    for error in problem.get("errors", []):
        assert set(error) == {"field", "message"}
        assert error["message"]
    return [error["field"] for error in problem.get("errors", [])]


async def walk_pages(
    client: httpx.AsyncClient, auth: dict[str, str], path: str, **params: Any
) -> list[list[dict[str, Any]]]:
    """Every page of a list, following `next_cursor` until there is none."""
    pages: list[list[dict[str, Any]]] = []
    cursor: str | None = None
    while True:
        query = params | ({"cursor": cursor} if cursor else {})
        response = await client.get(path, params=query, headers=auth)
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return pages


def in_sort_order(records: list[dict[str, Any]], sort: str) -> list[int]:
    """Record ids in the order the API sorts them: by the field, then by id; NULLs largest."""
    name = sort.removeprefix("-")

    def key(record: dict[str, Any]) -> tuple[bool, Any, int]:
        value = record[name]
        if isinstance(value, str) and name.endswith(("_at", "date", "start", "end")):
            value = datetime.fromisoformat(value)
        return (value is None, value if value is not None else 0, record["id"])

    return [record["id"] for record in sorted(records, key=key, reverse=sort.startswith("-"))]
