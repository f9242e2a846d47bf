"""Every job kind PulseTrack runs. Add a feature's kinds here."""

from domain.errors import FieldError, InvalidInput
from domain.jobs.kinds import JobKind
from domain.system.jobs import ECHO

JOB_KINDS: dict[str, JobKind] = {kind.name: kind for kind in (ECHO,)}


def get_job_kind(name: str) -> JobKind:
    """The kind called `name`, or a 422 naming the known kinds."""
    try:
        return JOB_KINDS[name]
    except KeyError:
        known = ", ".join(sorted(JOB_KINDS))
        raise InvalidInput(
            f"unknown job kind {name!r}",
            errors=[FieldError("kind", f"must be one of: {known}")],
        ) from None
