"""The customers' conversations: what each one sends, and what it expects the bot to do.

A flow sends its first message, then reads each `Turn` and answers with the next message or
an `End`. Expectations are structured: the form's next question (`requested_slot`), an
action or a response (`utter_action`) that must have run, a button's payload.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from bench.loadtest.showroom import Claim, reference_of, sender_key
from bench.loadtest.turns import Turn

# (question, concept): the course answer must be the response utter_course/<concept>.
COURSE_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("c'est quoi le NPS", "nps"),
    ("c koi le ropo ?", "ropo"),
    ("explique moi le csat", "csat"),
    ("c'est quoi le click and collect", "click_and_collect"),
    ("quelle difference entre multicanal et omnicanal", "diff_multicanal_omnicanal"),
    ("c'est quoi le cross-selling", "cross_selling"),
    ("c'est quoi le parcours client", "parcours_client_definition"),
    ("c'est quoi un pure player", "pure_player"),
    ("que veut dire CRM", "crm_grc"),
    ('/explain{"concept":"ces"}', "ces"),
    ("c'est quoi le drive", "drive"),
    ("qu'est-ce que l'omnicanal", "omnicanal_definition"),
    ("le chatbot c'est quoi", "chatbot"),
    ("c'est quoi le magasin connecté", "magasin_connecte"),
)
# (question, part reference): the lookup offers the button that reserves that part.
PART_LOOKUPS: tuple[tuple[str, str], ...] = (
    ("je cherche la reference du filtre de ma clim aria 25", "CT-FIL-2035"),
    ("quel est le prix de la télécommande de l'aria 35", "CT-TEL-3010"),
    ("il me faut un filtre pour mon aria 50", "CT-FIL-2050"),
)
NAMES = ("Jeanne Le Goff", "Yann Morvan", "Maëlle Le Bras", "Erwan Kerjean", "Anne Guillou")
# (what the customer types, the csat slot's value stored)
CSAT_ANSWERS: tuple[tuple[str, str], ...] = (
    ("Très satisfait", "tres_satisfait"),
    ("Satisfait", "satisfait"),
    ("plutôt insatisfait", "insatisfait"),
    ("Très insatisfait", "tres_insatisfait"),
)
# Conversations drawn by each user, with their weights.
MIX: dict[str, float] = {"course": 0.4, "part": 0.2, "appointment": 0.2, "survey": 0.2}


def reserve_payload(part: str) -> str:
    return f'/reserve_part{{"part_reference":"{part}"}}'


@dataclass(frozen=True)
class End:
    """The conversation is over: confirmed (the key of the row it must have left), or why not."""

    request: str | None = None  # request_key() of a confirmed request
    survey: str | None = None  # survey_key() of a confirmed survey
    wrong: str | None = None  # what was wrong in the last turn
    no_slot: bool = False  # an appointment that found no free slot


@dataclass(frozen=True)
class Expect:
    """What the bot must have done in a turn; None fields are not checked."""

    asks: str | None = None  # the form's next question (requested_slot)
    action: str | None = None  # an action run
    utterance: str | None = None  # a response said (its utter_action)
    payload: str | None = None  # a button offered

    def wrong(self, turn: Turn) -> str | None:
        """Why `turn` does not match, or None."""
        if self.asks is not None and turn.asks != self.asks:
            return f"expected the question {self.asks!r}, the form asks {turn.asks!r}"
        if self.action is not None and not turn.ran(self.action):
            return f"expected the action {self.action!r}, ran {list(turn.actions)!r}"
        if self.utterance is not None and self.utterance not in turn.utterances:
            return f"expected the response {self.utterance!r}, said {list(turn.utterances)!r}"
        if self.payload is not None and self.payload not in turn.payloads:
            return f"expected the button {self.payload!r}, offered {list(turn.payloads)!r}"
        return None


@dataclass(frozen=True)
class Step:
    """One message, and what the bot must do in answer."""

    message: str
    expect: Expect


class Flow:
    """One conversation: `first()` is the opening message, then `react()` reads each turn.

    `stored` is the survey row it leaves (for a survey cut before its last answer).
    `events` counts the expected refusals, `claims` the slots the bot refused as full.
    """

    def __init__(self, kind: str, sender: str, stored: str | None = None) -> None:
        self.kind = kind
        self.sender = sender
        self.stored = stored
        self.events: Counter[str] = Counter()
        self.claims: list[Claim] = []

    def first(self) -> str:
        raise NotImplementedError

    def react(self, turn: Turn) -> str | End:
        """The next message, or the end of the conversation."""
        raise NotImplementedError


def survey_key(nps: Any, csat: Any, ces: Any, comment: Any, completed: Any) -> str:
    return f"{nps}|{csat}|{ces}|{comment}|{bool(completed)}"


def request_key(kind: str, reference: str, key: str, what: str) -> str:
    return f"{kind}|{reference}|{key[:12]}|{what}"


class Scripted(Flow):
    """Fixed messages, each turn checked; the last one confirms a request or a survey.

    `what` is the request's description (`kind|what`, the reference given in the last
    turn); a survey's row is `stored`.
    """

    def __init__(
        self,
        kind: str,
        sender: str,
        steps: list[Step],
        what: str | None = None,
        stored: str | None = None,
    ) -> None:
        super().__init__(kind, sender, stored)
        self.steps = steps
        self.what = what
        self.position = 0

    def first(self) -> str:
        return self.steps[0].message

    def react(self, turn: Turn) -> str | End:
        wrong = self.steps[self.position].expect.wrong(turn)
        if wrong:
            return End(wrong=wrong)
        self.position += 1
        if self.position < len(self.steps):
            return self.steps[self.position].message
        if self.what:
            kind, what = self.what.split("|", 1)
            reference = reference_of(kind, turn.references)
            if reference is None:
                return End(wrong=f"no {kind} reference given")
            return End(request=request_key(kind, reference, sender_key(self.sender), what))
        return End(survey=self.stored)


def course_flow(rng: random.Random, sender: str) -> Flow:
    steps = [Step("Bonjour", Expect(action="action_greet"))] if rng.random() < 0.5 else []
    for question, concept in rng.sample(COURSE_QUESTIONS, 3):
        steps.append(Step(question, Expect(utterance=f"utter_course/{concept}")))
    return Scripted("course", sender, steps)


def part_flow(rng: random.Random, sender: str, phone: str) -> Flow:
    question, part = rng.choice(PART_LOOKUPS)
    steps = [Step(question, Expect(action="action_part_lookup", payload=reserve_payload(part)))]
    if rng.random() < 0.5:  # goes on to click and collect
        quantity = rng.randint(1, 3)
        steps += [
            Step(reserve_payload(part), Expect(asks="quantity")),
            Step(str(quantity), Expect(asks="contact_name")),
            Step(rng.choice(NAMES), Expect(asks="contact_phone")),
            Step(phone, Expect(action="action_submit_reservation")),
        ]
        return Scripted("reservation", sender, steps, f"reservation|{part}x{quantity}")
    return Scripted("part", sender, steps)


def survey_flow(rng: random.Random, sender: str) -> Flow:
    nps, ces = rng.randint(0, 10), rng.randint(1, 5)
    csat_text, csat = rng.choice(CSAT_ANSWERS)
    comment = f"Test de charge, conversation {sender} : accueil rapide."
    steps = [
        Step("je veux donner mon avis", Expect(asks="nps")),
        Step(str(nps), Expect(asks="csat")),
        Step(csat_text, Expect(asks="ces")),
        Step(str(ces), Expect(asks="survey_comment")),
        Step(comment, Expect(action="action_submit_survey")),
    ]
    return Scripted("survey", sender, steps, stored=survey_key(nps, csat, ces, comment, True))
