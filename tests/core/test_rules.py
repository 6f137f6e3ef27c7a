"""The rules of docs/rules.md, one test (or table) per rule, named after it.

Each test's docstring is the text of its rule. The cases use the small table of
``tests/core/scenarios.py`` (seats a, b, c; indicators x and y; joint moves ``pact`` and
``aid``), changed as each rule needs, so the right answer can be worked out by hand.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import random
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from game.core.actions import (
    Accept,
    Action,
    ChooseMove,
    Counter,
    EndPhase,
    Message,
    Propose,
    Reject,
    SetCompliance,
    Statement,
    action_from_json,
    action_to_json,
)
from game.core.errors import IllegalActionError
from game.core.observe import observe
from game.core.resolve import CALENDAR_ENDING, ending_of
from game.core.rules import apply, check, legal_actions, new_game
from game.core.scoring import nash_solution, score, shared_outcome
from game.core.state import State
from tests.core.scenarios import (
    actor,
    duty,
    end_until,
    ending,
    event,
    finish_turn,
    joint_move,
    make,
    play,
    run_turn,
    stance,
    start,
    table,
    to_actions,
    unilateral,
    variant,
)

PACT_WEAK = (("pact", 1),)
PACT_STRONG = (("pact", 2),)


def news_turns(state: State, event_id: str) -> list[int]:
    """The turns on which an event made the news."""
    return [e.turn for e in state.log if e.kind == "news" and e.ref == event_id]


def play_out(state: State, rng: np.random.Generator) -> State:
    """End every phase until the game is over."""
    return end_until(state, rng, phase="over")


def kinds(state: State, since: int = 0) -> list[str]:
    return [e.kind for e in state.log[since:]]


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


def _fingerprint(state: State) -> tuple:
    return (
        state.log,
        state.changes,
        state.trust_changes,
        state.indicators,
        state.trust,
        state.series,
        state.agreements,
        state.ending,
    )


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
    assert _fingerprint(again) == _fingerprint(first)
    # the seed is the only source of chance: over a few seeds the chancy parts differ
    games = {_fingerprint(_run_scripted(seed)[0])[0] for seed in range(12)}
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


# ---------------------------------------------------------------------------------------------
# 3. Diplomacy


@pytest.mark.parametrize("rounds", [1, 2, 3])
def test_rule_3_1_every_seat_speaks_in_order_each_round(rounds: int) -> None:
    """3.1 Rounds. Diplomacy has a few rounds (usually 2). In each round every seat, in order,
    gets a turn to speak; it ends its turn when it is done."""
    doc = table()
    doc["rules"] = {"rounds": rounds}
    state, rng = start(doc)
    speakers = []
    while state.phase == "diplomacy":
        speakers.append((state.round, state.to_move))
        # speaking does not end the slot: only EndPhase does
        state = play(state, rng, Statement(state.to_move, "pact", 0))
        speakers.append((state.round, state.to_move))
        state = play(state, rng, EndPhase(state.to_move))
    assert speakers == [(r, who) for r in range(1, rounds + 1) for who in "abc" for _ in range(2)]
    assert state.phase == "actions"


def _b_holding_a_proposal(actions: int = 3) -> tuple[State, np.random.Generator]:
    """b to speak in round 1, with a's proposal #1 (the weak pact) before it."""
    doc = table()
    doc["rules"] = {"diplomatic_actions": actions}
    state, rng = start(doc)
    return play(state, rng, Propose("a", ("b", "c"), PACT_WEAK), EndPhase("a")), rng


@pytest.mark.parametrize(
    "action",
    [
        Propose("b", ("c",), (("aid", 1),)),
        Counter("b", 1, PACT_STRONG),
        Statement("b", "pact", 2),
        Message("b", "c", "aid", 1),
    ],
    ids=["propose", "counter", "statement", "message"],
)
@pytest.mark.parametrize("budget", [1, 3])
def test_rule_3_2_each_diplomatic_action_costs_one(action: Action, budget: int) -> None:
    """3.2 Diplomatic actions. Each turn you have a few diplomatic actions (usually 3). Each of
    these costs one: Propose a deal, Counter-propose, Public statement, Back-channel message."""
    state, rng = _b_holding_a_proposal(budget)
    assert state.budget["b"] == budget
    state = play(state, rng, action)
    assert state.budget["b"] == budget - 1
    if budget == 1:
        with pytest.raises(IllegalActionError, match="Actor B has no diplomatic actions left this turn"):
            check(state, Statement("b", "pact", 0))
        assert not any(
            isinstance(x, (Propose, Counter, Statement, Message)) for x in legal_actions(state, "b")
        )
    # the budget is per turn
    state = run_turn(state, rng)
    assert state.budget == {"a": budget, "b": budget, "c": budget}


