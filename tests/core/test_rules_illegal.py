"""The rules of docs/rules.md, illegal actions, and apply as a pure function: one test (or table) per rule, named after it.

Each test's docstring is the text of its rule. The cases use the small table of
``tests/core/scenarios.py`` (seats a, b, c; indicators x and y; joint moves ``pact`` and
``aid``), changed as each rule needs, so the right answer can be worked out by hand.
"""
from __future__ import annotations

import copy
import dataclasses
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
)
from game.core.errors import IllegalActionError
from game.core.rules import apply, check, legal_actions
from game.core.state import State
from tests.core.scenarios import (
    PACT_STRONG,
    PACT_WEAK,
    actor,
    duty,
    end_until,
    event,
    make,
    play,
    play_out,
    start,
    table,
    unilateral,
)

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
