"""``observe`` remembers parts between steps (``game.core.observe_memo``); what it gives must be
exactly the plain reading of the state (``tests.core.observe_reference``), for every seat at every
step of whole seeded games, across a rollback and with two games of one scenario interleaved."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.core.actions import EndPhase, Rollback
from game.core.observe import LEFT_OUT, Observation, estimates, glance, observe
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


@pytest.mark.parametrize("name", ["syria_2017_07", "tutorial_river"])
def test_a_lean_observation_is_the_full_one_without_the_fields_left_out(name) -> None:
    """What the computer actor is given (``observe(..., lean=True)``) holds every field of the full
    observation it keeps, equal to it, for every seat at every step; only ``LEFT_OUT`` is empty."""
    kept = [f.name for f in dataclasses.fields(Observation) if f.name not in LEFT_OUT and f.name != "lean"]
    steps = 0
    for state in _game(shipped(name), 4):
        for actor in state.scenario.actor_ids:
            lean, full = observe(state, actor, lean=True), observe(state, actor)
            for field in kept:
                assert getattr(lean, field) == getattr(full, field), (state.step, actor, field)
            assert lean.lean and not full.lean
            assert (lean.legal, lean.changes, lean.trust_changes, lean.score) == ((), (), (), None)
            assert full == plain_observe(state, actor)  # a lean one in between leaves the full one whole
        steps += 1
    assert steps > 50


def test_screens_and_the_network_get_the_full_observation_while_ours_gets_the_lean_one() -> None:
    """A session gives its computer seats (ours) lean observations, but what a screen or a browser
    shows (``Match.obs``, ``Session.observe``) is the full one: legal actions, score and changes."""
    from game.ai.agent import OursAgent
    from game.present.match import Match
    from game.session import Seat

    scenario = shipped("tutorial_river")
    given = []

    class Watching(OursAgent):
        def decide(self, obs, rng):
            given.append(obs)
            return super().decide(obs, rng)

    seats = {a: Seat(a, "computer") for a in scenario.actor_ids}
    match = Match.new(scenario, None, seats, 3, lambda seat: Watching())
    match.session.run_computers(max_steps=40)
    assert given and all(obs.lean and obs.legal == () for obs in given)
    state = match.session.state
    for actor in scenario.actor_ids:
        shown = match.obs(actor)
        assert not shown.lean and shown == plain_observe(state, actor)
        assert shown.score is not None and len(shown.changes) == len(state.changes)
    assert match.obs(state.to_move).legal == tuple(legal_actions(state, state.to_move))


def test_ours_decides_the_same_on_the_lean_observation_as_on_the_full_one() -> None:
    """The computer actor's declaration holds: given the full observation instead (a wrapper that
    does not declare ``lean``), it makes every decision of a seeded game the same."""
    from game.ai import make_agent
    from game.ai.play import play_game

    class Full:
        def __init__(self) -> None:
            self.inner = make_agent("ours", "normal")

        def decide(self, obs, rng):
            assert not obs.lean
            return self.inner.decide(obs, rng)

    scenario = shipped("tutorial_river")
    for seed in range(2):
        lean = play_game(scenario, seed, {a: make_agent("ours", "normal") for a in scenario.actor_ids})
        full = play_game(scenario, seed, {a: Full() for a in scenario.actor_ids})
        assert lean.log == full.log and len(lean.log) > 20
