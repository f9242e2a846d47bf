"""Logging for every process type: each line carries the id of the job being worked on."""

import logging
from contextvars import ContextVar

current_job_id: ContextVar[str] = ContextVar("current_job_id", default="-")

LOG_FORMAT = "%(asctime)s %(levelname)s %(processName)s %(name)s job=%(job_id)s %(message)s"


class JobIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.job_id = current_job_id.get()
        return True


def configure_logging(level: str = "INFO") -> None:
    """Send every log line to stderr in one format, tagged with the current job id."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(JobIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
