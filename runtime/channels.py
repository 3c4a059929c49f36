"""Rasa's REST and socket.io channels, guarded so that the user always gets a French answer.

Rasa 3.6 swallows a failed custom action (action server down, timeout, crash): it logs the
exception, drops the action's events and goes on, often in silence. These channels
  - clean each message and answer an empty or oversized one without running the NLU;
  - read a typed payload of an intent the domain doesn't declare as plain text;
  - add a French apology when an action failed or when the bot said nothing at all;
  - add one English sentence, after the French answer, to a message written in English.
The tracker keeps what was already collected, so the user only has to resend the message.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from rasa.shared.core.constants import DEFAULT_INTENTS
from rasa.shared.core.domain import Domain
from sanic import Blueprint

from logic.course.intents import RETRIEVAL_INTENT
from logic.results import Message
from logic.text.catalogue import render, say
from logic.text.formatting import format_number
from logic.text.incoming import MAX_MESSAGE_LENGTH, clean, neutralize_payload, refusal
from logic.understanding.english import is_english
from runtime import remote_actions

logger = logging.getLogger(__name__)
DOMAIN_FILE = Path(__file__).resolve().parent.parent / "domain.yml"
DEFAULT_ORIGIN = "http://localhost:8000"  # make run's web server

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
PROCESSOR_LOGGER = "rasa.core.processor"


@dataclass
class _Turn:
    """What happened while one user message was handled."""

    sent: int = 0
    action_failed: bool = False


_current_turn: ContextVar[_Turn | None] = ContextVar("climabot_turn", default=None)


@cache
def domain_intents() -> frozenset[str]:
    """The intents a typed payload may name: the domain's own, not Rasa's internal ones.

    The retrieval intent is left out too: a payload skips the ResponseSelector, so
    `/course` would have no answer (the course buttons send `/explain{"concept": ...}`).
    """
    domain = Domain.load(DOMAIN_FILE)
    # Rasa adds its default intents (restart, session_start...) unless the domain has them.
    added = set(DEFAULT_INTENTS) - set(domain.overridden_default_intents)
    return frozenset(set(domain.intents) - added - {RETRIEVAL_INTENT})


def is_swallowed_action_failure(record: logging.LogRecord) -> bool:
    """The log record of a custom action that failed (server down, timeout, crash).

    Rasa 3.6 offers no hook for this: MessageProcessor._run_action catches the exception,
    drops the action's events and goes on; the tracker then looks as if the action had run.
    Its `logger.exception` call, the only one of the processor's logger, is the one trace
    left: a record of that logger carrying an exception (tests/runtime/test_channels.py runs
    Rasa's own `_run_action`, so an upgrade that changes this fails there).
    """
    return (
        record.name == PROCESSOR_LOGGER
        and record.levelno >= logging.ERROR
        and record.exc_info is not None
    )


class _ActionFailureWatcher(logging.Handler):
    """Marks the turn being handled (same asyncio task, so same context) as failed."""

    def emit(self, record: logging.LogRecord) -> None:
        turn = _current_turn.get()
        if turn is not None and is_swallowed_action_failure(record):
            turn.action_failed = True


def _watch_action_failures() -> None:
    processor_logger = logging.getLogger(PROCESSOR_LOGGER)
    if not any(isinstance(h, _ActionFailureWatcher) for h in processor_logger.handlers):
        processor_logger.addHandler(_ActionFailureWatcher(level=logging.ERROR))


class _CountingOutput(OutputChannel):
    """Passes every bot message to the real channel and counts them."""

    def __init__(self, inner: OutputChannel, turn: _Turn) -> None:
        self.inner = inner
        self.turn = turn

    @classmethod
    def name(cls) -> str:
        return "counting"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.turn.sent += 1
        await self.inner.send_response(recipient_id, message)


async def _say(message: UserMessage, text: str) -> None:
    channel = message.output_channel
    if channel is not None:
        await channel.send_response(str(message.sender_id), {"text": text})


def guard(on_new_message: OnNewMessage) -> OnNewMessage:
    """Wraps Rasa's message handler with the cleaning and the apology."""
    _watch_action_failures()

    async def handle(message: UserMessage) -> None:
        text = neutralize_payload(clean(message.text), domain_intents())
        problem = refusal(text)
        if problem is not None:
            length, limit = (format_number(n, decimals=0) for n in (len(text), MAX_MESSAGE_LENGTH))
            await _say(message, render(Message(problem, {"length": length, "limit": limit})))
            return
        turn = _Turn()
        token = _current_turn.set(turn)
        try:
            await on_new_message(
                UserMessage(
                    text,
                    _CountingOutput(message.output_channel or OutputChannel(), turn),
                    str(message.sender_id),
                    message.parse_data,
                    message.input_channel,
                    message.message_id,
                    message.metadata,
                )
            )
        except Exception:  # a lock, tracker store or NLU failure: answer anyway
            logger.exception("message handling failed for one conversation")
            turn.action_failed = True
        finally:
            _current_turn.reset(token)
        if turn.action_failed or turn.sent == 0:
            await _say(message, say("technical_problem"))
        elif is_english(text):
            await _say(message, say("english_note"))

    return handle


def _closing_kept_connections(blueprint: Blueprint) -> Blueprint:
    """The blueprint, closing the action calls' kept connections when the server stops: a
    channel's blueprint is where project code reaches Rasa's Sanic app."""
    blueprint.after_server_stop(remote_actions.close_connections)
    return blueprint


class GuardedRestInput(RestInput):
    """`rest` channel (POST /webhooks/rest/webhook), guarded."""

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        return _closing_kept_connections(super().blueprint(guard(on_new_message)))


def allowed_origins() -> frozenset[str]:
    """The sites whose pages may open the chat: CLIMABOT_ALLOWED_ORIGINS, comma-separated."""
    value = os.environ.get("CLIMABOT_ALLOWED_ORIGINS", DEFAULT_ORIGIN)
    return frozenset(o.strip().rstrip("/") for o in value.split(",") if o.strip())


class GuardedSocketIOInput(SocketIOInput):
    """`socketio` channel of the web widget, guarded, and only for the site's own pages.

    Browsers apply CORS to socket.io's polling, not to its websocket, and Rasa turns
    python-engineio's origin check off; so the connection itself checks the Origin header.
    A client without one (not a browser page) is let in: it could forge any header anyway.
    """

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        blueprint = super().blueprint(guard(on_new_message))
        namespace = self.namespace or "/"
        rasa_connect = self.sio.handlers[namespace]["connect"]
        origins = allowed_origins()

        async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origin and origin.rstrip("/") not in origins:
                logger.warning("socket.io connection refused for origin %s", origin[:100])
                return False
            return bool(await rasa_connect(sid, environ, auth))

        self.sio.on("connect", connect, namespace=namespace)
        return _closing_kept_connections(blueprint)
