"""Contact details: a French phone number, an e-mail address, a person's name."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import CountryCodeSource

from logic.results import MessageCode, Result, failure, success

FRANCE = 33
EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", re.IGNORECASE)


class ContactCode(MessageCode):
    """Why a phone number, an e-mail address or a name is refused."""

    PHONE_MISSING = "validation_phone_missing"
    PHONE_FOREIGN = "validation_phone_foreign"
    PHONE_LENGTH = "validation_phone_length"
    PHONE_PREFIX = "validation_phone_prefix"
    PHONE_SERVICE = "validation_phone_service"
    PHONE_OR_EMAIL = "validation_phone_or_email"
    EMAIL_ACCENT = "validation_email_accent"
    EMAIL_NO_AT = "validation_email_no_at"
    EMAIL_INCOMPLETE = "validation_email_incomplete"
    NAME_DIGITS = "validation_name_digits"
    NAME_SHAPE = "validation_name_shape"


def _dialled(raw: str) -> str | None:
    """The digits as dialled from France ("+33 6..." -> "06..."), or None for a foreign number.

    phonenumbers tells the country of an international number; a number too short for it
    to read keeps the rule of the French prefix, so that its length can be told.
    """
    digits = re.sub(r"\D", "", raw)
    if not raw.startswith(("+", "00")):
        return digits
    try:
        number = phonenumbers.parse(raw, "FR", keep_raw_input=True)
        read = number.country_code_source != CountryCodeSource.FROM_DEFAULT_COUNTRY
        french = read and number.country_code == FRANCE
    except phonenumbers.NumberParseException:
        french = digits.removeprefix("00" if raw.startswith("00") else "").startswith("33")
    if not french:
        return None
    rest = digits.removeprefix("00" if raw.startswith("00") else "").removeprefix("33")
    return rest if rest.startswith("0") else "0" + rest


def _formatted(digits: str) -> str:
    """ "06 12 34 56 78": phonenumbers' national format, pairs of digits if it has none."""
    national = phonenumbers.format_number(
        phonenumbers.parse(digits, "FR"), phonenumbers.PhoneNumberFormat.NATIONAL
    )
    pairs = " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return national if national.replace(" ", "") == digits else pairs


def validate_phone(text: str) -> Result[str]:
    """A French phone number, returned as "06 12 34 56 78" (accepts +33, 0033, dots, dashes)."""
    candidates = re.findall(r"(?:\+|\b00)?\d[\d\s.()/-]*\d|\d", text)
    if not candidates:
        return failure(ContactCode.PHONE_MISSING)
    raw = max(candidates, key=lambda c: len(re.sub(r"\D", "", c)))
    digits = _dialled(raw)
    if digits is None:
        return failure(ContactCode.PHONE_FOREIGN)
    if len(digits) != 10:
        return failure(ContactCode.PHONE_LENGTH, digits=len(digits))
    if digits[0] != "0" or digits[1] == "0":
        return failure(ContactCode.PHONE_PREFIX)
    if digits[1] == "8":
        return failure(ContactCode.PHONE_SERVICE)
    return success(_formatted(digits))


def validate_email(text: str) -> Result[str]:
    """An e-mail address found in `text`, lower-cased."""
    if re.search(r"[^\x00-\x7f]\S*@|@\S*[^\x00-\x7f]", text):
        return failure(ContactCode.EMAIL_ACCENT)
    found = EMAIL.search(text)
    if found and not re.search(r"\.\.|@\.|\.@|^\.", found.group()):
        return success(found.group().lower())
    if "@" not in text:
        return failure(ContactCode.EMAIL_NO_AT)
    return failure(ContactCode.EMAIL_INCOMPLETE)


def validate_contact(text: str) -> Result[str]:
    """A French phone number or an e-mail address, whichever the customer gave."""
    if "@" in text:
        return validate_email(text)
    phone = validate_phone(text)
    if phone.ok or phone.problem is None:
        return phone
    return failure(ContactCode.PHONE_OR_EMAIL, phone=phone.problem)


def validate_name(text: str) -> Result[str]:
    """A person's name ("Marie Le Goff"), without digits, 2 to 60 characters."""
    name = re.sub(
        r"^\s*(je m'appelle|je m appelle|je suis|moi c'est|c'est|mon nom est)\s+",
        "",
        text.strip(),
        flags=re.IGNORECASE,
    )
    name = " ".join(name.strip(" .,!").split())
    if re.search(r"\d", name):
        return failure(ContactCode.NAME_DIGITS)
    if not re.fullmatch(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*", name) or len(name) < 2 or len(name) > 60:
        return failure(ContactCode.NAME_SHAPE)
    if name.islower() or name.isupper():
        name = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), name)
    return success(name)