def test_rule_3_2_a_proposal_goes_to_every_needed_party_and_changes_something() -> None:
    """3.2 Propose a deal: one variant of one or more joint moves, sent to one or more actors. A
    proposal must go to every actor whose consent its moves need (the game adds them for you in
    the proposal builder). It must change something that is in force."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}
    state, _ = start(doc)
    with pytest.raises(IllegalActionError, match=r"needs the consent of Actor B: add them"):
        check(state, Propose("a", ("c",), PACT_STRONG))
    with pytest.raises(IllegalActionError, match=r"needs the consent of Actor C: add them"):
        check(state, Propose("a", ("b",), (("aid", 1),)))
    with pytest.raises(IllegalActionError, match=r"needs the consent of Actor C: add them"):
        check(state, Propose("a", ("b",), (("aid", 1), ("pact", 2))))
    with pytest.raises(IllegalActionError, match="the deal changes nothing that is in force"):
        check(state, Propose("a", ("b",), PACT_WEAK))
    # one change among the terms is enough
    check(state, Propose("a", ("b", "c"), (("aid", 1), ("pact", 1))))
    # a mediator may propose a deal it has no say in, to the parties that have
    check(state, Propose("a", ("b", "c"), (("aid", 1),)))
    check(state, Propose("a", ("b",), PACT_STRONG))


def test_rule_3_2_counter_statement_and_message() -> None:
    """3.2 Counter-propose: refuse a proposal made to you and send other terms back to its sender
    and the other parties. Public statement: say which variant of a joint move you support.
    Everyone sees it, and it becomes your public position. Back-channel message: tell one actor,
    privately, which variant you could live with, and optionally warn them of a unilateral move
    you are able to make. No one else sees it."""
    doc = table()
    doc["unilateral_moves"] = [unilateral("walk_out", ["b"])]
    state, rng = start(doc)
    state = play(state, rng, Propose("a", ("b", "c"), PACT_WEAK), EndPhase("a"))
    state = play(state, rng, Counter("b", 1, PACT_STRONG))
    first, second = state.proposals
    assert first.status == "refused" and first.answer_of("b") == "counter"
    assert (second.sender, second.to, second.terms, second.counter_of, second.status) == (
        "b",
        ("a", "c"),
        PACT_STRONG,
        1,
        "open",
    )
    state = play(state, rng, Statement("b", "aid", 0))
    assert state.public["b"]["aid"] == 0
    assert observe(state, "c").actor_view("b").public["aid"] == 0
    assert state.log[-1].kind == "statement" and state.log[-1].visible is None
    state = play(state, rng, Message("b", "a", "pact", 1, warn="walk_out"))
    note = state.notes[-1]
    assert (note.sender, note.to, note.move, note.level, note.warn) == ("b", "a", "pact", 1, "walk_out")
    assert state.log[-1].kind == "message" and state.log[-1].visible == frozenset({"a", "b"})
    assert "Walk Out" in state.log[-1].text
    assert not observe(state, "c").notes
    assert all(e.kind != "message" for e in observe(state, "c").log)


def test_rule_3_2_a_counter_with_the_same_terms_in_another_order_is_refused() -> None:
    """3.2 Counter-propose: refuse a proposal made to you and send other terms back to its sender
    and the other parties."""
    state, rng = start(table())
    state = play(state, rng, Propose("a", ("b", "c"), (("aid", 1), ("pact", 1))), EndPhase("a"))
    with pytest.raises(IllegalActionError, match="a counter-proposal must change the terms"):
        check(state, Counter("b", 1, (("pact", 1), ("aid", 1))))


def test_rule_1_4_a_deal_gives_the_same_game_whatever_the_order_of_its_terms() -> None:
    """1.4 Chance. A game is its scenario, its seed and the list of actions taken. The same three
    always give the same game."""
    state, rng = start(table())
    deal = Propose("a", ("b", "c"), (("pact", 1), ("aid", 1)))
    played = play(state, rng, deal)
    replayed = play(state, rng, action_from_json(action_to_json(deal)))
    assert played.proposals == replayed.proposals and played.log == replayed.log


def test_rule_3_3_answering_is_free() -> None:
    """3.3 Answering is free. Accepting or rejecting a proposal made to you costs nothing."""
    doc = table()
    doc["rules"] = {"diplomatic_actions": 1}
    state, rng = start(doc)
    state = play(state, rng, Propose("a", ("b", "c"), (("aid", 1), ("pact", 1))), EndPhase("a"))
    state = play(state, rng, Statement("b", "pact", 1))
    assert state.budget["b"] == 0
    assert Accept("b", 1) in legal_actions(state, "b")
    state = play(state, rng, Accept("b", 1), EndPhase("b"))
    assert state.budget["b"] == 0
    state = play(state, rng, Reject("c", 1))
    assert state.budget["c"] == 1
    assert state.proposal(1).status == "refused"


def test_rule_3_4_deal_becomes_agreement_only_with_every_consent() -> None:
    """3.4 Deals become agreements only with every consent. A deal becomes an agreement the moment
    every actor whose consent its moves need has accepted it (the sender counts as accepting). If
    one of them rejects or counters, the proposal is refused."""
    # two moves needing a, b and c: no agreement until the last needed party accepts
    state, rng = start(table())
    both = (("aid", 1), ("pact", 1))
    state = play(state, rng, Propose("a", ("b", "c"), both), EndPhase("a"))
    assert state.proposal(1).needed == ("a", "b", "c")
    state = play(state, rng, Accept("b", 1))
    assert not state.agreements and state.proposal(1).status == "open"
    state = play(state, rng, EndPhase("b"), Accept("c", 1))
    assert state.proposal(1).status == "agreed"
    assert set(state.agreements) == {"pact", "aid"}
    pact = state.agreements["pact"]
    assert (pact.level, pact.parties, pact.since, pact.suspended, pact.proposal) == (
        1,
        ("a", "b"),
        1,
        False,
        1,
    )
    assert state.agreements["aid"].parties == ("b", "c")
    assert state.log[-1].kind == "agreement" and state.log[-1].visible is None


@pytest.mark.parametrize("refusal", ["reject", "counter"])
def test_rule_3_4_one_refusal_by_a_needed_party_refuses_the_deal(refusal: str) -> None:
    """3.4 ... If one of them rejects or counters, the proposal is refused."""
    state, rng = start(table())
    state = play(state, rng, Propose("a", ("b", "c"), (("aid", 1), ("pact", 1))), EndPhase("a"))
    state = play(state, rng, Accept("b", 1), EndPhase("b"))
    answer = Reject("c", 1) if refusal == "reject" else Counter("c", 1, (("aid", 1), ("pact", 2)))
    state = play(state, rng, answer)
    assert state.proposal(1).status == "refused"
    assert not state.agreements
    with pytest.raises(IllegalActionError, match="proposal #1 is not open"):
        check(state, Accept("c", 1))


def test_rule_3_4_who_counts_as_consenting() -> None:
    """3.4 ... every actor whose consent its moves need has accepted it (the sender counts as
    accepting)."""
    doc = table()
    doc["joint_moves"].append(joint_move("solo", ["a"], [variant("off"), variant("on")]))
    state, rng = start(doc)
    # the sender is the only needed party: its own proposal is already an agreement
    state = play(state, rng, Propose("a", ("b",), (("solo", 1),)))
    assert state.proposal(1).status == "agreed" and state.agreements["solo"].parties == ("a",)
    # a recipient whose consent is not needed cannot refuse the deal
    state = play(state, rng, Propose("a", ("b", "c"), PACT_WEAK), EndPhase("a"), EndPhase("b"))
    state = play(state, rng, Reject("c", 2), EndPhase("c"))
    assert state.proposal(2).status == "open"
    state = play(state, rng, EndPhase("a"), Accept("b", 2))
    assert state.proposal(2).status == "agreed" and state.agreements["pact"].level == 1
    # a mediator's deal needs both parties but not the mediator's own say
    state = play(state, rng, EndPhase("b"), Propose("c", ("a", "b"), PACT_STRONG), EndPhase("c"))
    state = play(state, rng, Accept("a", 3))
    assert state.agreements["pact"].level == 1
    state = play(state, rng, EndPhase("a"), Accept("b", 3))
    assert state.agreements["pact"].level == 2 and state.proposal(3).needed == ("a", "b")


def test_rule_3_5_agreements_replace_what_was_in_force() -> None:
    """3.5 Agreements replace what was in force. An agreement puts its variants in force,
    replacing any earlier agreement on the same moves. Agreeing to a move's status quo variant ends
    the agreement on that move. Proposals that would no longer change anything lapse."""
    doc = table()
    doc["in_force"] = {"aid": "some"}
    state, rng = start(doc)
    assert state.agreements["aid"].since == 0 and state.agreements["aid"].proposal is None
    state = play(state, rng, Propose("a", ("b",), PACT_WEAK), EndPhase("a"))
    state = play(
        state,
        rng,
        Propose("b", ("a",), PACT_WEAK),
        Propose("b", ("a",), PACT_STRONG),
        Propose("b", ("c",), (("aid", 0),)),
    )
    state = play(state, rng, Accept("b", 1))
    assert state.agreements["pact"].level == 1
    # #2 asked for what is now in force: it lapses; #3 still changes something
    assert [p.status for p in state.proposals] == ["agreed", "expired", "open", "open"]
    state = play(state, rng, EndPhase("b"), EndPhase("c"), Accept("a", 3))
    assert state.agreements["pact"].level == 2 and state.agreements["pact"].proposal == 3
    assert state.level("pact") == 2
    # agreeing to the status quo ends the agreement (here one in force since the start)
    state = play(state, rng, EndPhase("a"), EndPhase("b"), Accept("c", 4))
    assert "aid" not in state.agreements and state.level("aid") == 0
    state = play(state, rng, Propose("c", ("a", "b"), (("pact", 0),)), EndPhase("c"))
    state = play(state, rng, Accept("a", 5))
    assert state.phase == "answers" and state.agreements["pact"].level == 2
    state = play(state, rng, EndPhase("a"), Accept("b", 5))
    assert state.agreements == {} and state.env()["agreements"] == 0


def test_rule_3_6_after_the_last_round_open_proposals_can_still_be_answered() -> None:
    """3.6 Last answers. After the last round, every actor with unanswered proposals may still
    accept or reject them. Proposals still unanswered then lapse."""
    state, rng = start(table())
    state = end_until(state, rng, "diplomacy")
    state = play(state, rng, EndPhase("a"), EndPhase("b"), EndPhase("c"))  # round 1
    state = play(
        state,
        rng,
        Propose("a", ("b",), PACT_WEAK),
        Propose("a", ("b", "c"), PACT_STRONG),
        EndPhase("a"),
        EndPhase("b"),
        EndPhase("c"),
    )
    assert state.phase == "answers" and state.round == 3
    assert state.queue == ("b", "c")  # only those with something to answer, in seat order
    with pytest.raises(IllegalActionError, match="can only be accepted or rejected"):
        check(state, Statement("b", "pact", 1))
    with pytest.raises(IllegalActionError, match="can only be accepted or rejected"):
        check(state, Counter("b", 2, (("pact", 0),)))
    state = play(state, rng, Accept("b", 1), EndPhase("b"), EndPhase("c"))
    assert state.phase == "actions"
    assert state.agreements["pact"].level == 1
    assert state.proposal(2).status == "expired"
    lapsed = [e for e in state.log if e.kind == "expired"]
    assert [(e.ref, e.visible) for e in lapsed] == [("2", frozenset("abc"))]
    # nothing carries over to the next turn
    state = run_turn(state, rng)
    assert not any(p.status == "open" for p in state.proposals)


# ---------------------------------------------------------------------------------------------
# 4. Actions


def _moves_doc() -> dict[str, Any]:
    doc = table()
    doc["in_force"] = {"pact": "weak"}
    doc["unilateral_moves"] = [
        unilateral("push", ["a"], effects=["x += 10"]),
        unilateral("shove", ["a"], effects=["x += 20"]),
    ]
    return doc


def test_rule_4_1_secret_orders_resolve_all_at_once() -> None:
    """4.1 Secret orders. Each seat secretly chooses at most one unilateral move, and for each
    agreement that obliges it, whether to keep or break its duties. No one sees these choices
    until they resolve, all at once."""
    state, rng = start(_moves_doc())
    state = to_actions(state, rng)
    log_before = len(state.log)
    state = play(
        state, rng, ChooseMove("a", "push"), ChooseMove("a", "shove"), SetCompliance("a", "pact", False)
    )
    assert state.orders["a"].move == "shove" and state.orders["a"].breaks == frozenset({"pact"})
    state = play(
        state, rng, SetCompliance("a", "pact", True), SetCompliance("a", "pact", False), EndPhase("a")
    )
    with pytest.raises(IllegalActionError, match="no agreement in force obliges Actor C on 'pact'"):
        check(play(state, rng, EndPhase("b")), SetCompliance("c", "pact", False))
    state = play(state, rng, EndPhase("b"))
    # nothing has happened yet, and no one else can see a's choices
    assert len(state.log) == log_before and state.indicators == {"x": 50.0, "y": 50.0}
    for other in "bc":
        obs = observe(state, other)
        assert obs.move_choice is None and obs.breaking == frozenset()
        assert "shove" not in repr(obs.log) and "pact" not in obs.breaking
    assert observe(state, "a").move_choice == "shove" and observe(state, "a").breaking == {"pact"}
    state = play(state, rng, EndPhase("c"))
    # one move only (the last chosen), and the breach, resolved together
    assert state.made == {"shove": 1}
    assert [e.kind for e in state.log[log_before:]][:2] == ["move", "violation"]
    assert state.turn == 2


def _availability_doc() -> dict[str, Any]:
    doc = table()
    doc["actors"][0]["capital"] = 5
    doc["actors"][0]["capital_per_turn"] = 0
    doc["unilateral_moves"] = [
        unilateral("b_only", ["b"]),
        unilateral("needs_high_x", ["a"], precondition="x > 60"),
        unilateral("dear", ["a"], cost=6),
        unilateral("cheap", ["a"], cost=5),
        unilateral("once", ["a", "b"], limit=1),
        unilateral("walk_out", ["a"], agreement={"suspend": "pact"}),
        unilateral("walk_back", ["a"], agreement={"restore": "pact"}),
    ]
    return doc


@pytest.mark.parametrize(
    ("move", "why"),
    [
        ("b_only", "Actor A cannot make this move"),
        ("needs_high_x", "needs x > 60"),
        ("dear", "needs 6 political capital, has 5"),
        ("walk_out", "there is no agreement in force to suspend"),
        ("walk_back", "there is no suspended agreement to restore"),
        ("nothing", "'nothing' is not a unilateral move"),
    ],
)
def test_rule_4_2_unilateral_moves_need_actor_precondition_capital_limit_and_agreement(
    move: str, why: str
) -> None:
    """4.2 Unilateral moves. A move can be made only by the actors it names, only while its
    precondition holds, only if you have the political capital it costs, and no more often than
    its limit. Moves that suspend an agreement need an agreement in force; moves that restore one
    need a suspended agreement."""
    state, rng = start(_availability_doc())
    state = to_actions(state, rng)
    with pytest.raises(IllegalActionError, match=re.escape(why)):
        check(state, ChooseMove("a", move))
    assert ChooseMove("a", move) not in legal_actions(state, "a")
    assert {x.move for x in legal_actions(state, "a") if isinstance(x, ChooseMove)} == {None, "cheap", "once"}


def test_rule_4_2_moves_open_up_when_their_conditions_hold() -> None:
    """4.2 Unilateral moves. A move can be made only by the actors it names, only while its
    precondition holds, only if you have the political capital it costs, and no more often than
    its limit. Moves that suspend an agreement need an agreement in force; moves that restore one
    need a suspended agreement."""
    doc = _availability_doc()
    doc["in_force"] = {"pact": "weak"}
    doc["indicators"][0]["start"] = 61
    state, rng = start(doc)
    state = to_actions(state, rng)
    open_moves = {x.move for x in legal_actions(state, "a") if isinstance(x, ChooseMove)}
    assert open_moves == {None, "needs_high_x", "cheap", "once", "walk_out"}
    # the limit counts per actor: after a's once, a may not, b still may
    state = finish_turn(state, rng, a=[ChooseMove("a", "once")])
    state = to_actions(state, rng)
    with pytest.raises(IllegalActionError, match=re.escape("already made 1 time(s), the most allowed")):
        check(state, ChooseMove("a", "once"))
    state = play(state, rng, ChooseMove("a", "walk_out"), EndPhase("a"))
    check(state, ChooseMove("b", "once"))
    state = finish_turn(state, rng)
    assert state.agreements["pact"].suspended
    state = to_actions(state, rng)
    check(state, ChooseMove("a", "walk_back"))
    with pytest.raises(IllegalActionError, match="no agreement in force to suspend"):
        check(state, ChooseMove("a", "walk_out"))


# ---------------------------------------------------------------------------------------------
# 5. Resolution


def test_rule_5_1_moves_resolve_first_in_seat_order() -> None:
    """5.1 Moves first. Unilateral moves resolve in seat order: the mover pays the capital, the
    effects apply, other actors' trust in the mover changes, agreements are suspended or
    restored, and then at most one of the move's chance outcomes happens."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}
    doc["unilateral_moves"] = [
        unilateral(
            "raid",
            ["a"],
            cost=4,
            effects=["x += 10"],
            trust={"b": -15, "c": 5},
            agreement={"suspend": "pact"},
            outcomes=[
                {"chance": 1.0, "headline": "Raid praised", "effects": ["x = x * 2"], "trust": {"c": 10}}
            ],
        ),
        unilateral("halve", ["b", "c"], effects=["x = x / 2"]),
    ]
    state, rng = start(doc)
    state = to_actions(state, rng)
    mark = len(state.log)
    state = finish_turn(state, rng, a=[ChooseMove("a", "raid")], b=[ChooseMove("b", "halve")])
    # a first: (50 + 10) * 2 = 120 -> 100 (bounded); then b halves: 50. The suspended pact adds nothing.
    assert [(c.cause.kind, c.cause.id, c.after) for c in state.changes] == [
        ("move", "raid", 60.0),
        ("outcome", "raid", 100.0),
        ("move", "halve", 50.0),
    ]
    assert kinds(state, mark) == ["move", "suspended", "outcome", "move"]
    assert state.log[mark].text == "Actor A makes raid"
    assert state.log[mark + 2].text == "Raid praised"
    assert state.capital["a"] == 10 - 4 + 3 and state.capital["b"] == 13
    assert state.trust["b"]["a"] == 35.0 and state.trust["c"]["a"] == 65.0
    assert state.trust["a"]["b"] == 50.0  # b kept nothing: the pact was suspended before duties
    assert state.agreements["pact"].suspended and state.level("pact") == 0
    assert state.made == {"raid": 1, "halve": 1} and state.made_by == {"a/raid": 1, "b/halve": 1}


