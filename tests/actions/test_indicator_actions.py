"""The indicators said in the conversation: from the database, from a student's figures,
and annexe 7."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.indicators import ActionAnnexe7, ActionComputeIndicator, ActionShowIndicators
from logic.storage import reports
from logic.storage.engine import StorageError
from logic.storage.surveys import save_survey
from logic.survey.calculator.annexe7 import annexe7
from logic.survey.calculator.compute import compute_from_text
from logic.text.catalogue import render, say
from tests.actions.conftest import make_tracker


def _text(dispatcher: CollectingDispatcher) -> str:
    [message] = dispatcher.messages
    return str(message["text"])


async def test_without_answers_each_indicator_says_so(
    dispatcher: CollectingDispatcher, db_url: str
) -> None:
    await ActionShowIndicators().run(dispatcher, make_tracker(), {})
    lines = _text(dispatcher).splitlines()
    assert lines[0] == say("indicators_intro")
    assert lines[1:] == [
        "NPS : pas encore de réponse, il ne peut pas être calculé.",
        "CSAT : pas encore de réponse, il ne peut pas être calculé.",
        "CES : pas encore de réponse, il ne peut pas être calculé.",
    ]


async def test_the_indicators_with_their_counts_and_interpretation(
    dispatcher: CollectingDispatcher, db_url: str
) -> None:
    # 5 promoters, 2 passives, 3 detractors; CSAT 4/3/2/1; CES 3/2/3/1/1.
    nps = [10, 9, 9, 10, 9, 7, 8, 3, 6, 0]
    csat = ["tres_satisfait"] * 4 + ["satisfait"] * 3 + ["insatisfait"] * 2 + ["tres_insatisfait"]
    ces = [1, 1, 1, 2, 2, 3, 3, 3, 4, 5]
    for n, c, e in zip(nps, csat, ces, strict=True):
        save_survey(nps=n, csat=c, ces=e, completed=True)
    save_survey(nps=None, completed=False)  # a stopped survey counts nowhere

    await ActionShowIndicators().run(dispatcher, make_tracker(), {})
    lines = _text(dispatcher).splitlines()
    assert lines[1:] == [
        "NPS, 10 réponses : promoteurs (9-10) 5, passifs (7-8) 2, détracteurs (0-6) 3.",
        "NPS de +20 sur 10 réponses : positif, donc bon (plus de promoteurs que de détracteurs).",
        "CSAT, 10 réponses : très satisfaits 4, satisfaits 3, insatisfaits 2, très insatisfaits 1.",
        "CSAT de 70 % : plus de la moitié des clients interrogés se disent satisfaits ou très "
        "satisfaits (30 % d'insatisfaits).",
        "CES, 10 réponses : note 1 : 3, note 2 : 2, note 3 : 3, note 4 : 1, note 5 : 1.",
        "CES moyen de 2,5 sur 5 : effort moyen (un effort sensible, à réduire pour éviter "
        "l'insatisfaction) ; effort faible 50 %, moyen 40 %, élevé 10 %.",
    ]


async def test_one_answer_is_singular_and_a_missing_indicator_says_so(
    dispatcher: CollectingDispatcher, db_url: str
) -> None:
    save_survey(nps=4, completed=False)
    await ActionShowIndicators().run(dispatcher, make_tracker(), {})
    text = _text(dispatcher)
    assert "NPS, 1 réponse :" in text
    assert "NPS de -100 sur 1 réponse" in text
    assert "CSAT : pas encore de réponse" in text
    assert "CES : pas encore de réponse" in text


async def test_an_unreadable_database_gets_a_french_apology(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise StorageError("database unavailable: no such table")

    monkeypatch.setattr(reports, "load_summary", broken)
    await ActionShowIndicators().run(dispatcher, make_tracker(), {})
    assert _text(dispatcher) == say("indicators_unavailable")


def _asking(text: str) -> dict[str, object]:
    return {"text": text, "intent": {"name": "compute_indicator"}, "entities": []}


async def test_an_nps_is_computed_step_by_step(dispatcher: CollectingDispatcher) -> None:
    question = "calcule le NPS avec 45 promoteurs, 35 passifs et 20 détracteurs"
    await ActionComputeIndicator().run(
        dispatcher, make_tracker(latest_message=_asking(question)), {}
    )
    text = _text(dispatcher)
    assert text == render(compute_from_text(question).answer)
    assert "Formule" in text and "NPS = 45 − 20 = +25" in text


async def test_a_csat_is_computed_from_counts(dispatcher: CollectingDispatcher) -> None:
    question = "sur 200 réponses, 90 très satisfaits, 50 satisfaits, 40 insatisfaits"
    await ActionComputeIndicator().run(
        dispatcher, make_tracker(latest_message=_asking(question)), {}
    )
    assert "CSAT = 140 / 200 × 100 = 70 %" in _text(dispatcher)


async def test_a_ces_is_computed_from_notes(dispatcher: CollectingDispatcher) -> None:
    question = "les notes d'effort sont 1, 2, 2, 3 et 5"
    await ActionComputeIndicator().run(
        dispatcher, make_tracker(latest_message=_asking(question)), {}
    )
    assert "CES = 13 / 5 = 2,6" in _text(dispatcher)


@pytest.mark.parametrize(
    "question",
    [
        "calcule le NPS",
        "calcule un indicateur pour moi",
        "NPS avec 50 promoteurs et 30 détracteurs sur 60 réponses",
        "",
    ],
)
async def test_missing_or_inconsistent_figures_get_a_question_back(
    dispatcher: CollectingDispatcher, question: str
) -> None:
    await ActionComputeIndicator().run(
        dispatcher, make_tracker(latest_message=_asking(question)), {}
    )
    reply = compute_from_text(question)
    assert not reply.complete
    assert _text(dispatcher) == render(reply.answer)


async def test_annexe7_explains_the_surviving_data_and_the_assumption(
    dispatcher: CollectingDispatcher,
) -> None:
    await ActionAnnexe7().run(dispatcher, make_tracker(), {})
    text = _text(dispatcher)
    assert text == render(annexe7())
    assert "Annexe 7" in text and "hypothèse" in text
