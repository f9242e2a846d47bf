"""The Jobs, Health and Search insights pages in a real browser against a real API and worker with
seeded data: jobs started and followed to the end, a job cancelled, validation errors shown next
to their fields, at laptop and phone widths; the API key asked for once."""

from datetime import date, timedelta

import httpx
import pytest

from pulsetrack.settings import get_settings
from tests.e2e.dashboard.browser import (
    JOB_TIMEOUT_MS,
    LAPTOP,
    PART_SIZE,
    PHONE,
    Page,
    expect,
    open_page,
    run_command,
    screenshot,
)
from tests.harness import PULSETRACK, poll_until_finished, submit_echo, wait_for
from tests.webhook_receiver import WebhookReceiver

USERS, SEARCH_DAYS = 240, 7


# Every test leaves the database empty (conftest), so each seeds what it shows.
@pytest.fixture
def population(process_env: dict[str, str]) -> None:
    """240 users with 30 days of data ending today."""
    start = (date.today() - timedelta(days=30)).isoformat()
    seed = [*PULSETRACK, "seed", "--users", str(USERS), "--days", "30", "--seed", "8"]
    run_command([*seed, "--start", start], process_env)


@pytest.fixture
def search_insights(process_env: dict[str, str], api: httpx.Client) -> None:
    """A week of search logs ending yesterday, and its insights computed by one backfill job."""
    seed = [*PULSETRACK, "seed-search", "--days", str(SEARCH_DAYS), "--queries", "400"]
    run_command([*seed, "--seed", "3"], process_env)
    last = date.today() - timedelta(days=1)
    first = last - timedelta(days=SEARCH_DAYS - 1)
    body = {"first_day": first.isoformat(), "last_day": last.isoformat()}
    job = poll_until_finished(
        api, api.post("/search-insights/backfill", json=body).json()["id"], 60
    )
    assert job["status"] == "succeeded", job


def test_the_key_is_asked_for_once_and_a_wrong_one_is_refused_at_its_field(
    browser: object, system: str, live_api_key: str
) -> None:
    context = browser.new_context(viewport=PHONE, base_url=system)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto("/dashboard/")

    page.get_by_label("API key").fill("pt_not-a-key")
    page.get_by_role("button", name="Open the dashboard").click()
    expect(page.locator("#api-key-error")).to_have_text("the API does not accept this key")
    screenshot(page, "key-refused-phone", width=PHONE)
    page.get_by_label("API key").fill(live_api_key)
    page.get_by_role("button", name="Open the dashboard").click()
    expect(page.get_by_role("heading", name="Jobs", level=1)).to_be_visible()
    page.reload()  # the same tab's session keeps the key

    expect(page.get_by_role("heading", name="Jobs", level=1)).to_be_visible()
    context.close()


def test_health_recompute_is_followed_to_the_end_and_the_distribution_shown(
    population: None, page: Page
) -> None:
    open_page(page, "Health")
    population = page.get_by_role("region", name="Population")

    population.get_by_role("button", name="Recompute every score").click()

    summary = population.get_by_test_id("job-summary")
    expect(summary).to_have_attribute("data-status", "succeeded", timeout=JOB_TIMEOUT_MS)
    expect(summary).to_contain_text(f"{USERS // PART_SIZE} of {USERS // PART_SIZE} parts done")
    distribution = population.get_by_test_id("population")
    expect(distribution).to_contain_text(str(USERS))
    expect(distribution.locator("figure.chart .recharts-bar-rectangle").first).to_be_visible()
    screenshot(page, "health-population")


def test_one_users_score_is_computed_and_explained_and_a_bad_date_refused_at_its_field(
    population: None, page: Page, api: httpx.Client
) -> None:
    run = poll_until_finished(api, api.post("/health-scores/recompute").json()["id"], 120)
    assert run["status"] == "succeeded", run
    user_id = api.get("/users?limit=1&sort=id").json()["items"][0]["id"]
    open_page(page, "Health")
    user = page.get_by_role("region", name="One user")

    user.get_by_label("User id").fill(str(user_id))
    user.get_by_label("As of (to score)").fill((date.today() + timedelta(days=30)).isoformat())
    user.get_by_role("button", name="Score now").click()
    expect(user.locator("#as-of-error")).to_contain_text("today")
    expect(user.get_by_label("As of (to score)")).to_have_attribute("aria-invalid", "true")
    user.get_by_label("As of (to score)").fill("")
    user.get_by_role("button", name="Score now").click()

    expect(user.get_by_test_id("job-summary")).to_have_attribute(
        "data-status", "succeeded", timeout=JOB_TIMEOUT_MS
    )
    score = user.get_by_test_id("user-score")
    expect(score).to_contain_text(f"User {user_id}")
    expect(score).to_contain_text("percentile in cohort")
    expect(score.get_by_role("heading", name="Raising the score")).to_be_visible()
    expect(score.locator("tbody tr").first).to_be_visible()
    screenshot(page, "health-user")
    screenshot(page, "health-phone", width=PHONE)

    user.get_by_label("User id").fill("0")
    user.get_by_role("button", name="Show latest score").click()
    expect(user.locator("#user-id-error")).not_to_be_empty()


