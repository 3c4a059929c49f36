"""Validators for form answers typed in French: dates, time slots, phone, e-mail, numbers.

Each validator returns a `Validation`: the clean value, or a short French message that
says what is wrong and what is expected, ready to be shown before asking again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Generic, TypeVar

from logic.knowledge import Knowledge, load_knowledge
from logic.opening_hours import (
    PARIS,
    appointment_slots,
    closure_sentence,
    next_available_days,
    periods_on,
    slot_starts,
    to_paris,
)
from logic.text.formatting import WEEKDAYS, format_date, format_time, join_words
from logic.text.matching import normalize
from logic.text.numbers import NUMBER_WORDS

T = TypeVar("T")


@dataclass(frozen=True)
class Validation(Generic[T]):
    """A clean value (`ok`) or a French error message explaining what is expected."""

    value: T | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.value is not None


def _ok(value: T) -> Validation[T]:
    return Validation(value=value)


def _fail(message: str) -> Validation[Any]:
    return Validation(error=message)


# --- numbers written in words ------------------------------------------------------------

# Quantities also come as "aucun", "une paire", "une douzaine".
QUANTITY_WORDS = {**NUMBER_WORDS, "aucun": 0, "aucune": 0, "paire": 2, "douzaine": 12}
VAGUE_NUMBER = re.compile(r"\b(dizaine|plusieurs|quelques|beaucoup|sais pas|je ne sais)\b")


def parse_number(text: str) -> int | None:
    """First whole number in `text`, in digits or words ("deux", "une paire"); else None."""
    # A part reference ("CT-FIL-2035") is not a quantity.
    text = re.sub(r"\bct-?[a-z]{3}-?\d{4}\b", " ", text, flags=re.IGNORECASE)
    match = re.search(r"-?\d+", text)
    if match:
        return int(match.group())
    words = normalize(text).split()
    for index, word in enumerate(words):
        if word in QUANTITY_WORDS:
            # "une paire", "une douzaine": the noun carries the number, not "une".
            following = words[index + 1] if index + 1 < len(words) else ""
            if word in ("un", "une") and following in ("paire", "douzaine"):
                return QUANTITY_WORDS[following]
            return QUANTITY_WORDS[word]
    return None


def _bounded_count(text: str, low: int, high: int, what: str, example: str) -> Validation[int]:
    if re.search(r"\d+[.,]\d", text):
        return _fail(f"Indiquez un nombre entier de {what}, entre {low} et {high}.")
    if VAGUE_NUMBER.search(normalize(text)):
        return _fail(f"Il me faut un nombre précis de {what}, entre {low} et {high} ({example}).")
    number = parse_number(text)
    if number is None:
        return _fail(f"Indiquez un nombre de {what} entre {low} et {high} ({example}).")
    if number < low:
        least = f"{low} {what.rstrip('s') if low == 1 else what}"
        return _fail(f"Il faut au moins {least} : indiquez un nombre entre {low} et {high}.")
    if number > high:
        return _fail(f"{number}, c'est trop : le maximum est de {high} {what}.")
    return _ok(number)


def validate_quantity(text: str, maximum: int = 10, kb: Knowledge | None = None) -> Validation[int]:
    """Quantity of a part to reserve: a whole number from 1 to `maximum` ("deux", "3")."""
    result = _bounded_count(text, 1, maximum, "pièces", "par exemple 2")
    number = parse_number(text)
    if not result.ok and number is not None and number > maximum:
        phone = (kb or load_knowledge()).company.phone
        return _fail(
            f"{number} pièces, c'est au-delà de la limite de {maximum} par réservation. "
            f"Indiquez une quantité de 1 à {maximum}, ou appelez-nous au {phone} "
            "pour une commande plus importante."
        )
    return result


def validate_rooms(text: str, maximum: int = 10) -> Validation[int]:
    """Number of rooms to heat or cool, from 1 to `maximum`."""
    return _bounded_count(text, 1, maximum, "pièces", "par exemple 3")


# --- dates --------------------------------------------------------------------------------

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11,
    "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip
WEEKDAY_NUMBERS = {name: index for index, name in enumerate(WEEKDAYS)}
VAGUE_DATE = re.compile(
    r"\b(n importe quand|n importe quel|peu importe|quand vous voulez|quand tu veux|"
    r"comme vous voulez|ca m est egal|sais pas|aucune idee|bientot|un de ces jours|"
    r"plus tard|des que possible|au plus tot|le plus tot possible|rapidement|"
    r"la semaine prochaine|le mois prochain|un jour|a votre convenance)\b"
)
DATE_EXAMPLES = "« demain », « jeudi », « le 3 décembre » ou « 03/12 »"


@dataclass(frozen=True)
class _ParsedDate:
    """A date read in a message, or why it cannot be one."""

    day: date | None
    error: str | None = None


def _safe_date(year: int, month: int, day: int) -> _ParsedDate:
    try:
        return _ParsedDate(date(year, month, day))
    except ValueError:
        return _ParsedDate(None, f"Le {day}/{month:02d} n'existe pas dans le calendrier.")


def _infer_year(month: int, day: int, today: date) -> int:
    """A date without a year is this year's, unless it is long past (then next year's)."""
    try:
        candidate = date(today.year, month, day)
    except ValueError:
        return today.year
    # 2 months of grace so that "le 10 novembre" on the 23rd reads as a past date.
    return today.year + 1 if candidate < today - timedelta(days=60) else today.year


def _full_year(text: str | None, month: int, day: int, today: date) -> int:
    if not text:
        return _infer_year(month, day, today)
    year = int(text)
    return year + 2000 if year < 100 else year


def _parse_date(text: str, today: date) -> _ParsedDate:
    raw = text.lower()
    iso = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", raw)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = re.search(r"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?\b", raw)
    if numeric:
        day, month = int(numeric[1]), int(numeric[2])
        return _safe_date(_full_year(numeric[3], month, day, today), month, day)

    words = normalize(text)
    months = "|".join(MONTHS)
    named = re.search(rf"\b(\d{{1,2}}|premier)(?: er)? ({months})\b(?: (\d{{4}}))?", words)
    if named:
        day = 1 if named[1] == "premier" else int(named[1])
        month = MONTHS[named[2]]
        found = _safe_date(_full_year(named[3], month, day, today), month, day)
        return _check_weekday(words, found)
    if re.search(r"\baujourd hui\b|\bce jour\b", words):
        return _ParsedDate(today)
    if re.search(r"\bavant hier\b", words):
        return _ParsedDate(today - timedelta(days=2))
    if re.search(r"\bhier\b", words):
        return _ParsedDate(today - timedelta(days=1))
    if re.search(r"\bapres demain\b", words):
        return _ParsedDate(today + timedelta(days=2))
    if re.search(r"\bdemain\b", words):
        return _ParsedDate(today + timedelta(days=1))
    later = re.search(
        r"\bdans (\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix) (jours?|semaines?)\b",
        words,
    )
    if later:
        count = int(later[1]) if later[1].isdigit() else QUANTITY_WORDS[later[1]]
        return _ParsedDate(
            today + timedelta(days=count * (7 if later[2].startswith("semaine") else 1))
        )
    dated = re.search(rf"\b({'|'.join(WEEKDAYS)}) (\d{{1,2}})(?: er)?\b(?! h\b| heure)", words)
    if dated:
        return _check_weekday(words, _day_of_month(int(dated[2]), today))
    weekday = re.search(rf"\b({'|'.join(WEEKDAYS)})\b", words)
    if weekday:
        target = WEEKDAY_NUMBERS[weekday[1]]
        if re.search(r"\bsemaine (prochaine|suivante)\b", words):
            monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
            return _ParsedDate(monday + timedelta(days=target))
        # "lundi" and "lundi prochain" both mean the next Monday after today.
        ahead = (target - today.weekday() - 1) % 7 + 1
        if re.search(r"\ben huit\b", words):
            ahead += 7
        return _ParsedDate(today + timedelta(days=ahead))
    day_only = re.fullmatch(r"(?:le )?(\d{1,2})(?: er)?", words)
    if day_only:
        return _day_of_month(int(day_only[1]), today)
    return _ParsedDate(None)


def _day_of_month(day: int, today: date) -> _ParsedDate:
    """ "le 3": this month, or next month when the 3rd is already past."""
    month, year = today.month, today.year
    if day < today.day:
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return _safe_date(year, month, day)


def _check_weekday(words: str, found: _ParsedDate) -> _ParsedDate:
    """ "lundi 3 décembre" when the 3rd is a Thursday: say so instead of guessing."""
    weekday = re.search(rf"\b({'|'.join(WEEKDAYS)})\b", words)
    if found.day and weekday and WEEKDAY_NUMBERS[weekday[1]] != found.day.weekday():
        real = WEEKDAYS[found.day.weekday()]
        return _ParsedDate(
            None,
            f"Le {format_date(found.day)[len(real) + 1 :]} {found.day.year} est un {real}, "
            f"pas un {weekday[1]}. Quelle date souhaitez-vous ?",
        )
    return found


def parse_french_date(text: str, today: date) -> date | None:
    """The date meant by `text` ("demain", "lundi", "le 3 décembre", "03/12", ISO), or None."""
    return _parse_date(text, today).day


def _suggestion(
    now: datetime, kb: Knowledge, booked: list[datetime], after: date | None = None
) -> str:
    start = now
    if after is not None and after > to_paris(now).date():
        start = datetime.combine(after, time(0), tzinfo=to_paris(now).tzinfo)
    days = next_available_days(start, 3, kb, booked)
    if not days:
        return ""
    return " Je vous propose par exemple " + join_words([format_date(d) for d in days], "ou") + "."


def validate_appointment_date(
    text: str,
    now: datetime,
    kb: Knowledge | None = None,
    booked: Iterable[datetime] = (),
) -> Validation[date]:
    """A day for an appointment: understood, in the future, open, with a free slot left."""
    kb = kb or load_knowledge()
    booked = list(booked)
    today = to_paris(now).date()
    rules = kb.company.appointment
    words = normalize(text)
    precise = re.search(rf"\d|demain|aujourd hui|{'|'.join(WEEKDAYS)}", words)
    if VAGUE_DATE.search(words) and not precise:
        return _fail(
            "Il me faut un jour précis pour réserver le créneau." + _suggestion(now, kb, booked)
        )
    parsed = _parse_date(text, today)
    if parsed.error:
        return _fail(parsed.error)
    if parsed.day is None:
        return _fail(f"Je n'ai pas compris la date. Écrivez par exemple {DATE_EXAMPLES}.")
    day = parsed.day
    if day < today:
        return _fail(
            f"Le {format_date(day, with_year=day.year != today.year)} est déjà passé : "
            "choisissez une date à venir." + _suggestion(now, kb, booked)
        )
    last = today + timedelta(days=rules.max_days_ahead)
    if day > last:
        return _fail(
            f"Les rendez-vous se prennent au plus {rules.max_days_ahead} jours à l'avance, "
            f"soit jusqu'au {format_date(last, with_year=True)}."
        )
    closed = closure_sentence(day, kb)
    if closed:
        return _fail(closed + _suggestion(now, kb, booked, after=day))
    if not appointment_slots(day, now, kb, booked):
        when = "aujourd'hui" if day == today else f"le {format_date(day)}"
        return _fail(
            f"Il n'y a plus de créneau libre {when}." + _suggestion(now, kb, booked, after=day)
        )
    return _ok(day)


# --- time slots ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeSlot:
    """A precise start time (`exact`) or a part of the day, with the free starts inside."""

    start: time
    end: time
    exact: bool
    starts: tuple[time, ...]

    @property
    def label(self) -> str:
        """ "à 10 h 30" or "entre 9 h et 12 h"."""
        if self.exact:
            return f"à {format_time(self.start)}"
        return f"entre {format_time(self.start)} et {format_time(self.end)}"


# Parts of the day: name -> (from, to), intersected with that day's opening periods.
DAY_PARTS = {
    "fin de journee": (time(17), time(23, 59)),
    "fin d apres midi": (time(17), time(23, 59)),
    "soir": (time(17), time(23, 59)),
    "debut d apres midi": (time(12), time(16)),
    "apres midi": (time(12), time(23, 59)),
    "aprem": (time(12), time(23, 59)),
    "matin": (time(0), time(12, 30)),
    "matinee": (time(0), time(12, 30)),
    "midi": (time(12), time(14)),
}
VAGUE_TIME = re.compile(
    r"\b(n importe quand|peu importe|quand vous voulez|sais pas|comme vous voulez)\b"
)
TIME_EXAMPLES = "« 10 h », « 14 h 30 », « le matin » ou « l'après-midi »"


def parse_french_time(text: str) -> time | str | None:
    """A precise time ("10h", "14 h 30", "midi") or a part of the day ("matin"), or None."""
    words = normalize(text)
    afternoon = bool(re.search(r"\b(apres midi|soir)\b", words))
    match = re.search(r"\b(\d{1,2}) ?(?:(?:heures?|h)(?![a-z])|:)(?: ?(\d{2}))?", text.lower())
    bare = re.fullmatch(r"(?:a |vers )?(\d{1,2})", words)
    if match or bare:
        hour = int(match[1] if match else bare[1])  # type: ignore[index]
        minute = int(match[2]) if match and match[2] else 0
        if afternoon and hour < 8:
            hour += 12  # "2 h de l'après-midi"
        if hour > 23 or minute > 59:
            return None
        return time(hour, minute)
    if re.search(r"\bmidi et demi", words):
        return time(12, 30)
    if re.fullmatch(r"(?:a |vers )?midi", words):
        return time(12)
    for part in DAY_PARTS:
        if re.search(rf"\b{part}\b", words):
            return part
    return None


# Ends a time refusal that only another day can solve (closed, or nothing left that day).
CHANGE_DAY = "choisissez un autre jour"


def validate_time_slot(
    text: str,
    day: date,
    now: datetime,
    kb: Knowledge | None = None,
    booked: Iterable[datetime] = (),
) -> Validation[TimeSlot]:
    """A time on `day` for an appointment or a callback, within that day's opening hours.

    A precise time must start a free slot (on the hour or half hour) that ends by closing
    time; a part of the day ("matin") must contain at least one free slot.
    """
    kb = kb or load_knowledge()
    periods = periods_on(day, kb)
    if not periods:
        closed = closure_sentence(day, kb) or "Le showroom est fermé ce jour-là."
        return _fail(f"{closed} {CHANGE_DAY.capitalize()}.")
    hours = join_words(f"de {format_time(p.start)} à {format_time(p.end)}" for p in periods)
    opening = f"Le {format_date(day)}, nous sommes ouverts {hours}."
    if VAGUE_TIME.search(normalize(text)):
        return _fail(f"Il me faut une heure ou un moment de la journée. {opening}")
    parsed = parse_french_time(text)
    if parsed is None:
        return _fail(f"Je n'ai pas compris l'heure. Écrivez par exemple {TIME_EXAMPLES}.")
    free = [s.time() for s in appointment_slots(day, now, kb, booked)]
    if isinstance(parsed, time):
        return _exact_slot(parsed, day, now, kb, free, opening)
    low, high = DAY_PARTS[parsed]
    if not any(low <= s.time() < high for s in slot_starts(day, kb)):
        return _fail(f"Ce moment de la journée tombe en dehors de nos horaires. {opening}")
    starts = tuple(s for s in free if low <= s < high)
    if not starts:
        return _fail(
            f"Il n'y a plus de créneau libre sur ce moment de la journée. {_free_text(free)}"
        )
    end = max(min(p.end, high) for p in periods if p.start < high and p.end > low)
    return _ok(TimeSlot(start=starts[0], end=end, exact=False, starts=starts))


def appointment_start(day: date, label: str) -> datetime | None:
    """The start an accepted time slot books: "à 10 h" or the first of "entre 9 h et 12 h"."""
    parsed = parse_french_time(label)
    if not isinstance(parsed, time):
        return None
    return datetime.combine(day, parsed, tzinfo=PARIS)


def _free_text(free: list[time], near: time | None = None) -> str:
    """Up to six free starts, the closest to the asked time `near` when given."""
    if not free:
        return f"Il n'y a plus de créneau libre ce jour-là : {CHANGE_DAY}."
    shown = free[:6]
    if near is not None:
        minutes = near.hour * 60 + near.minute
        shown = sorted(sorted(free, key=lambda s: abs(s.hour * 60 + s.minute - minutes))[:6])
    return "Créneaux encore libres : " + join_words([format_time(s) for s in shown], "ou") + "."


def _exact_slot(
    start: time, day: date, now: datetime, kb: Knowledge, free: list[time], opening: str
) -> Validation[TimeSlot]:
    rules = kb.company.appointment
    duration = timedelta(minutes=rules.duration_minutes)
    end = (datetime.combine(day, start) + duration).time()
    periods = periods_on(day, kb)
    period = next((p for p in periods if p.start <= start < p.end), None)
    if period is None:
        return _fail(f"À {format_time(start)}, le showroom est fermé. {opening}")
    if datetime.combine(day, start) + duration > datetime.combine(day, period.end):
        last = (datetime.combine(day, period.end) - duration).time()
        return _fail(
            f"Un rendez-vous dure {rules.duration_minutes} minutes et nous fermons à "
            f"{format_time(period.end)} : le dernier commence à {format_time(last)}."
        )
    offset = (start.hour * 60 + start.minute) - (period.start.hour * 60 + period.start.minute)
    if offset % rules.step_minutes:
        return _fail(
            "Les rendez-vous commencent à l'heure ou à la demie, par exemple 10 h ou 10 h 30."
        )
    if start not in free:
        moment = datetime.combine(day, start, tzinfo=to_paris(now).tzinfo)
        if moment <= to_paris(now):
            return _fail(f"{format_time(start)} est déjà passé. {_free_text(free)}")
        if moment < to_paris(now) + timedelta(minutes=rules.min_notice_minutes):
            hours = rules.min_notice_minutes // 60
            return _fail(
                f"Ce créneau est trop proche : réservez au moins {hours} heures à l'avance. "
                + _free_text(free)
            )
        return _fail(
            f"Le créneau de {format_time(start)} est complet. {_free_text(free, near=start)}"
        )
    return _ok(TimeSlot(start=start, end=end, exact=True, starts=(start,)))


# --- contact details ----------------------------------------------------------------------

PHONE_EXAMPLE = "par exemple 06 12 34 56 78"


def validate_phone(text: str) -> Validation[str]:
    """A French phone number, returned as "06 12 34 56 78" (accepts +33, 0033, dots, dashes)."""
    candidates = re.findall(r"(?:\+|\b00)?\d[\d\s.()/-]*\d|\d", text)
    if not candidates:
        return _fail(
            "Je n'ai pas trouvé de numéro de téléphone. "
            f"Indiquez un numéro à 10 chiffres, {PHONE_EXAMPLE}."
        )
    raw = max(candidates, key=lambda c: len(re.sub(r"\D", "", c)))
    digits = re.sub(r"\D", "", raw)
    international = raw.startswith(("+", "00"))
    if international:
        digits = digits[2:] if raw.startswith("00") else digits
        if not digits.startswith("33"):
            return _fail(
                "Je ne peux rappeler que des numéros français "
                f"(+33 ou 10 chiffres, {PHONE_EXAMPLE})."
            )
        rest = digits[2:]
        digits = rest if rest.startswith("0") else "0" + rest
    if len(digits) != 10:
        return _fail(
            f"Ce numéro a {len(digits)} chiffres ; un numéro français en compte 10, "
            f"{PHONE_EXAMPLE}."
        )
    if digits[0] != "0" or digits[1] == "0":
        return _fail(f"Un numéro français commence par 01 à 09 (ou +33), {PHONE_EXAMPLE}.")
    if digits[1] == "8":
        return _fail(
            "Les numéros en 08 sont des numéros de service : indiquez un fixe ou un mobile."
        )
    return _ok(" ".join(digits[i : i + 2] for i in range(0, 10, 2)))


EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", re.IGNORECASE)


def validate_email(text: str) -> Validation[str]:
    """An e-mail address found in `text`, lower-cased."""
    if re.search(r"[^\x00-\x7f]\S*@|@\S*[^\x00-\x7f]", text):
        return _fail(
            "Une adresse e-mail ne contient pas d'accent : vérifiez-la, "
            "par exemple prenom.nom@exemple.fr."
        )
    found = EMAIL.search(text)
    if found and not re.search(r"\.\.|@\.|\.@|^\.", found.group()):
        return _ok(found.group().lower())
    if "@" not in text:
        return _fail("Il manque l'arobase (@) : une adresse ressemble à prenom.nom@exemple.fr.")
    return _fail(
        "Cette adresse semble incomplète : il faut un domaine après l'arobase, "
        "par exemple @orange.fr."
    )


def validate_name(text: str) -> Validation[str]:
    """A person's name ("Marie Le Goff"), without digits, 2 to 60 characters."""
    name = re.sub(
        r"^\s*(je m'appelle|je m appelle|je suis|moi c'est|c'est|mon nom est)\s+",
        "",
        text.strip(),
        flags=re.IGNORECASE,
    )
    name = " ".join(name.strip(" .,!").split())
    if re.search(r"\d", name):
        return _fail(
            "Un nom ne contient pas de chiffres : indiquez votre nom, par exemple Marie Le Goff."
        )
    if not re.fullmatch(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*", name) or len(name) < 2 or len(name) > 60:
        return _fail("Indiquez votre nom et votre prénom, par exemple Marie Le Goff.")
    if name.islower() or name.isupper():
        name = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), name)
    return _ok(name)


