"""Several satisfaction surveys over REST, then the stored rows and the indicators."""

from __future__ import annotations

import uuid
from typing import Any

from logic.storage.reports import load_summary
from logic.survey import formulas as indicators
from logic.survey.formulas import fmt
from tests.e2e.conftest import Bot

NPS_QUESTION = "recommandiez Climatech"
CSAT_QUESTION = "Êtes-vous satisfait"
CES_QUESTION = "Quel effort"
COMMENT_QUESTION = "Un commentaire"
THANKS = "Merci pour vos réponses"
KEPT = "conservées"


def _surveys(bot: Bot) -> list[dict[str, Any]]:
    return bot.rows("SELECT * FROM survey_responses ORDER BY id")


def _buttons(messages: list[dict[str, Any]]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons", [])]


def _answer(bot: Bot, sender: str, steps: list[tuple[str, str]]) -> None:
    """Each message, and the text expected in the bot's answer."""
    for message, expected in steps:
        answer = bot.text(message, sender)
        assert expected in answer, f"{message!r} -> {answer!r}"


def test_several_surveys_are_stored_and_counted(bot: Bot) -> None:
    before = _surveys(bot)

    # 1. A complete survey, with the buttons; the question has buttons from 0 to 10.
    sender = uuid.uuid4().hex
    start = bot.say("je veux donner mon avis", sender)
    assert NPS_QUESTION in "\n".join(m.get("text", "") for m in start)
    assert {"0", "10"} <= set(_buttons(start))
    _answer(
        bot,
        sender,
        [
            ("9", CSAT_QUESTION),
            ("Très satisfait", CES_QUESTION),
            ("2", COMMENT_QUESTION),
            ("Pas de commentaire", THANKS),
        ],
    )

    # 2. Typed answers in words, and a comment.
    sender = uuid.uuid4().hex
    _answer(
        bot,
        sender,
        [
            ("questionnaire de satisfaction", NPS_QUESTION),
            ("je mettrais 6", CSAT_QUESTION),
            ("plutôt insatisfait", CES_QUESTION),
            ("assez difficile", COMMENT_QUESTION),
            ("Le technicien est arrivé en retard.", THANKS),
        ],
    )

    # 3. An invalid value is explained and asked again, then a valid one.
    sender = uuid.uuid4().hex
    bot.say("je veux donner mon avis", sender)
    refused = bot.text("15", sender)
    assert "15 n'est pas sur l'échelle de 0 à 10" in refused
    assert NPS_QUESTION in refused
    _answer(
        bot,
        sender,
        [
            ("neuf", CSAT_QUESTION),
            ("satisfait", CES_QUESTION),
            ("1", COMMENT_QUESTION),
            ("non", THANKS),
        ],
    )

    # 4. Stopped after the first answer: the answer given is kept.
    sender = uuid.uuid4().hex
    _answer(
        bot,
        sender,
        [("je veux donner mon avis", NPS_QUESTION), ("10", CSAT_QUESTION), ("stop", KEPT)],
    )

    # 5. A crafted slot value is validated like a typed one.
    sender = uuid.uuid4().hex
    bot.say("je veux donner mon avis", sender)
    crafted = bot.text('/give_feedback{"nps": 99}', sender)
    assert "99" not in crafted or "n'est pas sur l'échelle" in crafted
    assert CSAT_QUESTION not in crafted
    _answer(bot, sender, [("plus tard", "arrête")])

    new = _surveys(bot)[len(before) :]
    stored = [(r["nps"], r["csat"], r["ces"], r["comment"], bool(r["completed"])) for r in new]
    assert stored == [
        (9, "tres_satisfait", 2, None, True),
        (6, "insatisfait", 4, "Le technicien est arrivé en retard.", True),
        (9, "satisfait", 1, None, True),
        (10, None, None, None, False),
        (None, None, None, None, False),
    ]
    assert {r["channel"] for r in new} == {"rest"}

    # The indicators are computed from every stored row, these and any earlier ones.
    rows = _surveys(bot)
    summary = load_summary(url=bot.database_url)
    assert summary["nps"] == indicators.nps(r["nps"] for r in rows).as_dict()
    assert summary["csat"] == indicators.csat(r["csat"] for r in rows).as_dict()
    assert summary["ces"] == indicators.ces(r["ces"] for r in rows).as_dict()
    assert summary["nps"]["responses"] >= 4 and summary["csat"]["responses"] >= 3

    answer = bot.text("quels sont nos indicateurs de satisfaction ?", uuid.uuid4().hex)
    nps, csat, ces = summary["nps"], summary["csat"], summary["ces"]
    assert f"NPS de {fmt(nps['score'], sign=True)} sur {nps['responses']} réponses" in answer
    assert (
        f"promoteurs (9-10) {nps['promoters']}, passifs (7-8) {nps['passives']}, "
        f"détracteurs (0-6) {nps['detractors']}"
    ) in answer
    assert f"CSAT de {fmt(csat['score'])} %" in answer
    assert f"CES moyen de {fmt(ces['mean'])} sur 5" in answer


def test_the_survey_is_offered_once_to_a_customer(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    bot.say("ma pompe a chaleur affiche E4 et ne chauffe plus", sender)
    offer = bot.say("/affirm", sender)
    assert {"/give_feedback", "/deny"} <= set(_buttons(offer))
    assert "Pas de problème" in bot.text("/deny", sender)
    goodbye = bot.say("au revoir", sender)
    assert "/give_feedback" not in _buttons(goodbye)
    assert "Au revoir" in "\n".join(m.get("text", "") for m in goodbye)


def test_a_student_gets_a_plain_goodbye(bot: Bot) -> None:
    sender = uuid.uuid4().hex
    bot.say("c'est quoi le NPS", sender)
    goodbye = bot.say("au revoir", sender)
    assert "Au revoir" in goodbye[0]["text"]
    assert not _buttons(goodbye)
