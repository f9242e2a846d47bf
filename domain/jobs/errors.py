from domain.errors import Conflict, InvalidInput, NotFound


class JobNotFound(NotFound):
    code = "job_not_found"


class JobAlreadyFinished(Conflict):
    code = "job_already_finished"
    title = "The job has already finished"


class IdempotencyKeyReused(InvalidInput):
    code = "idempotency_key_reused"
    title = "The idempotency key was used with a different request"


class JobCancelled(Exception):
    """Raised at a progress checkpoint when the job was asked to stop."""
