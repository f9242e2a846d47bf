"""Retention through real processes: jobs run by a worker (one with a webhook, one fanned out),
made old, then purged by the task beat schedules, and counted at `/prometheus`."""

import asyncio
from pathlib import Path

import asyncpg
import httpx

from tests.harness import ManagedProcess, poll_until_finished, start_beat, wait_for
from tests.webhook_receiver import WebhookReceiver


def submit(client: httpx.Client, body: dict) -> dict:
    accepted = client.post("/jobs", json=body)
    assert accepted.status_code == 202, accepted.text
    return poll_until_finished(client, accepted.json()["id"], timeout=60)


def age(database_url: str, job_ids: list[str], days: int) -> None:
    async def update() -> None:
        connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://"))
        try:
            await connection.execute(
                "UPDATE jobs SET finished_at = finished_at - make_interval(days => $2), "
                "started_at = started_at - make_interval(days => $2) WHERE id = ANY($1::uuid[])",
                job_ids,
                days,
            )
        finally:
            await connection.close()

    asyncio.run(update())


def purged_rows(client: httpx.Client, table: str) -> float:
    for line in client.get("/prometheus").text.splitlines():
        if line.startswith(f'pulsetrack_retention_purged_rows_total{{table="{table}"}}'):
            return float(line.split()[-1])
    raise AssertionError(f"no purged rows counter for {table}")


def test_beat_and_a_worker_purge_old_finished_jobs_and_keep_recent_ones(
    worker: ManagedProcess,
    live_client: httpx.Client,
    webhook_receiver: WebhookReceiver,
    process_env: dict[str, str],
    tmp_path: Path,
) -> None:
    hooked = submit(
        live_client, {"kind": "system.echo", "params": {}, "webhook_url": webhook_receiver.url}
    )
    fanned = submit(live_client, {"kind": "system.fan_out", "params": {"parts": 3}})
    recent = submit(live_client, {"kind": "system.echo", "params": {"message": "stay"}})
    assert {hooked["status"], fanned["status"], recent["status"]} == {"succeeded"}

    def webhook_delivered() -> bool:
        events = live_client.get(f"/jobs/{hooked['id']}/webhook-deliveries").json()["items"]
        return bool(events) and events[0]["status"] == "delivered"

    wait_for(webhook_delivered, timeout=30)
    submitted = 'pulsetrack_jobs_submitted_total{kind="system.echo"} 2.0'
    assert submitted in live_client.get("/prometheus").text
    age(process_env["PULSETRACK_DATABASE_URL"], [hooked["id"], fanned["id"]], days=31)

    beat = start_beat(process_env | {"PULSETRACK_JOB_RETENTION_INTERVAL_S": "1"}, tmp_path)
    try:
        wait_for(
            lambda: (
                live_client.get(f"/jobs/{fanned['id']}").status_code == 404
                and live_client.get(f"/jobs/{hooked['id']}").status_code == 404
            ),
            timeout=60,
            interval=0.5,
        )
    finally:
        beat.stop()

    assert "Sending due task jobs.purge_finished" in beat.log()
    worker.wait_for_log("retention removed", timeout=10)
    assert live_client.get(f"/jobs/{recent['id']}").status_code == 200
    assert purged_rows(live_client, "jobs") == 2
    assert purged_rows(live_client, "job_parts") == 3
    assert purged_rows(live_client, "webhook_events") == 1
    assert purged_rows(live_client, "webhook_attempts") >= 1
    assert submitted in live_client.get("/prometheus").text  # the counter did not go down
