"""The rules of docs/rules.md, sections 1 (the game) and 2 (news): one test (or table) per rule, named after it.

Each test's docstring is the text of its rule. The cases use the small table of
``tests/core/scenarios.py`` (seats a, b, c; indicators x and y; joint moves ``pact`` and
``aid``), changed as each rule needs, so the right answer can be worked out by hand.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np
import pytest

from game.core.actions import (
    Accept,
    Action,
    ChooseMove,
    EndPhase,
    Propose,
    SetCompliance,
)
from game.core.observe import observe
from game.core.rules import apply, new_game
from game.core.state import State
from tests.core.scenarios import (
    PACT_WEAK,
    event,
    fingerprint,
    make,
    news_turns,
    play,
    play_out,
    run_turn,
    start,
    table,
    unilateral,
)

# ---------------------------------------------------------------------------------------------
# 1. The game


def test_rule_1_3_a_turn_runs_news_diplomacy_actions_resolution_end_check() -> None:
    """1.3 The calendar. A game lasts the scenario's number of turns; each turn covers a few days
    (the date is shown). Each turn runs: news → diplomacy → actions → resolution → end check."""
    doc = table()
    doc["calendar"] = {"start": "2020-01-01", "turn_days": 10, "turns": 2}
    doc["in_force"] = {"pact": "weak"}  # its effect marks each resolution: x += 2
    doc["events"] = [event("morning", trigger="turn >= 1", repeat=True, effects=["y += 1"])]
    state, rng = start(doc)
    seen: list[tuple[int, str, int, str]] = []
    while state.phase != "over":
        if state.phase == "diplomacy" and state.round == 1 and state.to_move == "a":
            # the news of the turn has already happened, before anyone speaks
            assert news_turns(state, "morning")[-1] == state.turn
            assert (
                observe(state, "b").date
                == (dt.date(2020, 1, 1) + dt.timedelta(days=10 * (state.turn - 1))).isoformat()
            )
        seen.append((state.turn, state.phase, state.round, state.to_move))
        before_x = state.indicators["x"]
        state, _ = apply(state, EndPhase(state.to_move), rng)
        if seen[-1][1] == "actions" and seen[-1][3] == "c":  # the last seat ends: resolution
            assert state.indicators["x"] == before_x + 2
    turn = [(d, r, who) for d in ("diplomacy",) for r in (1, 2) for who in "abc"] + [
        ("actions", 3, who) for who in "abc"
    ]
    expected = [(t, *slot) for t in (1, 2) for slot in turn]
    assert seen == expected
    assert state.turn == 2 and state.ending == "fallback"
    assert news_turns(state, "morning") == [1, 2]
    assert state.series == ({"x": 50.0, "y": 50.0}, {"x": 52.0, "y": 51.0}, {"x": 54.0, "y": 52.0})
    # the end check comes last: the ending is the final entry of the log
    assert state.log[-1].kind == "ending"


def _chancy_doc() -> dict[str, Any]:
    doc = table()
    doc["rules"] = {"base_detection": 0.5}
    doc["in_force"] = {"pact": "weak"}
    doc["events"] = [event("rumour", trigger="turn >= 1", chance=0.5, repeat=True, effects=["y += 3"])]
    doc["unilateral_moves"] = [
        unilateral(
            "gamble", ["b"], outcomes=[{"chance": 0.5, "headline": "It pays off", "effects": ["y -= 4"]}]
        )
    ]
    return doc


def _scripted(state: State) -> Action:
    """A fixed, chance-free policy: a always breaks the pact, b always gambles."""
    who = state.to_move
    orders = state.orders.get(who)
    obliged = "pact" in {x.move for x in state.obligations("a")}
    if (
        state.phase == "actions"
        and who == "a"
        and obliged
        and (orders is None or "pact" not in orders.breaks)
    ):
        return SetCompliance("a", "pact", False)
    if state.phase == "actions" and who == "b" and (orders is None or orders.move is None):
        return ChooseMove("b", "gamble")
    return EndPhase(who)


def _run_scripted(seed: int) -> tuple[State, list[Action]]:
    sc = make(_chancy_doc())
    rng = np.random.default_rng(seed)
    state = new_game(sc, seed, rng)
    actions: list[Action] = []
    while state.phase != "over":
        action = _scripted(state)
        actions.append(action)
        state, _ = apply(state, action, rng)
    return state, actions


def test_rule_1_4_the_same_scenario_seed_and_actions_give_the_same_game() -> None:
    """1.4 Chance. A game is its scenario, its seed and the list of actions taken. The same three
    always give the same game. Chance (events, detection, outcomes of moves) comes only from the
    seed."""
    first, actions = _run_scripted(7)
    sc = make(_chancy_doc())
    # replay the recorded actions; the global generators are disturbed to show they are not read
    random.seed(12345)
    np.random.seed(54321)
    rng = np.random.default_rng(7)
    again = new_game(sc, 7, rng)
    for action in actions:
        np.random.random()
        random.random()
        again, _ = apply(again, action, rng)
    assert fingerprint(again) == fingerprint(first)
    # the seed is the only source of chance: over a few seeds the chancy parts differ
    games = {fingerprint(_run_scripted(seed)[0])[0] for seed in range(12)}
    assert len(games) > 1


# ---------------------------------------------------------------------------------------------
# 2. News


@pytest.mark.parametrize(
    ("fields", "turns"),
    [
        ({"turn": 1}, [1]),
        ({"turn": 2}, [2]),
        ({"turn": 3}, [3]),
        ({"date": "2020-01-01"}, [1]),
        ({"date": "2020-01-14"}, [2]),  # day 13 of a calendar of 7-day turns: turn 2
        ({"date": "2020-01-15"}, [3]),
        ({"turn": 2, "chance": 1.0}, [2]),
        ({"turn": 2, "chance": 0.0}, []),
        ({"date": "2020-01-08", "chance": 0.0}, []),
    ],
)
def test_rule_2_1_scheduled_events_happen_on_their_turn_or_date(fields: dict, turns: list[int]) -> None:
    """2.1 Scheduled events happen on their turn (or date), each with its chance."""
    doc = table()
    doc["events"] = [event("summit", effects=["x += 1"], **fields)]
    state, rng = start(doc)
    state = play_out(state, rng)
    assert news_turns(state, "summit") == turns
    assert state.happened.get("summit", 0) == len(turns)
    assert state.indicators["x"] == 50 + len(turns)


def test_rule_2_1_a_scheduled_event_with_an_even_chance_depends_on_the_seed() -> None:
    """2.1 Scheduled events happen on their turn (or date), each with its chance."""
    doc = table()
    doc["events"] = [event("summit", turn=1, chance=0.5)]
    sc = make(doc)
    happened = {
        new_game(sc, seed, np.random.default_rng(seed)).happened.get("summit", 0) for seed in range(20)
    }
    assert happened == {0, 1}


@pytest.mark.parametrize(
    ("fields", "turns"),
    [
        ({"trigger": "turn >= 1"}, [1]),  # checked at the start of turn 1 too
        ({"trigger": "turn >= 2"}, [2]),  # happens only once by default
        ({"trigger": "turn >= 2", "repeat": False}, [2]),
        ({"trigger": "turn >= 2", "repeat": True}, [2, 3]),
        ({"trigger": "turn >= 1", "repeat": True}, [1, 2, 3]),
        ({"trigger": "x > 60", "repeat": True}, []),  # the condition never holds
        ({"trigger": "turn >= 1", "repeat": True, "chance": 0.0}, []),
        ({"trigger": "turn >= 1", "repeat": True, "chance": 1.0}, [1, 2, 3]),
        ({"trigger": "x >= 54", "repeat": True}, [3]),  # made true by turn 2's resolution
        ({"trigger": "pact >= 1"}, [2]),  # the pact is agreed during turn 1
    ],
)
def test_rule_2_2_triggered_events_happen_when_their_condition_holds(fields: dict, turns: list[int]) -> None:
    """2.2 Triggered events happen when their condition holds at the start of a turn, each with
    its chance; most happen only once, some can repeat."""
    doc = table()
    doc["events"] = [event("unrest", **fields)]
    state, rng = start(doc)
    # the pact (x += 2 each turn) is agreed in turn 1: x is 52 after turn 1, 54 after turn 2
    state = play(state, rng, Propose("a", ("b",), PACT_WEAK), EndPhase("a"), Accept("b", 1))
    state = play_out(state, rng)
    assert news_turns(state, "unrest") == turns
    assert state.happened.get("unrest", 0) == len(turns)


def test_rule_2_2_triggered_events_see_the_scheduled_news_of_the_same_turn() -> None:
    """2.2 Triggered events happen when their condition holds at the start of a turn, each with
    its chance; most happen only once, some can repeat. (resolve.news: "Fire the events of the
    current turn, scheduled first, in file order.")"""
    doc = table()
    doc["events"] = [event("cheer", trigger="x >= 60"), event("boom", turn=1, effects=["x += 20"])]
    state, _ = start(doc)
    assert [e.ref for e in state.log if e.kind == "news"] == ["boom", "cheer"]


def test_rule_2_3_events_move_indicators_trust_and_private_stances() -> None:
    """2.3 What events do. An event can move indicators, change trust between actors, and change
    an actor's private stance (what it wants, or how much it cares). Its headline appears in the
    news for everyone."""
    doc = table()
    doc["events"] = [
        event(
            "scandal",
            turn=2,
            effects=["x += 10", "y -= 5"],
            trust=[{"actor": "b", "toward": "a", "delta": -15}, {"actor": "c", "toward": "a", "delta": 5}],
            stances=[
                {"actor": "b", "move": "pact", "ideal": "strong", "salience": 0.3},
                {"actor": "c", "move": "aid", "salience": 0.9},
                {"actor": "b", "move": "aid", "salience": -1.0},
            ],
        ),
    ]
    state, rng = start(doc)
    before = state
    state = run_turn(state, rng)
    assert state.turn == 2
    assert state.indicators == {"x": 60.0, "y": 45.0}
    assert {(c.indicator, c.cause.kind, c.cause.id) for c in state.changes} == {
        ("x", "event", "scandal"),
        ("y", "event", "scandal"),
    }
    assert state.trust["b"]["a"] == 35.0 and state.trust["c"]["a"] == 55.0
    assert state.trust["a"] == before.trust["a"]  # nobody else's trust moved
    b_pact = state.stances["b"]["pact"]
    assert (b_pact.ideal, b_pact.salience) == (2, 0.9)
    assert state.stances["c"]["aid"].salience == 1.0  # kept within 0..1
    assert state.stances["b"]["aid"].salience == 0.0
    assert state.stances["a"] == before.stances["a"]
    assert state.public["b"]["pact"] == 1  # the public position does not move with the stance
    news = [e for e in state.log if e.kind == "news"]
    assert [(e.text, e.visible) for e in news] == [("News: scandal", None)]
    for who in "abc":
        assert any(e.kind == "news" and e.ref == "scandal" for e in observe(state, who).log)
    assert observe(state, "b").stances["pact"].ideal == 2
