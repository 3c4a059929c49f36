"""The terminal chat against a tiny HTTP server standing for Rasa's REST channel (no Rasa)."""

from __future__ import annotations

import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from logic.text.catalogue import say
from runtime import terminal
from runtime.terminal import WEBHOOK_PATH, Chat, chat, line_reader, send

EXPLAIN_CRM = '/explain{"concept":"crm_social"}'
EXAMPLE = '/follow_up{"kind":"example"}'
ANSWER = [
    {
        "recipient_id": "s",
        "text": "Le ROPO : le client se renseigne en ligne, puis achète en magasin.",
        "buttons": [
            {"title": "Le CRM social", "payload": EXPLAIN_CRM},
            {"title": "Un exemple", "payload": EXAMPLE},
        ],
    }
]


class FakeRasa(ThreadingHTTPServer):
    """Answers every POST with `answer` (or `status`), and keeps the bodies it received."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[dict[str, Any]] = []
        self.answer: object = ANSWER
        self.status = 200
        self.delay = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeRasa

    def do_POST(self) -> None:
        assert self.path == WEBHOOK_PATH
        self.server.received.append(
            json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        )
        time.sleep(self.server.delay)
        body = json.dumps(self.server.answer).encode("utf-8")
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def rasa() -> Iterator[FakeRasa]:
    server = FakeRasa()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _piped(url: str, typed: str) -> tuple[int, str]:
    """`printf typed | chat`: the exit code and everything printed."""
    out = io.StringIO()
    code = chat(url, stdin=io.StringIO(typed), stdout=out)
    return code, out.getvalue()


def _flat(text: str) -> str:
    """The text without its line wrapping, to look for a whole sentence."""
    return " ".join(text.split())


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_piped_input_shows_numbered_choices_and_no_payload(rasa: FakeRasa) -> None:
    code, output = _piped(rasa.url, "c'est quoi le ropo\n/stop\n")
    assert code == 0
    assert say("terminal_welcome") in _flat(output) and say("terminal_goodbye") in output
    assert "1. Le CRM social" in output and "2. Un exemple" in output
    assert "Vous › c'est quoi le ropo" in output  # piped lines are echoed
    assert "/explain" not in output and "/follow_up" not in output and "{" not in output
    assert "\x1b" not in output  # no colour, no escape code
    assert [r["message"] for r in rasa.received] == ["c'est quoi le ropo"]  # /stop not sent


def test_a_typed_number_sends_the_payload_and_a_question_is_sent_as_typed(
    rasa: FakeRasa,
) -> None:
    code, output = _piped(rasa.url, "c'est quoi le ropo\n2\n\nun exemple\n1\net le CSAT ?\n7\n")
    assert code == 0  # the end of the input ends the chat
    assert "Vous › 2 › Un exemple" in output and "Vous › 1 › Le CRM social" in output
    assert [r["message"] for r in rasa.received] == [
        "c'est quoi le ropo",
        EXAMPLE,
        EXAMPLE,  # a button's title works as well as its number
        EXPLAIN_CRM,
        "et le CSAT ?",
        "7",  # no seventh choice: sent as typed
    ]
    first = rasa.received[0]
    assert first["metadata"] == {"audience": "etudiant"}
    assert {r["sender"] for r in rasa.received} == {first["sender"]}  # one conversation


def test_a_server_down_gets_the_french_message_and_no_traceback() -> None:
    code, output = _piped(f"http://127.0.0.1:{_closed_port()}", "bonjour\nau revoir\n")
    assert code == 1
    assert _flat(output).count(say("terminal_server_down")) == 2
    assert "Traceback" not in output and "Error" not in output


def test_a_server_error_or_an_unreadable_answer_is_said_in_french(rasa: FakeRasa) -> None:
    rasa.status = 500
    assert say("terminal_server_error", status=500) in _flat(_piped(rasa.url, "bonjour\n")[1])
    rasa.status, rasa.answer = 200, {"not": "a list"}
    assert say("terminal_bad_answer") in _flat(_piped(rasa.url, "bonjour\n")[1])
    rasa.answer = []
    assert say("terminal_no_answer") in _flat(_piped(rasa.url, "bonjour\n")[1])


def test_a_slow_server_times_out(rasa: FakeRasa) -> None:
    rasa.delay = 1.0
    url = terminal.webhook_url(rasa.url)
    with pytest.raises(terminal.Unanswered) as failure:
        send(url, "s", "bonjour", timeout=0.2)
    assert failure.value.notice == say("terminal_timeout")


def test_after_a_failure_the_previous_choices_still_work(rasa: FakeRasa) -> None:
    answers = iter(["c'est quoi le ropo", "1", "1"])
    out = io.StringIO()
    session = Chat(terminal.webhook_url(rasa.url), out)

    def read() -> str:
        typed = next(answers, None)
        if typed is None:
            raise EOFError
        # The second message fails: the server answers 500 once.
        rasa.status = 500 if len(rasa.received) == 1 else 200
        return typed

    assert session.run(read) == 1
    assert [r["message"] for r in rasa.received] == ["c'est quoi le ropo", EXPLAIN_CRM, EXPLAIN_CRM]


def test_ctrl_c_ends_the_chat_with_a_goodbye(rasa: FakeRasa) -> None:
    def read() -> str:
        raise KeyboardInterrupt

    out = io.StringIO()
    assert Chat(terminal.webhook_url(rasa.url), out).run(read) == 0
    assert say("terminal_goodbye") in out.getvalue()


def test_line_reader_stops_at_the_end_of_the_input() -> None:
    read = line_reader(io.StringIO("un\r\ndeux"))
    assert [read(), read()] == ["un", "deux"]
    with pytest.raises(EOFError):
        read()


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_terminal_the_prompt_is_prompt_toolkit_and_answers_have_colours(
    rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["c'est quoi le ropo", "1"])

    def reader(label: str) -> terminal.Reader:
        assert label == say("terminal_you")

        def read() -> str:
            value = next(typed, None)
            if value is None:
                raise EOFError  # Ctrl-D
            return value

        return read

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(terminal, "prompt_reader", reader)
    out = _Tty()
    assert chat(rasa.url, stdin=_Tty(), stdout=out) == 0
    assert "\x1b[" in out.getvalue()
    assert "Vous ›" not in out.getvalue()  # the prompt shows what was typed, no echo
    assert "/explain" not in out.getvalue()
    assert "› Le CRM social" in out.getvalue()  # what the typed number stands for
    assert rasa.received[-1]["message"] == EXPLAIN_CRM
