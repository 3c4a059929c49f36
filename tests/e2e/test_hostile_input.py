"""Hostile input over REST: a seeded fuzz of more than 1000 messages, then the database.

Every message must get a 200 and a real French answer (never the technical apology: the
servers are up, so an apology means an action crashed), and nothing invalid may be stored,
even when a crafted `/intent{"slot": ...}` payload tries to fill a form.
"""

from __future__ import annotations

import json
import random
import re
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import requests
import yaml

from logic.climatech import parts
from logic.climatech.validators.contact import validate_name, validate_phone
from logic.climatech.validators.project import validate_postcode
from logic.survey.answers import CES_LABELS, CSAT_LABELS
from logic.text.catalogue import say
from logic.text.incoming import clean
from runtime.launcher import FIXED_NOW, ROOT
from tests.e2e.conftest import Bot

SEED = 20261123
CONVERSATIONS = 40
MESSAGES_PER_CONVERSATION = 26  # 40 x 26 = 1040 messages, plus the targeted ones
TODAY = datetime.fromisoformat(FIXED_NOW).date()
APOLOGY = say("technical_problem")
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
INTENTS = [i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]]
SLOTS = list(DOMAIN["slots"])

BAD_VALUES: list[Any] = [
    "2020-01-01",
    "31/02/2027",
    "dimanche",
    "25h",
    -1,
    42,
    10**12,
    "'; DROP TABLE requests; --",
    "<script>alert(1)</script>",
    "CT-XXX-9999",
    "",
    None,
    True,
    [1, 2],
    {"a": {"b": "c"}},
    "0000000000",
    "x" * 3000,
]
STARTERS = [
    "je voudrais prendre rendez-vous",
    "je cherche la reference du filtre de ma clim aria 25",
    "rappelez moi svp",
    "je veux donner mon avis",
    "c'est quoi le NPS ?",
    "je veux faire le quiz",
    "bonjour",
]


def _garbage(rng: random.Random) -> str:
    ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x590, 0x6FF), (0x3040, 0x30FF), (0x1F300, 0x1FAFF)]
    low, high = rng.choice(ranges)
    return "".join(chr(rng.randint(low, high)) for _ in range(rng.randint(1, 80)))


def _crafted(rng: random.Random) -> str:
    intent = rng.choice([*INTENTS, "restart", "session_start", "nlu_fallback", "inexistant"])
    entities = {slot: rng.choice(BAD_VALUES) for slot in rng.sample(SLOTS, rng.randint(1, 4))}
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}"


