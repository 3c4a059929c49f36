"""Rasa's calls to the action server: what it sends, lighter, and the check of the answers,
with the JSON schema compiled once.

What is sent: at each custom action call, Rasa 3.6 sends the whole tracker. Each user message
in it carries its full NLU result (the ranking of intents, and each response selector's
ranking with the texts of its answers), each bot message its buttons, each event the model's
ids: 1.3 MB of JSON at turn 200, 14 ms of encoding. The actions and rasa_sdk read the latest
message's result from `latest_message`, and of earlier events only their kind, text, intent,
entities, names and values (`completed_form`, `_previous_user_text`, the ownership check of a
request, rasa_sdk's `slots_to_validate`): events before the latest user message are sent with
those only (0.4 MB, 3 ms). An action that needs more of an earlier event must say so here.
An earlier event no longer changes: its reduced form is made once, kept on the event, and
reused at every later call; beyond the latest 200 events, only the user messages and the
events that frame them are sent (`call_events`). The domain, sent only to the actions that
read it (`send_domain`), goes without its responses (`action_domain`).

The check: Rasa (RemoteAction._validate_action_result) calls `jsonschema.validate` on each
answer of the action server: that first validates the schema itself against the JSON-schema
meta-schema, then builds a validator, at every custom action call (about 25 ms of CPU on the
laptop, against 0.7 ms for the check of the answer alone). Here the same check runs with a
validator built once: same schema, same error (the best match, with Rasa's message appended).

The connections: Rasa 3.6 opens a new aiohttp session, so a new TCP connection, for each call
(`EndpointConfig.request`); the action server then accepts one more connection per call.
Here every session of a process's event loop shares one connector (`kept_connector`), so the
calls reuse open connections (0.3 ms less for Rasa and 0.2 ms for the action server per
call on the laptop). A connection idle for `IDLE_CONNECTION_SECONDS` is closed before the
action server would close it (Sanic: 5 s), so a call never goes out on a closing one.

Rasa has no plugin hook for any of these without an installed package: the tracker store module
(runtime/tracker_store.py, named in endpoints.yml, so imported by every Rasa process of
the project) calls `install` when Rasa imports it.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Iterable
from typing import Any

import aiohttp
import rasa
from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import EventVerbosity
from rasa.utils.endpoints import EndpointConfig

# What an earlier user message keeps of its NLU result in the action server's tracker.
KEPT_PARSE_KEYS = ("intent", "entities", "text", "message_id", "metadata")


@functools.cache
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    kind = validators.validator_for(schema)
    kind.check_schema(schema)  # once, not at each answer
    return kind(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """What `jsonschema.validate` would say of `result`, raised with Rasa's message."""
    error = exceptions.best_match(_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, "
        "make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def lighter_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events, those before the latest user message reduced to what the actions read
    (new dicts: the tracker's own are left alone)."""
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    if not users:
        return list(events)
    latest = users[-1]
    return [_lighter(event) for event in events[:latest]] + list(events[latest:])


def _lighter(event: dict[str, Any]) -> dict[str, Any]:
    """An earlier event: a user message without its rankings, a bot message without its
    buttons, any other without the model's ids (`metadata`)."""
    kind = event.get("event")
    if kind == "user":
        parse = event.get("parse_data") or {}
        return {**event, "parse_data": {k: parse[k] for k in KEPT_PARSE_KEYS if k in parse}}
    dropped = ("metadata", "data") if kind == "bot" else ("metadata",)
    return {k: v for k, v in event.items() if k not in dropped}


# Beyond the latest events, the action server gets only the user messages (the ownership
# check of a request reads all their texts, `completed_form` and `_previous_user_text` walk
# back through them) and the events that frame them (a form starting or ending, a restart, a
# new session, a revert): the call then grows with the messages alone, not with every
# action, slot and answer of a long conversation.
RECENT_EVENTS = 200
KEPT_EARLIER = frozenset(
    {"user", "active_loop", "restart", "session_started", "rewind", "undo", "pause", "resume"}
)
# The responses are 72 of the domain's 88 KiB: Rasa renders them, the actions only name them
# (`utter_message(response=...)`); rasa_sdk reads the forms and the slots, action_session_start
# the session config. An action that needs the responses must say so here.
_ACTION_DOMAIN = "_climabot_action_domain"
# Where an earlier event keeps its reduced form (the event objects live as long as the
# tracker Rasa keeps, runtime/tracker_store.py).
_REDUCED = "_climabot_reduced"


def call_events(events: Iterable[Event]) -> list[dict[str, Any]]:
    """`lighter_events` of the events' dicts, the earlier ones reduced once per event, and
    beyond the latest `RECENT_EVENTS` only those an action may still read."""
    events = list(events)
    latest = max((i for i, e in enumerate(events) if isinstance(e, UserUttered)), default=-1)
    if latest < 0:
        return [e.as_dict() for e in events]
    cut = min(max(0, len(events) - RECENT_EVENTS), latest)
    return (
        [_reduced(e) for e in events[:cut] if e.type_name in KEPT_EARLIER]
        + [_reduced(e) for e in events[cut:latest]]
        + [e.as_dict() for e in events[latest:]]
    )


def _reduced(event: Event) -> dict[str, Any]:
    kept = event.__dict__.get(_REDUCED)
    if kept is None:
        kept = event.__dict__[_REDUCED] = _lighter(event.as_dict())
    return kept


def _action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> dict[str, Any]:
    """Rasa 3.6's `RemoteAction._action_call_format`, the events from `call_events`."""
    state = tracker.current_state(EventVerbosity.NONE)
    result = {
        "next_action": self._name,
        "sender_id": tracker.sender_id,
        "tracker": {**state, "events": call_events(tracker.events)},
        "version": rasa.__version__,
    }
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(
        self.name()
    ):
        result["domain"] = action_domain(domain)
    return result


def action_domain(domain: Any) -> dict[str, Any]:
    """The domain an action receives (`send_domain` in domain.yml): Rasa's without its
    responses, built once per loaded model."""
    kept = domain.__dict__.get(_ACTION_DOMAIN)
    if kept is None:
        whole = domain.as_dict()
        kept = domain.__dict__[_ACTION_DOMAIN] = {
            k: v for k, v in whole.items() if k != "responses"
        }
    return kept


IDLE_CONNECTION_SECONDS = 2.0
_connectors: dict[asyncio.AbstractEventLoop, aiohttp.TCPConnector] = {}


def kept_connector() -> aiohttp.TCPConnector:
    """The running loop's connector, shared by the sessions of every endpoint call."""
    loop = asyncio.get_running_loop()
    connector = _connectors.get(loop)
    if connector is None or connector.closed:
        for old in [old for old in _connectors if old.is_closed()]:
            del _connectors[old]
        # limit=0: as many connections at once as Rasa's one-session-per-call opened.
        connector = _connectors[loop] = aiohttp.TCPConnector(
            limit=0, keepalive_timeout=IDLE_CONNECTION_SECONDS
        )
    return connector


async def close_connections(*_: Any) -> None:
    """Closes the running loop's kept connections (a Sanic `after_server_stop` listener)."""
    connector = _connectors.pop(asyncio.get_running_loop(), None)
    if connector is not None:
        await connector.close()


def _session(self: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa 3.6's `EndpointConfig.session` (same headers, authentication and timeout) on
    the kept connector, which the session leaves open when it closes."""
    auth = None
    if self.basic_auth:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
    return aiohttp.ClientSession(
        connector=kept_connector(),
        connector_owner=False,
        headers=self.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
    )


def install() -> None:
    """Rasa's remote actions send lighter trackers, check answers with the compiled
    validator and reuse their connections (once per process, whatever the number of calls)."""
    RemoteAction._validate_action_result = _validate_action_result
    RemoteAction._action_call_format = _action_call_format
    EndpointConfig.session = _session