def test_rule_5_1_an_outcome_headline_names_the_mover() -> None:
    """5.1 ... and then at most one of the move's chance outcomes happens. (docs/authoring.md: an
    outcome's headline has {actor} replaced by the mover's name, as a move's headline does.)"""
    doc = table()
    doc["unilateral_moves"] = [
        unilateral(
            "boast",
            ["b"],
            outcomes=[{"chance": 1.0, "headline": "{actor} is praised", "effects": ["x += 1"]}],
        )
    ]
    state, rng = start(doc)
    state = run_turn(state, rng, b=[ChooseMove("b", "boast")])
    outcome = next(e for e in state.log if e.kind == "outcome")
    change = next(c for c in state.changes if c.cause.kind == "outcome")
    assert outcome.text == "Actor B is praised"
    assert change.cause.text == "Actor B is praised"


@pytest.mark.parametrize(
    ("chances", "possible"),
    [
        ((1.0,), {"first"}),
        ((0.0,), {"none"}),
        ((0.0, 1.0), {"second"}),
        ((0.5, 0.5), {"first", "second"}),
        ((0.3, 0.3), {"first", "second", "none"}),
    ],
)
def test_rule_5_1_at_most_one_chance_outcome(chances: tuple[float, ...], possible: set[str]) -> None:
    """5.1 ... and then at most one of the move's chance outcomes happens."""
    doc = table()
    names = ["first", "second"]
    doc["unilateral_moves"] = [
        unilateral(
            "gamble",
            ["a"],
            outcomes=[
                {"chance": p, "headline": names[i], "effects": [f"x += {i + 1}"]}
                for i, p in enumerate(chances)
            ],
        )
    ]
    sc = make(doc)
    seen = set()
    for seed in range(40):
        state, rng = start(sc, seed)
        state = run_turn(state, rng, a=[ChooseMove("a", "gamble")])
        outcomes = [e.text for e in state.log if e.kind == "outcome"]
        assert len(outcomes) <= 1
        seen.add(outcomes[0] if outcomes else "none")
    assert seen == possible


