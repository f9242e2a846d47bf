"""Messages asked for by domain code reach the edge's buffer only once their rows commit."""

import uuid

import pytest

from domain.jobs.models import Job
from domain.messaging import (
    NoMessageBuffer,
    WebhookMessage,
    collect_messages,
    send_after_commit,
    transaction,
)

HOOK = WebhookMessage("msg_1")
HOOK_JOB = uuid.UUID("00000000-0000-4000-8000-0000000000aa")


class Boom(Exception):
    pass


def test_a_message_outside_a_transaction_goes_straight_to_the_buffer() -> None:
    with collect_messages() as messages:
        send_after_commit(HOOK)

        assert messages == [HOOK]


def test_a_message_asked_for_with_no_edge_to_send_it_is_refused_loudly() -> None:
    with pytest.raises(NoMessageBuffer, match="would never be sent"):
        send_after_commit(HOOK)


async def test_a_message_waits_for_its_transaction_to_commit(clean_database: None) -> None:
    with collect_messages() as messages:
        async with transaction() as connection:
            await Job.create(
                id=HOOK_JOB, message_id=HOOK_JOB, kind="k.k", params={}, using_db=connection
            )
            send_after_commit(HOOK)
            assert messages == []

        assert messages == [HOOK]
    assert await Job.exists(id=HOOK_JOB)


async def store_then_fail() -> None:
    async with transaction() as connection:
        await Job.create(
            id=HOOK_JOB, message_id=HOOK_JOB, kind="k.k", params={}, using_db=connection
        )
        send_after_commit(HOOK)
        raise Boom


async def test_a_message_of_a_rolled_back_transaction_is_dropped(clean_database: None) -> None:
    with collect_messages() as messages:
        with pytest.raises(Boom):
            await store_then_fail()

        assert messages == []
    assert not await Job.exists(id=HOOK_JOB)
