"""The Celery application; its whole configuration derives from the settings and the catalog."""

from typing import Any

from celery import Celery
from kombu import Exchange, Queue

from domain.jobs.catalog import AnyJobKind, job_kinds
from domain.jobs.kinds import WorkQueue
from domain.messaging import part_task_name
from pulsetrack.settings import Settings, get_settings
from workers.schedule import beat_schedule

# What every worker imports before it starts: the tasks, and the guards on what it receives.
TASK_MODULES = [
    "workers.tasks.jobs",
    "workers.tasks.webhooks",
    "workers.tasks.delivery",
    "workers.guards",
]


def queue_name(queue: WorkQueue, settings: Settings) -> str:
    return {
        WorkQueue.DEFAULT: settings.queue_default,
        WorkQueue.ML: settings.queue_ml,
        WorkQueue.LLM: settings.queue_llm,
        WorkQueue.WEBHOOKS: settings.queue_webhooks,
    }[queue]


def job_task_names(kind: AnyJobKind) -> list[str]:
    """The Celery tasks a kind runs as: the job itself, and its parts if it fans out."""
    return [kind.name, part_task_name(kind.name)] if kind.fans_out else [kind.name]


def task_routes(kinds: dict[str, AnyJobKind], settings: Settings) -> dict[str, dict[str, Any]]:
    """The one place a task's queue is chosen: every message is routed here when it is sent."""
    routes = {
        name: {"queue": queue_name(kind.queue, settings)}
        for kind in kinds.values()
        for name in job_task_names(kind)
    }
    routes["webhooks.*"] = {"queue": settings.queue_webhooks}
    routes["jobs.*"] = {"queue": settings.queue_default}
    return routes


# RabbitMQ queues are declared with this many priority levels (a message's `priority`, 0 to 9,
# higher first); Redis emulates priorities with kombu's `priority_steps` instead.
MAX_PRIORITY = 9


def declared_queues(settings: Settings) -> list[Queue]:
    """Durable queues (kombu's default); priority queues on RabbitMQ. A queue RabbitMQ already
    has with other arguments must be deleted first (it refuses to redeclare it)."""
    arguments = {"x-max-priority": MAX_PRIORITY} if settings.broker_is_amqp else None
    return [
        Queue(name, Exchange(name), routing_key=name, durable=True, queue_arguments=arguments)
        for name in settings.all_queues
    ]


def create_celery_app(settings: Settings) -> Celery:
    app = Celery("pulsetrack", broker=settings.broker_url, include=TASK_MODULES)
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
        task_queues=declared_queues(settings),
        task_queue_max_priority=MAX_PRIORITY if settings.broker_is_amqp else None,
        # RabbitMQ hands out the unacked messages of a lost connection again at once: stop their
        # tasks rather than let a message run again beside them. Not on Redis, where the message
        # waits in the broker's unacked set (and a stopped task would wait with it for the
        # visibility timeout), while a task that runs on still records its outcome.
        worker_cancel_long_running_tasks_on_connection_loss=settings.broker_is_amqp,
        task_routes=task_routes(job_kinds(), settings),
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
