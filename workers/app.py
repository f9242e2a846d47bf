"""The Celery application; its whole configuration derives from the settings."""

from celery import Celery
from kombu import Exchange, Queue

from domain.jobs.catalog import JOB_KINDS
from domain.jobs.kinds import WorkQueue
from pulsetrack.settings import Settings, get_settings
from workers.schedule import beat_schedule

TASK_MODULES = ["workers.tasks.system", "workers.tasks.jobs", "workers.tasks.webhooks"]


def queue_name(queue: WorkQueue, settings: Settings) -> str:
    return {
        WorkQueue.DEFAULT: settings.queue_default,
        WorkQueue.ML: settings.queue_ml,
        WorkQueue.LLM: settings.queue_llm,
        WorkQueue.WEBHOOKS: settings.queue_webhooks,
    }[queue]


def create_celery_app(settings: Settings) -> Celery:
    app = Celery("pulsetrack", broker=settings.broker_url, include=TASK_MODULES)
    routes = {name: {"queue": queue_name(kind.queue, settings)} for name, kind in JOB_KINDS.items()}
    routes["webhooks.*"] = {"queue": settings.queue_webhooks}
    app.conf.update(
        # At-least-once: ack after the task ran, requeue when the process running it dies.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_time_limit=settings.task_time_limit_s,
        broker_transport_options={"visibility_timeout": settings.broker_visibility_timeout_s},
        broker_connection_retry_on_startup=True,
        # A submission must not hang while the broker is down: fail fast, the sweep re-sends.
        broker_connection_timeout=2,
        task_publish_retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
        task_default_queue=settings.queue_default,
        task_queues=[Queue(name, Exchange(name), routing_key=name) for name in settings.all_queues],
        task_routes=routes,
        # Flower shows a task from the moment a worker receives it. A `task-sent` event too would
        # cost the API a second broker write per submission; queued jobs are in `GET /jobs`.
        worker_send_task_events=True,
        task_send_sent_event=False,
        worker_hijack_root_logger=False,
        beat_schedule=beat_schedule(settings),
        timezone="UTC",
    )
    return app


celery_app = create_celery_app(get_settings())
