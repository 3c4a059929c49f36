"""The data check of the facets: slots, notions named, figures of the course."""

from __future__ import annotations

from logic.course.concepts import load_registry
from logic.course.facets import Confusion, Detail, Facet, NotionFacets, load_facets
from logic.course.facets_check import course_numbers, numbers, problems


def _notion(key: str, **changes: object) -> NotionFacets:
    base = NotionFacets(key=key, aliases=("x",), texts={}, confusion=None, details=())
    return NotionFacets(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_the_shipped_facets_have_no_problem() -> None:
    assert problems(load_facets(), set(load_registry().concepts), course_numbers()) == []


def test_every_notion_of_the_registry_has_facets() -> None:
    assert set(load_facets()) == set(load_registry().concepts)


def test_numbers_are_read_as_the_course_writes_them() -> None:
    assert numbers("2 000 000 € et 78 % puis 1,8") == {"2000000", "78", "1,8"}


def test_a_figure_the_course_does_not_contain_is_reported() -> None:
    facets = {"nps": _notion("nps", texts={Facet.FIGURES: "Un NPS moyen de 57,3 en 1987."})}
    found = problems(facets, {"nps"}, course_numbers())
    assert any("57,3" in line for line in found) and any("1987" in line for line in found)


def test_a_computed_ratio_is_checked_through_its_sources() -> None:
    detail = Detail(asks=("combien ?",), answer="Environ 14 fois.", derived_from=("60 076", "4262"))
    facets = {"kumar_rangaswamy": _notion("kumar_rangaswamy", details=(detail,))}
    found = problems(facets, set(load_registry().concepts), course_numbers())
    assert not [line for line in found if "detail" in line]
    wrong = Detail(asks=("combien ?",), answer="Environ 14 fois.", derived_from=("61 000",))
    facets = {"kumar_rangaswamy": _notion("kumar_rangaswamy", details=(wrong,))}
    found = problems(facets, set(load_registry().concepts), course_numbers())
    assert "kumar_rangaswamy, detail 1 (from): 61000 is not in the course documents" in found


def test_unknown_notions_and_missing_facets_are_reported() -> None:
    facets = {"nps": _notion("nps", confusion=Confusion("nowhere", "texte"))}
    found = problems(facets, {"nps", "csat"}, course_numbers())
    assert "csat: no facets" in found
    assert "nps: confusion with unknown notion nowhere" in found


def test_a_listed_name_of_an_unknown_notion_is_reported() -> None:
    registry = set(load_registry().concepts) - {"va_sms"}
    found = problems(load_facets(), registry, course_numbers())
    assert "followups, listed_names: va_sms is not a notion" in found


def test_an_answer_that_does_not_say_the_percentage_asked_is_reported() -> None:
    vague = Detail(asks=("le +49 % c'est quoi ?",), answer="La progression du mobile.")
    said = Detail(asks=("le +49 % c'est quoi ?",), answer="+49 % : la progression du mobile.")
    facets = {"digital_france_2018": _notion("digital_france_2018", details=(vague, said))}
    found = problems(facets, set(load_registry().concepts), course_numbers())
    assert "digital_france_2018, detail 1: its answer does not say the 49 % asked" in found
    assert not [line for line in found if "detail 2" in line]
