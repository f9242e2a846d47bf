"""The start-up check finds every kind routed to a worker's queues that has no task there."""

from celery import Celery
from pydantic import BaseModel

from domain.jobs.kinds import FanOut, JobContext, JobKind, Result, WorkQueue
from pulsetrack.settings import Settings
from workers.app import task_routes
from workers.guards import missing_job_tasks


class NoParams(BaseModel):
    pass


async def plan(params: NoParams, context: JobContext) -> FanOut:
    return FanOut([])


async def part(params: NoParams, part: dict, context: JobContext) -> Result:
    return {}


FANS_OUT = JobKind("demo.split", NoParams, WorkQueue.ML, plan, run_part=part)
KINDS = {FANS_OUT.name: FANS_OUT}


def noop() -> None:
    pass


def app_with_tasks(*names: str) -> Celery:
    app = Celery("guards-test", set_as_current=False)
    app.conf.task_routes = task_routes(KINDS, Settings())
    for name in names:
        app.task(name=name, shared=False)(noop)
    return app


def test_a_worker_with_a_task_for_the_job_and_its_parts_lacks_nothing() -> None:
    app = app_with_tasks("demo.split", "demo.split.part")

    assert missing_job_tasks(app, KINDS, {"ml"}) == []


def test_a_kind_routed_to_the_workers_queues_without_its_part_task_is_found() -> None:
    app = app_with_tasks("demo.split")

    assert missing_job_tasks(app, KINDS, {"default", "ml"}) == ["demo.split.part"]


def test_kinds_of_queues_the_worker_does_not_consume_are_not_its_concern() -> None:
    app = app_with_tasks()

    assert missing_job_tasks(app, KINDS, {"default", "webhooks"}) == []
