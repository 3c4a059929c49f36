"""Two Rasa replicas sharing a PostgreSQL tracker store and a Redis lock store (`make test-scale`).

Each conversation sends its messages alternately to replica A and replica B (each replica
with its own action server), about twenty conversations at once, with the business database
on PostgreSQL too. Every answer must be the one the flow expects (replica B answers the
second question of a form only if it saw the slot set through replica A), then every
request, survey and conversation must be stored exactly once, and every tracker must hold
each user message once. Two messages of one conversation sent at the same time to both
replicas must be handled one after the other (the Redis lock), without losing events.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import psycopg2
import pytest
import requests
import socketio

from logic.storage import requests as request_store
from logic.storage.engine import StorageError, dispose_engines, get_engine
from runtime.launcher import (
    FIXED_NOW,
    ROOT,
    Server,
    action_server,
    launch,
    port_in_use,
    rasa_server,
    stop_all,
    stop_process,
)
from tests.e2e.conftest import MODEL
from tests.scale.services import (
    NGINX,
    Postgres,
    Redis,
    missing_packages,
    nginx_main_config,
    nginx_test,
)

POSTGRES_PORT, REDIS_PORT = 25432, 26379
RASA_PORTS, ACTIONS_PORTS = (25005, 25006), (25055, 25056)
PROXY_PORT = 25080
TRACKER_DB, BUSINESS_DB = "rasa", "climabot"
AUTH_TOKEN = "scale-test-token"
DEPLOY = ROOT / "deploy"
ROUNDS = 4  # conversations of each kind
SIMULTANEOUS = 5  # conversations whose first two messages reach both replicas at once

pytestmark = pytest.mark.skipif(
    bool(missing_packages()),
    reason=f"needs Debian's {', '.join(missing_packages())}: run `make test-scale`",
)


# --- the cluster ----------------------------------------------------------------------------


@dataclass
class Stats:
    """What the summary prints at the end."""

    started: float = field(default_factory=time.monotonic)
    ready: float = 0.0
    conversations: int = 0
    messages: int = 0
    flows_seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    tickets: str = "tickets non testés"


@dataclass
class Services:
    """PostgreSQL and Redis, shared by every replica."""

    postgres: Postgres
    redis: Redis
    workdir: Path
    stats: Stats

    def query(self, database: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        connection = psycopg2.connect(self.postgres.dsn(database))
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return list(cursor.fetchall())
        finally:
            connection.close()


@dataclass
class Cluster(Services):
    """Two replicas, A and B, each with its own action server."""

    urls: tuple[str, str]


def _summary(stats: Stats) -> str:
    total = time.monotonic() - stats.started
    rows = ", ".join(f"{n} {name}" for name, n in stats.rows.items()) or "non vérifiées"
    return (
        f"\nBilan test-scale : {stats.conversations} conversations, {stats.messages} messages "
        f"sur 2 répliques ({ROUNDS * len(FLOWS)} conversations simultanées en "
        f"{stats.flows_seconds:.1f} s) ; démarrage des serveurs {stats.ready:.0f} s, "
        f"total {total:.0f} s ; lignes en base : {rows} ; {stats.tickets}."
    )


@pytest.fixture(scope="module")
def services() -> Iterator[Services]:
    """PostgreSQL (tracker and business databases) and Redis, in a temporary directory."""
    ports = (POSTGRES_PORT, REDIS_PORT, *RASA_PORTS, *ACTIONS_PORTS, PROXY_PORT)
    busy = [port for port in ports if port_in_use(port)]
    if busy:
        pytest.fail(f"ports already in use: {busy} (another test-scale still running?)")
    stats = Stats()
    workdir = Path(tempfile.mkdtemp(prefix="climabot-scale-"))
    postgres = Postgres(workdir / "postgres", POSTGRES_PORT)
    redis_server = Redis(workdir / "redis", REDIS_PORT)
    try:
        postgres.start(databases=(TRACKER_DB, BUSINESS_DB))
        redis_server.start()
        yield Services(postgres, redis_server, workdir, stats)
    finally:
        redis_server.stop()
        postgres.stop()
        print(_summary(stats))
        if os.environ.get("SCALE_KEEP_LOGS"):
            print(f"Journaux conservés dans {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster(services: Services) -> Iterator[Cluster]:
    """2 action servers, then 2 Rasa replicas on deploy/endpoints.yml."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    postgres, workdir = services.postgres, services.workdir
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CLIMABOT_NOW": FIXED_NOW,
        "DATABASE_URL": postgres.url(BUSINESS_DB),
        "TRACKER_DB_HOST": "127.0.0.1",
        "TRACKER_DB_PORT": str(POSTGRES_PORT),
        "TRACKER_DB_NAME": TRACKER_DB,
        "TRACKER_DB_USER": postgres.user,
        "TRACKER_DB_PASSWORD": postgres.password,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(REDIS_PORT),
        "REDIS_PASSWORD": services.redis.password,
        "REDIS_DB": "1",
    }
    started = time.monotonic()
    actions = [
        action_server(port, name=f"actions-{name}")
        for name, port in zip("ab", ACTIONS_PORTS, strict=True)
    ]
    replicas = [
        rasa_server(
            MODEL,
            port,
            DEPLOY / "endpoints.yml",
            name=f"rasa-{name}",
            api_token=AUTH_TOKEN,
            env={"ACTION_SERVER_URL": f"http://127.0.0.1:{actions_port}/webhook"},
        )
        for name, port, actions_port in zip("ab", RASA_PORTS, ACTIONS_PORTS, strict=True)
    ]
    servers: list[Server] = [*actions, *replicas]
    try:
        launch(actions, env, workdir, together=True)
        # Both replicas start together, as they would in production (Rasa copes with two
        # replicas creating the tracker table at once).
        launch(replicas, env, workdir, together=True)
        services.stats.ready = time.monotonic() - started
        urls = (f"http://127.0.0.1:{RASA_PORTS[0]}", f"http://127.0.0.1:{RASA_PORTS[1]}")
        yield Cluster(postgres, services.redis, workdir, services.stats, urls)
        for server in servers:
            assert server.running(), f"{server.name} stopped during the test, see {workdir}"
    finally:
        stop_all(servers)


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


