"""The Redis lock store seen from the event loop: while Redis is slow to answer, the other
conversations of the process go on."""

from __future__ import annotations

import asyncio
import time

from rasa.core.lock import TicketLock

from runtime.lock_store import AtomicRedisLockStore

SLOW_REDIS_S = 0.2


class SlowRedisLockStore(AtomicRedisLockStore):
    """The store's Redis steps, each answering after a blocking wait, as a busy Redis does."""

    def __init__(self) -> None:
        super().__init__(host="127.0.0.1", port=1)  # never connected: every step is below
        self.locks: dict[str, TicketLock] = {}
        self.steps: list[str] = []

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = 60) -> int:
        time.sleep(SLOW_REDIS_S)
        lock = self.locks.setdefault(conversation_id, TicketLock(conversation_id))
        self.steps.append("ticket")
        return lock.issue_ticket(lock_lifetime)

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        time.sleep(SLOW_REDIS_S)
        self.steps.append("read")
        return self.locks.get(conversation_id)

    def update_lock(self, conversation_id: str) -> None:
        time.sleep(SLOW_REDIS_S)
        self.steps.append("update")

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        time.sleep(SLOW_REDIS_S)
        self.steps.append("cleanup")
        lock = self.locks[conversation_id]
        lock.remove_ticket_for(ticket_number)
        if not lock.is_someone_waiting():
            del self.locks[conversation_id]


async def test_the_event_loop_serves_others_while_redis_answers() -> None:
    store = SlowRedisLockStore()
    ticks = 0

    async def other_conversations() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(other_conversations())
    async with store.lock("someone") as lock:
        assert not lock.is_locked(0)  # the ticket's turn: the message is handled
    ticker.cancel()
    assert store.steps == ["ticket", "read", "cleanup"]
    # Three blocking steps of 0.2 s: a blocked loop would not have ticked at all meanwhile.
    assert ticks >= 20


async def test_two_messages_of_one_conversation_are_still_handled_one_after_the_other() -> None:
    store = SlowRedisLockStore()
    order: list[str] = []

    async def message(name: str) -> None:
        async with store.lock("someone", wait_time_in_seconds=0.05):
            order.append(f"{name} starts")
            await asyncio.sleep(0.5)
            order.append(f"{name} ends")

    first = asyncio.create_task(message("first"))
    await asyncio.sleep(0.05)  # its ticket is being issued
    await asyncio.gather(first, message("second"))
    assert order == ["first starts", "first ends", "second starts", "second ends"]
    assert "update" in store.steps  # the second waited for its turn, as Rasa's loop does