HOSTILE: list[Callable[[random.Random], str]] = [
    lambda r: r.choice(["", " ", "\n\t  ", "\x00", "\u200b"]),
    lambda r: r.choice(["a", "NPS ", "é😀", "<b>x</b>"]) * (20_000 // 4),
    lambda r: r.choice(["😀🔥👍", "🤖 c'est quoi le NPS ?", "👨‍👩‍👧‍👦" * 30, "🇫🇷"]),
    lambda r: "".join(chr(r.randint(0, 31)) for _ in range(20)) + "bonjour\x7f\x1b[2J",
    lambda r: r.choice(["مرحبا، أريد موعدا", "שלום, אני צריך עזרה", "abc\u202egnp.exe", "\u2067x"]),
    lambda r: r.choice(
        [
            "<script>alert(1)</script>",
            '<img src=x onerror="alert(1)">',
            "[clic](javascript:alert(1))",
            "<iframe src=//evil.example></iframe>",
            "{{7*7}} ${7*7} {0} %s",
        ]
    ),
    lambda r: r.choice(
        [
            "'; DROP TABLE requests; --",
            "1 OR 1=1",
            "Robert'); DROP TABLE survey_responses;--",
            '" UNION SELECT * FROM requests --',
        ]
    ),
    _crafted,
    lambda r: r.choice(['/affirm{"a":', "/{}", "//", "/ ", "/book_appointment{", '/x{"y":1}}']),
    _garbage,
]


FREE_TIME = re.compile(r"Créneaux encore libres : (\d{1,2} h(?: \d{2})?)")


def _valid_answer(bot_text: str) -> str | None:
    """What a well-behaved customer answers to the question the bot just asked."""
    free = FREE_TIME.search(bot_text)
    if free:  # that time is full: take the first free one
        return free.group(1)
    for marker, answer in [
        ("À quel nom", "Jeanne Le Goff"),
        ("Quel jour", "demain"),
        ("heure", "10h"),
        ("Combien", "2"),
        ("téléphone", "06 12 34 56 78"),
        ("joindre", "06 12 34 56 78"),
        ("recommandiez", "9"),
        ("Êtes-vous satisfait", "Très satisfait"),
        ("Quel effort", "2"),
        ("Un commentaire", "<script>alert('commentaire')</script> très bien"),
    ]:
        if marker in bot_text:
            return answer
    return None


def _post(bot: Bot, sender: str, message: str) -> list[dict[str, Any]]:
    """One message; fails on anything but a 200 with a real answer."""
    response = requests.post(
        f"{bot.url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        timeout=60,
    )
    shown = repr(message[:80])
    assert response.status_code == 200, f"{shown}: HTTP {response.status_code}"
    answer = response.json()
    assert answer, f"{shown}: no answer"
    texts = [m.get("text") or "" for m in answer]
    assert all(t.strip() or m.get("buttons") for t, m in zip(texts, answer, strict=True)), shown
    assert APOLOGY not in texts, f"{shown}: an action failed"
    assert not any("Sorry" in t or "Traceback" in t for t in texts), f"{shown}: {texts}"
    return list(answer)


def _conversation(bot: Bot, rng: random.Random, starter: str) -> Iterator[str]:
    """Sends a starter then hostile and valid messages mixed; yields each bot text."""
    sender = uuid.uuid4().hex
    last = "\n".join(m.get("text", "") for m in _post(bot, sender, starter))
    for _ in range(MESSAGES_PER_CONVERSATION - 1):
        valid = _valid_answer(last)
        message = valid if valid and rng.random() < 0.4 else rng.choice(HOSTILE)(rng)
        last = "\n".join(m.get("text", "") for m in _post(bot, sender, message))
        yield last


def test_fuzz_every_message_gets_a_french_answer(bot: Bot) -> None:
    rng = random.Random(SEED)
    stored_before = _count_requests(bot)
    sent = 0
    for index in range(CONVERSATIONS):
        for _ in _conversation(bot, rng, STARTERS[index % len(STARTERS)]):
            sent += 1
        sent += 1
    assert sent >= 1000
    # Both servers are still up and still right.
    assert "recommand" in bot.text("c'est quoi le NPS ?").lower()
    assert _count_requests(bot) > stored_before  # forms did complete among the attacks
    assert _invalid_rows(bot) == []


def test_crafted_payloads_never_bypass_form_validation(bot: Bot) -> None:
    """Each form receives invalid values for all its slots as entities, then valid answers."""
    for starter, form in [
        ("je voudrais prendre rendez-vous", "appointment_form"),
        ("rappelez moi svp", "callback_form"),
        ("je veux donner mon avis", "survey_form"),
        ('/reserve_part{"part_reference": "CT-XXX-9999", "quantity": 500}', "reservation_form"),
    ]:
        sender = uuid.uuid4().hex
        last = "\n".join(m.get("text", "") for m in _post(bot, sender, starter))
        slots = DOMAIN["forms"][form]["required_slots"]
        for intent in ("affirm", "book_appointment", "give_feedback"):
            bad = {slot: "2020-01-01" if "date" in slot else 42 for slot in slots}
            last = "\n".join(
                m.get("text", "") for m in _post(bot, sender, f"/{intent}{json.dumps(bad)}")
            )
        if form == "reservation_form":
            last = "\n".join(m.get("text", "") for m in _post(bot, sender, "CT-FIL-2035"))
        for _ in range(10):
            valid = _valid_answer(last)
            if valid is None:
                break
            last = "\n".join(m.get("text", "") for m in _post(bot, sender, valid))
        assert "Votre référence" in last or "Merci pour vos réponses" in last, (form, last)
    assert _invalid_rows(bot) == []


# --- the database after the fuzz ------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _problems_of_request(kind: str, details: dict[str, Any]) -> list[str]:
    problems = []
    for key, value in details.items():
        if isinstance(value, str) and (_CONTROL.search(value) or len(value) > 2000):
            problems.append(f"{key}: control characters or oversized")
    if details.get("name") and not validate_name(str(details["name"])).ok:
        problems.append(f"name {details['name']!r}")
    phone = details.get("phone")
    if phone and validate_phone(str(phone)).value != phone:
        problems.append(f"phone {phone!r}")
    for key in ("appointment_date", "callback_date"):
        if key in details:
            day = date.fromisoformat(str(details[key]))
            if day < TODAY or day.weekday() == 6:  # never in the past, never on a Sunday
                problems.append(f"{key} {day}")
    if kind == "reservation":
        quantity = str(details.get("quantity"))  # the slot holds the validated number as text
        if parts.find_part(str(details.get("part_reference"))) is None:
            problems.append(f"part {details.get('part_reference')!r}")
        if not quantity.isdigit() or not 1 <= int(quantity) <= 10:
            problems.append(f"quantity {quantity!r}")
    if details.get("postcode") and not validate_postcode(str(details["postcode"])).ok:
        problems.append(f"postcode {details['postcode']!r}")
    return problems


def _count_requests(bot: Bot) -> int:
    return len(bot.rows("SELECT id FROM requests"))


def _invalid_rows(bot: Bot) -> list[str]:
    invalid = []
    for row in bot.rows("SELECT * FROM requests"):
        details = row["details"]
        details = details if isinstance(details, dict) else json.loads(details)
        for problem in _problems_of_request(row["kind"], details):
            invalid.append(f"{row['reference']}: {problem}")
    for survey in bot.rows("SELECT * FROM survey_responses"):
        nps, csat, ces, comment = survey["nps"], survey["csat"], survey["ces"], survey["comment"]
        if nps is not None and not 0 <= nps <= 10:
            invalid.append(f"survey {survey['id']}: nps {nps}")
        if csat is not None and csat not in CSAT_LABELS:
            invalid.append(f"survey {survey['id']}: csat {csat!r}")
        if ces is not None and ces not in CES_LABELS:
            invalid.append(f"survey {survey['id']}: ces {ces}")
        if comment is not None and clean(comment) != comment.strip():
            invalid.append(f"survey {survey['id']}: control characters in the comment")
    return invalid