# --- conversations ---------------------------------------------------------------------------


class Chat:
    """One conversation over REST; message n goes to replica (start + n) % 2."""

    def __init__(self, cluster: Cluster, kind: str, start: int) -> None:
        self.urls = cluster.urls
        self.kind = kind
        self.sender = f"scale-{kind}-{uuid.uuid4().hex[:12]}"
        self.start = start
        self.sent: list[str] = []
        self.transcript: list[str] = []
        self.reference: str | None = None
        self.comment: str | None = None

    def expect(self, message: str, *expected: str) -> str:
        """Sends `message` to the next replica; every `expected` text must be in the answer."""
        replica = (self.start + len(self.sent)) % 2
        answer = say(self.urls[replica], self.sender, message)
        self.sent.append(message)
        self.transcript.append(f"[{'AB'[replica]}] {message!r} -> {answer!r}")
        missing = [text for text in expected if text not in answer]
        if missing:
            raise AssertionError(
                f"{self.kind} {self.sender}: {missing} missing from the answer\n  "
                + "\n  ".join(self.transcript)
            )
        return answer


def say(url: str, sender: str, message: str) -> str:
    """All the bot's texts for one message, joined."""
    response = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=120
    )
    response.raise_for_status()
    return "\n".join(m.get("text", "") for m in response.json())


def _reference(answer: str, prefix: str) -> str:
    found = re.search(rf"Votre référence : ({prefix}-[0-9A-Z]+)", answer)
    assert found, answer
    return found.group(1)


# Each appointment its own start: two customers at most may share one (the capacity).
APPOINTMENT_TIMES = ("9h30", "10h", "10h30", "11h", "11h30", "14h", "14h30", "15h", "15h30", "16h")
_next_appointment = itertools.count()


def appointment(chat: Chat) -> None:
    hour = APPOINTMENT_TIMES[next(_next_appointment) % len(APPOINTMENT_TIMES)]
    chat.expect("je voudrais prendre rendez-vous avec un commercial", "À quel nom")
    chat.expect("Jeanne Le Goff", "joindre")
    chat.expect("06 12 34 56 78", "Quel jour")
    chat.expect("demain", "heure")
    chat.reference = _reference(chat.expect(hour, "mardi 24 novembre"), "RDV")


