"""The Predict, Predictions and Model pages in a real browser against a real API and worker: a
prediction submitted as a form and as JSON, validation errors next to their fields; predictions
made by the batch job and their outcomes by the simulated provider, filtered and paged; training
followed to its end, drift checked, a rollback, and a key without the admin scope refused."""

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.dashboard.browser import (
    JOB_TIMEOUT_MS,
    LAPTOP,
    PHONE,
    Page,
    expect,
    open_page,
    run_command,
    screenshot,
)
from tests.harness import PULSETRACK, ManagedProcess, poll_until_finished, start_beat, wait_for

NOTIFICATIONS = 60
CHANNELS = [("email", "ses"), ("sms", "twilio"), ("push", "fcm")]


def notification(index: int) -> dict[str, object]:
    channel, provider = CHANNELS[index % 3]
    return {
        "channel": channel,
        "provider": provider,
        "recipient_country": ["US", "NG", "DE", "IN"][index % 4],
        "template_type": ["otp", "alert", "marketing"][index % 3],
        "payload_size": [120, 600, 2000][index % 3],
        "business_priority": ["critical", "high", "normal", "low"][index % 4],
    }


@pytest.fixture
def sweep(process_env: dict[str, str], tmp_path: Path) -> Iterator[None]:
    """Beat, sending the retry sweep every half second: the worker releases the due attempts and
    the simulated provider makes them. (Retries wait the policy's real delays, so only each
    notification's first attempt is made while a test runs.)"""
    beat: ManagedProcess = start_beat(
        process_env | {"PULSETRACK_DELIVERY_SWEEP_INTERVAL_S": "0.5"}, tmp_path
    )
    yield
    beat.stop()


@pytest.fixture
def predicted(api: httpx.Client) -> str:
    """60 notifications due now, predicted by one batch job on the worker; returns its id."""
    items = [notification(index) for index in range(NOTIFICATIONS)]
    stored = api.post("/notifications", json={"items": items, "schedule": True})
    assert stored.status_code == 201, stored.text
    job = api.post("/notifications/predictions", json={"status": "scheduled"}).json()
    finished = poll_until_finished(api, job["id"], JOB_TIMEOUT_MS / 1000)
    assert finished["status"] == "succeeded", finished
    assert finished["result"]["predicted"] == NOTIFICATIONS
    return str(job["id"])


@pytest.fixture
def delivery_logs(process_env: dict[str, str]) -> None:
    """A week of generated notifications and attempts, ending now: enough to train on."""
    seed = [*PULSETRACK, "seed-delivery", "--notifications", "3000", "--days", "7", "--seed", "4"]
    run_command(seed, process_env)


def test_a_prediction_is_shown_and_invalid_payloads_are_refused_at_their_fields(
    page: Page,
) -> None:
    open_page(page, "Predict")
    form = page.get_by_role("form", name="Notification form")
    form.get_by_label("Channel").select_option("push")
    form.get_by_label("Business priority").select_option("critical")
    form.get_by_label("Previous attempts").fill("2")
    form.get_by_label("Last status").select_option("timeout")

    form.get_by_role("button", name="Predict").click()

    prediction = page.get_by_test_id("prediction")
    expect(prediction).to_contain_text("delivered on attempt 3")
    expect(prediction).to_contain_text("model (lightgbm)")
    expect(prediction).to_contain_text("Max attempts")
    expect(prediction.locator(".stat b").first).to_have_text(re.compile(r"^\d+\.\d\s%$"))
    screenshot(page, "predict")
    screenshot(page, "predict-phone", width=PHONE)
    page.set_viewport_size(LAPTOP)

    form.get_by_label("Recipient country").fill("usa")
    form.get_by_label("Payload size").fill("-1")
    form.get_by_role("button", name="Predict").click()
    expect(page.locator("#predict-recipient_country-error")).to_contain_text("pattern")
    expect(page.locator("#predict-payload_size-error")).to_contain_text("greater than or equal")
    expect(form.get_by_label("Recipient country")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "predict-field-errors")

    page.get_by_role("button", name="JSON").click()
    box = page.get_by_label("Payload (paste, or upload a .json file)")
    box.fill(
        '{"channel": "sms", "provider": "fcm", "recipient_country": "NG",\n'
        ' "template_type": "otp", "payload_size": 140, "previous_attempts": 500}'
    )
    page.get_by_role("form", name="JSON payload").get_by_role("button", name="Predict").click()
    errors = page.locator("#predict-json-error")
    expect(errors).to_contain_text("previous_attempts: Input should be less than or equal to 100")
    expect(box).to_have_attribute("aria-invalid", "true")
    screenshot(page, "predict-json-errors-phone", width=PHONE)


