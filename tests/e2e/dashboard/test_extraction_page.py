"""The Extraction page in a real browser against a real API and worker whose OpenAI and Gemini are
the fake provider server on 127.0.0.1: a valid extraction shown as tables with how it was made,
an answer invalid twice shown with its validation errors, an empty text refused at its field, and
a comparison run, followed and its report rendered, at laptop and phone widths."""

import json
from collections.abc import Iterator

import pytest

from tests.e2e.dashboard.browser import JOB_TIMEOUT_MS, LAPTOP, PHONE, Page, expect, open_page
from tests.e2e.dashboard.browser import screenshot as save_screenshot
from tests.fake_llm_server import VALID_MEAL, FakeLLMServer, Reply
from tests.harness import start_api, start_worker

KEY = "sk-dashboard-secret"
NULL = "\N{EN DASH}"  # how the page shows a null


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def system(
    process_env: dict[str, str], fake: FakeLLMServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The conftest's system, with OpenAI and Gemini on the fake server and no local model."""
    env = process_env | {
        "PULSETRACK_LLM_OPENAI_BASE_URL": fake.openai_url,
        "PULSETRACK_LLM_OPENAI_API_KEY": KEY,
        "PULSETRACK_LLM_GEMINI_BASE_URL": fake.gemini_url,
        "PULSETRACK_LLM_GEMINI_API_KEY": KEY,
        "PULSETRACK_LLM_GEMINI_REQUESTS_PER_MINUTE": "6000",
        "PULSETRACK_LLM_BACKOFF_BASE_S": "0.05",
        "PULSETRACK_LLM_LOCAL_ENABLED": "false",
    }
    log_dir = tmp_path_factory.mktemp("dashboard-extraction")
    api, base_url = start_api(env, log_dir)
    worker = start_worker(env, log_dir, name="dashboard-llm-worker", concurrency=2)
    try:
        yield base_url
    finally:
        worker.stop()
        api.stop()


@pytest.fixture(autouse=True)
def answers(fake: FakeLLMServer) -> FakeLLMServer:
    """Every test starts with a fake that answers a valid meal, whatever it is asked."""
    fake.script.clear()
    fake.default = Reply()
    return fake


def screenshot(page: Page, name: str) -> None:
    """The page at laptop and phone widths."""
    save_screenshot(page, name)
    save_screenshot(page, f"{name}-phone", width=PHONE)
    page.set_viewport_size(LAPTOP)


def test_a_meal_log_is_extracted_and_shown_with_its_provider_model_tokens_and_latency(
    page: Page,
) -> None:
    open_page(page, "Extraction")
    extract = page.get_by_role("region", name="Extract")
    providers = extract.get_by_label("Provider").locator("option")
    expect(providers).to_have_text(["openai (gpt-4o-mini)", "gemini (gemini-2.0-flash)"])

    extract.get_by_label("Text").fill("lunch at 12:30, an apple")
    extract.get_by_role("button", name="Extract").click()

    expect(extract.get_by_test_id("job-summary")).to_have_attribute(
        "data-status", "succeeded", timeout=JOB_TIMEOUT_MS
    )
    result = extract.get_by_test_id("extraction-result")
    expect(result).to_contain_text("Modelfake-gpt")
    expect(result).to_contain_text("Promptextract-v1")
    expect(result).to_contain_text("Tokens321 in, 45 out")
    expect(result).to_contain_text("meal time12:30")
    items = result.get_by_role("table", name="items").locator("tbody tr")
    expect(items).to_have_text([f"apple1{NULL}95"])
    raw = json.loads(result.get_by_test_id("raw-json").inner_text())
    assert raw == VALID_MEAL
    screenshot(page, "extraction")


def test_an_empty_text_is_refused_at_its_field_and_an_answer_invalid_twice_shows_its_errors(
    page: Page, answers: FakeLLMServer
) -> None:
    wrong = json.dumps(VALID_MEAL | {"meal_time": "half past noon"})
    answers.then(Reply(content="{oops"), Reply(content=wrong))
    open_page(page, "Extraction")
    extract = page.get_by_role("region", name="Extract")

    extract.get_by_role("button", name="Extract").click()
    expect(extract.locator("#extract-text-error")).to_contain_text("at least 1 character")
    expect(extract.get_by_label("Text")).to_have_attribute("aria-invalid", "true")
    save_screenshot(page, "extraction-field-error-phone", width=PHONE)
    page.set_viewport_size(LAPTOP)
    extract.get_by_label("Text").fill("lunch at half past noon, an apple")
    extract.get_by_label("Provider").select_option("openai")
    extract.get_by_role("button", name="Extract").click()

    expect(extract.get_by_test_id("job-summary")).to_have_attribute(
        "data-status", "failed", timeout=JOB_TIMEOUT_MS
    )
    failure = extract.get_by_test_id("extraction-error")
    expect(failure).to_contain_text("failed · invalid_output")
    expect(failure.locator("li")).to_contain_text(["meal_time: String should match pattern"])
    expect(extract.locator("#extract-text-error")).to_have_count(0)
    expect(extract.get_by_test_id("extraction-result")).to_have_count(0)
    screenshot(page, "extraction-invalid")


def test_a_comparison_is_started_followed_and_its_report_rendered_as_tables(page: Page) -> None:
    open_page(page, "Extraction")
    comparison = page.get_by_role("region", name="Comparison")
    expect(comparison).to_contain_text("No comparison has finished yet")

    comparison.get_by_label("Gold set").select_option("meal_log")
    comparison.get_by_label("Second provider").select_option("openai")
    comparison.get_by_role("button", name="Run comparison").click()
    expect(comparison.locator("#compare-providers-error")).to_contain_text("different providers")
    comparison.get_by_label("Second provider").select_option("gemini")
    comparison.get_by_label("Texts (the first N)").fill("6")
    comparison.get_by_role("button", name="Run comparison").click()

    expect(comparison.get_by_test_id("job-summary")).to_have_attribute(
        "data-status", "succeeded", timeout=JOB_TIMEOUT_MS
    )
    report = comparison.get_by_test_id("comparison-report")
    summary = report.get_by_role("table", name="summary")
    expect(summary.get_by_role("row", name="model")).to_have_text("modelfake-gptfake-gemini")
    expect(summary.get_by_role("row", name="valid output")).to_contain_text("6 / 6 (100.0")
    fields = report.get_by_role("table", name="accuracy per field").locator("tbody tr")
    expect(fields.first).to_contain_text("meal_type")
    expect(fields).to_have_count(7)
    expect(report.get_by_test_id("agreement")).to_contain_text("6 texts")
    report.get_by_text("Each text").click()
    texts = report.get_by_role("table", name="each text").locator("tbody tr")
    expect(texts).to_have_count(6)
    expect(texts.first).to_have_text("meal_log-000validvalid")
    screenshot(page, "extraction-comparison")
