"""What a tutor answers to a question on the course, given the notion under discussion.

The NLU says which notion a question names (when it is sure); this module adds what it
cannot know: the facet asked ("un exemple ?"), the notion of the previous answer for an
elliptic follow-up ("et le CSAT ?"), a precise detail, a comparison of several notions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache

import yaml

from logic.course.concepts import load_registry, response_button_concept
from logic.course.facets import (
    KNOWLEDGE_DIR,
    TEXT_FACETS,
    Facet,
    NotionFacets,
    composite_for,
    covered_by,
    load_covers,
    load_facets,
)
from logic.course.followup import (
    GUESS_MIN_SHARED,
    best_detail,
    best_detail_among,
    best_detail_anywhere,
    facet_asked,
    is_definition_question,
    is_elliptic,
    is_pure_followup,
    is_short,
    notions_listed,
    notions_named,
    sibling_named,
)

RESPONSES_DIR = KNOWLEDGE_DIR.parent / "data" / "responses"
FOLLOW_UP_INTENT = "follow_up"
MAX_SIDE_BY_SIDE = 4
CASE_THEME = "climatech"  # knowledge/concepts.yml: the notions of the case itself
PRECISE_DETAIL = 0.75  # a detail this close to the question is answered at once
RANKED_FOR_DETAILS = 3  # the NLU's best guesses searched for a detail when it is unsure
# The facets a comparison or a recap answers with its own text ("pk faut la connaître ?"
# after the channels' added values), not by being given again.
OWN_FACETS_OF_COMPOSITES = frozenset(
    {Facet.SIMPLE, Facet.EXAMPLE, Facet.QUIZ, Facet.WHY, Facet.CLIMATECH, Facet.MORE}
)
# The facets a detail's question may have asked, carried to the next notion ("climatech" also
# names the case's notions: it asks no facet of the next one).
CARRIED_FACETS = frozenset(TEXT_FACETS) - {Facet.CLIMATECH}


class Reply(str, Enum):
    NOTION = "notion"  # the notion's own answer (its definition)
    FACET = "facet"  # one facet's text
    DETAIL = "detail"  # a one-sentence detail
    SIDE_BY_SIDE = "side_by_side"  # two notions no composite covers, in simple words
    MISSING = "missing"  # the course has no such facet: say so, offer a neighbour that has it
    QUIZ = "quiz"  # "teste-moi là-dessus"
    WHICH_NOTION = "which_notion"  # a follow-up with no notion under discussion


@dataclass(frozen=True)
class Question:
    """A student's message as the tutor sees it."""

    text: str
    intent: str | None = None
    selected: str | None = None  # the course notion the ResponseSelector is sure of
    facet: str | None = None  # from a follow-up button
    notion: str | None = None  # from a follow-up button
    context: str | None = None  # the notion under discussion
    context_facet: str | None = None  # the facet last given on it
    previous_text: str = ""  # the student's previous message
    ranking: tuple[str, ...] = ()  # the course notions the NLU ranks, best first
    search_details: bool = True  # look for a detail of any notion (not for customers)


@dataclass(frozen=True)
class Answer:
    reply: Reply
    notion: str | None = None
    facet: Facet = Facet.DEFINITION
    text: str = ""
    other: str | None = None  # the second notion of a side by side; the neighbour offered
    others: tuple[str, ...] = ()  # every notion of a side by side, in order


def _facet(value: str | None) -> Facet | None:
    try:
        return Facet(value) if value else None
    except ValueError:
        return None


@cache
def related(key: str) -> tuple[str, ...]:
    """The notions a course answer offers as buttons (its neighbours), in order."""
    return _course_buttons().get(key, ())


