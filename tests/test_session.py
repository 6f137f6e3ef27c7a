"""The session: seats, computer turns, undo within a phase, replay."""

from __future__ import annotations

import pytest

from game.core.actions import Accept, EndPhase, Propose, Statement
from game.core.errors import IllegalActionError
from game.session import Seat, Session
from tests.helpers import shipped, stand_in


def _human_session(humans=("us",), seed=3):
    sc = shipped()
    seats = {a: Seat(a, "human" if a in humans else "computer") for a in sc.actor_ids}
    return Session(sc, seed, seats, agent_factory=stand_in)


def test_computers_play_until_a_human_is_to_move():
    session = _human_session(humans=("turkey",))
    session.run_computers()
    assert session.to_move == "turkey"
    assert session.is_human("turkey")
    assert session.computer_action() is None


def test_a_game_of_computers_reaches_an_ending():
    sc = shipped()
    session = Session(sc, 11, agent_factory=stand_in)
    session.run_computers()
    assert session.over and session.ending() is not None
    assert all(0 <= v <= 100 for v in session.scores().values())


def test_undo_takes_back_the_humans_last_action_in_the_phase():
    session = _human_session()
    assert session.to_move == "us"
    before = session.state
    session.submit(Statement("us", "no_fly_zone", 1))
    session.submit(Propose("us", ("russia",), (("southwest_ceasefire", 1),)))
    assert session.can_undo()
    undone = session.undo()
    assert isinstance(undone, Propose)
    assert session.state.budget["us"] == before.budget["us"] - 1
    assert session.undo() is not None
    assert session.state is before and session.actions == []
    assert not session.can_undo() and session.undo() is None


def test_undo_cannot_take_back_the_end_of_a_phase():
    session = _human_session()
    session.submit(Statement("us", "no_fly_zone", 1))
    session.submit(EndPhase("us"))
    assert not session.can_undo()


def test_illegal_actions_are_refused_and_change_nothing():
    session = _human_session()
    state = session.state
    with pytest.raises(IllegalActionError, match="turn"):
        session.submit(Accept("russia", 1))
    assert session.state is state and session.actions == []


def test_replay_of_the_actions_rebuilds_the_same_game():
    sc = shipped()
    session = Session(sc, 5, agent_factory=stand_in)
    session.run_computers()
    again = Session.replay(sc, 5, None, list(session.actions), agent_factory=stand_in)
    assert again.state.log == session.state.log
    assert again.state.indicators == session.state.indicators
    assert again.state.trust == session.state.trust


def test_replay_names_the_first_illegal_action():
    sc = shipped()
    with pytest.raises(IllegalActionError, match="action 2 of 2"):
        Session.replay(sc, 1, None, [EndPhase("us"), EndPhase("us")], agent_factory=stand_in)


def test_seed_out_of_range_is_refused():
    with pytest.raises(ValueError):
        Session(shipped(), -1)
