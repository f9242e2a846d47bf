"""Build `pulsetrack.postman_collection.json` from `requests.py`, with example responses captured
by running it (with newman) against a live API.

    python -m docs.postman.build_collection
        starts a throwaway stack (embedded PostgreSQL and Redis, API, worker, webhook receiver)
    python -m docs.postman.build_collection --base-url http://127.0.0.1:8000 --api-key pt_...
        captures from a server already running (give --webhook-url to show a delivery)
"""

import argparse
import asyncio
import base64
import json
import os
import secrets
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

from docs.postman import requests
from docs.postman.collection import collection
from docs.postman.newman import COLLECTION, run_collection
from pulsetrack.database import apply_migrations
from pulsetrack.embedded import EmbeddedServers
from pulsetrack.settings import Settings
from tests.harness import PULSETRACK, start_api, start_worker
from tests.webhook_receiver import WebhookReceiver

DESCRIPTION = """\
Every PulseTrack endpoint, with example requests and responses captured from a real run.

Set `baseUrl` (default `http://127.0.0.1:8000`) and `apiKey` (from `pulsetrack api-keys create`). \
Optionally set `webhookUrl` to a receiver the server may call (it must be public, or listed in \
`PULSETRACK_WEBHOOK_ALLOWED_HOSTS`).

Run the folders in order: a run creates its own user with a unique email, saves ids into \
collection variables for the requests that follow, asserts every status and key field (the \
error cases too) and deletes what it created. The jobs folder needs a worker (`pulsetrack run`)."""
VARIABLES = {"baseUrl": "http://127.0.0.1:8000", "apiKey": "", "webhookUrl": ""}
EXAMPLE_HEADERS = {"content-type", "location", "retry-after", "www-authenticate"}


@dataclass(frozen=True)
class Target:
    base_url: str
    api_key: str
    webhook_url: str


def build() -> dict[str, Any]:
    """The collection without example responses."""
    return collection(
        name="PulseTrack", description=DESCRIPTION, folders=requests.FOLDERS, variables=VARIABLES
    )


# --- Examples from a real run -----------------------------------------------------------------


def _example(sent: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    raw = bytes(response["stream"]["data"]).decode()
    try:
        body, language = json.dumps(json.loads(raw), indent=2, ensure_ascii=False), "json"
    except ValueError:
        body, language = raw, "text"
    original = {key: value for key, value in sent.items() if key != "description"}
    return {
        "name": f"{response['code']} {HTTPStatus(response['code']).phrase}",
        "originalRequest": original,
        "status": response["status"],
        "code": response["code"],
        "_postman_previewlanguage": language,
        "header": [h for h in response["header"] if h["key"].lower() in EXAMPLE_HEADERS],
        "cookie": [],
        "body": body,
    }


def with_examples(built: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    """Each request's last response in the run (a polled one's final answer) as its example."""
    responses = {run["item"]["id"]: run["response"] for run in report["run"]["executions"]}
    for folder in built["item"]:
        for entry in folder["item"]:
            entry["response"] = [_example(entry["request"], responses[entry["id"]])]
    return built


def capture(target: Target, work_dir: Path) -> dict[str, Any]:
    """Run the collection against `target`; every assertion must pass."""
    built = build()
    draft = work_dir / "draft.postman_collection.json"
    draft.write_text(json.dumps(built))
    run = run_collection(
        draft,
        base_url=target.base_url,
        api_key=target.api_key,
        webhook_url=target.webhook_url,
        report_path=work_dir / "newman.json",
    )
    print(run.output)
    if run.returncode != 0:
        raise SystemExit(f"newman failed; the collection was not written: {run.failures}")
    return with_examples(built, run.report)


# --- A throwaway stack ------------------------------------------------------------------------


@contextmanager
def throwaway_stack(work_dir: Path) -> Iterator[Target]:
    """Embedded servers, migrations, an API key, the API, a worker and a webhook receiver."""
    with ExitStack() as stack:
        servers = EmbeddedServers(work_dir / "servers").start(database="pulsetrack_postman")
        stack.callback(servers.stop)
        settings = Settings(database_url=servers.database_url, broker_url=servers.broker_url)
        asyncio.run(apply_migrations(settings))
        receiver = WebhookReceiver().start()
        stack.callback(receiver.stop)
        secret = base64.b64encode(secrets.token_bytes(24)).decode()
        env = os.environ | {
            "PULSETRACK_DATABASE_URL": servers.database_url,
            "PULSETRACK_BROKER_URL": servers.broker_url,
            "PULSETRACK_VAR_DIR": str(work_dir),
            "PULSETRACK_WEBHOOK_SECRET": f"whsec_{secret}",
            "PULSETRACK_WEBHOOK_ALLOWED_HOSTS": '["127.0.0.1"]',
        }
        key = subprocess.run(
            [*PULSETRACK, "api-keys", "create", "--name", "postman"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        api, base_url = start_api(env, work_dir)
        stack.callback(api.stop)
        stack.callback(start_worker(env, work_dir).stop)
        yield Target(base_url, key, receiver.url)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", help="a running API (default: start a throwaway one)")
    parser.add_argument("--api-key", help="a key for --base-url")
    parser.add_argument("--webhook-url", default="", help="a receiver --base-url may call")
    parser.add_argument("--output", type=Path, default=COLLECTION)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pulsetrack-postman-") as tmp, ExitStack() as stack:
        work_dir = Path(tmp)
        if args.base_url:
            target = Target(args.base_url, args.api_key or "", args.webhook_url)
        else:
            target = stack.enter_context(throwaway_stack(work_dir))
        built = capture(target, work_dir)
    args.output.write_text(json.dumps(built, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
