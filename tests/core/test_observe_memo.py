"""``observe`` remembers parts between steps (``game.core.observe_memo``); what it gives must be
exactly the plain reading of the state (``tests.core.observe_reference``), for every seat at every
step of whole seeded games, across a rollback and with two games of one scenario interleaved."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.actions import EndPhase, Rollback
from game.core.observe import estimates, glance, observe
from game.core.rules import apply, legal_actions, new_game
from tests.core.observe_reference import plain_estimates, plain_observe
from tests.helpers import RandomStandIn, shipped


def _same_for_everyone(state) -> int:
    """Assert observe == the plain reading for every actor; the number of log entries someone saw."""
    seen = 0
    for actor in state.scenario.actor_ids:
        fast, plain = observe(state, actor), plain_observe(state, actor)
        assert fast == plain, (state.step, actor)
        assert estimates(state, actor) == plain_estimates(state, actor)
        seen += len(fast.log)
    return seen


def _game(scenario, seed: int):
    """The states of a seeded game played by the random stand-in, one per step."""
    rng = np.random.default_rng(seed)
    state = new_game(scenario, seed, rng)
    agent = RandomStandIn()
    yield state
    while state.phase != "over":
        action = agent.decide(observe(state, state.to_move), np.random.default_rng([seed, state.step]))
        state, _ = apply(state, action, rng)
        yield state


@pytest.mark.parametrize("name", ["syria_2017_07", "tutorial_river"])
def test_every_observation_of_a_seeded_game_is_the_plain_reading(name) -> None:
    scenario = shipped(name)
    steps = seen = 0
    for state in _game(scenario, 3):
        seen += _same_for_everyone(state)
        steps += 1
    assert steps > 50 and seen > 0  # a whole game, with a log that grew


def test_two_games_of_one_scenario_interleaved_observe_as_if_alone() -> None:
    scenario = shipped("tutorial_river")
    one, two = _game(scenario, 11), _game(scenario, 12)
    for a, b in zip(one, two, strict=False):
        _same_for_everyone(a)
        _same_for_everyone(b)


def test_after_a_rollback_the_observation_forgets_the_lost_branch() -> None:
    scenario = shipped("tutorial_river")
    rng = np.random.default_rng(5)
    state = new_game(scenario, 5, rng)
    agent = RandomStandIn()
    while state.turn < 3 and state.phase != "over":
        action = agent.decide(observe(state, state.to_move), np.random.default_rng([5, state.step]))
        state, _ = apply(state, action, rng)
        _same_for_everyone(state)
    assert state.turn == 3
    lost = state.log
    state, _ = apply(state, Rollback(2), rng)
    assert state.log[:len(lost)] != lost  # the record did not just grow: the memo must not extend it
    _same_for_everyone(state)
    state, _ = apply(state, EndPhase(state.to_move), rng)
    _same_for_everyone(state)


def test_editing_an_observation_changes_no_later_one() -> None:
    """Parts are remembered, never shared: what a screen or an actor does to its copy stays there."""
    scenario = shipped("syria_2017_07")
    rng = np.random.default_rng(2)
    state = new_game(scenario, 2, rng)
    actor = state.to_move
    first = observe(state, actor)
    first.me.trust.clear()
    first.me.stances.clear()
    first.actors[0].public.clear()
    first.actors[1].red_lines["x"] = (9,)
    first.estimates.clear()
    first.levels.clear()
    assert observe(state, actor) == plain_observe(state, actor)
    assert legal_actions(state, actor)  # and the rules still read the scenario as it was


@pytest.mark.parametrize("name", ["syria_2017_07", "tutorial_river"])
def test_a_glance_is_the_observation_cut_down_to_its_fields(name) -> None:
    """What a random baseline is given (``glance``) equals the same fields of ``observe``, for every
    seat at every step, so random play decides as it would on the whole observation."""
    for state in _game(shipped(name), 3):
        for actor in state.scenario.actor_ids:
            seen, obs = glance(state, actor), observe(state, actor)
            assert (seen.actor, seen.phase, seen.waiting_for, seen.legal) == \
                (obs.actor, obs.phase, obs.waiting_for, obs.legal), (state.step, actor)
