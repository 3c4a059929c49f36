"""Calls to the action server: earlier messages sent without their NLU rankings, answers
checked as Rasa checks them, with a schema compiled once, connections reused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Tracker
from sanic.config import DEFAULT_CONFIG

import runtime.tracker_store  # noqa: F401  (what Rasa imports: it puts the check in place)
from actions.common import _previous_user_text
from logic.storage.after_sales_topics import completed_form
from runtime.channels import GuardedRestInput, GuardedSocketIOInput
from runtime.launcher import ROOT
from runtime.remote_actions import (
    IDLE_CONNECTION_SECONDS,
    KEPT_EARLIER,
    RECENT_EVENTS,
    close_connections,
    lighter_events,
)
from tests.runtime.long_conversation import conversation

ACTION = RemoteAction("action_answer", None)
ANSWER_EMPTY = {"events": [], "responses": []}
ANSWER = {
    "events": [{"event": "slot", "name": "topic", "value": "nps", "timestamp": None}],
    "responses": [{"text": "Le NPS mesure la recommandation.", "buttons": []}],
}


def test_a_valid_answer_passes() -> None:
    assert ACTION._validate_action_result(ANSWER) is True


@pytest.mark.parametrize(
    "answer",
    [
        {"events": [{"event": "no_such_event"}], "responses": []},
        {"events": {"event": "slot"}, "responses": []},
        {"events": [], "responses": ["not an object"]},
    ],
)
def test_an_invalid_answer_is_refused_with_rasas_message(answer: dict) -> None:
    with pytest.raises(ValidationError) as refused:
        ACTION._validate_action_result(answer)
    assert "Failed to validate Action server response" in refused.value.message


def test_the_check_is_the_projects_once_the_store_is_loaded() -> None:
    assert RemoteAction._validate_action_result.__module__ == "runtime.remote_actions"


def _parse(text: str, intent: str) -> dict:
    ranking = [{"name": intent, "confidence": 0.9}, {"name": "faq", "confidence": 0.05}]
    selector = {"course": {"ranking": [{"intent_response_key": "course/nps", "confidence": 0.9}]}}
    return {
        "intent": {"name": intent, "confidence": 0.9},
        "entities": [{"entity": "concept", "value": "nps"}],
        "text": text,
        "intent_ranking": ranking,
        "response_selector": selector,
    }


def _conversation() -> DialogueStateTracker:
    events = []
    for text, intent in (
        ("bonjour", "greet"),
        ("c'est quoi le nps", "course"),
        ("et un exemple", "follow_up"),
    ):
        events += [
            ActionExecuted("action_listen"),
            UserUttered(text, _parse(text, intent)["intent"], parse_data=_parse(text, intent)),
            ActionExecuted("utter_greet"),
            BotUttered("Réponse"),
        ]
    return DialogueStateTracker.from_events("someone", [*events, ActionExecuted("action_listen")])


def test_earlier_messages_are_sent_without_their_rankings() -> None:
    tracker = _conversation()
    call = ACTION._action_call_format(tracker, Domain.empty())
    users = [e for e in call["tracker"]["events"] if e["event"] == "user"]
    assert [u["text"] for u in users] == ["bonjour", "c'est quoi le nps", "et un exemple"]
    for earlier in users[:-1]:
        assert not {"intent_ranking", "response_selector"} & set(earlier["parse_data"])
        assert earlier["parse_data"]["entities"] == [{"entity": "concept", "value": "nps"}]
    assert "response_selector" in users[-1]["parse_data"]
    assert call["tracker"]["latest_message"]["intent_ranking"][1]["name"] == "faq"
    # The tracker Rasa keeps is not touched.
    assert all(
        "intent_ranking" in e.parse_data for e in tracker.events if isinstance(e, UserUttered)
    )


def test_the_action_server_reads_the_same_conversation() -> None:
    call = ACTION._action_call_format(_conversation(), Domain.empty())
    sdk = Tracker.from_dict(call["tracker"])
    assert sdk.latest_message["text"] == "et un exemple"
    assert sdk.get_intent_of_latest_message() == "follow_up"
    assert [e["parse_data"]["intent"]["name"] for e in sdk.events if e["event"] == "user"] == [
        "greet",
        "course",
        "follow_up",
    ]


def test_earlier_bot_messages_are_sent_without_buttons_and_the_latest_turn_whole() -> None:
    tracker = _conversation()
    tracker.update(
        BotUttered("Choisissez :", data={"buttons": [{"title": "Oui", "payload": "/affirm"}]})
    )
    call = ACTION._action_call_format(tracker, Domain.empty())
    events = call["tracker"]["events"]
    latest_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    for event in events[:latest_user]:
        assert "metadata" not in event or event["event"] == "user"
        assert event["event"] != "bot" or "data" not in event
    assert events[-1]["data"]["buttons"][0]["payload"] == "/affirm"
    assert [e["text"] for e in events if e["event"] == "bot"][:3] == ["Réponse"] * 3


def _long_calls() -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Along the project's long conversation: each call, and Rasa's events made lighter."""
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker("someone", domain.slots)
    for event in conversation(domain):
        tracker.update(event, domain)
        if not isinstance(event, UserUttered) and len(tracker.events) % 7:
            continue
        call = ACTION._action_call_format(tracker, domain)
        state = tracker.current_state(EventVerbosity.ALL)
        assert call["tracker"] == {**state, "events": call["tracker"]["events"]}
        assert call["domain"] == {k: v for k, v in domain.as_dict().items() if k != "responses"}
        yield call, lighter_events(state["events"])


