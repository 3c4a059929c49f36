"""News valid on a date, maintenance contracts and the worked credit example."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.offers import (
    CreditTermsError,
    OfferCode,
    contracts_for,
    contracts_summary,
    credit_example,
    credit_summary,
    current_news,
    news_summary,
    upcoming_news,
)
from logic.results import Message
from logic.text.catalogue import render

TODAY = date(2026, 11, 23)


def test_only_news_valid_today_are_shown() -> None:
    ids = [n.id for n in current_news(TODAY)]
    assert ids == [
        "semaine-pieces-2026",
        "visite-avant-hiver-2026",
        "horaires-fin-annee-2026",
        "nouveau-hydra-16",
    ]
    text = render(news_summary(TODAY))
    assert "Offre d'été" not in text  # ended in August
    assert "Portes ouvertes de printemps" not in text  # not started
    assert "(jusqu'au lundi 30 novembre)" in text
    assert "(jusqu'au mercredi 31 mars 2027)" in text  # next year: year shown
    assert text.endswith("https://www.facebook.com/climatech.guingamp.example")


def test_validity_includes_first_and_last_days() -> None:
    assert "semaine-pieces-2026" in [n.id for n in current_news(date(2026, 11, 30))]
    assert "semaine-pieces-2026" not in [n.id for n in current_news(date(2026, 12, 1))]


def test_a_datetime_is_read_in_paris_time() -> None:
    naive_paris = datetime(2026, 11, 22, 23, 30)  # still 22 November in Guingamp
    assert "semaine-pieces-2026" not in [n.id for n in current_news(naive_paris)]
    utc = datetime(2026, 11, 22, 23, 30, tzinfo=timezone.utc)  # 00:30 on the 23rd in Paris
    assert "semaine-pieces-2026" in [n.id for n in current_news(utc)]


def test_upcoming_news_and_a_quiet_period() -> None:
    assert upcoming_news(TODAY)[0].id == "hiver-2027-ballon"
    summary = news_summary(date(2027, 8, 15))
    assert isinstance(summary, Message) and summary.code is OfferCode.NO_NEWS
    quiet = render(summary)
    assert quiet.startswith("Pas d'offre en cours pour le moment.")
    assert "Facebook" in quiet


def test_contracts_by_product_type() -> None:
    assert [c.id for c in contracts_for("pac_air_eau")] == ["serenite"]
    assert [c.id for c in contracts_for()] == ["essentiel", "confort", "serenite"]
    text = render(contracts_summary("clim_mono_split"))
    assert text.startswith(
        "• Contrat Essentiel (climatiseur réversible mono-split) : 119 € par an."
    )
    assert text.endswith("Sans contrat, une visite d'entretien coûte 149 €.")


def test_credit_example_figures_are_consistent() -> None:
    example = credit_example()
    assert (example.amount_eur, example.months) == (6000, 48)
    # Annuity formula checked by hand: 6000 × 0.004 / (1 − 1.004^−48) = 137.63
    assert example.monthly_payment_eur == pytest.approx(137.63, abs=0.01)
    assert example.total_due_eur == pytest.approx(137.63 * 48, abs=0.01)
    assert example.total_cost_eur == pytest.approx(example.total_due_eur - 6000, abs=0.01)
    # Without fees the APR is the actuarial equivalent of 4.80 % a year: (1.004)^12 − 1.
    assert example.apr_percent == pytest.approx(4.91, abs=0.01)


def test_credit_for_another_amount_and_the_limits() -> None:
    assert (
        credit_example(3000, 24).monthly_payment_eur < credit_example(3000, 12).monthly_payment_eur
    )
    with pytest.raises(CreditTermsError) as amount:
        credit_example(100_000)
    assert amount.value.problem.code is OfferCode.AMOUNT_OUT_OF_TERMS
    assert render(amount.value.problem) == "montant hors conditions : de 1 500 € à 21 500 €"
    with pytest.raises(CreditTermsError) as duration:
        credit_example(6000, 50)
    assert duration.value.problem.code is OfferCode.DURATION_OUT_OF_TERMS
    assert render(duration.value.problem) == "durée hors conditions : 12, 24, 36, 48 ou 60 mois"
    assert isinstance(duration.value, ValueError)


def test_credit_text_is_an_example_with_the_legal_notice() -> None:
    text = render(credit_summary())
    assert text.startswith("Exemple fictif")
    assert "48 mensualités de 137,63 €" in text and "TAEG fixe de 4,91 %" in text
    assert text.endswith(
        "Un crédit vous engage et doit être remboursé. "
        "Vérifiez vos capacités de remboursement avant de vous engager."
    )


def test_a_news_item_without_text_keeps_its_title_and_date() -> None:
    kb = load_knowledge()
    item = current_news(TODAY, kb)[0].copy(update={"text": ""})
    lines = render(news_summary(TODAY, kb.copy(update={"news": (item,)}))).splitlines()
    assert lines[1] == f"• {item.title}. (jusqu'au lundi 30 novembre)"


def test_credit_with_fees_says_them() -> None:
    kb = load_knowledge()
    with_fees = kb.copy(update={"credit": kb.credit.copy(update={"fees_eur": 50.0})})
    assert "50 € de frais de dossier" in render(credit_summary(kb=with_fees))
