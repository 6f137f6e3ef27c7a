"""States share what did not change (the growing records, the rows of the trust, stance and
public-position tables): the rules must never change a state they were given, so every state of
a game must read at its end as it did when it was made."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.observe import observe
from game.core.rules import apply, new_game
from tests.helpers import RandomStandIn, shipped


def _tables(state) -> str:
    return repr((state.indicators, state.trust, state.capital, state.stances, state.public, state.agreements,
                 state.made, state.made_by, state.happened, state.budget, state.orders, state.proposals,
                 state.notes, state.log, state.changes, state.trust_changes, state.series))


@pytest.mark.parametrize(("name", "seed"), [("syria_2017_07", 4), ("tutorial_river", 8)])
def test_no_state_of_a_game_changes_after_it_was_made(name, seed) -> None:
    scenario = shipped(name)
    rng = np.random.default_rng(seed)
    state = new_game(scenario, seed, rng)
    seen = [(state, _tables(state))]
    agent = RandomStandIn()
    while state.phase != "over":
        action = agent.decide(observe(state, state.to_move), np.random.default_rng([seed, state.step]))
        state, _ = apply(state, action, rng)
        seen.append((state, _tables(state)))
    assert len(seen) > 50
    assert any(s.trust_changes for s, _ in seen) and any(s.public != seen[0][0].public for s, _ in seen)
    for old, made in seen:
        assert _tables(old) == made, old.step
