"""News and offers valid on a date, maintenance contracts, the worked credit example."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from logic.knowledge import Knowledge, MaintenanceContract, NewsItem, load_knowledge
from logic.opening_hours import to_paris
from logic.text.formatting import format_date, format_percent, format_price, join_words


def _day(on: date | datetime) -> date:
    return to_paris(on).date() if isinstance(on, datetime) else on


def current_news(on: date | datetime, kb: Knowledge | None = None) -> list[NewsItem]:
    """News and offers valid on `on` (a datetime is read in Paris time), ending soonest first."""
    kb = kb or load_knowledge()
    day = _day(on)
    return sorted((n for n in kb.news if n.valid_on(day)), key=lambda n: (n.end, n.start))


def upcoming_news(on: date | datetime, kb: Knowledge | None = None) -> list[NewsItem]:
    """News and offers that have not started yet on `on`, soonest first."""
    kb = kb or load_knowledge()
    day = _day(on)
    return sorted((n for n in kb.news if n.start > day), key=lambda n: n.start)


def news_text(on: date | datetime, kb: Knowledge | None = None) -> str:
    """Today's news and offers in French, with the Facebook page for the latest ones."""
    kb = kb or load_knowledge()
    items = current_news(on, kb)
    facebook = f"Toutes nos actualités sont aussi sur notre page Facebook : {kb.company.facebook}"
    if not items:
        return f"Pas d'offre en cours pour le moment. {facebook}"
    day = _day(on)
    lines = ["Nos actualités du moment :"]
    for item in items:
        detail = f" {item.text}" if item.text else ""
        until = format_date(item.end, with_year=item.end.year != day.year)
        lines.append(f"• {item.title}.{detail} (jusqu'au {until})")
    lines.append(facebook)
    return "\n".join(lines)


def contracts_for(
    product_type: str | None = None, kb: Knowledge | None = None
) -> list[MaintenanceContract]:
    """Maintenance contracts covering `product_type` (all of them when None), cheapest first."""
    kb = kb or load_knowledge()
    found = [c for c in kb.contracts if product_type is None or product_type in c.applies_to]
    return sorted(found, key=lambda c: c.price_eur_per_year)


def contracts_text(product_type: str | None = None, kb: Knowledge | None = None) -> str:
    """The maintenance contracts in French, with what each one includes."""
    kb = kb or load_knowledge()
    lines = []
    for contract in contracts_for(product_type, kb):
        kinds = join_words([kb.product_types[t].label for t in contract.applies_to], "ou")
        price = format_price(contract.price_eur_per_year)
        lines.append(f"• {contract.name} ({kinds}) : {price} par an. Il comprend :")
        lines += [f"   – {item} ;" for item in contract.includes[:-1]]
        lines += [f"   – {item}." for item in contract.includes[-1:]]
    lines.append(
        f"Sans contrat, une visite d'entretien coûte {format_price(kb.one_off_visit_eur)}."
    )
    return "\n".join(lines)


@dataclass(frozen=True)
class CreditExample:
    """A worked instalment-credit example (fixed rate, constant monthly payments)."""

    amount_eur: float
    months: int
    debit_rate_percent: float  # nominal yearly rate
    apr_percent: float  # TAEG: actuarial yearly rate including fees
    monthly_payment_eur: float
    fees_eur: float
    total_cost_eur: float  # interest + fees
    total_due_eur: float  # amount + total cost


def _monthly_payment(amount: float, monthly_rate: float, months: int) -> float:
    if monthly_rate == 0:
        return amount / months
    return amount * monthly_rate / (1 - (1 + monthly_rate) ** -months)


def _apr(amount: float, fees: float, payment: float, months: int) -> float:
    """Yearly actuarial rate whose monthly payments repay `amount - fees` (bisection)."""
    received = amount - fees
    low, high = 0.0, 1.0
    for _ in range(100):
        middle = (low + high) / 2
        value = sum(payment / (1 + middle) ** (k / 12) for k in range(1, months + 1))
        low, high = (middle, high) if value > received else (low, middle)
    return (low + high) / 2 * 100


def credit_example(
    amount_eur: float | None = None, months: int | None = None, kb: Knowledge | None = None
) -> CreditExample:
    """The credit example of offers.yml, or the same terms for another amount or duration.

    Raises ValueError when the amount or the duration is outside the terms.
    """
    kb = kb or load_knowledge()
    terms = kb.credit
    amount = terms.example_amount_eur if amount_eur is None else amount_eur
    duration = terms.example_months if months is None else months
    if not terms.min_amount_eur <= amount <= terms.max_amount_eur:
        raise ValueError(
            f"montant hors conditions : de {format_price(terms.min_amount_eur)} "
            f"à {format_price(terms.max_amount_eur)}"
        )
    if duration not in terms.durations_months:
        raise ValueError(
            f"durée hors conditions : {join_words(map(str, terms.durations_months), 'ou')} mois"
        )
    payment = round(_monthly_payment(amount, terms.debit_rate_percent / 1200, duration), 2)
    total_due = round(payment * duration + terms.fees_eur, 2)
    return CreditExample(
        amount_eur=amount,
        months=duration,
        debit_rate_percent=terms.debit_rate_percent,
        apr_percent=round(_apr(amount, terms.fees_eur, payment, duration), 2),
        monthly_payment_eur=payment,
        fees_eur=terms.fees_eur,
        total_cost_eur=round(total_due - amount, 2),
        total_due_eur=total_due,
    )


def credit_text(
    amount_eur: float | None = None, months: int | None = None, kb: Knowledge | None = None
) -> str:
    """The credit example in French, with its warning and the mandatory legal notice."""
    kb = kb or load_knowledge()
    terms = kb.credit
    example = credit_example(amount_eur, months, kb)
    fees = f"{format_price(example.fees_eur)} de frais" if example.fees_eur else "sans frais"
    durations = join_words(map(str, terms.durations_months), "ou")
    return "\n".join(
        [
            terms.about,
            f"Exemple : pour {format_price(example.amount_eur)} empruntés, "
            f"{example.months} mensualités de {format_price(example.monthly_payment_eur)}, "
            f"{fees} de dossier, "
            f"taux débiteur fixe de {format_percent(example.debit_rate_percent)}, "
            f"TAEG fixe de {format_percent(example.apr_percent)} ; "
            f"coût total du crédit : {format_price(example.total_cost_eur)}, "
            f"montant total dû : {format_price(example.total_due_eur)}.",
            f"Financement possible de {format_price(terms.min_amount_eur)} à "
            f"{format_price(terms.max_amount_eur)}, sur {durations} mois.",
            terms.legal_notice,
        ]
    )
