"""What a population run stores for its parts reads back exactly: each part's staged inputs, and
the distributions single users are later compared with."""

from datetime import date

import numpy as np
import pytest
from tortoise.transactions import in_transaction

from domain.health import repository
from domain.health.repository import INPUT_COLUMNS, InputTable
from domain.jobs import repository as jobs
from domain.jobs.models import Job

pytestmark = pytest.mark.usefixtures("clean_database")


async def a_job() -> Job:
    return await jobs.insert_job(kind="health.score_population", params={})


def population(users: int) -> InputTable:
    rng = np.random.default_rng(7)
    inputs = {name: rng.uniform(0, 300, users) for name in INPUT_COLUMNS}
    inputs["bmi"][::3] = np.nan  # missing values stay missing
    return InputTable(
        np.arange(1, users + 1) * 3,
        np.array(["female", "male"] * (users // 2), dtype=object),
        np.array(["40-49", "unknown", "<30", "70+"] * (users // 4), dtype=object),
        inputs,
    )


async def test_each_part_reads_back_exactly_the_inputs_staged_for_it() -> None:
    job, table = await a_job(), population(100)
    parts = [table.part(slice(start, start + 40)) for start in range(0, 100, 40)]

    async with in_transaction() as connection:
        await repository.stage_inputs(connection, job.id, parts)
    read = [
        await repository.staged_inputs(job.id, first_user_id=int(part.user_ids[0]))
        for part in parts
    ]

    for part, staged in zip(parts, read, strict=True):
        assert staged is not None
        assert staged.user_ids.tolist() == part.user_ids.tolist()
        assert staged.sexes.tolist() == part.sexes.tolist()
        assert staged.age_bands.tolist() == part.age_bands.tolist()
        for name in INPUT_COLUMNS:
            np.testing.assert_array_equal(staged.inputs[name], part.inputs[name], err_msg=name)
    assert await repository.staged_inputs(job.id, first_user_id=999_999) is None


async def test_distributions_read_back_as_the_float32_scores_stored() -> None:
    job = await a_job()
    scores = np.sort(np.random.default_rng(3).uniform(0, 100, 5_000))
    found = {("population", "overall"): scores, ("40-49/female", "sleep"): scores[:7]}

    async with in_transaction() as connection:
        run = await repository.create_run(
            connection, job_id=job.id, as_of=date(2026, 3, 1), window_days=30,
            lab_window_days=365, method_version="1", with_reports=True, users=5_000,
            scored=5_000, bands={}, cohorts=[],
        )  # fmt: skip
        await repository.store_distributions(connection, run, found)
    stored = await repository.run_distributions(run.id)

    assert stored.keys() == found.keys()
    for key, values in found.items():
        np.testing.assert_array_equal(stored[key], values.astype(np.float32).astype(float))