def test_jobs_show_live_progress_parts_errors_webhooks_and_cancel(
    page: Page, api: httpx.Client, webhook_receiver: WebhookReceiver
) -> None:
    fan_out = api.post(
        "/jobs", json={"kind": "system.fan_out", "params": {"parts": 6, "fail_part": 3}}
    )
    failed = poll_until_finished(api, fan_out.json()["id"], 60)
    assert failed["status"] == "failed", failed
    hooked = submit_echo(api, webhook_url=webhook_receiver.url, message="hooked")
    poll_until_finished(api, hooked)
    wait_for(lambda: webhook_receiver.received, timeout=30)
    jobs = page.get_by_role("region", name="Recent jobs")

    page.get_by_label("Steps").fill("0")
    page.get_by_role("button", name="Run it").click()
    expect(page.locator("#echo-steps-error")).not_to_be_empty()
    page.get_by_label("Steps").fill("4")
    page.get_by_label("Seconds").fill("2")
    page.get_by_role("button", name="Run it").click()
    detail = page.get_by_test_id("job-detail")
    expect(detail).to_have_attribute("data-status", "running")
    expect(detail).to_have_attribute("data-status", "succeeded", timeout=JOB_TIMEOUT_MS)
    expect(detail).to_contain_text("step 4 of 4")
    expect(jobs.locator(f"tr[data-job-id='{failed['id']}']")).to_contain_text("failed")

    jobs.locator(f"tr[data-job-id='{failed['id']}'] a").click()
    expect(detail).to_contain_text("part_failed")
    expect(detail.locator(".part-failed")).to_have_count(1)
    expect(detail).to_contain_text("Part 4: echo_failed")
    screenshot(page, "jobs-fan-out-failed")

    page.goto(f"/dashboard/#/jobs/{hooked}")
    deliveries = detail.get_by_role("region", name="Webhook deliveries")
    expect(deliveries).to_contain_text("job.succeeded")
    expect(deliveries).to_contain_text("delivered")
    expect(deliveries.locator("tbody tr").first).to_contain_text("200")
    screenshot(page, "jobs-webhook-deliveries")

    page.get_by_label("Seconds").fill("60")
    page.get_by_label("Steps").fill("60")
    page.get_by_role("button", name="Run it").click()
    expect(detail).to_have_attribute("data-status", "running")
    detail.get_by_role("button", name="Cancel job").click()
    expect(detail).to_have_attribute("data-status", "cancelled", timeout=JOB_TIMEOUT_MS)
    expect(page.get_by_role("link", name="Task view in Flower ↗")).to_have_attribute(
        "href", f"http://127.0.0.1:{get_settings().flower_port}"
    )
    screenshot(page, "jobs")
    screenshot(page, "jobs-phone", width=PHONE)


def test_search_insights_chart_the_ctr_and_list_a_days_queries(
    page: Page, search_insights: None
) -> None:
    open_page(page, "Search insights")

    chart = page.get_by_role("figure", name="daily click-through rate")
    expect(chart.locator(".recharts-line-curve").first).to_be_visible()
    day = page.get_by_test_id("day-insights")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    expect(day).to_contain_text(f"CTR on {yesterday}")
    expect(page.get_by_role("table", name="top queries").locator("tbody tr")).to_have_count(5)
    expect(
        page.get_by_role("table", name="low-performing queries").locator("tbody tr").first
    ).to_be_visible()
    screenshot(page, "search")
    first_day = (date.today() - timedelta(days=SEARCH_DAYS)).isoformat()
    chart.locator("circle.chart-dot").first.click()
    page.mouse.move(0, 0)  # no tooltip left open in the screenshots
    expect(day).to_contain_text(f"CTR on {first_day}")
    expect(page.get_by_label("Day", exact=True)).to_have_value(first_day)
    screenshot(page, "search-phone", width=PHONE)
    page.set_viewport_size(LAPTOP)

    page.get_by_label("Day", exact=True).fill(
        (date.today() - timedelta(days=SEARCH_DAYS + 3)).isoformat()
    )
    expect(page.get_by_role("region", name="One day")).to_contain_text("No insights for")
    page.get_by_label("To", exact=True).fill((date.today() - timedelta(days=40)).isoformat())
    expect(page.locator("#period-error")).to_contain_text("`to` must not be before `from`")
    screenshot(page, "search-errors-phone", width=PHONE)
