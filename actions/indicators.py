"""The NPS, CSAT and CES: the current ones from the database, or computed from a student's
figures step by step, and annexe 7 of the Climatech case. The formulas live in
`logic.survey`; these actions only say their results."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import NOTION_SLOT, latest_text, notion_events
from logic.course.facets import Facet
from logic.storage import reports
from logic.storage.engine import StorageError, off_loop
from logic.survey.calculator.annexe7 import annexe7
from logic.survey.calculator.compute import TOPICS, compute_from_text, topic_of
from logic.survey.calculator.single import figure_in_context
from logic.survey.formulas import CSAT_KEYS, CSAT_LABELS
from logic.survey.interpretation import interpretation
from logic.text.catalogue import render, say

logger = logging.getLogger(__name__)


def _responses(count: int) -> str:
    if count > 1:
        return say("indicator_responses_many", count=count)
    return say("indicator_responses_one", count=count)


def indicators_text(data: Mapping[str, Any]) -> str:
    """Counts then one interpretation line per indicator (or "pas encore de réponse")."""
    nps_line, csat_line, ces_line = (render(line) for line in interpretation(data))
    nps, csat, ces = data["nps"], data["csat"], data["ces"]
    lines = [say("indicators_intro")]
    if nps["responses"]:
        lines.append(
            say(
                "indicators_nps",
                responses=_responses(nps["responses"]),
                promoters=nps["promoters"],
                passives=nps["passives"],
                detractors=nps["detractors"],
            )
        )
    lines.append(nps_line)
    if csat["responses"]:
        distribution = ", ".join(
            f"{CSAT_LABELS[key]} {csat['distribution'].get(key, 0)}" for key in CSAT_KEYS
        )
        lines.append(
            say(
                "indicators_csat",
                responses=_responses(csat["responses"]),
                distribution=distribution,
            )
        )
    lines.append(csat_line)
    if ces["responses"]:
        distribution = ", ".join(
            say("indicator_ces_note_count", note=note, count=n)
            for note, n in ces["distribution"].items()
        )
        lines.append(
            say("indicators_ces", responses=_responses(ces["responses"]), distribution=distribution)
        )
    lines.append(ces_line)
    return "\n".join(lines)


class ActionShowIndicators(Action):
    """ "Quels sont nos indicateurs de satisfaction ?": the current NPS, CSAT and CES."""

    def name(self) -> str:
        return "action_show_indicators"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        try:
            data = await off_loop(reports.load_summary)
        except StorageError:
            logger.warning("could not read the survey answers", exc_info=True)
            dispatcher.utter_message(text=say("indicators_unavailable"))
            return []
        dispatcher.utter_message(text=indicators_text(data))
        return []


class ActionComputeIndicator(Action):
    """ "Calcule le NPS avec 45 promoteurs...": the computation step by step, or a question
    back when figures are missing or do not add up. The figures computed are kept in the
    slot `last_calculation`, so that "et si les détracteurs montent à 40 % ?" recomputes."""

    def name(self) -> str:
        return "action_compute_indicator"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        last, text = tracker.get_slot("last_calculation"), latest_text(tracker)
        reply = figure_in_context(text, tracker.get_slot(NOTION_SLOT)) or compute_from_text(
            text, last
        )
        dispatcher.utter_message(text=render(reply.answer))
        # The indicator computed is the notion under discussion: "et le CSAT ?" then asks
        # for the other formula, "un exemple ?" for this one's.
        events = notion_events(reply.topic, Facet.FORMULA) if reply.topic in TOPICS else []
        if reply.complete and reply.figures is not None:
            return [*events, SlotSet("last_calculation", reply.figures)]
        if not reply.complete and reply.topic in TOPICS and reply.topic != topic_of(last):
            # A question about another indicator: its answer ("1, 2, 2, 3 et 5") is read
            # for that indicator, and the older figures no longer apply.
            return [*events, SlotSet("last_calculation", {"topic": reply.topic})]
        return events


class ActionAnnexe7(Action):
    """Annexe 7 of the case: what survives, what it allows to compute, and the assumption."""

    def name(self) -> str:
        return "action_annexe7"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=render(annexe7()))
        return []