def reservation(chat: Chat) -> None:
    chat.expect("je cherche la reference du filtre de ma clim aria 25", "CT-FIL-2035", "14,90")
    chat.expect('/reserve_part{"part_reference":"CT-FIL-2035"}', "Combien")
    chat.expect("2", "nom")
    chat.expect("Yann Morvan", "téléphone")
    chat.reference = _reference(chat.expect("0698765432", "Filtres à air Aria 25"), "CC")


def callback_then_cancel(chat: Chat) -> None:
    chat.expect("je veux etre rappele", "numéro")
    chat.expect("06 11 22 33 44", "Quel jour")
    chat.expect("demain", "Plutôt le matin")
    chat.reference = _reference(chat.expect("le matin"), "RAP")
    chat.expect(f"je veux annuler ma demande {chat.reference}", "annulée", chat.reference)


def survey(chat: Chat) -> None:
    chat.comment = f"Le technicien est arrivé à l'heure, merci ({chat.sender[-6:]})."
    chat.expect("je veux donner mon avis", "recommandiez Climatech")
    chat.expect("9", "Êtes-vous satisfait")
    chat.expect("Très satisfait", "Quel effort")
    chat.expect("2", "Un commentaire")
    chat.expect(chat.comment, "Merci pour vos réponses")


def course(chat: Chat) -> None:
    chat.expect("Bonjour", "Climabot")
    chat.expect("c'est quoi le NPS", "promoteurs")
    chat.expect("zkqjdh pqoeiru")
    chat.expect("/deny", "reformuler")  # the other replica knows what it suggested


FLOWS: dict[str, Callable[[Chat], None]] = {
    "appointment": appointment,
    "reservation": reservation,
    "callback": callback_then_cancel,
    "survey": survey,
    "course": course,
}
REQUEST_KINDS = {"appointment": "appointment", "reservation": "reservation", "callback": "callback"}


def _events(cluster: Cluster, sender: str) -> list[tuple[str, dict[str, Any]]]:
    rows = cluster.query(
        TRACKER_DB, "SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", sender
    )
    return [(type_name, json.loads(data)) for type_name, data in rows]


def _check_tracker(cluster: Cluster, sender: str, sent: list[str]) -> None:
    """One session start, each user message once in the order sent, no duplicated event."""
    events = _events(cluster, sender)
    users = [data.get("text") for type_name, data in events if type_name == "user"]
    assert users == sent, f"{sender}: tracker has {users}, sent {sent}"
    starts = sum(type_name == "session_started" for type_name, _ in events)
    assert starts == 1, f"{sender}: {starts} session starts"
    keys = [json.dumps(data, sort_keys=True) for _, data in events]
    assert len(keys) == len(set(keys)), f"{sender}: duplicated events"


def _key(sender: str) -> str:
    return hashlib.sha256(sender.encode("utf-8")).hexdigest()


def test_deploy_nginx_conf_is_valid(tmp_path: Path) -> None:
    config = nginx_main_config(tmp_path, DEPLOY / "nginx.conf")
    result = nginx_test(config)
    assert result.returncode == 0, result.stderr


def test_conversations_alternate_between_the_replicas(cluster: Cluster) -> None:
    chats = [
        Chat(cluster, kind, start=n % 2)
        for n in range(ROUNDS)
        for kind in FLOWS  # interleaved kinds, half of them starting on replica B
    ]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(chats)) as pool:
        outcomes = list(pool.map(_run, chats))
    cluster.stats.flows_seconds = time.monotonic() - started
    cluster.stats.conversations += len(chats)
    cluster.stats.messages += sum(len(chat.sent) for chat in chats)
    failures = [outcome for outcome in outcomes if outcome]
    assert not failures, "\n\n".join(failures)

    for chat in chats:
        _check_tracker(cluster, chat.sender, chat.sent)

    # The business rows: one per completed request and survey, one per conversation.
    requests_rows = cluster.query(
        BUSINESS_DB, "SELECT sender_key, reference, kind, status FROM requests"
    )
    expected_requests = {
        _key(chat.sender): (chat.reference, REQUEST_KINDS[chat.kind])
        for chat in chats
        if chat.kind in REQUEST_KINDS
    }
    by_key: dict[str, list[tuple[Any, ...]]] = {}
    for row in requests_rows:
        by_key.setdefault(row[0], []).append(row)
    assert len(requests_rows) == len(expected_requests), requests_rows
    for key, (reference, kind) in expected_requests.items():
        rows = by_key.get(key, [])
        assert len(rows) == 1, f"{kind}: {len(rows)} rows for one conversation"
        status = "cancelled" if kind == "callback" else "confirmed"
        assert rows[0][1:] == (reference, kind, status)

    surveys = cluster.query(
        BUSINESS_DB, "SELECT comment, nps, csat, ces, completed FROM survey_responses"
    )
    comments = sorted(chat.comment for chat in chats if chat.comment)
    assert sorted(row[0] for row in surveys) == comments
    assert {row[1:] for row in surveys} == {(9, "tres_satisfait", 2, True)}

    conversations = cluster.query(BUSINESS_DB, "SELECT sender_key FROM conversations")
    assert sorted(row[0] for row in conversations) == sorted(_key(c.sender) for c in chats)
    cluster.stats.rows = {
        "demandes": len(requests_rows),
        "questionnaires": len(surveys),
        "conversations": len(conversations),
    }


