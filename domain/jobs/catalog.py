"""Every job kind PulseTrack runs, and every schedule: collected, never listed.

The catalog imports `domain/<feature>/jobs.py` of every feature package, plus the modules named in
`PULSETRACK_JOB_MODULES` (plugins, and the tests' own kinds), and takes every module-level
`JobKind` and `JobSchedule` it finds. Adding a kind (or having beat submit it) means declaring it
in its feature's `jobs.py`, nothing else.
"""

import importlib
import importlib.util
import pkgutil
import re
from functools import lru_cache
from types import ModuleType
from typing import Any, TypeVar

from domain.errors import FieldError, InvalidInput
from domain.jobs.kinds import JobKind, JobSchedule
from domain.messaging import is_part_task
from pulsetrack.settings import get_settings

# The platform's own tasks live under these names; a kind there would shadow one.
RESERVED_PREFIXES = ("jobs.", "webhooks.")
KIND_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")

AnyJobKind = JobKind[Any]
T = TypeVar("T")


class InvalidJobCatalog(Exception):
    """A kind declaration that no worker could run; raised when the catalog is first built."""


def feature_job_modules() -> list[str]:
    """`domain.<feature>.jobs` for every feature package that has one."""
    import domain

    return sorted(
        f"domain.{module.name}.jobs"
        for module in pkgutil.iter_modules(domain.__path__)
        if module.ispkg and importlib.util.find_spec(f"domain.{module.name}.jobs")
    )


def _declared_in(module: ModuleType, of_type: type[T]) -> list[T]:
    return [value for value in vars(module).values() if isinstance(value, of_type)]


def _check(kind: AnyJobKind) -> None:
    if not KIND_NAME.match(kind.name) or is_part_task(kind.name):
        raise InvalidJobCatalog(
            f"job kind name {kind.name!r} must be dotted lower-case words "
            "('<feature>.<verb>') and must not end in '.part'"
        )
    if kind.name.startswith(RESERVED_PREFIXES):
        raise InvalidJobCatalog(f"job kind {kind.name!r} uses a name reserved for the platform")
    if kind.finish is not None and kind.run_part is None:
        raise InvalidJobCatalog(f"job kind {kind.name!r} has a finishing step but no run_part")


def collect_job_kinds(module_names: list[str]) -> dict[str, AnyJobKind]:
    """The kinds declared in these modules, by name; refuses two kinds with one name."""
    kinds: dict[str, AnyJobKind] = {}
    for module_name in module_names:
        for kind in _declared_in(importlib.import_module(module_name), JobKind):
            if kinds.get(kind.name, kind) is not kind:
                raise InvalidJobCatalog(f"job kind {kind.name!r} is declared twice")
            _check(kind)
            kinds[kind.name] = kind
    return kinds


def collect_job_schedules(
    module_names: list[str], kinds: dict[str, AnyJobKind]
) -> dict[str, JobSchedule]:
    """The schedules declared in these modules, by name; each must submit a known kind."""
    schedules: dict[str, JobSchedule] = {}
    for module_name in module_names:
        for schedule in _declared_in(importlib.import_module(module_name), JobSchedule):
            if schedules.get(schedule.name, schedule) is not schedule:
                raise InvalidJobCatalog(f"job schedule {schedule.name!r} is declared twice")
            if kinds.get(schedule.kind.name) is not schedule.kind:
                raise InvalidJobCatalog(
                    f"job schedule {schedule.name!r} submits {schedule.kind.name!r}, "
                    "which is not in the catalog"
                )
            schedules[schedule.name] = schedule
    return schedules


def _job_modules() -> list[str]:
    return feature_job_modules() + list(get_settings().job_modules)


@lru_cache
def job_kinds() -> dict[str, AnyJobKind]:
    """Every kind this process knows, by name (built once, on first use)."""
    return collect_job_kinds(_job_modules())


@lru_cache
def job_schedules() -> dict[str, JobSchedule]:
    """Every schedule beat runs, by name."""
    return collect_job_schedules(_job_modules(), job_kinds())


def get_job_kind(name: str) -> AnyJobKind:
    """The kind called `name`, or a 422 naming the known kinds."""
    kinds = job_kinds()
    try:
        return kinds[name]
    except KeyError:
        known = ", ".join(sorted(kinds))
        raise InvalidInput(
            f"unknown job kind {name!r}",
            errors=[FieldError("kind", f"must be one of: {known}")],
        ) from None
