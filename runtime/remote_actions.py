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

The check: Rasa (RemoteAction._validate_action_result) calls `jsonschema.validate` on each
answer of the action server: that first validates the schema itself against the JSON-schema
meta-schema, then builds a validator, at every custom action call (about 25 ms of CPU on the
laptop, against 0.7 ms for the check of the answer alone). Here the same check runs with a
validator built once: same schema, same error (the best match, with Rasa's message appended).

Rasa has no plugin hook for either without an installed package: the tracker store module
(runtime/tracker_store.py, named in endpoints.yml, so imported by every Rasa process of
the project) calls `install` when Rasa imports it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

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


def _lighter_call(original: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    @functools.wraps(original)
    def _action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> dict[str, Any]:
        call = original(self, tracker, domain)
        state = call["tracker"]
        call["tracker"] = {**state, "events": lighter_events(state.get("events") or [])}
        return call

    _action_call_format.lighter = True  # type: ignore[attr-defined]
    return _action_call_format


def install() -> None:
    """Rasa's remote actions send lighter trackers and check answers with the compiled
    validator (once per process, whatever the number of calls)."""
    RemoteAction._validate_action_result = _validate_action_result
    if not getattr(RemoteAction._action_call_format, "lighter", False):
        RemoteAction._action_call_format = _lighter_call(RemoteAction._action_call_format)
