"""The Climatech data files: complete, consistent, fictional where invented, loaded once."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from logic.climatech.knowledge.loading import (
    DEFAULT_DIR,
    KnowledgeError,
    clear_cache,
    load_knowledge,
)

KB = load_knowledge()
TODAY = date(2026, 11, 23)


def test_company_is_marked_fictional_and_uses_fictional_contacts() -> None:
    company = KB.company
    assert "fictif" in company.about
    # ARCEP range reserved for fiction in the 02 zone (Brittany).
    assert re.fullmatch(r"02 61 91 \d\d \d\d", company.phone)
    assert company.email.endswith(".example")
    assert ".example" in company.facebook
    assert company.city == "Guingamp" and "parking" in company.parking


def test_company_matches_the_case_study() -> None:
    assert len(KB.company.staff) == 10
    assert len(KB.company.salespeople) == 2
    assert not KB.company.weekly_hours[6], "closed on Sunday"
    assert KB.company.appointment.capacity == 2


def test_catalogue_has_every_kind_of_product() -> None:
    assert len(KB.products) >= 8
    kinds = {p.type for p in KB.products}
    assert kinds == {"pac_air_eau", "pac_air_air", "clim_mono_split", "clim_multi_split"}
    for product in KB.products:
        assert product.surface_min_m2 < product.surface_max_m2
        assert product.datasheet.endswith(".pdf")
        assert product.price_eur > 0
        assert product.scop is not None


def test_parts_are_unique_well_formed_and_compatible() -> None:
    assert len(KB.parts) >= 20
    references = [p.reference for p in KB.parts]
    assert len(set(references)) == len(references)
    product_ids = {p.id for p in KB.products}
    for part in KB.parts:
        assert re.fullmatch(r"CT-[A-Z]{3}-\d{4}", part.reference)
        assert set(part.compatible) <= product_ids
        assert part.stock >= 0
        if part.stock == 0:
            assert part.restock_days, f"{part.reference}: out of stock without a delay"
    assert any(p.stock == 0 for p in KB.parts), "the bot must be able to say 'out of stock'"


def test_every_reference_quoted_in_guides_exists() -> None:
    texts = [s for g in KB.symptoms + KB.howtos for s in (*g.steps, g.advice)]
    texts += [s for c in KB.error_codes for s in (*c.checks, c.technician)]
    quoted = {r for t in texts for r in re.findall(r"CT-[A-Z]{3}-\d{4}", t)}
    assert quoted, "guides point to parts"
    assert quoted <= {p.reference for p in KB.parts}


def test_guides_are_complete() -> None:
    assert {"ne_chauffe_plus", "ne_refroidit_plus", "bruit", "fuite", "odeur"} <= {
        s.id for s in KB.symptoms
    }
    assert {"temperature", "modes", "programmation", "eco", "hors_gel", "filtres"} <= {
        h.id for h in KB.howtos
    }
    for guide in KB.symptoms + KB.howtos:
        assert guide.steps and guide.keywords and guide.advice
    for code in KB.error_codes:
        assert code.checks and code.technician


def test_news_cover_past_present_and_future() -> None:
    assert all(n.start <= n.end for n in KB.news)
    assert any(n.end < TODAY for n in KB.news)
    assert any(n.valid_on(TODAY) for n in KB.news)
    assert any(n.start > TODAY for n in KB.news)


def test_credit_is_an_example_with_the_legal_notice() -> None:
    assert "pas une offre" in KB.credit.about
    assert "Un crédit vous engage" in KB.credit.legal_notice


def test_loading_is_cached_and_the_directory_can_be_overridden(tmp_path: Path) -> None:
    assert load_knowledge() is load_knowledge()
    copy = tmp_path / "kb"
    shutil.copytree(DEFAULT_DIR, copy)
    company = copy / "company.yml"
    company.write_text(
        company.read_text(encoding="utf-8").replace("02 61 91 42 10", "02 61 91 00 01")
    )
    other = load_knowledge(copy)
    assert other.company.phone == "02 61 91 00 01"
    assert load_knowledge().company.phone == "02 61 91 42 10"


def test_environment_variable_overrides_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "kb"
    shutil.copytree(DEFAULT_DIR, copy)
    (copy / "company.yml").write_text(
        (copy / "company.yml")
        .read_text(encoding="utf-8")
        .replace("name: Climatech", "name: Testotech")
    )
    monkeypatch.setenv("CLIMATECH_KNOWLEDGE_DIR", str(copy))
    assert load_knowledge().company.name == "Testotech"
    monkeypatch.delenv("CLIMATECH_KNOWLEDGE_DIR")
    assert load_knowledge().company.name == "Climatech"


def test_a_broken_file_names_the_file_and_the_entry(tmp_path: Path) -> None:
    copy = tmp_path / "kb"
    shutil.copytree(DEFAULT_DIR, copy)
    parts = copy / "parts.yml"
    parts.write_text(parts.read_text(encoding="utf-8").replace("[aria-50]", "[aria-51]"))
    with pytest.raises(KnowledgeError, match=r"parts\.yml CT-FIL-2050.*aria-51"):
        load_knowledge(copy)
    shutil.copy(DEFAULT_DIR / "parts.yml", parts)
    (copy / "offers.yml").unlink()
    clear_cache()
    with pytest.raises(KnowledgeError, match=r"offers\.yml: file not found"):
        load_knowledge(copy)


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the knowledge with `old` replaced by `new` in the file `name`."""
    copy = tmp_path / "kb"
    shutil.copytree(DEFAULT_DIR, copy)
    path = copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("parts.yml", "price_eur: 14.90", "price_eur: cher", r"parts\.yml CT-FIL-2035: price_eur"),
        ("parts.yml", "type: filtre,", "type: passoire,", r"parts\.yml CT-FIL-2035: unknown type"),
        ("products.yml", "type: clim_mono_split", "type: frigo", r"products\.yml aria-25: unknown"),
        ("products.yml", "    name: Aria 25\n", "", r"products\.yml aria-25: name: field required"),
        ("company.yml", '"14:00", "18:30"', '"14:00", "25:30"', r"opening_hours\.monday\.#1\.end"),
        ("company.yml", '"14:00", "18:30"', '"18:30", "14:00"', r"ends before it starts"),
        ("company.yml", '"14:00", "18:30"', "14:00, 18:30", r"bad time 840"),
        ("company.yml", "  street: 12 place du Centre\n", "", r"company\.yml: address\.street"),
        ("company.yml", ", reason: inventaire annuel}", "}", r"2027-01-02: reason: field required"),
        ("company.yml", "{date: 2027-01-02,", "{date: 2026-12-24,", r"2026-12-24 is given twice"),
        (
            "company.yml",
            "{date: 2027-01-02,",
            "{date: 2027-13-02,",
            r"company\.yml: not valid YAML",
        ),
        ("error_codes.yml", "code: E4", "code: [E4]", r"error_codes\.yml \['E4'\]: code: str type"),
        ("offers.yml", "end: 2026-08-31", "end: 2026-05-01", r"offers\.yml ete-2026.*ends before"),
        ("offers.yml", "applies_to: [clim_mono_split]", "applies_to: [frigo]", r"essentiel.*frigo"),
    ],
)
def test_a_malformed_file_fails_loudly_with_the_place_of_the_mistake(
    tmp_path: Path, name: str, old: str, new: str, expected: str
) -> None:
    with pytest.raises(KnowledgeError, match=expected):
        load_knowledge(_broken(tmp_path, name, old, new))


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    copy = _broken(tmp_path, "settings.yml", "howtos:", "howtos_renamed:")
    with pytest.raises(KnowledgeError, match=r"settings\.yml: howtos: field required"):
        load_knowledge(copy)
    (copy / "settings.yml").write_text("- just\n- a list\n", encoding="utf-8")
    clear_cache()
    with pytest.raises(KnowledgeError, match="expected a mapping at the top level"):
        load_knowledge(copy)
