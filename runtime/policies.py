"""Rasa's memoization and rule policies, at a cost per prediction that does not grow with the
conversation.

At each prediction both policies turn the conversation into its states, one per action taken:
Rasa replays every event of the session to build them (`Domain.states_for_tracker_history`),
then the rule policy formats and deep-copies the whole list, though it compares with its rules
only as many states as its longest rule has, and memoization keeps its last four. At turn 200
of one conversation, that was 45 % of a message's time (docs/benchmarks.md).

Here the states of each conversation are kept between predictions and extended with the new
events, state by state with Rasa's own functions; the rule policy reads as many states as its
longest rule. An event that rewrites what came before (a revert, a restart, a new session, a
step of a form, a form never seen in the conversation) makes a full replay, as Rasa does.
Training is left to Rasa: its trackers (`TrackerWithCachedStates`) keep their own states.

In config.yml, in place of `MemoizationPolicy` and `RulePolicy`, with the same settings:

    - name: runtime.policies.RecentMemoizationPolicy
    - name: runtime.policies.RecentRulePolicy
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasa.core.featurizers.tracker_featurizers import _is_prev_action_unlikely_intent_in_state
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import PREVIOUS_ACTION, USER
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from runtime.tracker import Seen, appended

# Conversations whose states a policy keeps; the oldest are forgotten first (a forgotten
# conversation costs one full replay, as in Rasa).
REMEMBERED_CONVERSATIONS = 500


@dataclass
class _Walk:
    """Rasa's walk through the states (`states_for_tracker_history`), stopped after some events."""

    states: list[State] = field(default_factory=list)
    last_ml_action: Any = None
    turn_was_hidden: bool = False


@dataclass
class _Replay:
    """One conversation replayed: the events read so far, the tracker they give, the walk."""

    seen: Seen
    tracker: DialogueStateTracker
    walk: _Walk


class ConversationStates:
    """The states of recent conversations, as `Domain.states_for_tracker_history` gives them
    with `omit_unset_slots=False` (what policies use), extended at each call."""

    def __init__(self, remembered: int = REMEMBERED_CONVERSATIONS) -> None:
        self._replays: OrderedDict[tuple[Any, ...], _Replay] = OrderedDict()
        self._remembered = remembered

    def states(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        ignore_rule_only_turns: bool = False,
        rule_only_data: dict[str, Any] | None = None,
        last: int | None = None,
        skip: Callable[[State], bool] | None = None,
    ) -> list[State]:
        """The states before each action of the conversation, then its current state (a new
        list at each call); only the `last` of them once those `skip` says are left out."""
        data = json.dumps(rule_only_data, sort_keys=True) if ignore_rule_only_turns else None
        key = (tracker.sender_id, id(domain), ignore_rule_only_turns, data)
        replay = self._replays.get(key)
        new = appended(tracker.events, replay.seen) if replay is not None else None
        if replay is None or new is None:
            replay = _Replay(Seen.of(tracker.events), tracker.init_copy(), _Walk())
            new = tracker.applied_events()
        else:
            replay.seen = replay.seen.after(tracker.events)
        for event in new:
            if isinstance(event, ActionExecuted):
                _step(
                    domain,
                    replay.walk,
                    replay.tracker,
                    event.hide_rule_turn,
                    ignore_rule_only_turns,
                    rule_only_data,
                )
            replay.tracker.update(event)
        self._replays[key] = replay
        self._replays.move_to_end(key)
        while len(self._replays) > self._remembered:
            self._replays.popitem(last=False)
        states = _with_current_state(domain, replay, ignore_rule_only_turns, rule_only_data)
        return _recent(states, last, skip)


