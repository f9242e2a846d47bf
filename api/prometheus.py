"""`GET /prometheus`: the job system's figures in the Prometheus text format, and the latency of
every API request by route.

Job figures are read from the database at scrape time (`domain/operations/metrics.py` says why).
Request latency is measured in this process; `pulsetrack serve` points every uvicorn worker at
one `PROMETHEUS_MULTIPROC_DIR`, so a scrape that lands on any of them reports all of them.
"""

import asyncio
import os
import time
from collections.abc import Iterable

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.metrics_core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import CurrentApiKey, SettingsDep
from domain.jobs.models import JobStatus
from domain.operations.metrics import RUN_TIME_BUCKETS_S, JobMetrics, read_job_metrics
from domain.operations.retention import PURGED_TABLES
from workers.queues import queue_depths

router = APIRouter(tags=["operations"])

REQUEST_SECONDS = Histogram(
    "pulsetrack_api_request_duration_seconds",
    "API request latency, by route template, method and status code.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
FINISHED = [s.value for s in JobStatus if s.value not in (JobStatus.QUEUED, JobStatus.RUNNING)]


class RecordRequestLatency:
    """Pure ASGI middleware: time each request, labelled with the route it matched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), [500]

        async def send_and_note_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            route = getattr(scope.get("route"), "path_format", "unmatched")
            REQUEST_SECONDS.labels(route, scope["method"], str(status[0])).observe(
                time.perf_counter() - started
            )


class JobSystemCollector(Collector):
    """One scrape's snapshot of jobs, parts, queues and webhook attempts as metric families."""

    def __init__(self, metrics: JobMetrics, depths: dict[str, int]) -> None:
        self.metrics, self.depths = metrics, depths

    def collect(self) -> Iterable[Metric]:
        m = self.metrics
        submitted = CounterMetricFamily(
            "pulsetrack_jobs_submitted", "Jobs submitted, by kind.", labels=["kind"]
        )
        for kind, count in sorted(m.submitted().items()):
            submitted.add_metric([kind], count)
        finished = CounterMetricFamily(
            "pulsetrack_jobs_finished",
            "Jobs finished, by kind and status.",
            labels=["kind", "status"],
        )
        current = GaugeMetricFamily(
            "pulsetrack_jobs", "Jobs queued or running now, by kind.", labels=["kind", "status"]
        )
        for (kind, status), count in sorted(m.jobs.items()):
            (finished if status in FINISHED else current).add_metric([kind, status], count)
        run_time = HistogramMetricFamily(
            "pulsetrack_job_run_seconds", "Finished jobs' run time, by kind.", labels=["kind"]
        )
        for kind, runs in sorted(m.run_times.items()):
            buckets = [(str(b), n) for b, n in zip(RUN_TIME_BUCKETS_S, runs.buckets, strict=True)]
            run_time.add_metric([kind], [*buckets, ("+Inf", runs.count)], runs.total_s)
        parts = GaugeMetricFamily(
            "pulsetrack_job_parts_in_flight", "Parts queued or running.", labels=["status"]
        )
        for status in (JobStatus.QUEUED.value, JobStatus.RUNNING.value):
            parts.add_metric([status], m.parts.get(status, 0))
        depth = GaugeMetricFamily(
            "pulsetrack_queue_depth", "Messages waiting in each broker queue.", labels=["queue"]
        )
        for queue, count in sorted(self.depths.items()):
            depth.add_metric([queue], count)
        attempts = CounterMetricFamily(
            "pulsetrack_webhook_attempts",
            "Webhook delivery attempts, by outcome.",
            labels=["outcome"],
        )
        for outcome, count in sorted(m.webhook_attempts.items()):
            attempts.add_metric([outcome], count)
        purged = CounterMetricFamily(
            "pulsetrack_retention_purged_rows",
            "Rows retention removed, by table.",
            labels=["table"],
        )
        for table in PURGED_TABLES:
            purged.add_metric([table], m.purged.get(table, 0))
        yield from (submitted, finished, current, run_time, parts, depth, attempts, purged)


def _request_metrics() -> bytes:
    if directory := os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=directory)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def _safe_queue_depths(queues: list[str]) -> dict[str, int]:
    try:
        return queue_depths(queues)
    except Exception:
        return {}  # broker down: no depth rather than no metrics (`/readyz` reports the outage)


# Not in the OpenAPI document: it is for Prometheus, not for the clients generated from it.
@router.get("/prometheus", response_class=Response, include_in_schema=False)
async def prometheus(_: CurrentApiKey, settings: SettingsDep) -> Response:
    """Operational metrics in the Prometheus text format."""
    metrics, depths = await asyncio.gather(
        read_job_metrics(), asyncio.to_thread(_safe_queue_depths, settings.all_queues)
    )
    registry = CollectorRegistry(auto_describe=False)
    registry.register(JobSystemCollector(metrics, depths))
    body = generate_latest(registry) + _request_metrics()
    return Response(body, media_type=CONTENT_TYPE_LATEST)
