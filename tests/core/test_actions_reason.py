"""``with_reason`` (how random play gives its reason to the legal action it picks) is
``dataclasses.replace(action, reason=...)``, for every kind of action a game lists."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.core.actions import with_reason
from game.core.observe import observe
from game.core.rules import apply, legal_actions, new_game
from tests.helpers import RandomStandIn, shipped


@pytest.mark.parametrize("name", ["syria_2017_07", "tutorial_river"])
def test_with_reason_is_replace_for_every_legal_action_of_a_game(name) -> None:
    scenario = shipped(name)
    rng = np.random.default_rng(4)
    state = new_game(scenario, 4, rng)
    kinds = set()
    while state.phase != "over":
        for action in legal_actions(state, state.to_move):
            made = with_reason(action, "picks at random")
            assert made == dataclasses.replace(action, reason="picks at random")
            assert type(made) is type(action) and made.reason == "picks at random"
            assert action.reason != "picks at random"  # the listed action itself is unchanged
            kinds.add(type(action).__name__)
        act = RandomStandIn().decide(observe(state, state.to_move), np.random.default_rng([4, state.step]))
        state, _ = apply(state, act, rng)
    assert {"Propose", "Accept", "Reject", "Counter", "Statement", "Message", "ChooseMove", "EndPhase"} <= kinds

