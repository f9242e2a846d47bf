"""Fixtures for the dashboard's browser tests: an API that serves the dashboard with a two-process
worker (one per test module), a browser per test, and a tab with the API key already entered."""

import os
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.dashboard.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LAPTOP,
    MISSING,
    PART_SIZE,
    Page,
    expect,
    playwright_api,
)
from tests.harness import start_api, start_worker


@pytest.fixture(autouse=True)
def browser_and_build() -> None:
    missing = "; ".join(reason for reason in MISSING if reason)
    if missing and os.environ.get("CI") == "true":
        pytest.fail(missing)
    if missing:
        pytest.skip(missing)


@pytest.fixture(scope="module")
def system(process_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An API serving the dashboard and a two-process worker; small parts, small cohorts."""
    env = process_env | {
        "PULSETRACK_HEALTH_SCORE_PART_SIZE": str(PART_SIZE),
        "PULSETRACK_HEALTH_SCORE_MIN_COHORT": "5",
    }
    log_dir = tmp_path_factory.mktemp("dashboard")
    api, base_url = start_api(env, log_dir)
    worker = start_worker(env, log_dir, name="dashboard-worker", concurrency=2)
    try:
        yield base_url
    finally:
        worker.stop()
        api.stop()


@pytest.fixture(scope="module")
def api(system: str, live_api_key: str) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {live_api_key}"}
    with httpx.Client(base_url=system, headers=headers, timeout=30) as client:
        yield client


@pytest.fixture
def browser() -> Iterator[object]:
    # Per test: Playwright's sync API keeps an event loop running in this thread until it stops,
    # and the database clean-up after each test needs the thread's loop free.
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, system: str, live_api_key: str) -> Iterator[Page]:
    """A fresh browser session on the dashboard, the key already entered once."""
    context = browser.new_context(viewport=LAPTOP, base_url=system)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto("/dashboard/")
    tab.get_by_label("API key").fill(live_api_key)
    tab.get_by_role("button", name="Open the dashboard").click()
    expect(tab.get_by_role("heading", name="Jobs", level=1)).to_be_visible()
    yield tab
    context.close()
