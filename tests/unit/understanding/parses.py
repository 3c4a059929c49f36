"""NLU parse results shaped as Rasa 3.6 outputs them, for the tests of logic/understanding."""

from __future__ import annotations

from typing import Any


def nlu_parse(
    intents: list[tuple[str, float]],
    answers: list[tuple[str, float]] | None = None,
    text: str = "",
) -> dict[str, Any]:
    """A parse result: the intent ranking, best first, and the ResponseSelector's ranking.

    As in Rasa with one ResponseSelector per retrieval intent (config.yml), each selector's
    output sits under its intent's name, and its `response` is the best of its ranking.
    """
    name, confidence = intents[0]
    parse: dict[str, Any] = {
        "text": text,
        "intent": {"name": name, "confidence": confidence},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in intents],
        "entities": [],
    }
    if answers:
        parse["response_selector"] = {
            "all_retrieval_intents": sorted({a.partition("/")[0] for a, _ in answers})
        }
        for intent in parse["response_selector"]["all_retrieval_intents"]:
            own = [(k, c) for k, c in answers if k.startswith(f"{intent}/")]
            best, best_confidence = own[0]
            parse["response_selector"][intent] = {
                "response": {
                    "responses": [{"text": "..."}],
                    "confidence": best_confidence,
                    "intent_response_key": best,
                    "utter_action": f"utter_{best}",
                },
                "ranking": [{"intent_response_key": k, "confidence": c} for k, c in own],
            }
    return parse
