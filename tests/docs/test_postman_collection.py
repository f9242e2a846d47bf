"""The Postman collection covers every endpoint, matches its source, and passes on a live API."""

import json
import re
from pathlib import Path
from typing import Any

from docs.postman.build_collection import build
from docs.postman.newman import COLLECTION, run_collection
from tests.harness import ManagedProcess
from tests.webhook_receiver import WebhookReceiver

PARAMETER = re.compile(r"^(\{\{\w+\}\}|\{\w+\}|\d+|\d{4}-\d{2}-\d{2}|[0-9a-f-]{36})$")


def _committed() -> dict[str, Any]:
    return json.loads(COLLECTION.read_text())


def _requests(collection: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry for folder in collection["item"] for entry in folder["item"]]


def _operation(method: str, path: str) -> tuple[str, str]:
    """`GET /users/{}`, whether the id is `{record_id}`, `{{userId}}`, `42` or a date."""
    segments = ["{}" if PARAMETER.match(part) else part for part in path.strip("/").split("/")]
    return method.upper(), "/" + "/".join(segments)


def test_collection_sends_every_endpoint_in_the_openapi_schema() -> None:
    from api.main import app

    endpoints = {
        _operation(method, path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    sent = {
        _operation(entry["request"]["method"], "/".join(entry["request"]["url"]["path"]))
        for entry in _requests(_committed())
    }

    assert endpoints - sent == set()


def test_every_request_has_a_saved_example_response() -> None:
    missing = [entry["name"] for entry in _requests(_committed()) if not entry["response"]]

    assert missing == []


def test_collection_is_what_build_collection_makes() -> None:
    committed = _committed()
    for entry in _requests(committed):
        entry["response"] = []

    assert committed == build(), "run `python -m docs.postman.build_collection` and commit"


def test_newman_runs_the_collection_without_failures(
    worker: ManagedProcess,
    live_api: str,
    live_api_key: str,
    webhook_receiver: WebhookReceiver,
    tmp_path: Path,
) -> None:
    run = run_collection(
        COLLECTION,
        base_url=live_api,
        api_key=live_api_key,
        webhook_url=webhook_receiver.url,
        report_path=tmp_path / "newman.json",
    )

    assert run.returncode == 0, run.output[-5000:]
    stats = run.report["run"]["stats"]
    assert run.failures == []
    assert (stats["requests"]["failed"], stats["assertions"]["failed"]) == (0, 0)
    assert stats["requests"]["total"] >= len(_requests(_committed()))
    assert webhook_receiver.received, "the job's webhook never arrived"