RULE_VARIANTS = [
    {},
    {"trust_gain_kept": 7.5, "trust_loss_detected": 30},
    {"trust_gain_kept": 0, "trust_loss_detected": 0},
]


@pytest.mark.parametrize("rules", RULE_VARIANTS)
def test_rule_5_2_keeping_your_word_earns_trust(rules: dict) -> None:
    """5.2 Keeping your word. Every obliged party that keeps its duties gains trust (usually +3)
    with each other party to the agreement."""
    gain = rules.get("trust_gain_kept", 3.0)
    doc = table()
    doc["rules"] = rules
    doc["in_force"] = {"pact": "weak", "aid": "some"}
    state, rng = start(doc)
    state = run_turn(state, rng)
    # weak obliges a and b (each other's party); aid obliges c, with b as the other party
    assert state.trust["a"] == {"b": 50 + gain, "c": 50.0}
    assert state.trust["b"] == {"a": 50 + gain, "c": 50 + gain}
    assert state.trust["c"] == {"a": 50.0, "b": 50.0}
    # the strong pact obliges a only: b's trust in a rises, a's in b does not
    doc["in_force"] = {"pact": "strong"}
    state, rng = start(doc)
    state = run_turn(state, rng)
    assert state.trust["b"]["a"] == 50 + gain and state.trust["a"]["b"] == 50.0


