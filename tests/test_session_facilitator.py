"""The session applies the facilitator's actions: the computer stands in, seats change hands,
branches are kept, and a save with every kind of facilitator action replays byte for byte."""

from __future__ import annotations

from game import saves
from game.core.actions import (
    Advance,
    EndPhase,
    HandSeat,
    Inject,
    Pause,
    Resume,
    Reveal,
    Rollback,
    SetDeadline,
)
from game.session import Seat, Session
from tests.helpers import find_shipped, shipped, stand_in


def _session(humans=("us", "russia"), seed=3) -> Session:
    seats = {a: Seat(a, "human") for a in humans}
    return Session(shipped(), seed, seats, agent_factory=stand_in)


def test_advance_now_lets_the_computer_play_for_the_people_until_the_phase_ends():
    s = _session()
    first = s.to_move
    assert s.is_human(first)
    s.submit(Advance())
    assert not s.is_human(first)
    stage = (s.turn, s.state.phase, s.state.round)
    s.run_computers()
    assert (s.turn, s.state.phase, s.state.round) != stage
    assert any("the computer plays for" in e.text for e in s.state.log)
    assert s.humans == ["us", "russia"]
    # the next phase is the people's again: the game waits for the first human seat
    assert s.is_human(s.to_move)


def test_a_paused_game_waits_for_everyone():
    s = _session(humans=())
    s.submit(Pause())
    assert s.run_computers() == [] and s.step == 1
    s.submit(Resume())
    s.run_computers(max_steps=5)
    assert s.step > 2


def test_handing_a_seat_over_is_recorded_and_replayed():
    s = _session()
    s.submit(HandSeat("us", "computer", "hard"))
    assert s.seats["us"] == Seat("us", "computer", "hard")
    assert s.humans == ["russia"]
    s.submit(HandSeat("turkey", "human"))
    start = {"us": Seat("us", "human"), "russia": Seat("russia", "human")}
    again = Session.replay(shipped(), 3, start, s.actions, agent_factory=stand_in)
    assert again.seats == s.seats


def test_a_rollback_leaves_its_branch_in_the_record():
    s = _session(humans=())
    s.run_computers(max_steps=400)
    turn = s.turn
    assert turn >= 3
    before = s.state
    s.submit(Rollback(2))
    assert s.turn == 2
    branches = s.branches()
    assert len(branches) == 1
    assert branches[0].state.log == before.log and branches[0].state.indicators == before.indicators


def test_a_save_with_every_facilitator_action_replays_byte_for_byte(tmp_path):
    s = _session(humans=("us",))
    s.submit(SetDeadline(120))
    s.submit(Reveal("russia", "reasons"))
    s.submit(Inject(headline="A convoy is shelled near Aleppo", effects=("civilian_harm += 5",)))
    s.submit(Pause(reason="a question"))
    s.submit(Resume())
    s.submit(Advance())
    s.run_computers()
    s.submit(HandSeat("us", "computer"))
    s.run_computers(max_steps=300)
    s.submit(Rollback(1, reason="what if?"))
    s.submit(HandSeat("russia", "human"))
    s.submit(Inject(event=shipped().events[0].id))
    s.submit(EndPhase(s.to_move)) if s.is_human(s.to_move) else s.step_computer()
    s.run_computers(max_steps=50)
    assert s.rollbacks and s.state.console.branch == 2
    path = tmp_path / "facilitated.parley.json"
    saves.save(s, path)
    loaded, _ = saves.load(path, find_shipped, agent_factory=stand_in)
    assert saves.dumps(loaded) == path.read_bytes()
    assert loaded.state.log == s.state.log and loaded.state.console == s.state.console
    assert loaded.rollbacks == s.rollbacks and loaded.seats == s.seats