def test_the_call_is_rasas_with_the_earlier_events_reduced_and_the_oldest_few() -> None:
    longest = 0
    for call, lighter in _long_calls():
        sent = call["tracker"]["events"]
        recent = lighter[-RECENT_EVENTS:]
        assert sent[-len(recent) :] == recent
        older = lighter[: len(lighter) - len(recent)]
        assert sent[: len(sent) - len(recent)] == [e for e in older if e["event"] in KEPT_EARLIER]
        longest = max(longest, len(lighter))
    assert longest > 2 * RECENT_EVENTS  # the conversation went well beyond the window


def test_what_the_actions_read_of_the_past_is_all_there_in_a_long_conversation() -> None:
    for call, lighter in _long_calls():
        sent, whole = (
            Tracker.from_dict(call["tracker"]),
            Tracker.from_dict({**call["tracker"], "events": lighter}),
        )
        assert completed_form(sent.events) == completed_form(whole.events)
        assert _previous_user_text(sent) == _previous_user_text(whole)
        assert [e.get("text") for e in sent.events if e.get("event") == "user"] == [
            e.get("text") for e in whole.events if e.get("event") == "user"
        ]
        assert sent.slots_to_validate() == whole.slots_to_validate()


@pytest.fixture
async def action_server() -> Any:
    """A loopback HTTP server answering like the action server, which records, for each
    call, the client's port (one per TCP connection), its query and its headers."""
    from aiohttp import web

    calls: list[dict[str, Any]] = []

    async def webhook(request: web.Request) -> web.Response:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        calls.append({"port": peer[1], "query": dict(request.query), "headers": request.headers})
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}/webhook", calls
    await close_connections()
    await runner.cleanup()


async def test_successive_calls_reuse_one_connection(action_server: Any) -> None:
    url, calls = action_server
    endpoint = EndpointConfig(url, token="secret", headers={"X-Test": "1"})
    for _ in range(3):
        assert await endpoint.request(json={"next_action": "action_answer"}) == ANSWER_EMPTY
    assert len({call["port"] for call in calls}) == 1  # Rasa's own: one connection per call
    # Rasa's parameters, headers and authentication still go with each call.
    assert all(call["query"] == {"token": "secret"} for call in calls)
    assert all(call["headers"]["X-Test"] == "1" for call in calls)


async def test_basic_authentication_goes_with_each_call(action_server: Any) -> None:
    url, calls = action_server
    endpoint = EndpointConfig(url, basic_auth={"username": "rasa", "password": "mot"})
    await endpoint.request(json={})
    assert calls[0]["headers"]["Authorization"] == aiohttp.BasicAuth("rasa", "mot").encode()


async def test_connections_closed_at_server_stop_are_opened_again(action_server: Any) -> None:
    url, calls = action_server
    endpoint = EndpointConfig(url)
    await endpoint.request(json={})
    await close_connections()
    await endpoint.request(json={})
    assert len({call["port"] for call in calls}) == 2


def test_idle_connections_close_before_the_action_server_closes_them() -> None:
    """A call sent on a connection the server is closing would fail: the client gives
    idle connections up first (rasa_sdk serves with Sanic's keep-alive timeout)."""
    assert DEFAULT_CONFIG["KEEP_ALIVE_TIMEOUT"] > IDLE_CONNECTION_SECONDS


def test_the_channels_close_the_kept_connections_when_the_server_stops() -> None:
    for channel in (GuardedRestInput(), GuardedSocketIOInput()):
        blueprint = channel.blueprint(lambda message: None)  # type: ignore[arg-type,return-value]
        stops = [f.listener for f in blueprint._future_listeners if f.event == "after_server_stop"]
        assert close_connections in stops
