"""A Postman collection (v2.1) described as plain steps, and its rendering to Postman's JSON.

A `Step` is one request with what its response must be: the status, fields it must contain, the
fields a problem document must name, and the collection variables to save from it. Each step's
test script is generated from that, so every request in the collection asserts what it shows.
"""

import json
import re
import uuid
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Literal

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
# Fixed, so that rebuilding the collection changes only what really changed.
COLLECTION_ID = uuid.UUID("5b0f5d8e-4f39-4c1e-9a53-7c1d2a8e0c11")
MAX_POLLS = 120
POLL_INTERVAL_MS = 250


@dataclass(frozen=True)
class Var:
    """A collection variable: `{{name}}` in a body, `pm.collectionVariables.get` in a test."""

    name: str

    def js(self) -> str:
        return f"pm.collectionVariables.get({json.dumps(self.name)})"


@dataclass(frozen=True)
class Step:
    name: str
    method: str
    path: str  # after {{baseUrl}}, with its query string
    status: int
    body: dict[str, Any] | str | None = None  # a str is sent as it is (give its Content-Type)
    description: str = ""
    expect: dict[str, Any] = field(default_factory=dict)  # fields the response must hold
    problem_fields: tuple[str, ...] = ()  # fields an error response must name
    save: dict[str, str] = field(default_factory=dict)  # collection variable -> response field
    tests: tuple[str, ...] = ()  # further JavaScript, run after the generated checks
    prerequest: tuple[str, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    auth: Literal["inherit", "none", "wrong"] = "inherit"
    poll_until: str = ""  # JavaScript condition on `body`: repeat the request until it holds
    text: bool = False  # the response is text (Markdown), not JSON


@dataclass(frozen=True)
class Folder:
    name: str
    description: str
    steps: list[Step]


def ids_include(variable: str) -> str:
    """A test that the listed `items` include the record whose id is in `variable`."""
    return (
        f'pm.test("lists {{{{{variable}}}}}", () => pm.expect(body.items.map((r) => r.id))'
        f".to.include({Var(variable).js()}));"
    )


def location_is(prefix: str) -> str:
    """A test that `Location` is `prefix` followed by the new record's id."""
    return (
        f'pm.test("Location points at it", () => pm.expect(pm.response.headers.get("Location"))'
        f'.to.equal("{prefix}" + body.id));'
    )


# --- Test scripts -----------------------------------------------------------------------------


def _js(value: Any) -> str:
    if isinstance(value, Var):
        return value.js()
    return json.dumps(value, ensure_ascii=False)


def _checks(step: Step) -> list[str]:
    lines = []
    if step.status >= 400:
        lines += [
            'pm.test("is a problem details document", () => {',
            '    pm.expect(pm.response.headers.get("Content-Type"))'
            '.to.include("application/problem+json");',
            f"    pm.expect(body.status).to.eql({step.status});",
            "});",
        ]
    for name in step.problem_fields:
        lines.append(
            f'pm.test("names the field {name}", () => '
            f"pm.expect(body.errors.map((error) => error.field)).to.include({_js(name)}));"
        )
    literal = {k: v for k, v in step.expect.items() if not isinstance(v, Var)}
    if literal:
        lines.append(
            f'pm.test("has {", ".join(literal)}", () => '
            f"pm.expect(body).to.deep.include({_js(literal)}));"
        )
    for name, value in step.expect.items():
        if isinstance(value, Var):
            lines.append(
                f'pm.test("{name} is {{{{{value.name}}}}}", () => '
                f"pm.expect(body.{name}).to.eql({value.js()}));"
            )
    for variable, source in step.save.items():
        lines.append(f"pm.collectionVariables.set({_js(variable)}, body.{source});")
    return lines + list(step.tests)


def _response_script(step: Step) -> list[str]:
    phrase = HTTPStatus(step.status).phrase
    status = f'pm.test("status is {step.status} {phrase}", () => '
    status += f"pm.response.to.have.status({step.status}));"
    if step.status == HTTPStatus.NO_CONTENT or step.text:
        return [status, *step.tests]
    checks = _checks(step)
    if not step.poll_until:
        return [status, "const body = pm.response.json();", *checks]
    return [
        "const body = pm.response.json();",
        'const polls = (pm.collectionVariables.get("polls") || 0) + 1;',
        f"if (!({step.poll_until}) && polls < {MAX_POLLS}) {{",
        '    pm.collectionVariables.set("polls", polls);',
        "    pm.execution.setNextRequest(pm.info.requestName);",
        "} else {",
        '    pm.collectionVariables.unset("polls");',
        *(f"    {line}" for line in [status, *checks]),
        "}",
    ]


def _prerequest(step: Step) -> list[str]:
    if not step.poll_until:
        return list(step.prerequest)
    wait = [
        "// Poll again after a short pause (the first request goes at once).",
        'if (pm.collectionVariables.get("polls")) {',
        f"    setTimeout(() => {{}}, {POLL_INTERVAL_MS});",
        "}",
    ]
    return [*wait, *step.prerequest]


# --- Requests ---------------------------------------------------------------------------------


def _raw_body(body: dict[str, Any]) -> str:
    """Pretty JSON where a `Var` becomes a bare `{{name}}`, which Postman fills in."""
    marked = json.dumps(body, indent=2, ensure_ascii=False, default=lambda v: f"__var__{v.name}__")
    return re.sub(r'"__var__(\w+)__"', r"{{\1}}", marked)


def _url(path: str) -> dict[str, Any]:
    route, _, query = path.partition("?")
    url: dict[str, Any] = {
        "raw": "{{baseUrl}}" + path,
        "host": ["{{baseUrl}}"],
        "path": route.strip("/").split("/"),
    }
    if query:
        pairs = [pair.partition("=") for pair in query.split("&")]
        url["query"] = [{"key": key, "value": value} for key, _, value in pairs]
    return url


def _bearer(token: str) -> dict[str, Any]:
    return {"type": "bearer", "bearer": [{"key": "token", "value": token, "type": "string"}]}


def _auth(step: Step) -> dict[str, Any] | None:
    if step.auth == "none":
        return {"type": "noauth"}
    if step.auth == "wrong":
        return _bearer("pt_not-a-real-key")
    return None  # inherit the collection's bearer {{apiKey}}


def _request(step: Step) -> dict[str, Any]:
    """The `request` object of a step, as Postman stores it."""
    headers = dict(step.headers)
    rendered: dict[str, Any] = {"method": step.method, "header": [], "url": _url(step.path)}
    if isinstance(step.body, str):
        rendered["body"] = {
            "mode": "raw",
            "raw": step.body,
            "options": {"raw": {"language": "text"}},
        }
    elif step.body is not None:
        headers = {"Content-Type": "application/json", **headers}
        rendered["body"] = {
            "mode": "raw",
            "raw": _raw_body(step.body),
            "options": {"raw": {"language": "json"}},
        }
    rendered["header"] = [{"key": key, "value": value} for key, value in headers.items()]
    if auth := _auth(step):
        rendered["auth"] = auth
    if step.description:
        rendered["description"] = step.description
    return rendered


def _script(listen: str, lines: list[str]) -> dict[str, Any]:
    return {"listen": listen, "script": {"type": "text/javascript", "exec": lines}}


def _item(step: Step) -> dict[str, Any]:
    events = [_script("test", _response_script(step))]
    if prerequest := _prerequest(step):
        events.insert(0, _script("prerequest", prerequest))
    return {
        "id": str(uuid.uuid5(COLLECTION_ID, step.name)),
        "name": step.name,
        "event": events,
        "request": _request(step),
        "response": [],
    }


# --- The collection ---------------------------------------------------------------------------

NO_SERVER_ERRORS = [
    "// Whatever a request sends, the API answers it without a server error.",
    'pm.test("no server error", () => pm.expect(pm.response.code).to.be.below(500));',
]


def collection(
    *, name: str, description: str, folders: list[Folder], variables: dict[str, str]
) -> dict[str, Any]:
    """The whole collection: folders of steps, bearer auth with `{{apiKey}}`, the variables."""
    names = [step.name for folder in folders for step in folder.steps]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:  # setNextRequest and the saved examples find requests by name
        raise ValueError(f"request names must be unique: {sorted(duplicates)}")
    return {
        "info": {
            "_postman_id": str(COLLECTION_ID),
            "name": name,
            "description": description,
            "schema": SCHEMA,
        },
        "auth": _bearer("{{apiKey}}"),
        "event": [_script("test", NO_SERVER_ERRORS)],
        "variable": [
            {"key": key, "value": value, "type": "string"} for key, value in variables.items()
        ],
        "item": [
            {
                "name": folder.name,
                "description": folder.description,
                "item": [_item(step) for step in folder.steps],
            }
            for folder in folders
        ],
    }
