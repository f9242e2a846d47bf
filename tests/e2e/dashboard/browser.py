"""What the dashboard's browser tests share besides fixtures: Debian's Chromium and its flags, the
viewports, where screenshots go, and small steps every page test takes.

Screenshots go to `test-artifacts/dashboard/` (or `$PULSETRACK_TEST_ARTIFACTS/dashboard/`).
"""

import os
import subprocess
from pathlib import Path

import pytest

from pulsetrack.settings import get_settings

playwright_api = pytest.importorskip("playwright.sync_api")
Page = playwright_api.Page
expect = playwright_api.expect

CHROMIUM = Path(os.environ.get("PULSETRACK_CHROMIUM", "/usr/bin/chromium"))
# Debian's Chromium as root in a closed network: no sandbox, and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("PULSETRACK_TEST_ARTIFACTS", "test-artifacts")) / "dashboard"
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PART_SIZE = 40
JOB_TIMEOUT_MS = 120_000

# On a developer's machine without Chromium or a build these tests are skipped; CI (`.ci/run`
# installs Chromium and builds the dashboard) must never skip them.
MISSING = [
    f"no Chromium at {CHROMIUM}" if not CHROMIUM.exists() else "",
    "the dashboard is not built: `make dashboard`"
    if not (get_settings().dashboard_dir / "index.html").exists()
    else "",
]


def run_command(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, env=env, check=True, capture_output=True, text=True)


def screenshot(page: Page, name: str, *, width: dict[str, int] = LAPTOP) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(width)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def open_page(page: Page, title: str) -> None:
    nav = page.get_by_role("navigation", name="Pages")
    if not nav.is_visible():
        page.get_by_role("button", name="Menu").click()
    nav.get_by_role("link", name=title, exact=True).click()  # "Predict", not "Predictions"
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
