"""The catalog collects every kind its modules declare and refuses declarations no worker could
run, when it is built rather than when a job arrives."""

import sys
from collections.abc import Callable, Iterator
from types import ModuleType

import pytest
from pydantic import BaseModel

from domain.errors import InvalidInput
from domain.jobs.catalog import InvalidJobCatalog, collect_job_kinds, get_job_kind, job_kinds
from domain.jobs.kinds import FanOut, JobContext, JobKind, Result, WorkQueue


class NoParams(BaseModel):
    pass


async def run(params: NoParams, context: JobContext) -> Result:
    return {}


async def plan(params: NoParams, context: JobContext) -> FanOut:
    return FanOut([])


async def finish(params: NoParams, results: list[Result], context: JobContext) -> Result:
    return {}


def kind(name: str, **overrides: object) -> JobKind[NoParams]:
    declared: dict[str, object] = {"run": run} | overrides
    return JobKind(name, NoParams, WorkQueue.DEFAULT, **declared)  # type: ignore[arg-type]


Declare = Callable[..., str]


@pytest.fixture
def declare() -> Iterator[Declare]:
    """Declares kinds in a throwaway module and returns the module's name."""
    names: list[str] = []

    def make(*kinds: JobKind[NoParams], **named: JobKind[NoParams]) -> str:
        module = ModuleType(f"tests_kinds_{len(names)}")
        for index, declared in enumerate(kinds):
            setattr(module, f"KIND_{index}", declared)
        for attribute, declared in named.items():
            setattr(module, attribute, declared)
        sys.modules[module.__name__] = module
        names.append(module.__name__)
        return module.__name__

    yield make
    for name in names:
        del sys.modules[name]


def test_the_built_in_kinds_are_found_in_their_feature_packages() -> None:
    assert {"system.echo", "system.fan_out"} <= set(job_kinds())
    assert job_kinds()["system.fan_out"].fans_out
    assert not job_kinds()["system.echo"].fans_out


def test_every_kind_a_module_declares_is_collected_once(declare: Declare) -> None:
    first, second = kind("demo.first"), kind("demo.second")
    module = declare(first, second, ALIAS=first)

    assert collect_job_kinds([module]) == {"demo.first": first, "demo.second": second}


def test_two_kinds_with_one_name_are_refused(declare: Declare) -> None:
    one, other = declare(kind("demo.same")), declare(kind("demo.same"))

    with pytest.raises(InvalidJobCatalog, match=r"'demo\.same' is declared twice"):
        collect_job_kinds([one, other])


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Demo.Upper", "dotted lower-case"),
        ("undotted", "dotted lower-case"),
        ("demo.run.part", "must not end in '.part'"),
        ("jobs.sneaky", "reserved for the platform"),
        ("webhooks.deliver", "reserved for the platform"),
    ],
)
def test_names_a_worker_could_not_route_are_refused(
    declare: Declare, name: str, reason: str
) -> None:
    with pytest.raises(InvalidJobCatalog, match=reason):
        collect_job_kinds([declare(kind(name))])


def test_a_finishing_step_without_parts_is_refused(declare: Declare) -> None:
    with pytest.raises(InvalidJobCatalog, match="finishing step but no run_part"):
        collect_job_kinds([declare(kind("demo.odd", run=plan, finish=finish))])


def test_an_unknown_kind_is_a_422_naming_the_known_ones() -> None:
    with pytest.raises(InvalidInput) as refused:
        get_job_kind("system.nope")

    assert refused.value.errors[0].field == "kind"
    assert "system.echo" in refused.value.errors[0].message
