"""The beat schedule: retention runs at its interval, and not at all when it is off."""

from datetime import timedelta

from pulsetrack.settings import Settings
from workers.schedule import beat_schedule


def test_retention_purges_at_its_interval_and_is_left_out_when_off() -> None:
    entry = beat_schedule(Settings(job_retention_interval_s=600))["jobs.purge_finished"]

    assert entry["task"] == "jobs.purge_finished"
    assert entry["schedule"] == timedelta(seconds=600)
    assert entry["options"] == {"expires": 600}
    assert "jobs.purge_finished" not in beat_schedule(Settings(job_retention_days=0))
