"""legal_actions lists back-channel messages made once per scenario and actor: the list is the
scenario's own, and it is forgotten with the scenario."""

from __future__ import annotations

import gc
import itertools

import numpy as np

from game.core import rules
from game.core.actions import Message
from game.core.rules import legal_actions, new_game
from tests.helpers import shipped


def _messages(state, actor):
    return [a for a in legal_actions(state, actor) if isinstance(a, Message)]


def test_every_message_of_the_scenario_is_listed_in_order():
    for name in ("syria_2017_07", "tutorial_river"):
        sc = shipped(name)
        state = new_game(sc, 1, np.random.default_rng(1))
        actor = state.to_move
        expected = [Message(actor, other, jm.id, level)
                    for other, jm in itertools.product(sc.actor_ids, sc.joint_moves) if other != actor
                    for level in range(len(jm.variants))]
        assert _messages(state, actor) == expected
        assert _messages(state, actor) == expected  # the second time from the cache, the same


def test_a_scenario_s_messages_are_forgotten_with_it():
    from game.resources import shipped_scenarios
    from game.scenario.loader import load_scenario

    path = next(p for p in shipped_scenarios() if p.stem == "tutorial_river")
    sc = load_scenario(path)
    key = id(sc)
    state = new_game(sc, 1, np.random.default_rng(1))
    _messages(state, state.to_move)
    assert any(k[0] == key for k in rules._STATIC)
    del sc, state
    gc.collect()
    assert not any(k[0] == key for k in rules._STATIC)
