"""The rules of docs/rules.md, sections 3 (diplomacy) and 4 (actions): one test (or table) per rule, named after it.

Each test's docstring is the text of its rule. The cases use the small table of
``tests/core/scenarios.py`` (seats a, b, c; indicators x and y; joint moves ``pact`` and
``aid``), changed as each rule needs, so the right answer can be worked out by hand.
"""
from __future__ import annotations

import re
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
from game.core.rules import check, legal_actions
from game.core.state import State
from tests.core.scenarios import (
    PACT_STRONG,
    PACT_WEAK,
    end_until,
    finish_turn,
    joint_move,
    play,
    run_turn,
    start,
    table,
    to_actions,
    unilateral,
    variant,
)

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