def test_stored_predictions_show_their_outcomes_filtered_and_paged(
    predicted: str, sweep: None, api: httpx.Client, page: Page
) -> None:
    wait_for(
        lambda: not api.get("/predictions", params={"outcome": "unknown"}).json()["items"],
        timeout=JOB_TIMEOUT_MS / 1000,
    )
    delivered = api.get("/predictions", params={"outcome": "delivered", "limit": 500}).json()
    open_page(page, "Predictions")
    table = page.locator("table.predictions-table")

    expect(table.locator("tbody tr")).to_have_count(25)
    expect(table.locator("tbody tr").first).to_contain_text(predicted[:8])
    page.get_by_role("button", name="Older").click()
    expect(table.locator("tbody tr")).to_have_count(25)
    page.get_by_role("button", name="Older").click()
    expect(table.locator("tbody tr")).to_have_count(NOTIFICATIONS - 50)
    expect(page.get_by_role("button", name="Older")).to_be_disabled()

    page.get_by_label("Outcome").select_option("delivered")
    expect(table.locator("tbody tr")).to_have_count(min(25, len(delivered["items"])))
    expect(table.locator("tbody .badge-failed")).to_have_count(0)
    page.get_by_label("Outcome").select_option("failed")
    page.get_by_label("Channel").select_option("sms")
    expect(table.locator("tbody tr").first).to_contain_text("sms")
    expect(table.locator("tbody .badge-delivered")).to_have_count(0)
    page.get_by_label("Outcome").select_option("")
    expect(table.locator("tbody tr")).to_have_count(NOTIFICATIONS // 3)
    screenshot(page, "predictions")
    screenshot(page, "predictions-phone", width=PHONE)


def test_the_model_is_trained_checked_for_drift_and_rolled_back(
    delivery_logs: None, page: Page, api: httpx.Client
) -> None:
    bootstrap = api.get("/metrics").json()["model_version"]
    open_page(page, "Model")
    expect(page.get_by_test_id("active-model")).to_contain_text(f"v{bootstrap}")
    expect(
        page.locator("figure[aria-label='calibration curve'] .recharts-line-curve")
    ).to_be_visible()

    drift = page.get_by_role("region", name="Drift")
    drift.get_by_role("button", name="Check drift now").click()
    expect(drift.get_by_test_id("job-summary")).to_have_attribute(
        "data-status", "succeeded", timeout=JOB_TIMEOUT_MS
    )
    expect(
        drift.get_by_role("table", name="drift per feature").locator("tbody tr").first
    ).to_be_visible()

    training = page.get_by_role("region", name="Training")
    training.get_by_label("Days of logs").fill("30")
    training.get_by_role("button", name="Train").click()
    expect(training.get_by_test_id("job-summary")).to_have_attribute(
        "data-status", "succeeded", timeout=JOB_TIMEOUT_MS
    )
    expect(training.get_by_test_id("training-outcome")).to_contain_text("Best:")
    history = page.get_by_role("region", name="Version history")
    expect(history.locator("tbody tr")).to_have_count(4)
    screenshot(page, "model")
    screenshot(page, "model-phone", width=PHONE)
    page.set_viewport_size(LAPTOP)

    earlier = rollback_target(api)
    history.get_by_role("button", name=f"Roll back to v{earlier}").click()
    expect(history.locator(f"tr[data-version='{earlier}']")).to_contain_text("active")
    wait_for(lambda: api.get("/metrics").json()["model_version"] == earlier)
    page.reload()
    expect(page.get_by_test_id("active-model")).to_contain_text(f"v{earlier}")


def rollback_target(api: httpx.Client) -> int:
    """The oldest version older than the active one. (From the registry, not `/metrics`: the API
    may still hold a model from before the last test emptied the registry.)"""
    models = api.get("/models").json()["items"]
    active = next(model["version"] for model in models if model["is_active"])
    return min(model["version"] for model in models if model["version"] < active)


def test_a_key_without_the_admin_scope_is_told_it_cannot_roll_back(
    browser: object, system: str, process_env: dict[str, str], api: httpx.Client
) -> None:
    earlier = rollback_target(api)
    create = [*PULSETRACK, "api-keys", "create", "--name", "no-admin", "--scopes", "read,write"]
    key = subprocess.run(create, env=process_env, check=True, capture_output=True, text=True)
    context = browser.new_context(viewport=LAPTOP, base_url=system)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto("/dashboard/#/model")
    page.get_by_label("API key").fill(key.stdout.strip().splitlines()[-1])
    page.get_by_role("button", name="Open the dashboard").click()
    history = page.get_by_role("region", name="Version history")

    history.get_by_role("button", name=f"Roll back to v{earlier}").click()

    error = page.get_by_test_id("activate-error")
    expect(error).to_contain_text("403")
    expect(error).to_contain_text("needs the admin scope")
    expect(history.locator(f"tr[data-version='{earlier}']")).not_to_contain_text("active")
    screenshot(page, "model-forbidden")
    context.close()