def _step(
    domain: Domain,
    walk: _Walk,
    tracker: DialogueStateTracker,
    hide_rule_turn: bool,
    ignore_rule_only_turns: bool,
    rule_only_data: dict[str, Any] | None,
) -> None:
    """The body of Rasa's loop in `Domain.states_for_tracker_history`, for one prior tracker."""
    if ignore_rule_only_turns:
        if not walk.turn_was_hidden:
            walk.last_ml_action = domain._get_prev_action_sub_state(tracker)
        if not tracker.followup_action and tracker.latest_action_name != tracker.active_loop_name:
            walk.turn_was_hidden = hide_rule_turn
        if walk.turn_was_hidden:
            return
    state = domain.get_active_state(tracker)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if walk.states:
            domain._substitute_rule_only_user_input(state, walk.states[-1])
        if walk.last_ml_action:
            state[PREVIOUS_ACTION] = walk.last_ml_action
    walk.states.append(domain._clean_state(state))


def _with_current_state(
    domain: Domain,
    replay: _Replay,
    ignore_rule_only_turns: bool,
    rule_only_data: dict[str, Any] | None,
) -> tuple[list[State], list[State]]:
    """The kept states and the one after every event (none for a hidden turn), computed at
    each call on a copy of the walk's end (Rasa's generator ends on the whole tracker)."""
    walk = replay.walk
    end = _Walk(walk.states[-1:], walk.last_ml_action, walk.turn_was_hidden)
    _step(domain, end, replay.tracker, False, ignore_rule_only_turns, rule_only_data)
    return walk.states, end.states[1:] if walk.states else end.states


def _recent(
    parts: tuple[list[State], list[State]], last: int | None, skip: Callable[[State], bool] | None
) -> list[State]:
    """The states of both parts, those `skip` says left out, the `last` of them: walked from
    the end, as far as needed. The last one is a copy with its own user part: policies edit
    it (`_choose_last_user_input`)."""
    kept: list[State] = []
    for state in itertools.chain(*(reversed(part) for part in reversed(parts))):
        if skip is None or not skip(state):
            kept.append(state)
            if last and len(kept) == last:
                break
    kept.reverse()
    if kept:
        final = kept[-1]
        kept[-1] = {**final, USER: dict(final[USER])} if USER in final else dict(final)
    return kept


class _KeptStates(MemoizationPolicy):
    """A policy's `_prediction_states` (MaxHistoryTrackerFeaturizer.prediction_states) on the
    kept states, keeping the last `_window()` of them; training trackers get Rasa's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._states = ConversationStates()

    def _window(self) -> int | None:
        return self.featurizer.max_history

    def _prediction_states(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        use_text_for_last_user_input: bool = False,
        rule_only_data: dict[str, Any] | None = None,
    ) -> list[State]:
        if isinstance(tracker, TrackerWithCachedStates):
            return super()._prediction_states(
                tracker, domain, use_text_for_last_user_input, rule_only_data
            )
        ml_data = self.supported_data() != RulePolicy.supported_data()
        states = self._states.states(
            tracker,
            domain,
            ignore_rule_only_turns=ml_data,
            rule_only_data=rule_only_data,
            last=self._window(),
            # The featurizer's `_remove_action_unlikely_intent_from_states`, state by state.
            skip=_is_prev_action_unlikely_intent_in_state if ml_data else None,
        )
        featurizer: Any = self.featurizer
        featurizer._choose_last_user_input([states], use_text_for_last_user_input)
        return states


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class RecentMemoizationPolicy(_KeptStates):
    """MemoizationPolicy whose states are kept between predictions."""


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class RecentRulePolicy(_KeptStates, RulePolicy):
    """RulePolicy whose states are kept between predictions, read as far back as its longest
    rule: a rule is checked against as many states as it has (`_is_rule_applicable`)."""

    _longest_rule: int | None = None

    def _window(self) -> int | None:
        return self.longest_rule()

    def longest_rule(self) -> int:
        """The number of states of the longest rule, loops' unhappy paths included."""
        if self._longest_rule is None:
            keys = itertools.chain(
                self.lookup.get(RULES, {}), self.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH, {})
            )
            self._longest_rule = max((len(self._rule_key_to_state(key)) for key in keys), default=1)
        return self._longest_rule
