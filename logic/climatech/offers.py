"""News and offers valid on a date, maintenance contracts, the worked credit example.

Answers are catalogue messages (keys `sav_news*`, `sav_contract*`, `sav_credit*`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from logic.climatech.knowledge.loading import load_knowledge
from logic.climatech.knowledge.models import Knowledge, MaintenanceContract, NewsItem
from logic.climatech.opening_hours import to_paris
from logic.results import Listing, Message, MessageCode, message
from logic.text.formatting import format_date, format_percent, format_price, join_words


class OfferCode(MessageCode):
    """What the bot says about news, contracts and credit."""

    FACEBOOK = "sav_news_facebook"
    NO_NEWS = "sav_news_none"
    NEWS_HEAD = "sav_news_head"
    NEWS_ITEM = "sav_news_item"
    NEWS_ITEM_SHORT = "sav_news_item_short"
    CONTRACT = "sav_contract"
    CONTRACT_INCLUDES = "sav_contract_includes"
    CONTRACT_INCLUDES_LAST = "sav_contract_includes_last"
    ONE_OFF_VISIT = "sav_contract_one_off_visit"
    CREDIT_EXAMPLE = "sav_credit_example"
    CREDIT_FEES = "sav_credit_fees"
    CREDIT_NO_FEES = "sav_credit_no_fees"
    CREDIT_RANGE = "sav_credit_range"
    AMOUNT_OUT_OF_TERMS = "sav_credit_amount_out_of_terms"
    DURATION_OUT_OF_TERMS = "sav_credit_duration_out_of_terms"


class CreditTermsError(ValueError):
    """An amount or a duration outside the credit terms; `problem` says which, in the catalogue."""

    def __init__(self, problem: Message, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem


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


def news_summary(on: date | datetime, kb: Knowledge | None = None) -> Message | Listing:
    """Today's news and offers, with the Facebook page for the latest ones."""
    kb = kb or load_knowledge()
    items = current_news(on, kb)
    facebook = message(OfferCode.FACEBOOK, facebook=kb.company.facebook)
    if not items:
        return message(OfferCode.NO_NEWS, facebook=facebook)
    day = _day(on)
    lines: list[Message | str] = [message(OfferCode.NEWS_HEAD)]
    for item in items:
        until = format_date(item.end, with_year=item.end.year != day.year)
        code = OfferCode.NEWS_ITEM if item.text else OfferCode.NEWS_ITEM_SHORT
        lines.append(message(code, title=item.title, text=item.text, until=until))
    lines.append(facebook)
    return Listing(lines)


def contracts_for(
    product_type: str | None = None, kb: Knowledge | None = None
) -> list[MaintenanceContract]:
    """Maintenance contracts covering `product_type` (all of them when None), cheapest first."""
    kb = kb or load_knowledge()
    found = [c for c in kb.contracts if product_type is None or product_type in c.applies_to]
    return sorted(found, key=lambda c: c.price_eur_per_year)


def contracts_summary(product_type: str | None = None, kb: Knowledge | None = None) -> Listing:
    """The maintenance contracts, with what each one includes, and the price of one visit."""
    kb = kb or load_knowledge()
    lines: list[Message | str] = []
    for contract in contracts_for(product_type, kb):
        kinds = join_words([kb.product_types[t].label for t in contract.applies_to], "ou")
        price = format_price(contract.price_eur_per_year)
        lines.append(message(OfferCode.CONTRACT, name=contract.name, kinds=kinds, price=price))
        lines += [message(OfferCode.CONTRACT_INCLUDES, item=i) for i in contract.includes[:-1]]
        lines += [message(OfferCode.CONTRACT_INCLUDES_LAST, item=i) for i in contract.includes[-1:]]
    lines.append(message(OfferCode.ONE_OFF_VISIT, price=format_price(kb.one_off_visit_eur)))
    return Listing(lines)


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


def _durations(kb: Knowledge) -> str:
    return join_words(map(str, kb.credit.durations_months), "ou")


def credit_example(
    amount_eur: float | None = None, months: int | None = None, kb: Knowledge | None = None
) -> CreditExample:
    """The credit example of offers.yml, or the same terms for another amount or duration.

    Raises CreditTermsError when the amount or the duration is outside the terms.
    """
    kb = kb or load_knowledge()
    terms = kb.credit
    amount = terms.example_amount_eur if amount_eur is None else amount_eur
    duration = terms.example_months if months is None else months
    if not terms.min_amount_eur <= amount <= terms.max_amount_eur:
        low, high = format_price(terms.min_amount_eur), format_price(terms.max_amount_eur)
        problem = message(OfferCode.AMOUNT_OUT_OF_TERMS, low=low, high=high)
        raise CreditTermsError(problem, f"amount {amount} outside [{low}, {high}]")
    if duration not in terms.durations_months:
        problem = message(OfferCode.DURATION_OUT_OF_TERMS, durations=_durations(kb))
        raise CreditTermsError(problem, f"duration {duration} not in {terms.durations_months}")
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


def credit_summary(
    amount_eur: float | None = None, months: int | None = None, kb: Knowledge | None = None
) -> Listing:
    """The credit example, with its warning and the mandatory legal notice."""
    kb = kb or load_knowledge()
    terms = kb.credit
    example = credit_example(amount_eur, months, kb)
    fees = (
        message(OfferCode.CREDIT_FEES, fees=format_price(example.fees_eur))
        if example.fees_eur
        else message(OfferCode.CREDIT_NO_FEES)
    )
    figures = message(
        OfferCode.CREDIT_EXAMPLE,
        amount=format_price(example.amount_eur),
        months=example.months,
        payment=format_price(example.monthly_payment_eur),
        fees=fees,
        rate=format_percent(example.debit_rate_percent),
        apr=format_percent(example.apr_percent),
        cost=format_price(example.total_cost_eur),
        due=format_price(example.total_due_eur),
    )
    terms_range = message(
        OfferCode.CREDIT_RANGE,
        low=format_price(terms.min_amount_eur),
        high=format_price(terms.max_amount_eur),
        durations=_durations(kb),
    )
    return Listing([terms.about, figures, terms_range, terms.legal_notice])
