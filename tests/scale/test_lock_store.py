"""The Redis lock store, the tickets and the table creation, with several action servers at once."""

from __future__ import annotations

import multiprocessing
from typing import Any

import psycopg2

from logic.storage import requests as request_store
from logic.storage.engine import StorageError, dispose_engines, get_engine
from tests.scale.cluster import (
    REQUIRES_PACKAGES,
    Services,
)

pytestmark = REQUIRES_PACKAGES

# --- the lock store alone --------------------------------------------------------------------


def _first_use(url: str, rounds: int, barrier: Any, results: Any) -> None:
    """One action server's side: the first storage call on database n, in step."""
    for n in range(rounds):
        barrier.wait()
        try:
            get_engine(f"{url}_{n}")
            results.put("")
        except StorageError as error:
            results.put(str(error).splitlines()[0])
        dispose_engines()


def test_two_action_servers_create_the_tables_at_once(services: Services) -> None:
    """Both see an empty database and create the tables; neither may fail."""
    rounds = 10
    names = tuple(f"first_use_{n}" for n in range(rounds))
    connection = psycopg2.connect(services.postgres.dsn("postgres"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    args = (services.postgres.url("first_use"), rounds, barrier, results)
    workers = [context.Process(target=_first_use, args=args) for _ in range(2)]
    for worker in workers:
        worker.start()
    errors = [results.get(timeout=120) for _ in range(2 * rounds)]
    for worker in workers:
        worker.join(timeout=30)
    assert not [error for error in errors if error], errors


def _book_last_places(url: str, rounds: int, barrier: Any, results: Any) -> None:
    """One action server's side: an appointment at start n, in step with the other ones."""
    for n in range(rounds):
        barrier.wait()
        slot = request_store.Slot(f"2026-12-{1 + n:02d}T10:00:00+01:00", capacity=2)
        try:
            reference = request_store.create_request(
                "appointment", {"n": n}, "race", slot=slot, url=url
            )
            results.put((n, reference))
        except request_store.SlotTaken:
            results.put((n, ""))
    dispose_engines()


def test_three_action_servers_never_overbook_a_slot(services: Services) -> None:
    """Three processes book the same start at the same instant: two places, two bookings."""
    rounds, processes = 20, 3
    connection = psycopg2.connect(services.postgres.dsn("postgres"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute('CREATE DATABASE "capacity_race"')
    connection.close()
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(processes), context.Queue()
    args = (services.postgres.url("capacity_race"), rounds, barrier, results)
    workers = [context.Process(target=_book_last_places, args=args) for _ in range(processes)]
    for worker in workers:
        worker.start()
    booked: dict[int, int] = {}
    for _ in range(processes * rounds):
        n, reference = results.get(timeout=120)
        booked[n] = booked.get(n, 0) + bool(reference)
    for worker in workers:
        worker.join(timeout=30)
    assert set(booked.values()) == {2}, booked


def _issue_tickets(
    atomic: bool, port: int, password: str, rounds: int, barrier: Any, results: Any
) -> None:
    """One replica's side: a ticket for conversation n, in step with the other process."""
    from rasa.core.lock_store import RedisLockStore

    from runtime.lock_store import AtomicRedisLockStore

    kind = AtomicRedisLockStore if atomic else RedisLockStore
    store = kind(host="127.0.0.1", port=port, password=password, db=2, key_prefix="race")
    for n in range(rounds):
        barrier.wait()
        results.put((n, store.issue_ticket(f"race-{n}")))


def _duplicate_tickets(services: Services, atomic: bool, rounds: int = 100) -> int:
    """How many of `rounds` conversations gave the same ticket to two simultaneous replicas."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    args = (atomic, services.redis.port, services.redis.password, rounds, barrier, results)
    workers = [context.Process(target=_issue_tickets, args=args) for _ in range(2)]
    for worker in workers:
        worker.start()
    tickets: dict[int, list[int]] = {}
    for _ in range(2 * rounds):
        n, ticket = results.get(timeout=60)
        tickets.setdefault(n, []).append(ticket)
    for worker in workers:
        worker.join(timeout=30)
    services.redis.client().flushdb()  # this test's locks are never released
    return sum(len(set(pair)) < 2 for pair in tickets.values())


def test_simultaneous_tickets_are_distinct(services: Services) -> None:
    """Rasa's RedisLockStore gives both replicas ticket 0; AtomicRedisLockStore never does."""
    upstream = _duplicate_tickets(services, atomic=False)
    ours = _duplicate_tickets(services, atomic=True)
    services.stats.tickets = (
        f"tickets en double sur 100 : {upstream} avec RedisLockStore, {ours} avec le nôtre"
    )
    assert ours == 0
