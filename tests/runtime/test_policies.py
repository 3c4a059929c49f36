"""The policies with kept states predict what Rasa's predict, on one long conversation made of
the project's test stories, with reverts, a restart and a new session in between."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME, USER
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

from runtime.launcher import ROOT
from runtime.policies import ConversationStates, RecentMemoizationPolicy, RecentRulePolicy
from tests.runtime.long_conversation import conversation, growing, trackers

SETTINGS: dict[str, Any] = {
    "core_fallback_threshold": 0.3,
    "core_fallback_action_name": "action_core_fallback",
    "enable_fallback_prediction": True,
}


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture(scope="module")
def policies(domain: Domain, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Rasa's two policies and ours, trained once on the project's rules."""
    rules = trackers(["data/rules"], domain)
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    context = ExecutionContext(GraphSchema({}), "test")
    made: dict[str, Any] = {}
    for name, kind, config in (
        ("memo", MemoizationPolicy, {"max_history": 4}),
        ("rule", RulePolicy, SETTINGS),
    ):
        policy = kind.create(
            {**kind.get_default_config(), **config}, storage, Resource(name), context
        )
        policy.train(rules, domain)
        ours = RecentMemoizationPolicy if kind is MemoizationPolicy else RecentRulePolicy
        made[name] = policy
        made["recent_" + name] = ours(
            {**kind.get_default_config(), **config},
            storage,
            Resource(name),
            context,
            lookup=policy.lookup,
        )
    return made


@pytest.mark.parametrize("ignore_rule_only_turns", [False, True])
def test_the_kept_states_are_rasas_at_every_step(
    domain: Domain, ignore_rule_only_turns: bool
) -> None:
    rule_only = {"slots": ["requested_slot"], "loops": ["callback_form"]}
    cache = ConversationStates()
    steps = 0
    for tracker in growing(domain, conversation(domain)):
        expected = domain.states_for_tracker_history(
            tracker, ignore_rule_only_turns=ignore_rule_only_turns, rule_only_data=rule_only
        )
        got = cache.states(tracker, domain, ignore_rule_only_turns, rule_only)
        assert got == expected
        got[-1].get(USER, {}).clear()  # policies edit the last state (`_choose_last_user_input`)
        steps += 1
    assert steps > 250


def test_a_window_with_skipped_states_is_the_end_of_the_filtered_list(domain: Domain) -> None:
    """What the ML policies get: the last states once those a filter drops are left out."""
    rule_only = {"slots": ["requested_slot"], "loops": ["callback_form"]}

    def without_listen(state: Any) -> bool:
        return state.get("prev_action", {}).get("action_name") == ACTION_LISTEN_NAME

    cache = ConversationStates()
    for tracker in growing(domain, conversation(domain)):
        full = domain.states_for_tracker_history(
            tracker, ignore_rule_only_turns=False, rule_only_data=rule_only
        )
        expected = [state for state in full if not without_listen(state)][-3:]
        got = cache.states(tracker, domain, False, rule_only, last=3, skip=without_listen)
        assert got == expected
        if got:
            got[-1].get(USER, {}).clear()
    assert cache.states(tracker, domain, False, rule_only) == full


def test_the_policies_predict_as_rasas_on_a_longconversation(
    domain: Domain, policies: dict[str, Any]
) -> None:
    rule_only = policies["rule"]._get_rule_only_data()
    predictions = 0
    for tracker in growing(domain, conversation(domain)):
        for name in ("memo", "rule"):
            theirs = policies[name].predict_action_probabilities(
                tracker, domain, rule_only_data=rule_only
            )
            ours = policies["recent_" + name].predict_action_probabilities(
                tracker, domain, rule_only_data=rule_only
            )
            assert (ours.probabilities, ours.events, ours.hide_rule_turn) == (
                theirs.probabilities,
                theirs.events,
                theirs.hide_rule_turn,
            )
            predictions += max(ours.probabilities) > 0.5
    assert predictions > 100  # the rules and stories do predict along the way


def test_the_rule_policy_reads_only_its_longest_rule(
    domain: Domain, policies: dict[str, Any]
) -> None:
    tracker = list(growing(domain, conversation(domain)))[-1]
    ours = policies["recent_rule"]
    window = ours.longest_rule()
    assert 2 <= window < 20
    assert len(ours._prediction_states(tracker, domain)) == window
    assert len(policies["rule"]._prediction_states(tracker, domain)) > 5 * window


def test_a_tracker_read_again_from_the_database_is_replayed(domain: Domain) -> None:
    events = conversation(domain)[:80]
    cache = ConversationStates()
    first = DialogueStateTracker.from_events("same", events, domain.slots)
    cache.states(first, domain)
    again = DialogueStateTracker.from_dict("same", [e.as_dict() for e in events[:60]], domain.slots)
    assert cache.states(again, domain) == domain.states_for_tracker_history(again)


def test_forgotten_conversations_are_the_oldest(domain: Domain) -> None:
    cache = ConversationStates(remembered=2)
    for sender in ("a", "b", "c"):
        cache.states(
            DialogueStateTracker.from_events(
                sender, [ActionExecuted(ACTION_LISTEN_NAME)], domain.slots
            ),
            domain,
        )
    assert [key[0] for key in cache._replays] == ["b", "c"]