def _run(chat: Chat) -> str:
    """Plays the chat's flow; the failure as text, or "" (threads must not raise)."""
    try:
        FLOWS[chat.kind](chat)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return ""


def _send_together(cluster: Cluster, sender: str, messages: list[str]) -> list[str]:
    """Message n to replica n % 2, all released at the same instant; the answers."""
    barrier = threading.Barrier(len(messages))

    def send(n: int) -> str:
        barrier.wait()
        return say(cluster.urls[n % 2], sender, messages[n])

    with ThreadPoolExecutor(max_workers=len(messages)) as pool:
        return list(pool.map(send, range(len(messages))))


def test_simultaneous_messages_wait_for_the_lock(cluster: Cluster) -> None:
    """The first two messages of a conversation reach A and B at the same instant."""
    pairs = (("Bonjour", "Climabot"), ("c'est quoi le NPS", "promoteurs"))
    locks = cluster.redis.client(db=1)  # REDIS_DB of the replicas
    sets_before = _set_calls(cluster)
    for _ in range(SIMULTANEOUS):
        sender = f"scale-lock-{uuid.uuid4().hex[:12]}"
        answers = _send_together(cluster, sender, [message for message, _ in pairs])
        for answer, (_, expected) in zip(answers, pairs, strict=True):
            assert expected in answer, answer
        cluster.stats.conversations += 1
        cluster.stats.messages += 2

        # Both user messages are in the tracker, each followed by its own answers: one
        # message was handled entirely, then the other.
        events = _events(cluster, sender)
        users = [data["text"] for type_name, data in events if type_name == "user"]
        assert sorted(users) == sorted(message for message, _ in pairs), f"{sender}: {users}"
        turns: dict[str, list[str]] = {}
        current = ""
        for type_name, data in events:
            if type_name == "user":
                current = data["text"]
            elif type_name == "bot" and current:
                turns.setdefault(current, []).append(data.get("text") or "")
        for message, expected in pairs:
            assert expected in "\n".join(turns.get(message, [])), (sender, message, turns)
        assert sum(type_name == "session_started" for type_name, _ in events) == 1, sender

    # The replicas did go through Redis (a ticket issued and returned per message), and
    # released every lock.
    assert _set_calls(cluster) - sets_before >= 4 * SIMULTANEOUS
    assert not locks.keys("*")


def _set_calls(cluster: Cluster) -> int:
    stats = cluster.redis.client().info("commandstats")
    return int(stats.get("cmdstat_set", {}).get("calls", 0))


def test_the_rasa_api_needs_the_token(cluster: Cluster) -> None:
    sender = f"scale-api-{uuid.uuid4().hex[:12]}"
    assert "Climabot" in say(cluster.urls[0], sender, "Bonjour")
    url = f"{cluster.urls[1]}/conversations/{sender}/tracker"
    assert requests.get(url, timeout=10).status_code == 401
    tracker = requests.get(url, params={"token": AUTH_TOKEN}, timeout=10)
    assert tracker.ok
    assert [e["text"] for e in tracker.json()["events"] if e["event"] == "user"] == ["Bonjour"]
    cluster.stats.conversations += 1
    cluster.stats.messages += 1


