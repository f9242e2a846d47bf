"""Delivery over HTTP, in process: predictions from the bootstrap model, stored notifications,
the model registry with rollback, and jobs accepted (no worker here: they stay queued)."""

from pathlib import Path

import httpx
import pytest

from domain.delivery.registry import forget_active_model
from tests.api.support import assert_problem, error_fields

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "delivery" / "sample" / "notifications.csv"


def notification(**fields: object) -> dict[str, object]:
    return {
        "channel": "sms",
        "provider": "twilio",
        "recipient_country": "US",
        "template_type": "otp",
        "payload_size": 120,
        "business_priority": "high",
        **fields,
    }


@pytest.fixture(autouse=True)
def fresh_model_cache() -> None:
    forget_active_model()  # each test starts from an emptied registry


async def test_a_fresh_installation_predicts_with_the_bootstrap_lightgbm(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.post("/predict", json=notification(), headers=auth)

    assert response.status_code == 200, response.text
    prediction = response.json()
    assert 0 < prediction["probability"] < 1
    assert prediction["model_kind"] == "lightgbm"
    assert prediction["priority_class"] == "high"
    assert prediction["retry"]["next_delay_s"] > 0
    assert prediction["policy_version"] == "v2"


async def test_the_prediction_follows_the_learnt_structure(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    async def probability(**fields: object) -> float:
        response = await client.post("/predict", json=notification(**fields), headers=auth)
        return float(response.json()["probability"])

    calm = await probability(send_time="2026-11-02T10:00:00Z")
    outage = await probability(send_time="2026-11-02T14:30:00Z")  # twilio's daily window
    tired = await probability(
        send_time="2026-11-02T10:00:00Z",
        previous_attempts=3,
        last_status="timeout",
        response_code=504,
        latency_ms=10000,
    )
    unregistered = await probability(
        send_time="2026-11-02T10:00:00Z",
        previous_attempts=1,
        last_status="rejected",
        response_code=21211,
    )

    assert outage < calm - 0.1
    assert tired < calm - 0.1
    assert unregistered < 0.1


async def test_a_permanent_failure_is_never_retried(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.post(
        "/predict",
        json=notification(previous_attempts=1, last_status="rejected", response_code=21211),
        headers=auth,
    )

    assert response.json()["retry"]["next_delay_s"] is None


async def test_an_invalid_payload_is_a_problem_naming_the_fields(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.post(
        "/predict",
        json=notification(provider="fcm", payload_size=-1, recipient_country="usa"),
        headers=auth,
    )

    problem = assert_problem(response, 422, "invalid_input")
    assert {"payload_size", "recipient_country"} <= set(error_fields(problem))


async def test_notifications_are_stored_one_or_many_and_all_or_none(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    one = await client.post("/notifications", json=notification(), headers=auth)
    many = await client.post(
        "/notifications", json={"items": [notification()] * 3, "schedule": True}, headers=auth
    )
    bad = await client.post(
        "/notifications",
        json={"items": [notification(), notification(provider="ses")]},
        headers=auth,
    )

    assert one.status_code == 201, one.text
    assert one.json()["created"] == 1
    assert many.json() == {
        "created": 3,
        "first_id": one.json()["last_id"] + 1,
        "last_id": one.json()["last_id"] + 3,
    }
    problem = assert_problem(bad, 422, "invalid_input")
    assert error_fields(problem) == ["many.items.1"]
    assert "does not send sms" in problem["errors"][0]["message"]


async def test_the_sample_csv_uploads_and_a_bad_line_stores_nothing(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    uploaded = await client.post(
        "/notifications/csv",
        content=SAMPLE.read_bytes(),
        headers=auth | {"content-type": "text/csv"},
    )
    header = "channel,provider,recipient_country,template_type,payload_size\n"
    bad = await client.post(
        "/notifications/csv",
        files={"file": ("n.csv", header + "sms,twilio,US,otp,100\npush,fcm,US,otp,-5\n")},
        headers=auth,
    )

    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["created"] == 1000
    problem = assert_problem(bad, 422, "invalid_input")
    assert error_fields(problem) == ["line 3.payload_size"]


async def test_models_are_listed_and_any_version_can_be_activated_again(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    models = (await client.get("/models", headers=auth)).json()["items"]
    by_kind = {model["kind"]: model for model in models}

    rolled_back = await client.post(
        f"/models/{by_kind['logistic']['version']}/activate", headers=auth
    )
    metrics = (await client.get("/metrics", headers=auth)).json()
    prediction = (await client.post("/predict", json=notification(), headers=auth)).json()
    missing = await client.post("/models/999/activate", headers=auth)

    assert by_kind["lightgbm"]["is_active"]
    assert by_kind["lightgbm"]["training"]["data_range"]["holdout_from"]
    assert rolled_back.json()["is_active"]
    assert metrics["model_kind"] == "logistic"
    assert metrics["model_version"] == by_kind["logistic"]["version"]
    assert {"precision", "recall", "roc_auc", "pr_auc", "brier", "reliability"} <= set(metrics)
    assert prediction["model_kind"] == "logistic"
    assert_problem(missing, 404, "model_not_found")


async def test_fairness_per_segment_is_served_for_the_active_model(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    response = await client.get("/metrics/fairness", headers=auth)
    metrics = (await client.get("/metrics", headers=auth)).json()
    anonymous = await client.get("/metrics/fairness")

    assert response.status_code == 200, response.text
    fairness = response.json()
    assert fairness["model_version"] == metrics["model_version"]
    assert fairness["thresholds"] == {
        "min_segment_count": 200,
        "auc_gap": 0.05,
        "calibration_gap": 0.05,
    }
    holdout = fairness["holdout"]
    assert holdout["overall"]["roc_auc"] == metrics["roc_auc"]
    assert set(holdout["segments"]) == {"recipient_country", "provider", "channel"}
    countries = {group["value"]: group for group in holdout["segments"]["recipient_country"]}
    assert {"US", "NG", "IN"} <= set(countries)
    assert sum(group["count"] for group in countries.values()) == holdout["overall"]["count"]
    assert {alert["segment"] for alert in holdout["alerts"]} <= set(holdout["segments"])
    assert fairness["live"] is None  # no monitoring report yet
    assert "fairness" not in metrics["holdout"]
    assert_problem(anonymous, 401, "unauthorized")


async def test_training_and_batch_prediction_are_accepted_as_jobs(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    train = await client.post("/train", json={"days": 7}, headers=auth)
    batch = await client.post(
        "/notifications/predictions", json={"status": "pending"}, headers=auth
    )
    bad = await client.post(
        "/notifications/predictions", json={"first_id": 5, "last_id": 2}, headers=auth
    )

    assert train.status_code == 202, train.text
    assert train.json()["kind"] == "delivery.train"
    assert batch.json()["kind"] == "delivery.predict_batch"
    assert batch.headers["location"] == f"/jobs/{batch.json()['id']}"
    assert_problem(bad, 422, "invalid_input")