def _breach_doc(rules: dict, monitoring: float = 0.0, aid_monitoring: float | None = None) -> dict[str, Any]:
    doc = table()
    doc["rules"] = rules
    doc["joint_moves"][0]["variants"][1]["monitoring"] = monitoring
    doc["in_force"] = {"pact": "weak"}
    if aid_monitoring is not None:
        doc["joint_moves"][1]["variants"][1]["monitoring"] = aid_monitoring
        doc["in_force"]["aid"] = "some"
    return doc


@pytest.mark.parametrize("rules", RULE_VARIANTS)
@pytest.mark.parametrize(
    ("base", "monitoring", "aid_monitoring"),
    [
        (0.0, 1.0, None),  # the pact's own observers
        (1.0, 0.0, None),  # certain without any observer
        (0.5, 0.7, None),  # the sum is capped at certainty
        (0.0, 0.0, 1.0),  # observers of another agreement see it too
    ],
)
def test_rule_5_3_a_detected_breach_costs_trust_and_the_agreement(
    rules: dict, base: float, monitoring: float, aid_monitoring: float | None
) -> None:
    """5.3 Breaking your word. A party that breaks its duties causes the duty's violation effects
    (every time, seen or not). The breach is detected with a chance of the base detection (usually
    30%) plus the monitoring of every agreement in force (observers make cheating visible), up to
    certainty. A detected breach costs the breaker trust (usually −20) with every other party, and
    half as much with everyone else, and the agreement collapses."""
    loss = rules.get("trust_loss_detected", 20.0)
    gain = rules.get("trust_gain_kept", 3.0)
    doc = _breach_doc({**rules, "base_detection": base}, monitoring, aid_monitoring)
    for seed in range(5):
        state, rng = start(doc, seed)
        state = to_actions(state, rng)
        mark = len(state.log)
        state = finish_turn(state, rng, a=[SetCompliance("a", "pact", False)])
        assert "pact" not in state.agreements  # collapsed: no +2 for x this turn
        assert state.indicators["x"] == 45.0  # the violation: x -= 5
        assert state.trust["b"]["a"] == 50 - loss
        assert state.trust["c"]["a"] == 50 - loss / 2
        assert state.trust["a"]["b"] == 50 + gain  # b kept its duties
        found = kinds(state, mark)
        assert found[:2] == ["violation", "detected"] and "collapsed" in found
        detected = state.log[mark + 1]
        assert detected.visible is None and "a does its part" in detected.text


@pytest.mark.parametrize("rules", RULE_VARIANTS)
def test_rule_5_3_an_undetected_breach_stays_secret(rules: dict) -> None:
    """5.3 ... An undetected breach stays secret: the others see indicators move for reasons
    unknown to them, and, believing the breaker kept its word, trust it a little more as usual."""
    gain = float(rules.get("trust_gain_kept", 3.0))
    doc = _breach_doc({**rules, "base_detection": 0.0})
    for seed in range(5):
        state, rng = start(doc, seed)
        for turn in (1, 2, 3):
            state = run_turn(
                state, rng, a=[SetCompliance("a", "pact", False)], b=[SetCompliance("b", "pact", False)]
            )
            assert state.agreements["pact"].level == 1  # no collapse
        # the violation effects every time, seen or not: x -5 +2 and y +5 each turn
        assert state.indicators == {"x": 41.0, "y": 65.0}
        assert state.trust == {
            "a": {"b": 50.0 + 3 * gain, "c": 50.0},
            "b": {"a": 50.0 + 3 * gain, "c": 50.0},
            "c": {"a": 50.0, "b": 50.0},
        }
        assert not any(e.kind in ("detected", "collapsed") for e in state.log)
        violations = [e for e in state.log if e.kind == "violation"]
        assert len(violations) == 6 and all(e.visible == frozenset({e.actor}) for e in violations)
        hidden = [c for c in observe(state, "c").changes if c.cause.kind != "agreement"]
        assert len(hidden) == 6 and all(c.cause.text == "causes not known to you" for c in hidden)


def test_rule_5_3_detection_is_a_matter_of_chance() -> None:
    """5.3 ... The breach is detected with a chance of the base detection (usually 30%) plus the
    monitoring of every agreement in force ..., up to certainty."""
    sc = make(_breach_doc({"base_detection": 0.2}, monitoring=0.3))
    detected = 0
    for seed in range(200):
        state, rng = start(sc, seed)
        state = run_turn(state, rng, a=[SetCompliance("a", "pact", False)])
        detected += "pact" not in state.agreements
    assert 70 <= detected <= 130  # 50% of 200


def test_rule_5_4_agreements_work_every_turn() -> None:
    """5.4 Agreements work every turn. Each agreement still in force (not suspended) applies its
    variant's effects at the end of every turn."""
    doc = table()
    doc["in_force"] = {"pact": "weak", "aid": "some"}
    doc["unilateral_moves"] = [
        unilateral("walk_out", ["b"], agreement={"suspend": "aid"}),
        unilateral("walk_back", ["b"], agreement={"restore": "aid"}),
    ]
    state, rng = start(doc)
    state = run_turn(state, rng)
    state = run_turn(state, rng, b=[ChooseMove("b", "walk_out")])
    state = run_turn(state, rng, b=[ChooseMove("b", "walk_back")])
    assert state.phase == "over"
    assert [s["x"] for s in state.series] == [50, 52, 54, 56]
    assert [s["y"] for s in state.series] == [50, 51, 51, 52]  # suspended in turn 2
    causes = [(c.turn, c.cause.kind, c.cause.id) for c in state.changes]
    assert causes == [
        (1, "agreement", "pact"),
        (1, "agreement", "aid"),
        (2, "agreement", "pact"),
        (3, "agreement", "pact"),
        (3, "agreement", "aid"),
    ]


