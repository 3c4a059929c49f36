"""The terminal chat of `make shell`: a student types numbers or questions at one prompt.

It talks to a running Rasa server over its guarded REST channel (credentials.yml), as a
student (the audience in the metadata), so it gets the same cleaning and apologies as the
web pages. In a terminal the prompt is prompt_toolkit's (history, line editing) and the
output has colours; with piped input, lines are read plainly, echoed, printed without any
escape code, and the chat ends at the end of the input. The display rules are in
logic/text/terminal_view.py.

    python -m runtime.terminal [--url http://127.0.0.1:5005]   # a server already running
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from logic.text.catalogue import say
from logic.text.terminal_view import (
    ARROW,
    Style,
    Turn,
    answer_lines,
    chosen,
    is_exit,
    notice_lines,
    outgoing,
    paint,
    parse_answer,
    user_line,
)
from logic.understanding.audience import METADATA_KEY, Audience

WEBHOOK_PATH = "/webhooks/rest/webhook"
DEFAULT_URL = "http://127.0.0.1:5005"
# The first message after a start loads part of the pipeline; a minute covers a slow machine.
ANSWER_TIMEOUT_S = 60.0
# The server is on the loopback: an http_proxy of the environment must not be asked for it.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

Reader = Callable[[], str]


class Unanswered(Exception):
    """The message got no answer; `notice` says why, in French."""

    def __init__(self, notice: str) -> None:
        super().__init__(notice)
        self.notice = notice


def webhook_url(base: str) -> str:
    return base.rstrip("/") + WEBHOOK_PATH


def send(url: str, sender: str, text: str, timeout: float = ANSWER_TIMEOUT_S) -> Turn:
    """Posts one message to the REST webhook and returns the bot's answer."""
    body = json.dumps(
        {"sender": sender, "message": text, "metadata": {METADATA_KEY: Audience.STUDENT.value}}
    ).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        raise Unanswered(say("terminal_server_error", status=error.code)) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise Unanswered(say("terminal_timeout")) from error
        raise Unanswered(say("terminal_server_down")) from error
    except TimeoutError as error:
        raise Unanswered(say("terminal_timeout")) from error
    except (OSError, http.client.HTTPException) as error:  # connection reset, cut answer
        raise Unanswered(say("terminal_server_down")) from error
    except ValueError as error:  # not JSON, not UTF-8
        raise Unanswered(say("terminal_bad_answer")) from error
    try:
        return parse_answer(data)
    except ValueError as error:
        raise Unanswered(say("terminal_bad_answer")) from error


@dataclass
class Chat:
    """One conversation: reads what the student types, sends it, prints the answer."""

    url: str
    out: TextIO
    colour: bool = False
    echo: bool = False  # piped input: print each line read, as the terminal would have
    width: int = 80
    sender: str = field(default_factory=lambda: f"terminal-{uuid.uuid4().hex[:12]}")
    timeout: float = ANSWER_TIMEOUT_S

    def run(self, read: Reader) -> int:
        """Chats until /stop, the end of the input or Ctrl-C; 1 if a message went unanswered."""
        self._print(notice_lines(say("terminal_welcome"), self.width, self.colour))
        turn, hinted, unanswered = Turn(), False, 0
        while True:
            try:
                typed = read().strip()
                if not typed:
                    continue
                if is_exit(typed):
                    break
                choice = chosen(typed, turn)
                if self.echo:
                    self._print([user_line(say("terminal_you"), typed, self.colour, choice)])
                elif choice is not None and choice.title != typed:
                    # Under the typed number, the choice it stands for, arrow under arrow.
                    pad = " " * (len(say("terminal_you")) + 1)
                    line = pad + paint(f"{ARROW} {choice.title}", Style.HINT, self.colour)
                    self._print([line], gap=False)
                try:
                    answer = send(self.url, self.sender, outgoing(typed, turn), self.timeout)
                except Unanswered as failure:
                    # The previous choices stay valid: the student can send the number again.
                    unanswered += 1
                    self._print(notice_lines(failure.notice, self.width, self.colour, Style.ERROR))
                    continue
            except (EOFError, KeyboardInterrupt):
                break
            turn = answer
            if not turn.messages:
                self._print(notice_lines(say("terminal_no_answer"), self.width, self.colour))
                continue
            # The hint once, under the first choices: the welcome line already said it.
            hint = None if hinted else say("terminal_hint")
            hinted = hinted or bool(turn.choices)
            label = say("terminal_bot")
            self._print(
                answer_lines(turn, label=label, width=self.width, colour=self.colour, hint=hint)
            )
        self._print(notice_lines(say("terminal_goodbye"), self.width, self.colour))
        return 1 if unanswered else 0

    def _print(self, lines: list[str], *, gap: bool = True) -> None:
        """The lines, then an empty line before what comes next unless `gap` is False."""
        self.out.write("\n".join(lines) + ("\n\n" if gap else "\n"))
        self.out.flush()


def line_reader(stream: TextIO) -> Reader:
    """Plain lines from `stream`; EOFError at its end."""

    def read() -> str:
        line = stream.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    return read


def prompt_reader(label: str) -> Reader:
    """prompt_toolkit's prompt: line editing, the session's history (kept in memory only)."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.history import InMemoryHistory

    session: PromptSession[str] = PromptSession(history=InMemoryHistory())
    message = FormattedText([("ansigreen bold", f"{label} › ")])
    return lambda: session.prompt(message)


def terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns - 1


def chat(base_url: str, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """The chat with the server at `base_url`, in the mode its input and output call for."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty() and stdout.isatty()
    colour = interactive and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    session = Chat(webhook_url(base_url), stdout, colour=colour, width=terminal_width())
    if interactive:
        return session.run(prompt_reader(say("terminal_you")))
    session.echo = not stdin.isatty()
    return session.run(line_reader(stdin))


def main(argv: list[str] | None = None) -> int:
    """A chat with a Rasa server already running (`make run`'s, for instance)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--url", default=DEFAULT_URL, help="the Rasa server's address")
    return chat(parser.parse_args(argv).url)


if __name__ == "__main__":
    sys.exit(main())
