"""The terminal chat's display and choice rules (logic/text/terminal_view.py)."""

from __future__ import annotations

import re

import pytest

from logic.text.terminal_view import (
    BotMessage,
    Choice,
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
    wrap,
)

CRM = Choice("Le CRM social", '/explain{"concept":"crm_social"}')
EXAMPLE = Choice("Un exemple", '/follow_up{"kind":"example"}')
ROPO = Turn((BotMessage("Le ROPO : se renseigner en ligne, acheter en magasin.", (CRM, EXAMPLE)),))
RATING = Turn((BotMessage("Quelle note ?", tuple(Choice(str(n), str(n)) for n in range(11))),))
ANSI = re.compile(r"\x1b\[")
SGR = re.compile(r"\x1b\[[0-9;]*m")


def test_the_webhook_answer_is_read_into_messages_and_choices() -> None:
    turn = parse_answer(
        [
            {
                "recipient_id": "s",
                "text": "Bonjour",
                "buttons": [{"title": "Menu", "payload": "/m"}],
            },
            {"recipient_id": "s", "image": "https://example.org/a.png"},  # nothing to show
            {"text": "Suite", "buttons": [{"title": "Sans payload"}, {"payload": "/no_title"}]},
            "not a message",
        ]
    )
    assert turn.messages == (
        BotMessage("Bonjour", (Choice("Menu", "/m"),)),
        BotMessage("Suite", (Choice("Sans payload", "Sans payload"),)),
    )
    assert parse_answer([]) == Turn()
    with pytest.raises(ValueError):
        parse_answer({"error": "not a list"})


def test_escape_sequences_from_the_server_are_not_passed_to_the_terminal() -> None:
    turn = parse_answer([{"text": "rouge \x1b[31m!", "buttons": [{"title": "\x1b[2Jx"}]}])
    assert "\x1b" not in turn.messages[0].text and "\x1b" not in turn.choices[0].title


@pytest.mark.parametrize("typed", ["2", " 2 ", "2.", "2)", "un exemple", "UN EXEMPLE"])
def test_a_number_or_a_title_sends_the_button_payload(typed: str) -> None:
    assert outgoing(typed, ROPO) == EXAMPLE.payload


@pytest.mark.parametrize("typed", ["3", "0", "et un exemple ?", "12 notes de 3"])
def test_anything_else_is_sent_as_typed(typed: str) -> None:
    assert outgoing(typed, ROPO) == typed
    assert outgoing(typed, Turn()) == typed  # no choices: a number is a plain answer


def test_the_chosen_button_is_known_for_the_echo() -> None:
    assert chosen("2", ROPO) == EXAMPLE and chosen("une question", ROPO) is None
    assert user_line("Vous", "2", colour=False, choice=EXAMPLE) == "Vous › 2 › Un exemple"
    assert user_line("Vous", "Un exemple", colour=False, choice=EXAMPLE) == "Vous › Un exemple"


def test_choices_are_numbered_across_the_messages_of_one_answer() -> None:
    other = Choice("Le ROPO", '/explain{"concept":"ropo"}')
    turn = Turn((BotMessage("a", (CRM,)), BotMessage("b", (other,))))
    assert outgoing("2", turn) == other.payload
    lines = answer_lines(turn, label="Climabot", width=80, colour=False)
    assert any(line.strip() == "2. Le ROPO" for line in lines)


def test_rating_buttons_are_not_numbered_so_a_typed_note_keeps_its_meaning() -> None:
    assert not RATING.numbered
    assert outgoing("7", RATING) == "7" and outgoing("0", RATING) == "0"
    lines = answer_lines(RATING, label="Climabot", width=80, colour=False)
    assert "[0] [1] [2]" in "\n".join(lines)
    assert not any(re.match(r"\s*\d+\. ", line) for line in lines)


def test_an_answer_shows_titles_and_never_payloads() -> None:
    lines = answer_lines(ROPO, label="Climabot", width=80, colour=False, hint="Un numéro ?")
    assert lines[0].startswith("Climabot › Le ROPO")
    assert [line.strip() for line in lines[1:]] == [
        "1. Le CRM social",
        "2. Un exemple",
        "Un numéro ?",
    ]
    assert "/explain" not in "\n".join(lines) and "{" not in "\n".join(lines)


def test_lines_are_wrapped_at_the_width_under_the_label() -> None:
    text = " ".join(["omnicanal"] * 40) + "\n- " + " ".join(["parcours"] * 20)
    for width in (30, 60, 100):
        lines = answer_lines(
            Turn((BotMessage(text, (CRM,)),)), label="Climabot", width=width, colour=False
        )
        assert all(len(line) <= width for line in lines)
    narrow = answer_lines(ROPO, label="Climabot", width=30, colour=False)
    assert narrow[0] == "Climabot ›" and narrow[1].startswith("  Le ROPO")


def test_wrap_keeps_line_breaks_and_hangs_list_items() -> None:
    lines = wrap("Titre\n\n- " + "mot " * 12 + "\n2. deux", width=24)
    assert lines[0] == "Titre" and lines[1] == ""
    assert lines[2].startswith("- mot") and lines[3].startswith("  mot")
    assert lines[-1] == "2. deux"
    assert wrap("https://example.org/" + "x" * 40, width=20) == ["https://example.org/" + "x" * 40]


def test_colours_only_when_asked() -> None:
    plain = answer_lines(ROPO, label="Climabot", width=80, colour=False, hint="h")
    plain += notice_lines("Le serveur ne répond pas.", 80, colour=False)
    plain.append(user_line("Vous", "bonjour", colour=False))
    assert not any(ANSI.search(line) for line in plain)
    coloured = answer_lines(ROPO, label="Climabot", width=80, colour=True)
    assert coloured[0].startswith(f"\x1b[{Style.BOT.value}mClimabot ›\x1b[0m")
    assert paint("1.", Style.NUMBER, True) in "\n".join(coloured)
    # Colour codes do not count in the width: the same text as without colours.
    assert [SGR.sub("", line) for line in coloured] == answer_lines(
        ROPO, label="Climabot", width=80, colour=False
    )


@pytest.mark.parametrize("typed", ["/stop", " /STOP ", "/quit", "/quitter", "/exit"])
def test_exit_commands(typed: str) -> None:
    assert is_exit(typed)


@pytest.mark.parametrize("typed", ["stop", "quitter", "/stop le quiz", "arrête"])
def test_words_without_the_slash_go_to_the_bot(typed: str) -> None:
    assert not is_exit(typed)  # the bot's stop intent ends a quiz or a form
