"""What `GET /prometheus` reports about the job system, read from the database at scrape time.

Read from the database, not counted in each worker (prometheus-client's multiprocess mode): the
rows are already the record of every submission and outcome, workers run on other hosts and
containers that share no directory, and a worker that restarts would lose its counts. One
grouped query per family at each scrape (every 15 s or so) is cheap next to that.
"""

from dataclasses import dataclass, field

from tortoise import connections

from domain.jobs.models import JobStatus
from domain.operations import repository

# Upper bounds (seconds) of the run time histogram's buckets; +Inf is added by the exporter.
RUN_TIME_BUCKETS_S = (0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0)
IN_FLIGHT = f"('{JobStatus.QUEUED.value}', '{JobStatus.RUNNING.value}')"

_JOBS_SQL = "SELECT kind, status, count(*) AS n FROM jobs GROUP BY kind, status"
_bucket_columns = ", ".join(
    f"count(*) FILTER (WHERE seconds <= {bound}) AS le_{index}"
    for index, bound in enumerate(RUN_TIME_BUCKETS_S)
)
_RUN_TIMES_SQL = f"""
SELECT kind, count(*) AS n, coalesce(sum(seconds), 0) AS total, {_bucket_columns}
FROM (SELECT kind, extract(epoch FROM finished_at - started_at)::float AS seconds
      FROM jobs WHERE finished_at IS NOT NULL AND started_at IS NOT NULL) AS runs
GROUP BY kind
"""
_PARTS_SQL = (
    f"SELECT status, count(*) AS n FROM job_parts WHERE status IN {IN_FLIGHT} GROUP BY status"
)
_WEBHOOK_ATTEMPTS_SQL = f"""
SELECT {repository.ATTEMPT_OUTCOME_SQL} AS outcome, count(*) AS n FROM webhook_attempts GROUP BY 1
"""


@dataclass(frozen=True)
class RunTimes:
    """A cumulative histogram: `buckets[i]` runs took at most `RUN_TIME_BUCKETS_S[i]`."""

    count: int
    total_s: float
    buckets: list[int]


@dataclass
class JobMetrics:
    # (kind, status) -> jobs in that status now
    jobs: dict[tuple[str, str], int] = field(default_factory=dict)
    run_times: dict[str, RunTimes] = field(default_factory=dict)
    # status (queued, running) -> parts
    parts: dict[str, int] = field(default_factory=dict)
    webhook_attempts: dict[str, int] = field(default_factory=dict)
    # table -> rows retention removed from it
    purged: dict[str, int] = field(default_factory=dict)

    def submitted(self) -> dict[str, int]:
        """Jobs ever submitted (and still kept), by kind."""
        totals: dict[str, int] = {}
        for (kind, _), count in self.jobs.items():
            totals[kind] = totals.get(kind, 0) + count
        return totals


async def read_job_metrics() -> JobMetrics:
    """Every figure in one snapshot of the database."""
    db = connections.get("default")
    metrics = JobMetrics()
    for row in await db.execute_query_dict(_JOBS_SQL):
        metrics.jobs[(row["kind"], row["status"])] = row["n"]
    for row in await db.execute_query_dict(_RUN_TIMES_SQL):
        buckets = [row[f"le_{index}"] for index in range(len(RUN_TIME_BUCKETS_S))]
        metrics.run_times[row["kind"]] = RunTimes(row["n"], row["total"], buckets)
    for row in await db.execute_query_dict(_PARTS_SQL):
        metrics.parts[row["status"]] = row["n"]
    for row in await db.execute_query_dict(_WEBHOOK_ATTEMPTS_SQL):
        metrics.webhook_attempts[row["outcome"]] = row["n"]
    _add_purged(metrics, await repository.read_totals(db))
    return metrics


def _add_purged(metrics: JobMetrics, totals: repository.Totals) -> None:
    """Count what retention removed, so that the counters read from the tables never go down."""
    run_times: dict[str, dict[str, float]] = {}
    for (family, kind, label), value in totals.items():
        if family == "jobs":
            metrics.jobs[(kind, label)] = metrics.jobs.get((kind, label), 0) + int(value)
        elif family == "webhook_attempts":
            metrics.webhook_attempts[label] = metrics.webhook_attempts.get(label, 0) + int(value)
        elif family == "rows":
            metrics.purged[label] = int(value)
        elif family == "run_seconds":
            run_times.setdefault(kind, {})[label] = value
    for kind, purged in run_times.items():
        live = metrics.run_times.get(kind, RunTimes(0, 0.0, [0] * len(RUN_TIME_BUCKETS_S)))
        metrics.run_times[kind] = RunTimes(
            live.count + int(purged.get("count", 0)),
            live.total_s + purged.get("sum", 0.0),
            [count + int(purged.get(f"le_{index}", 0)) for index, count in enumerate(live.buckets)],
        )