def test_rule_5_5_indicators_and_trust_stay_within_bounds() -> None:
    """5.5 Bounds. Indicators never leave their range; trust stays between 0 and 100."""
    doc = table()
    doc["indicators"].append({"id": "z", "label": "Z", "min": -10, "max": 10, "start": 0, "good": "low"})
    doc["events"] = [
        event(
            "boom",
            turn=1,
            effects=["x += 1000", "y -= 1000", "z = z - 1e6"],
            trust=[
                {"actor": "a", "toward": "b", "delta": 100},
                {"actor": "b", "toward": "a", "delta": -100},
                {"actor": "c", "toward": "a", "delta": 60},
            ],
        ),
        event(
            "bust",
            turn=2,
            effects=["x = x * -3", "y = 1e9", "z += 10.5 * 3"],
            trust=[{"actor": "a", "toward": "b", "delta": 100}, {"actor": "c", "toward": "a", "delta": -5}],
        ),
    ]
    state, rng = start(doc)
    assert state.indicators == {"x": 100.0, "y": 0.0, "z": -10.0}
    assert state.trust["a"]["b"] == 100.0 and state.trust["b"]["a"] == 0.0 and state.trust["c"]["a"] == 100.0
    state = run_turn(state, rng)
    assert state.indicators == {"x": 0.0, "y": 100.0, "z": 10.0}
    assert state.trust["a"]["b"] == 100.0 and state.trust["c"]["a"] == 95.0
    for change in state.changes:
        ind = state.scenario.indicator(change.indicator)
        assert ind.min <= change.after <= ind.max


def test_rule_5_6_capital_regained_each_turn_at_most_100() -> None:
    """5.6 Capital. Every actor regains some political capital each turn (at most 100)."""
    doc = table()
    doc["actors"][0].update(capital=95, capital_per_turn=3)
    doc["actors"][1].update(capital=0, capital_per_turn=0)
    doc["actors"][2].update(capital=10, capital_per_turn=40)
    doc["unilateral_moves"] = [unilateral("spend", ["a"], cost=50)]
    state, rng = start(doc)
    seen = []
    for orders in ({}, {"a": [ChooseMove("a", "spend")]}, {}):
        state = run_turn(state, rng, **orders)
        seen.append(dict(state.capital))
    assert seen == [{"a": 98, "b": 0, "c": 50}, {"a": 51, "b": 0, "c": 90}, {"a": 54, "b": 0, "c": 100}]


def test_rule_5_7_every_change_is_recorded_with_its_cause() -> None:
    """5.7 Why things happen. Every change to an indicator is recorded with its cause (an event, a
    move, a chance outcome, an agreement, a breach), and the game shows it."""
    doc = table()
    doc["rules"] = {"base_detection": 0.0}
    doc["in_force"] = {"pact": "weak"}
    doc["events"] = [event("storm", turn=2, effects=["y += 7"])]
    doc["unilateral_moves"] = [
        unilateral(
            "dig",
            ["c"],
            effects=["x -= 3"],
            outcomes=[{"chance": 1.0, "headline": "Oil!", "effects": ["y -= 1"]}],
        )
    ]
    state, rng = start(doc)
    state = run_turn(state, rng, a=[SetCompliance("a", "pact", False)], c=[ChooseMove("c", "dig")])
    state = run_turn(state, rng)
    assert {(c.cause.kind, c.cause.id, c.cause.actor) for c in state.changes} == {
        ("violation", "pact", "a"),
        ("move", "dig", "c"),
        ("outcome", "dig", "c"),
        ("agreement", "pact", None),
        ("event", "storm", None),
    }
    # the changes account for every movement of every indicator, step by step
    value = {i.id: float(i.start) for i in state.scenario.indicators}
    for change in state.changes:
        assert change.before == value[change.indicator]
        value[change.indicator] = change.after
    assert value == state.indicators
    # the game shows each change and why (the breach only to its author: rule 5.3)
    for who in "abc":
        shown = observe(state, who).changes
        assert [(c.indicator, c.before, c.after) for c in shown] == [
            (c.indicator, c.before, c.after) for c in state.changes
        ]
    assert [c.cause for c in observe(state, "a").changes] == [c.cause for c in state.changes]


# ---------------------------------------------------------------------------------------------
# 6. The end


ENDING_TABLE = [
    # endings, in order; the ending reached and the turn it is reached on
    ([ending("first", "x >= 0"), ending("second", "x >= 0"), ending("fallback")], "first", 1),
    ([ending("never", "x > 99"), ending("second", "x >= 0"), ending("fallback")], "second", 1),
    ([ending("late", "x >= 0", at="end"), ending("soon", "y >= 50"), ending("fallback")], "soon", 1),
    ([ending("late", "x >= 0", at="end"), ending("fallback")], "late", 3),
    ([ending("late", "x > 99", at="end"), ending("fallback")], "fallback", 3),
    ([ending("never", "x > 99"), ending("fallback", at="end")], "fallback", 3),
    ([ending("never", "x > 99"), ending("fallback")], "fallback", 3),  # no condition: only at the end
    ([ending("grown", "x >= 54"), ending("fallback")], "grown", 2),  # after turn 2's resolution
    ([ending("turn_two", "turn == 2"), ending("fallback")], "turn_two", 2),
    ([ending("last", "turns_left == 0"), ending("fallback")], "last", 3),
]


@pytest.mark.parametrize(("endings", "reached", "turn"), ENDING_TABLE)
def test_rule_6_1_endings_are_checked_in_order_after_each_resolution(
    endings: list[dict], reached: str, turn: int
) -> None:
    """6.1 Endings. After each resolution, the scenario's endings are checked in order; the first
    whose condition holds ends the game. Some endings are checked only when the calendar runs out;
    an ending with no condition is the one reached when time runs out and nothing else holds."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}  # x: 52, 54, 56 after each turn
    doc["endings"] = endings
    state, rng = start(doc)
    state = play_out(state, rng)
    assert (state.ending, state.turn, state.phase, state.queue) == (reached, turn, "over", ())
    assert state.log[-1].kind == "ending" and state.log[-1].ref == reached
    assert observe(state, "c").ending == reached
    with pytest.raises(IllegalActionError, match="the game is over"):
        check(state, EndPhase("a"))
    assert legal_actions(state, "a") == []


def test_rule_6_2_the_calendar_runs_out_after_the_last_turns_resolution() -> None:
    """6.2 The calendar runs out after the last turn's resolution."""
    doc = table()
    doc["calendar"]["turns"] = 2
    doc["in_force"] = {"pact": "weak"}
    doc["events"] = [event("tick", trigger="turn >= 1", repeat=True)]
    state, rng = start(doc)
    state = run_turn(state, rng)
    assert (state.turn, state.phase, state.ending) == (2, "diplomacy", None)
    state = run_turn(state, rng)
    assert (state.turn, state.phase, state.ending) == (2, "over", "fallback")
    assert state.indicators["x"] == 54.0  # the last turn was resolved in full
    assert len(state.series) == 3 and news_turns(state, "tick") == [1, 2]  # no turn 3 began


