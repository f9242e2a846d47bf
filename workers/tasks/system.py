from celery import Task

from workers.app import celery_app
from workers.runtime import run_job_task


@celery_app.task(name="system.echo", bind=True)
def echo(self: Task, job_id: str) -> None:
    run_job_task(self, job_id)