@cache
def _course_buttons() -> dict[str, tuple[str, ...]]:
    """Each course answer's button concepts, read once from data/responses/."""
    found: dict[str, tuple[str, ...]] = {}
    for path in sorted(RESPONSES_DIR.glob("course_*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variants in (raw.get("responses") or {}).items():
            keys = (
                response_button_concept(str(b.get("payload", "")))
                for v in variants
                for b in v.get("buttons") or []
            )
            found[name.removeprefix("utter_course/")] = tuple(k for k in keys if k)
    return found


def _facet_answer(key: str, facet: Facet) -> Answer:
    """The facet of a notion, or "the course gives none" with a neighbour that has one."""
    facets = load_facets()
    notion = facets.get(key)
    text = notion.text(facet) if notion else None
    if text:
        return Answer(Reply.FACET, key, facet, text)
    neighbour = next(
        (n for n in related(key) if (f := facets.get(n)) is not None and f.text(facet)), None
    )
    return Answer(Reply.MISSING, key, facet, other=neighbour)


def _pair_answer(first: str, second: str) -> Answer:
    """Two notions compared: their composite, else the confusion one of them names, else
    both in simple words."""
    composite = composite_for({first, second})
    if composite is not None:
        return Answer(Reply.NOTION, composite)
    facets = load_facets()
    for key, other in ((first, second), (second, first)):
        notion: NotionFacets | None = facets.get(key)
        if notion and notion.confusion and notion.confusion.other == other:
            return Answer(Reply.FACET, key, Facet.CONFUSION, notion.confusion.text, other=other)
    return Answer(Reply.SIDE_BY_SIDE, first, Facet.DIFFERENCE, other=second, others=(first, second))


def _difference(target: str | None, named: list[str], context: str | None) -> Answer | None:
    pair = list(named)
    if len(pair) == 1 and context and context != pair[0] and target in (None, *pair, context):
        pair = [context, pair[0]]
    if len(pair) >= 2:
        return _pair_answer(pair[0], pair[1])
    key = target or context
    if key is None:
        return None
    if key in load_covers():
        return Answer(Reply.NOTION, key)  # a comparison already
    return _facet_answer(key, Facet.CONFUSION)


def _detail_or_facet(key: str, facet: Facet | None, text: str) -> Answer | None:
    """A detail of the notion the question matches, else the facet asked."""
    if facet is None and is_definition_question(text, key):
        return None
    match = best_detail(text, key)
    precise = match is not None and match.score >= PRECISE_DETAIL
    # A detail answers a facet question only when it asks more than the facet: "la formule
    # alors ?" gets the formula facet even if a detail is phrased "formule du NPS".
    if match is not None and (
        facet is None or (precise and facet is not Facet.SIMPLE and not is_pure_followup(text))
    ):
        return Answer(Reply.DETAIL, key, Facet.DETAIL, match.detail.answer)
    if facet is not None:
        return Answer(Reply.QUIZ, key, facet) if facet is Facet.QUIZ else _facet_answer(key, facet)
    return None


def _of_the_case(key: str) -> bool:
    """A notion of the Climatech case itself (its presentation, its messages, their recap)."""
    concept = load_registry().concepts.get(key)
    return concept is not None and concept.theme == CASE_THEME


def _context_if_it_answers(text: str, context: str, guessed: str | None) -> str | None:
    """ "ils sont combien de salariés ?" after Climatech: the notion discussed, when one of
    its details answers the short question at least as well as the NLU's other guess."""
    own = best_detail(text, context)
    if own is None or own.score < PRECISE_DETAIL:
        return None
    other = best_detail(text, guessed) if guessed else None
    return context if other is None or own.score >= other.score else None


def answer(q: Question) -> Answer | None:
    """The tutor's answer, or None when the message is not the tutor's to answer."""
    facet = _facet(q.facet) or facet_asked(q.text)
    named = [n for n in notions_named(q.text) if n in load_facets()]
    listed = notions_listed(q.text)
    named_by_list = len(listed) > len(named) and set(named) <= set(listed)
    if named_by_list:
        named = listed  # "VA du mail, du sms et du tel": the channels, not the first one
    if facet is Facet.CLIMATECH:  # "et pour Climatech ?" asks about the notion in context
        named = [n for n in named if not n.startswith("climatech")]
    if not named and facet is None and q.context and is_elliptic(q.text):
        themes = {k: c.theme for k, c in load_registry().concepts.items()}
        sibling = sibling_named(q.text, q.context, themes)  # "et celle du téléphone ?"
        named = [sibling] if sibling else []
    follow_up = q.intent == FOLLOW_UP_INTENT or q.facet is not None
    short = is_short(q.text)
    elliptic = is_elliptic(q.text)
    context = q.context if q.context in load_facets() or q.context in load_covers() else None

    # Several notions at once: their comparison, or the recap of their family.
    composites = [n for n in named if n in load_covers()]
    if composites and facet in (None, Facet.DIFFERENCE):
        return Answer(Reply.NOTION, composites[0])
    if len(named) >= 3 or (len(named) == 2 and (facet is Facet.DIFFERENCE or named_by_list)):
        composite = composite_for(set(named))
        if composite is not None:
            return Answer(Reply.NOTION, composite)
        if len(named) == 2:
            return _pair_answer(named[0], named[1])
        # No comparison in the course: each notion in simple words, side by side.
        shown = tuple(named[:MAX_SIDE_BY_SIDE])
        return Answer(Reply.SIDE_BY_SIDE, shown[0], Facet.DIFFERENCE, other=shown[1], others=shown)

    target = q.notion
    if target is None and context and not named and (is_pure_followup(q.text) or follow_up):
        target = context  # "et un exemple ?": whatever the NLU guessed, it is about this one
    if target is None and named and elliptic:
        target = named[0]  # "et le CSAT ?": the notion named, whatever else the NLU guessed
    if target is None and context and not named and short and q.selected not in (None, context):
        target = _context_if_it_answers(q.text, context, q.selected)
    target = target or q.selected or (named[0] if named else None)
    if target is None and context and short and (facet or follow_up or elliptic):
        target = context
    if facet is Facet.DIFFERENCE:
        return _difference(q.notion or q.selected, named, context)
    if target is None and not follow_up:
        # A doubtful message: a detail of the notion discussed, or of those the NLU ranks
        # first although it is unsure.
        # After a comparison or a recap, "lequel des deux parle de recommandation ?" asks a
        # detail of one of the notions it covers.
        discussed = sorted(covered_by(context)) if context and short else []
        match = best_detail_among(q.text, discussed) or best_detail_among(
            q.text, q.ranking[:RANKED_FOR_DETAILS], min_shared=GUESS_MIN_SHARED
        )
        if match is not None:
            return Answer(Reply.DETAIL, match.notion, Facet.DETAIL, match.detail.answer)
    if target is None:
        if facet is not None and follow_up:
            return Answer(Reply.WHICH_NOTION, facet=facet)
        searching = q.search_details and not follow_up
        match = best_detail_anywhere(q.text, q.ranking) if searching else None
        if match is not None:
            return Answer(Reply.DETAIL, match.notion, Facet.DETAIL, match.detail.answer)
        return None

    # "et le CSAT ?" after the NPS's formula: the same facet of the other notion.
    previous = _facet(q.context_facet)
    if previous is Facet.DETAIL:
        # "on calcule comment le NPS ?" was answered by a detail, but asked the formula.
        asked_before = facet_asked(q.previous_text)
        if asked_before in CARRIED_FACETS:
            previous = asked_before
    switched = elliptic and facet is None and target != context
    if switched and previous is Facet.DETAIL and context in load_facets():
        # "et sur mobile ?" after the number of internet users: the same figures' mobile
        # line, not another notion that "mobile" names.
        own = best_detail(q.text, context)
        if own is not None and own.score >= PRECISE_DETAIL:
            return Answer(Reply.DETAIL, context, Facet.DETAIL, own.detail.answer)
    if switched and previous not in (None, Facet.DEFINITION):
        if previous is Facet.DETAIL:
            found = _detail_or_facet(target, None, q.text) or _detail_or_facet(
                target, None, f"{q.previous_text} {q.text}"
            )
            return found or Answer(Reply.NOTION, target)
        facet = previous
    # "les 6 messages de Climatech et leurs solutions": the case's own recap, not its application.
    case_named = facet is Facet.CLIMATECH and _of_the_case(target)
    if target in load_covers() and (facet not in OWN_FACETS_OF_COMPOSITES or case_named):
        # A comparison or a recap holds its notions' formulas and figures: "les formules des
        # trois d'un coup" is the comparison itself.
        match = best_detail(q.text, target) if facet is None else None
        if match is not None and not is_definition_question(q.text, target):
            return Answer(Reply.DETAIL, target, Facet.DETAIL, match.detail.answer)
        return Answer(Reply.NOTION, target)
    found = _detail_or_facet(target, facet, q.text)
    if found is not None:
        return found
    if follow_up and target == context:
        return _facet_answer(target, Facet.MORE)  # "ok, et ?": go on about it
    return Answer(Reply.NOTION, target)
