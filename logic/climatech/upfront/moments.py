"""Days and times found inside a sentence: "samedi matin", "demain vers 14h", "le 3 janvier"."""

from __future__ import annotations

import re
from datetime import date, time

from logic.climatech.upfront.scan import Scan, unique, words_before
from logic.climatech.validators.dates import MONTHS, parse_french_date
from logic.climatech.validators.slots import parse_french_time
from logic.text.formatting import WEEKDAYS

# A time after these words is a duration or a bound, not a wished time ("depuis 10h",
# "il y a 2 heures", "en 2h", "avant 18h", "à partir de 14h", "ouvert jusqu'à 18h").
NOT_A_WISH = frozenset({
    "depuis", "pendant", "durant", "dans", "en", "avant", "apres", "jusqu", "jusque", "partir",
    "toutes", "tous", "fait", "y", "dure", "ouvert", "ouverts", "ouvre", "ferme", "chaque", "sous",
})  # fmt: skip
# A part of the day after these words is past or habitual ("depuis ce matin", "hier soir").
NOT_A_PART = frozenset({"ce", "cet", "cette", "hier", "depuis", "tous", "toute", "chaque", "les"})
HOUR = re.compile(r"(?<![\d:.,/-])([01]?\d|2[0-3])\s?(?:h|heures?)(?:\s?([0-5]\d))?(?![a-z0-9])")
COLON = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
NOON = re.compile(r"\b(?:a|vers|pour)\smidi(\set\sdemi)?(?![a-z-])")
PART = re.compile(r"(?<![a-z-])(matinee|matin|apres-midi|apres\smidi|aprem|soiree|soir)(?![a-z])")

_WD = "|".join(WEEKDAYS)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO = re.compile(r"(?<![\d-])\d{4}-\d{1,2}-\d{1,2}(?![\d-])")
NAMED = re.compile(
    rf"(?:\b(?:{_WD})\s)?(?:\ble\s)?\b(?:\d{{1,2}}|premier|1er)(?:\ser)?\s(?:{_MONTH})\b\.?(?:\s\d{{4}})?"
)
NUMERIC = re.compile(
    rf"(?:\b({_WD}|le|du|au)\s)?(?<![\d/.,-])(\d{{1,2}})([/.-])(\d{{1,2}})(?:\3(\d{{4}}|\d{{2}}))?(?![\d/.,-])"
)
DATED = re.compile(rf"\b(?:{_WD})\s\d{{1,2}}(?:er)?\b(?!\s?(?:h|heures?)\b)")
RELATIVE = re.compile(r"\b(apres[\s-]?demain|demain|aujourd\shui)\b")
LATER = re.compile(
    r"\bdans\s(?:\d{1,2}|un|une|deux|trois|quatre|cinq|six|sept|huit|dix)\s(?:jours?|semaines?)\b"
)
WEEKDAY = re.compile(
    rf"\b({_WD})(?:\s(prochain|en\shuit|(?:de\s)?la\ssemaine\s(?:prochaine|suivante)|dernier))?\b"
)
DAY_ONLY = re.compile(
    r"\b(?:le|du)\s(\d{1,2}|1er|premier)(?:er)?"
    r"(?=\s?$|\s?[,.;!?)]|\s(?:a|au|vers|matin|apres|aprem|dans|ou|et|svp|si|s|prochain|qq)\b)"
)


def take_time(scan: Scan) -> tuple[str | None, str | None]:
    """The wished time ("HH:MM") and part of the day ("matin", "apres-midi")."""
    times: list[str | None] = []
    for match in scan.take(HOUR) + scan.take(COLON):
        if NOT_A_WISH & set(words_before(match)):
            continue
        # The words after the time tell "2h de l'après-midi" (14:00) from "2h" (02:00).
        moment = parse_french_time(match.group() + match.string[match.end() : match.end() + 25])
        times.append(moment.strftime("%H:%M") if isinstance(moment, time) else None)
    times += ["12:30" if m[1] else "12:00" for m in scan.take(NOON)]
    parts: list[str | None] = []
    for match in scan.take(PART):
        if NOT_A_PART & set(words_before(match, 1)) or "depuis" in words_before(match, 3):
            continue
        word = match[1]
        # The evening is no value of ours: "matin ou soir" is no answer.
        parts.append(
            "matin" if word.startswith("matin") else None if "soir" in word else "apres-midi"
        )
    exact, part = unique(times), unique(parts)
    if exact and part and (exact < "12:00" if part == "apres-midi" else exact >= "12:30"):
        return None, None  # "15h le matin": which one is meant?
    return exact, part


def _day(text: str, today: date) -> tuple[str, date | None]:
    day = parse_french_date(text, today)
    return (day.isoformat() if day else "", day)


def take_date(scan: Scan, today: date) -> str | None:
    """The wished day: a weekday ("samedi"), "demain", "apres-demain", or an ISO date."""
    found: list[tuple[str, date | None]] = []
    for pattern in (ISO, NAMED):
        found += [_day(m.group(), today) for m in scan.take(pattern)]

    def numeric(match: re.Match[str]) -> bool:
        # "3/4" is a fraction ("raccord 3/4") unless a year, "le" or a weekday says it is a day.
        return bool(match[5] or match[1] or (match[3] == "/" and len(match[2] + match[4]) == 4))

    found += [_day(m.group(), today) for m in scan.take(NUMERIC, numeric)]
    found += [_day(m.group(), today) for m in scan.take(DATED)]
    for match in scan.take(RELATIVE):
        if "depuis" not in words_before(match):
            word = match[1].replace(" ", "-")
            value = today.isoformat() if word.startswith("aujourd") else word
            found.append((value, parse_french_date(word, today)))
    found += [_day(m.group(), today) for m in scan.take(LATER)]
    for match in scan.take(WEEKDAY):
        if match[2] == "dernier" or "depuis" in words_before(match):
            continue  # "depuis samedi", "samedi dernier": the past, not a wish
        value = match[1] if match[2] in (None, "prochain") else _day(match.group(), today)[0]
        found.append((value, parse_french_date(match.group(), today)))
    for match in scan.take(DAY_ONLY):
        number = "1" if match[1] in ("1er", "premier") else match[1]
        found.append(_day(f"le {number}", today))
    days = [day for _, day in found]
    if unique(days) is None:
        return None
    return found[0][0]
