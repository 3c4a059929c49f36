"""Climatech's FAQ: every answer is complete, trained, and reachable by its button."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from logic.climatech.faq import FAQ_FILE, FAQ_INTENT, faq_answer, faq_file, faq_menu, load_faq
from scripts.check_course_data import examples_by_intent

ROOT = Path(__file__).resolve().parents[3]
MAX_TITLE = 30  # a button label, on a phone
MIN_EXAMPLES = 12


def _declared_intents() -> set[str]:
    intents = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]
    return {i if isinstance(i, str) else next(iter(i)) for i in intents}


def _training() -> dict[str, list[str]]:
    return examples_by_intent(sorted((ROOT / "data" / "nlu").glob("*.yml")))


def test_there_are_at_least_forty_answers() -> None:
    assert len(load_faq()) >= 40


@pytest.mark.parametrize("key", sorted(load_faq()))
def test_every_answer_has_a_short_title_a_text_and_a_next_step(key: str) -> None:
    answer = load_faq()[key]
    assert answer.key == key
    assert answer.title.strip() and len(answer.title) <= MAX_TITLE
    assert len(answer.text.split()) >= 5
    assert answer.button.title.strip() and len(answer.button.title) <= MAX_TITLE
    payload = answer.button.payload
    if payload.startswith("/"):
        assert payload[1:] in _declared_intents(), payload
    else:
        assert payload.strip() and "{" not in payload  # plain text, read by the NLU


def test_every_faq_intent_of_the_training_data_has_an_answer() -> None:
    trained = {i.partition("/")[2] for i in _training() if i.startswith(f"{FAQ_INTENT}/")}
    assert trained, "no faq/<key> in data/nlu"
    assert sorted(trained - set(load_faq())) == []


def test_the_nlu_file_of_the_faq_names_only_known_answers() -> None:
    blocks = yaml.safe_load((ROOT / "data" / "nlu" / "faq.yml").read_text(encoding="utf-8"))
    keys = [b["intent"].partition("/")[2] for b in blocks["nlu"] if "intent" in b]
    assert sorted(set(keys) - set(load_faq())) == []


def test_every_answer_has_enough_distinct_training_examples() -> None:
    training = _training()
    short = {
        key: len(set(training.get(f"{FAQ_INTENT}/{key}", [])))
        for key in load_faq()
        if len(set(training.get(f"{FAQ_INTENT}/{key}", []))) < MIN_EXAMPLES
    }
    assert short == {}


def test_faq_answer_by_label_or_key() -> None:
    parking = faq_answer("faq/parking")
    assert parking is not None and parking.key == "parking"
    assert faq_answer("parking") == parking
    assert parking.button.payload == "/shop_info"
    assert parking.payload == '/faq_topic{"faq_topic":"parking"}'


@pytest.mark.parametrize("label", ["faq/no_such_answer", "no_such_answer", "", None])
def test_an_unknown_answer_is_none(label: str | None) -> None:
    assert faq_answer(label) is None


def test_the_menu_offers_known_answers_in_its_order() -> None:
    menu = faq_menu()
    assert 3 <= len(menu) <= 10
    assert menu[0] == faq_answer("parking")
    assert len({a.key for a in menu}) == len(menu)


def test_a_menu_key_without_an_answer_is_refused(tmp_path: Path) -> None:
    faq = yaml.safe_load(FAQ_FILE.read_text(encoding="utf-8"))
    faq["menu"] = ["parking", "no_such_answer"]
    broken = tmp_path / "faq.yml"
    broken.write_text(yaml.safe_dump(faq, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="no_such_answer"):
        faq_file(broken)