# --- the reverse proxy -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def proxy(cluster: Cluster) -> Iterator[str]:
    """deploy/nginx.conf, its ports replaced by the test's, in front of the two replicas."""
    site = (DEPLOY / "nginx.conf").read_text()
    for old, new in (
        ("127.0.0.1:5005", f"127.0.0.1:{RASA_PORTS[0]}"),
        ("127.0.0.1:5006", f"127.0.0.1:{RASA_PORTS[1]}"),
        ("127.0.0.1:8000", "127.0.0.1:9"),  # no site in this test: its routes answer 502
        ("listen 80;", f"listen 127.0.0.1:{PROXY_PORT};"),
    ):
        assert old in site, f"deploy/nginx.conf no longer has {old!r}"
        site = site.replace(old, new)
    directory = cluster.workdir / "nginx"
    directory.mkdir()
    (directory / "site.conf").write_text(site)
    config = nginx_main_config(directory, directory / "site.conf")
    command = [str(NGINX), "-e", "stderr", "-p", str(directory), "-c", str(config)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while not port_in_use(PROXY_PORT):
            if process.poll() is not None or time.monotonic() > deadline:
                stop_process(process)
                errors = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"nginx did not start:\n{errors}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{PROXY_PORT}"
    finally:
        stop_process(process)


async def _widget_turn(proxy: str, transports: list[str], message: str) -> str:
    """One widget session through the proxy: session_request, a message, the bot's answer."""
    answers: asyncio.Queue[str] = asyncio.Queue()
    confirmed = asyncio.Event()
    jar = aiohttp.CookieJar(unsafe=True)  # keeps the route cookie of an IP address
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        client = socketio.AsyncClient(http_session=http, reconnection=False)
        client.on("session_confirm", lambda _session: confirmed.set())

        @client.on("bot_uttered")
        async def on_bot(data: dict[str, Any]) -> None:
            await answers.put(data.get("text", ""))

        session = uuid.uuid4().hex
        await client.connect(proxy, transports=transports, socketio_path="/socket.io")
        await client.emit("session_request", {"session_id": session})
        await asyncio.wait_for(confirmed.wait(), timeout=30)
        await client.emit("user_uttered", {"message": message, "session_id": session})
        first = await asyncio.wait_for(answers.get(), timeout=60)
        await client.disconnect()
        return first


async def _websocket_turn(proxy: str, message: str) -> str:
    """The same over a websocket only (engine.io 4 by hand): proves the Upgrade headers."""
    url = proxy.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    session = uuid.uuid4().hex
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:

        async def receive(prefix: str) -> str:
            while True:
                packet = await asyncio.wait_for(ws.receive_str(), timeout=60)
                if packet == "2":  # engine.io ping
                    await ws.send_str("3")
                elif packet.startswith(prefix):
                    return packet[len(prefix) :]

        await receive("0")  # engine.io open
        await ws.send_str("40")  # socket.io connect
        await receive("40")
        await ws.send_str("42" + json.dumps(["session_request", {"session_id": session}]))
        await receive('42["session_confirm"')
        payload = {"message": message, "session_id": session}
        await ws.send_str("42" + json.dumps(["user_uttered", payload]))
        event = json.loads(await receive("42"))
        assert event[0] == "bot_uttered", event
        return str(event[1].get("text", ""))


def test_the_widget_reaches_the_replicas_through_nginx(proxy: str, cluster: Cluster) -> None:
    async def sessions() -> list[str]:
        polling = [_widget_turn(proxy, ["polling"], "Bonjour") for _ in range(6)]
        websockets = [_websocket_turn(proxy, "Bonjour") for _ in range(2)]
        return await asyncio.gather(*polling, *websockets)

    # Polling sessions make several HTTP requests each: without the route cookie, about
    # half of them would reach the replica that does not know the session.
    assert all("Climabot" in answer for answer in asyncio.run(sessions()))
    cluster.stats.conversations += 8
    cluster.stats.messages += 8

    assert requests.get(f"{proxy}/version", timeout=10).status_code == 502  # not Rasa's API
    foreign = requests.get(
        f"{proxy}/socket.io/",
        params={"EIO": "4", "transport": "polling"},
        headers={"Origin": "https://ailleurs.example"},
        timeout=10,
    )
    assert foreign.status_code == 403
