"""The catalogue codes of the tutor's texts, one per facet (knowledge/messages/course.yml)."""

from __future__ import annotations

from logic.course.facets import Facet
from logic.results import MessageCode


class FacetLead(MessageCode):
    """The line before a facet's text: "ROPO, l'exemple du cours :"."""

    SIMPLE = "course_facet_simple"
    EXAMPLE = "course_facet_example"
    FIGURES = "course_facet_figures"
    CLIMATECH = "course_facet_climatech"
    WHY = "course_facet_why"
    FORMULA = "course_facet_formula"
    CONFUSION = "course_facet_confusion"
    MORE = "course_facet_more"
    DETAIL = "course_facet_detail"


class FacetLack(MessageCode):
    """What the course does not give: "d'exemple", "de chiffre"."""

    SIMPLE = "course_lacks_simple"
    EXAMPLE = "course_lacks_example"
    FIGURES = "course_lacks_figures"
    CLIMATECH = "course_lacks_climatech"
    WHY = "course_lacks_why"
    FORMULA = "course_lacks_formula"
    CONFUSION = "course_lacks_confusion"
    MORE = "course_lacks_more"


class FollowupButton(MessageCode):
    """The follow-up buttons under a course answer."""

    EXAMPLE = "course_followup_example"
    SIMPLE = "course_followup_simple"
    QUIZ = "course_followup_quiz"
    MORE = "course_followup_more"


def lead(facet: Facet) -> FacetLead:
    return FacetLead[facet.name] if facet.name in FacetLead.__members__ else FacetLead.DETAIL


def lack(facet: Facet) -> FacetLack:
    return FacetLack[facet.name] if facet.name in FacetLack.__members__ else FacetLack.MORE


def followup_button(facet: Facet) -> FollowupButton:
    return FollowupButton[facet.name]
