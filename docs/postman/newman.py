"""Running the collection with newman, installed on first use into `.cache/node` with npm."""

import fcntl
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTION = REPO_ROOT / "docs" / "postman" / "pulsetrack.postman_collection.json"
NODE_PREFIX = REPO_ROOT / ".cache" / "node"
NEWMAN_VERSION = "6.2.2"
NPM_INSTALL_TIMEOUT_S = 300


class NewmanUnavailable(RuntimeError):
    """Neither newman nor npm to install it is on this machine."""


def newman_binary() -> Path:
    """newman from `.cache/node`, else from PATH, else installed into `.cache/node` now."""
    local = NODE_PREFIX / "node_modules" / ".bin" / "newman"
    if local.exists():
        return local
    if on_path := shutil.which("newman"):
        return Path(on_path)
    npm = shutil.which("npm")
    if npm is None:
        raise NewmanUnavailable("newman is not installed and npm is not on PATH to install it")
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    # Test runs in parallel may all find it missing: one installs, the others wait for it.
    with (NODE_PREFIX.parent / "node.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not local.exists():
            subprocess.run(
                [npm, "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund",
                 "--loglevel=error", f"newman@{NEWMAN_VERSION}"],
                check=True,
                timeout=NPM_INSTALL_TIMEOUT_S,
            )  # fmt: skip
    return local


@dataclass(frozen=True)
class NewmanRun:
    returncode: int
    output: str  # newman's CLI report
    report: dict[str, Any]  # its JSON report: every request, response and assertion

    @property
    def failures(self) -> list[str]:
        return [
            f"{failure['source']['name']}: {failure['error']['message']}"
            for failure in self.report["run"]["failures"]
        ]


def run_collection(
    collection: Path,
    *,
    base_url: str,
    api_key: str,
    webhook_url: str = "",
    report_path: Path,
    timeout_s: float = 300,
) -> NewmanRun:
    """Run `collection` against `base_url` once, with these variables; no request is skipped."""
    argv = [str(newman_binary()), "run", str(collection), "--color", "off"]
    argv += ["--env-var", f"baseUrl={base_url}", "--env-var", f"apiKey={api_key}"]
    argv += ["--env-var", f"webhookUrl={webhook_url}"]
    argv += ["--reporters", "cli,json", "--reporter-json-export", str(report_path)]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout_s, check=False)
    report = json.loads(report_path.read_text()) if report_path.exists() else {}
    return NewmanRun(result.returncode, result.stdout + result.stderr, report)