# --- project details ----------------------------------------------------------------------


def validate_postcode(text: str) -> Validation[str]:
    """A French postcode: 5 digits, a real department prefix (01-95, 97, 98)."""
    match = re.search(r"(?<!\d)(\d{2}) ?(\d{3})(?!\d)", text)
    if not match:
        digits = re.sub(r"\D", "", text)
        hint = " Pensez au 0 initial : 01000, pas 1000." if len(digits) == 4 else ""
        return _fail(f"Un code postal français a 5 chiffres, par exemple 22200.{hint}")
    code = match[1] + match[2]
    department = int(code[:2])
    if department == 0 or department == 96 or department == 99:
        return _fail(
            f"{code} n'est pas un code postal français. Indiquez les 5 chiffres, par exemple 22200."
        )
    return _ok(code)


def validate_surface(text: str, low: int = 10, high: int = 500) -> Validation[int]:
    """A surface in m² ("90", "90 m2", "entre 100 et 120 m²" -> 110), from `low` to `high`."""
    text = re.sub(r"(?<=\d)\s*m(?:2|²)|\bm(?:2|²)", " m² ", text.lower())  # "m2": not a number
    number = r"(\d+(?:[.,]\d+)?)"
    span = re.search(rf"{number}\s*(?:à|a|-|et)\s*{number}(?!\s*(?:pièces?|pieces?))", text)
    unit = re.search(rf"{number}\s*(?:m²|m\b|mètres?|metres?)", text)
    first = re.search(number, text)
    if span:
        # "100 à 120 m²": the middle of the range is a fair estimate.
        surface = round((float(span[1].replace(",", ".")) + float(span[2].replace(",", "."))) / 2)
    elif unit or first:
        surface = round(float((unit or first)[1].replace(",", ".")))  # type: ignore[index]
    else:
        return _fail("Indiquez la surface en m², même approximative, par exemple 90.")
    if surface < low:
        return _fail(
            f"{surface} m², c'est très petit : indiquez la surface à équiper, d'au moins {low} m²."
        )
    if surface > high:
        return _fail(
            f"Au-delà de {high} m², un commercial doit étudier votre projet : "
            "demandez-nous un devis gratuit."
        )
    return _ok(surface)