def test_rule_6_2_the_calendar_ending_when_no_ending_holds() -> None:
    """6.2 The calendar runs out after the last turn's resolution."""
    doc = table()
    doc["endings"] = [ending("never", "x > 99"), ending("fallback")]
    sc = make(doc)
    # a file always ends with an unconditional ending; without one the engine has its own
    sc = dataclasses.replace(sc, endings=sc.endings[:1])
    state, rng = start(sc)
    state = play_out(state, rng)
    assert (state.turn, state.ending) == (3, "calendar")
    assert ending_of(state) == CALENDAR_ENDING
    assert observe(state, "a").ending_title == CALENDAR_ENDING.title


# ---------------------------------------------------------------------------------------------
# 7. Scores


def test_rule_7_1_your_score_combines_stances_and_goals() -> None:
    """7.1 Your score (0–100) combines how close the joint moves in force are to what your side
    wanted, weighted by how much it cares about each (the scenario's stance_weight, usually 60%),
    and how far the indicators it cares about ended toward the end it wants (the rest)."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}
    doc["indicators"][0]["start"] = 75
    state, _ = start(doc)
    # a: pact one step of two from its ideal (closeness 0.5); x at 75 (0.75)
    assert score(state, "a") == pytest.approx(100 * (0.6 * 0.5 + 0.4 * 0.75))
    # b: pact at its ideal (0.6), aid one step away (0.4 x 0): closeness 0.6; y at 50 wanted low
    assert score(state, "b") == pytest.approx(100 * (0.6 * 0.6 + 0.4 * 0.5))


def test_rule_7_2_the_shared_outcome_is_the_mean_goodness_of_the_indicators() -> None:
    """7.2 The shared outcome (0–100) is how well the world fares: the average of every indicator
    measured toward its good end."""
    doc = table()
    doc["indicators"][0]["start"] = 80  # good high: 0.8
    doc["indicators"][1]["start"] = 10  # good low: 0.9
    state, _ = start(doc)
    assert shared_outcome(state) == pytest.approx(85.0)


def test_rule_7_3_the_nash_deal_maximises_the_product_of_the_parties_gains() -> None:
    """7.3 The deal that was available to all is the Nash bargaining solution: the package of
    joint-move variants that maximises the product of the gains of the parties whose consent it
    needs and who care about its moves ..., among packages that leave every party whose consent
    it needs no worse off than the agreements in force at the start."""
    doc = table()
    doc["actors"][0]["stances"] = {"pact": stance("weak", 1.0)}
    doc["actors"][1]["stances"] = {"pact": stance("strong", 1.0)}
    doc["actors"][2]["stances"] = {}
    deal = nash_solution(make(doc))
    # from none: weak gives a +0.5 and b +0.5 (product 0.25); strong leaves a no better off
    assert deal.levels == {"pact": 1, "aid": 0}
    assert deal.gains == {"a": 0.5, "b": 0.5}
    assert deal.changed == ("pact",)


# ---------------------------------------------------------------------------------------------
# illegal actions, and apply as a pure function


def _start_state() -> tuple[State, np.random.Generator]:
    doc = table()
    doc["rules"] = {"diplomatic_actions": 1}
    doc["in_force"] = {"pact": "weak"}
    doc["unilateral_moves"] = [unilateral("b_only", ["b"]), unilateral("dear", ["a"], cost=11)]
    return start(doc)


def _setup(*actions: Action, phase: str | None = None) -> Callable[[], State]:
    def build() -> State:
        state, rng = _start_state()
        state = play(state, rng, *actions)
        if phase is not None:
            state = end_until(state, rng, phase)
        return state

    return build


ILLEGAL = [
    ("wrong actor's turn", _setup(), Statement("b", "pact", 0), "it is Actor A's turn, not Actor B's"),
    ("not an actor", _setup(), EndPhase("zed"), "'zed' is not an actor"),
    (
        "no budget left",
        _setup(Statement("a", "pact", 0)),
        Message("a", "b", "pact", 1),
        "Actor A has no diplomatic actions left this turn",
    ),
    (
        "recipients missing a needed party",
        _setup(),
        Propose("a", ("c",), PACT_STRONG),
        "the deal needs the consent of Actor B: add them",
    ),
    (
        "proposal to oneself",
        _setup(),
        Propose("a", ("a", "b"), PACT_STRONG),
        "an actor does not send a proposal to itself",
    ),
    (
        "proposal to nobody",
        _setup(),
        Propose("a", (), PACT_STRONG),
        "a proposal goes to one or more different actors",
    ),
    (
        "proposal to an unknown actor",
        _setup(),
        Propose("a", ("b", "zed"), PACT_STRONG),
        "'zed' is not an actor",
    ),
    (
        "proposal changing nothing",
        _setup(),
        Propose("a", ("b",), PACT_WEAK),
        "the deal changes nothing that is in force",
    ),
    ("empty deal", _setup(), Propose("a", ("b",), ()), "a deal needs at least one joint move"),
    ("unknown joint move", _setup(), Propose("a", ("b",), (("peace", 1),)), "'peace' is not a joint move"),
    ("no such variant", _setup(), Propose("a", ("b",), (("pact", 3),)), "Pact has no variant at level 3"),
    (
        "counter with same terms",
        _setup(Propose("a", ("b",), PACT_STRONG), EndPhase("a")),
        Counter("b", 1, PACT_STRONG),
        "a counter-proposal must change the terms",
    ),
    (
        "answering a closed proposal",
        _setup(Propose("a", ("b",), PACT_STRONG), EndPhase("a"), Reject("b", 1)),
        Accept("b", 1),
        "proposal #1 is not open",
    ),
    ("answering a proposal that does not exist", _setup(), Accept("a", 9), "proposal #9 is not open"),
    (
        "answering a proposal made to others",
        _setup(Propose("a", ("b",), PACT_STRONG), EndPhase("a"), EndPhase("b")),
        Accept("c", 1),
        "proposal #1 is not addressed to Actor C",
    ),
    (
        "answering twice",
        _setup(Propose("a", ("b", "c"), (("aid", 1), ("pact", 2))), EndPhase("a"), Accept("b", 1)),
        Reject("b", 1),
        "Actor B has already answered proposal #1",
    ),
    (
        "warning naming a move the sender cannot make",
        _setup(),
        Message("a", "b", "pact", 1, warn="b_only"),
        "a warning must name a move the sender could make: Actor A cannot make this move",
    ),
    (
        "warning naming a move the sender cannot afford",
        _setup(),
        Message("a", "b", "pact", 1, warn="dear"),
        "a warning must name a move the sender could make: needs 11 political capital, has 10",
    ),
    ("message to oneself", _setup(), Message("a", "a", "pact", 1), "a message goes to one other actor"),
    ("statement on an unknown move", _setup(), Statement("a", "peace", 1), "'peace' is not a joint move"),
    ("statement on no such variant", _setup(), Statement("a", "pact", -1), "Pact has no variant at level -1"),
    (
        "move choice during diplomacy",
        _setup(),
        ChooseMove("a", None),
        "that is not an action of the diplomacy phase",
    ),
    (
        "compliance during diplomacy",
        _setup(),
        SetCompliance("a", "pact", False),
        "that is not an action of the diplomacy phase",
    ),
    (
        "proposal during last answers",
        _setup(Propose("a", ("b",), PACT_STRONG), phase="answers"),
        Propose("b", ("a",), PACT_STRONG),
        "after the last round, proposals can only be accepted or rejected",
    ),
    (
        "statement during actions",
        _setup(phase="actions"),
        Statement("a", "pact", 1),
        "that is not an action of the actions phase",
    ),
    (
        "answer during actions",
        _setup(Propose("a", ("b",), PACT_STRONG), phase="actions"),
        Accept("a", 1),
        "that is not an action of the actions phase",
    ),
    (
        "a move the actor may not make",
        _setup(phase="actions"),
        ChooseMove("a", "b_only"),
        "Actor A cannot make this move",
    ),
    (
        "breaking an agreement that does not oblige",
        _setup(phase="actions"),
        SetCompliance("a", "aid", False),
        "no agreement in force obliges Actor A on 'aid'",
    ),
    ("anything after the game is over", _setup(phase="over"), EndPhase("a"), "the game is over"),
    (
        "a statement after the game is over",
        _setup(phase="over"),
        Statement("c", "aid", 1),
        "the game is over",
    ),
]


@pytest.mark.parametrize(
    ("setup", "action", "message"), [x[1:] for x in ILLEGAL], ids=[x[0] for x in ILLEGAL]
)
def test_illegal_actions_raise_a_clear_error(
    setup: Callable[[], State], action: Action, message: str
) -> None:
    """An illegal action raises IllegalActionError saying what is wrong, and changes nothing."""
    state = setup()
    with pytest.raises(IllegalActionError) as err:
        check(state, action)
    assert str(err.value) == message
    before = _snapshot(state)
    with pytest.raises(IllegalActionError, match=re.escape(message)):
        apply(state, action, np.random.default_rng(0))
    assert _snapshot(state) == before
    assert action not in legal_actions(state, action.actor)


def _snapshot(state: State) -> dict[str, Any]:
    return copy.deepcopy(
        {
            f.name: getattr(state, f.name)
            for f in dataclasses.fields(State)
            if f.name not in ("scenario", "_env_cache")
        }
    )


def test_apply_never_changes_the_state_it_is_given() -> None:
    """apply returns a new state and the log entries the action made; the given state is unchanged."""
    doc = table()
    doc["rules"] = {"base_detection": 0.5}
    doc["in_force"] = {"pact": "weak"}
    doc["events"] = [
        event(
            "rumour",
            trigger="turn >= 1",
            repeat=True,
            chance=0.5,
            effects=["y += 1"],
            trust=[{"actor": "a", "toward": "b", "delta": -1}],
            stances=[{"actor": "b", "move": "pact", "salience": 0.05}],
        )
    ]
    doc["unilateral_moves"] = [
        unilateral(
            "raid",
            ["a"],
            effects=["x -= 4"],
            trust={"b": -5},
            agreement={"suspend": "pact"},
            outcomes=[{"chance": 0.5, "headline": "Hit", "effects": ["y += 2"]}],
        ),
        unilateral("mend", ["a"], agreement={"restore": "pact"}),
    ]
    state, rng = start(doc)
    script = [
        Propose("a", ("b", "c"), (("aid", 1), ("pact", 2))),
        Message("a", "c", "aid", 1, warn="raid"),
        EndPhase("a"),
        Counter("b", 1, (("aid", 1),)),
        EndPhase("b"),
        Accept("c", 2),
        EndPhase("c"),
        Propose("a", ("b",), (("pact", 2),)),
        EndPhase("a"),
        EndPhase("b"),
        EndPhase("c"),
        Reject("b", 3),
        EndPhase("b"),
        ChooseMove("a", "raid"),
        SetCompliance("a", "pact", False),
        SetCompliance("a", "pact", True),
        SetCompliance("a", "pact", False),
        EndPhase("a"),
        SetCompliance("b", "pact", False),
        EndPhase("b"),
        SetCompliance("c", "aid", False),
        EndPhase("c"),
    ]
    for action in script:
        before = _snapshot(state)
        new, entries = apply(state, action, rng)
        assert _snapshot(state) == before, action
        assert new is not state
        assert list(new.log[len(state.log) :]) == entries
        assert new.step == state.step + 1
        state = new
    assert state.turn == 2  # the script ran through a whole turn, resolution and news included
    # and the rest of the game, from a state also used elsewhere
    fork = state
    before = _snapshot(fork)
    end = play_out(fork, rng)
    assert _snapshot(fork) == before and end.phase == "over"


def test_legal_actions_are_all_legal_and_only_for_the_seat_to_move() -> None:
    """legal_actions lists only actions that check accepts, and nothing for a seat not to move."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}
    doc["unilateral_moves"] = [unilateral("raid", ["a", "b"], cost=2)]
    state, rng = start(doc)
    state = play(state, rng, Propose("a", ("b", "c"), (("aid", 1), ("pact", 2))), EndPhase("a"))
    for phase_state in (state, end_until(state, rng, "actions")):
        mover = phase_state.to_move
        actions = legal_actions(phase_state, mover)
        assert actions and all(x.actor == mover for x in actions)
        for action in actions:
            check(phase_state, action)
        for other in "abc":
            if other != mover:
                assert legal_actions(phase_state, other) == []
    kinds_b = {type(x).__name__ for x in legal_actions(state, "b")}
    assert kinds_b == {"Accept", "Reject", "Counter", "Propose", "Statement", "Message", "EndPhase"}
    # each joint move offered in every variant that changes what is in force
    proposals = {x.terms for x in legal_actions(state, "b") if isinstance(x, Propose)}
    assert proposals == {(("pact", 0),), (("pact", 2),), (("aid", 1),)}


def test_the_fixtures_load_through_the_real_loader() -> None:
    """The test fixtures load through the real loader (a guard for the helpers themselves)."""
    doc = table()
    doc["actors"].append(actor("d", playable=False))
    sc = make(doc)
    assert sc.actor_ids == ("a", "b", "c", "d")
    assert sc.joint_move("pact").variants[1].obligations[0].violation[0].target == "x"
    assert duty("a")["violation"] == []
