"""The actions phase and the record in a player's words (issue 10, items 18 and 22): no ids or
"time(s)", verbs that agree with plural names, and what capital, keeping and breaking mean."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from game.core.actions import EndPhase, SetCompliance, make_terms
from game.core.observe import observe
from game.core.rules import apply, legal_actions, move_available, new_game
from game.core.state import Cause, LogEntry
from game.present import entries, moves, words
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario
from tests.core import scenarios as S


def _states(sc, seed: int, steps: int = 400):
    """States of a random game (random legal actions), every one of its actions phases."""
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    state = new_game(sc, seed, rng)
    for _ in range(steps):
        if state.phase == "over":
            return
        if state.phase == "actions":
            yield state
        actor = state.to_move
        options = legal_actions(state, actor)
        action = pick.choice(options) if options and pick.random() < 0.7 else EndPhase(actor)
        state, _ = apply(state, action, rng)


def _ids(sc) -> set[str]:
    return {x.id for group in (sc.indicators, sc.joint_moves, sc.unilateral_moves, sc.events, sc.actors)
            for x in group}


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_why_a_move_is_not_open_agrees_with_the_rules_and_reads_as_words(path):
    sc = load_scenario(path)
    ids = _ids(sc)
    seen_reason = False
    for seed in range(3):
        for state in _states(sc, seed):
            for actor in sc.actor_ids:
                obs = observe(state, actor)
                for um in sc.unilateral_moves:
                    if actor not in um.actors:
                        continue
                    said = moves.why_not(obs, sc, um)
                    assert (said is None) == (move_available(state, actor, um.id) is None), (um.id, said)
                    card = moves.move_card(obs, sc, um)
                    for text in (said or "", *card.lines):
                        assert "time(s)" not in text
                        assert not (set(re.findall(r"[a-z][a-z0-9_]*_[a-z0-9_]+", text)) & ids), text
                    seen_reason |= said is not None
    assert seen_reason


def test_the_missile_strike_needs_the_chemical_attack_in_the_scenarios_words():
    sc = load_scenario(next(p for p in shipped_scenarios() if p.stem.startswith("syria")))
    state = new_game(sc, 1, np.random.default_rng(1))
    um = sc.unilateral_move("us_missile_strike")
    obs = observe(state, "us")
    assert move_available(state, "us", um.id) == "needs chemical_attack >= 1"  # the rules' own words...
    said = moves.why_not(obs, sc, um)
    assert said == "only possible after “Reports of a chemical attack on an opposition-held town”"  # ...the player's
    assert "At most once in the game; you have not made it yet." in moves.move_card(obs, sc, um).lines


def test_limits_and_plurals_read_as_english():
    assert [words.times(n) for n in (1, 2, 3)] == ["once", "twice", "3 times"]
    assert words.plural_s(1, "diplomatic action") == "1 diplomatic action"
    assert words.plural_s(3, "turn") == "3 turns"


@pytest.mark.parametrize("name, plural", [("Syrian rebel groups", True), ("United States", False),
                                          ("Russia", False), ("Kurdish armed forces", True), ("Philippines", False),
                                          ("Valley Water Commission", False), ("Highford", False),
                                          ("Ministry of politics", False), ("", False)])
def test_plural_names_take_plural_verbs(name, plural):
    assert words.is_plural(name) is plural


def test_the_rules_sentences_agree_with_a_plural_actor():
    sc = load_scenario(next(p for p in shipped_scenarios() if p.stem.startswith("syria")))
    e = LogEntry(1, "proposal", "Syrian rebel groups proposes #10 to United States: No-fly zones: None", "rebels")
    assert entries.entry_text(e, sc) == "Syrian rebel groups propose #10 to United States: No-fly zones: None"
    c = Cause("violation", "no_fly_zone", "rebels", "Syrian rebel groups breaks its duties under No-fly zones")
    assert entries.cause_text(c, sc) == "Syrian rebel groups break their duties under No-fly zones"
    e = LogEntry(1, "statement", "Syrian rebel groups states it supports X: Y", "rebels")
    assert entries.entry_text(e, sc) == "Syrian rebel groups state they support X: Y"
    e = LogEntry(1, "accept", "Russia accepts #2", "russia")
    assert entries.entry_text(e, sc) == "Russia accepts #2"
    assert words.subject(sc.actor("rebels"), "is") + " thinking" == "Syrian rebel groups are thinking"


def test_capital_keeping_and_breaking_are_explained():
    sc = S.make(S.table())
    state, rng = S.start(sc)
    state = S.play(state, rng, *[])
    from game.core.actions import Accept, Propose

    state = S.play(state, rng, Propose("a", ("b",), make_terms({"pact": 1})), EndPhase("a"), Accept("b", 1))
    state = S.to_actions(state, rng)
    obs = observe(state, "a")
    assert "regain 3 each turn" in moves.capital_text(obs) and "unilateral moves" in moves.capital_text(obs)
    card = moves.breach_card(obs, sc, "pact")
    assert card.duty == "a does its part"
    assert card.gains.startswith("Breaking it: X −5") and "costing you" in card.gains  # a wants x high
    assert "Actor B then trusts you 20 less" in card.risk and "collapses" in card.risk
    assert "30%" in card.risk
    # and nothing is left unsaid when the breach moves no indicator
    doc = S.table()
    doc["joint_moves"][0]["variants"][1]["obligations"][0]["violation"] = []
    sc2 = S.make(doc)
    state2, rng2 = S.start(sc2)
    state2 = S.play(state2, rng2, Propose("a", ("b",), make_terms({"pact": 1})), EndPhase("a"), Accept("b", 1))
    state2 = S.to_actions(state2, rng2)
    state2 = S.play(state2, rng2, SetCompliance("a", "pact", False))
    assert "moves no indicator" in moves.breach_card(observe(state2, "a"), sc2, "pact").gains
