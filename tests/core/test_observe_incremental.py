"""The parts of an observation remembered between steps for the computer actors' games: the
estimates (read only for new proposals and messages), the counter-proposals among the legal
actions (remembered per proposal and standing of the moves) the one-move deals, statements
and messages (remembered per standing and statements) the names expressions read (reused
from the state before while the values they are made of are equal) and the observer's score are, at every step of seeded games
with the computer in every seat, and after a rollback, exactly what a fresh reading gives, in the
same order."""

from __future__ import annotations

from unittest import mock

import numpy as np

from game.ai import make_agent
from game.core import agreements, rules
from game.core.actions import Accept, Counter, Reject, Rollback
from game.core.observe import estimates, observe
from game.core.offers import counter_terms
from game.core.rules import apply, legal_actions, new_game
from game.core.scoring import score
from tests.core.observe_reference import plain_estimates
from tests.core.scenarios import run_turn, start
from tests.core.test_rules_format_1_1 import agree_weak, termed
from tests.helpers import shipped


def _in_order(table: dict) -> list:
    return [(other, list(row.items())) for other, row in table.items()]


def _plain_counters(state, actor: str) -> list[Counter]:
    out = []
    if state.phase != "diplomacy" or state.to_move != actor or state.budget[actor] <= 0:
        return out
    for p in state.proposals:
        if p.status == "open" and actor in p.to and p.answer_of(actor) is None:
            for terms, parallel in counter_terms(state.scenario, p.terms):
                if not parallel and agreements.changes_something(state, terms):
                    out.append(Counter(actor, p.id, terms))
    return out


def _check(state) -> tuple[int, int]:
    """Assert the remembered parts equal the fresh ones for every seat; (estimates from proposals
    or messages, counters) seen, so the test knows it saw some."""
    told = counters = 0
    env = state.env_read()  # perhaps the env of the state before, reused: equal to a fresh one, in order
    assert list(env.items()) == list(state.clone().env_read().items()), state.step
    for actor in state.scenario.actor_ids:
        fast = estimates(state, actor)
        assert _in_order(fast) == _in_order(plain_estimates(state, actor)), (state.step, actor)
        obs = observe(state, actor)
        assert obs.estimates == fast
        assert obs.score == score(state, actor)  # remembered for equal stances, levels and indicators
        told += sum(e.basis != "statement" for row in fast.values() for e in row.values())
        legal = legal_actions(state, actor)
        listed = [a for a in legal if isinstance(a, Counter)]
        assert listed == _plain_counters(state, actor), (state.step, actor)
        answers = [a for a in legal if isinstance(a, (Accept, Reject))]
        assert answers == [made for p in state.proposals if p.status == "open" and actor in p.to
                           and p.answer_of(actor) is None and state.to_move == actor and not state.console.paused
                           and state.phase in ("diplomacy", "answers")
                           for made in (Accept(actor, p.id), Reject(actor, p.id))], (state.step, actor)
        with mock.patch.object(rules, "has_parallel", lambda sc: True):  # the list made move by move
            assert legal == legal_actions(state, actor), (state.step, actor)
        counters += len(listed)
    return told, counters


def _play(state, rng, seed: int, agents, until=lambda s: False):
    while state.phase != "over" and not until(state):
        actor = state.to_move
        action = agents[actor].decide(observe(state, actor), np.random.default_rng([seed, state.step]))
        state, _ = apply(state, action, rng)
        yield state


def _game(scenario, seed: int):
    rng = np.random.default_rng(seed)
    agents = {a: make_agent("ours", "normal") for a in scenario.actor_ids}
    yield from _play(new_game(scenario, seed, rng), rng, seed, agents)


def test_remembered_estimates_and_counters_are_the_fresh_ones_in_ours_games() -> None:
    """Two games of one scenario step by step in turn: each must read only its own parts."""
    scenario = shipped("syria_2017_07")
    told = counters = 0
    for one, two in zip(_game(scenario, 0), _game(scenario, 1), strict=False):
        for state in (one, two):
            t, c = _check(state)
            told, counters = told + t, counters + c
    assert told > 0 and counters > 0


def test_after_a_rollback_the_remembered_parts_forget_the_lost_branch() -> None:
    scenario = shipped("syria_2017_07")
    seed = 4
    rng = np.random.default_rng(seed)
    agents = {a: make_agent("ours", "normal") for a in scenario.actor_ids}
    state = start = new_game(scenario, seed, rng)
    for state in _play(start, rng, seed, agents, until=lambda s: s.turn >= 3):
        _check(state)
    assert state.turn == 3 and state.proposals
    lost = state.proposals
    state, _ = apply(state, Rollback(2), rng)
    assert state.proposals != lost
    _check(state)
    steps = 0
    for later in _play(state, rng, seed, agents, until=lambda s: s.turn >= 4):
        _check(later)
        steps += 1
    assert steps > 10


def test_a_renewal_is_listed_as_the_move_by_move_reading_lists_it() -> None:
    """With an agreement with a term in force since an earlier turn, proposing its own level again
    (a renewal, rule 9.1) is among the remembered one-move deals, as listed move by move."""
    state, rng = start(termed(2))
    state = run_turn(agree_weak(state, rng), rng)  # turn 2: the pact in force, renewable
    actor = state.to_move
    legal = legal_actions(state, actor)
    assert any(getattr(a, "terms", None) == (("pact", 1),) for a in legal)
    with mock.patch.object(rules, "has_parallel", lambda sc: True):
        assert legal == legal_actions(state, actor)
