"""Rules 10.x: the facilitator's actions, each named after its rule."""

from __future__ import annotations

import pytest

from game.core.actions import (
    FACILITATOR,
    Accept,
    Advance,
    ChooseMove,
    EndPhase,
    HandSeat,
    Inject,
    Pause,
    Propose,
    Resume,
    Reveal,
    Rollback,
    SetDeadline,
    action_from_json,
    action_to_json,
)
from game.core.errors import IllegalActionError
from game.core.facilitator import stand_in
from game.core.observe import observe
from game.core.rules import apply, check, legal_actions
from tests.core.scenarios import (
    PACT_WEAK,
    event,
    fingerprint,
    make,
    play,
    play_out,
    run_turn,
    start,
    table,
    to_actions,
)


def _illegal(state, action, rng, match: str) -> None:
    with pytest.raises(IllegalActionError, match=match):
        apply(state, action, rng)


def test_10_1_facilitator_actions_are_json_records():
    """10.1 The facilitator has no seat; its actions are records like a seat's, read back exactly."""
    actions = [Pause(), Resume(reason="questions answered"), SetDeadline(120), Advance(),
               Inject(event="storm"), Inject(headline="A convoy is shelled", effects=("x -= 5", "y += 2")),
               HandSeat("a", "computer", "hard"), HandSeat("b", "human"), Reveal("c", "messages"), Rollback(2)]
    for action in actions:
        data = action_to_json(action)
        assert "actor" not in data  # the kind says who takes it
        assert action_from_json(data) == action
    with pytest.raises(IllegalActionError, match="only the facilitator"):
        action_from_json({"kind": "pause", "actor": "a"})
    with pytest.raises(IllegalActionError, match="wrong type"):
        action_from_json({"kind": "rollback", "turn": "2"})
    with pytest.raises(IllegalActionError, match="effects"):
        action_from_json({"kind": "inject", "headline": "h", "effects": [1]})


def test_10_2_while_paused_no_seat_acts():
    """10.2 While the game is paused, no seat may act and none has legal actions; the facilitator
    may still act, and resuming lets the seat to move go on. Everyone sees the pause."""
    state, rng = start(table())
    state = play(state, rng, Pause(reason="a question"))
    assert state.console.paused
    _illegal(state, EndPhase("a"), rng, "paused")
    assert legal_actions(state, "a") == []
    assert observe(state, "b").paused
    assert "pauses the game (a question)" in state.log[-1].text and state.log[-1].visible is None
    _illegal(state, Pause(), rng, "already paused")
    state = play(state, rng, SetDeadline(60), Resume())
    assert not observe(state, "b").paused
    state = play(state, rng, EndPhase("a"))
    assert state.to_move == "b"
    _illegal(state, Resume(), rng, "not paused")


def test_10_3_a_deadline_is_a_recorded_number_of_seconds():
    """10.3 A deadline is a number of seconds for each phase (0 lifts it), seen by every seat; the
    rules keep no clock."""
    state, rng = start(table())
    state = play(state, rng, SetDeadline(90))
    assert state.console.deadline == 90
    assert all(observe(state, a).deadline == 90 for a in "abc")
    assert "1 min 30 s" in state.log[-1].text
    for bad in (5, -1, 10**9):
        _illegal(state, SetDeadline(bad), rng, "seconds")
    state = play(state, rng, SetDeadline(0))
    assert observe(state, "a").deadline == 0


def test_10_4_advance_now_lets_the_computer_finish_the_phase():
    """10.4 "Advance now" ends the current phase: the seats still to act in it are played by the
    computer until the phase ends, and the log says so; not while paused."""
    state, rng = start(table())
    state = play(state, rng, EndPhase("a"))
    state = play(state, rng, Advance())
    assert stand_in(state) == {"b", "c"}
    assert "the computer plays for Actor B, Actor C" in state.log[-1].text
    state = play(state, rng, EndPhase("b"), EndPhase("c"))  # the computer's choices, recorded as usual
    assert (state.round, stand_in(state)) == (2, frozenset())  # the next round is the people's again
    state = play(state, rng, Pause())
    _illegal(state, Advance(), rng, "resume")


def test_10_5_an_injected_headline_fires_at_the_next_news():
    """10.5 An injected headline with effects is checked like a scenario file's effects, is seen by
    no seat until the next news, and then fires after the scenario's own events."""
    doc = table()
    doc["events"] = [event("due", turn=2, effects=["x += 1"])]
    state, rng = start(make(doc))
    state = play(state, rng, Inject(headline="A convoy is shelled", effects=("x -= 10", "y = y + 5")))
    assert not any("convoy" in e.text for e in observe(state, "a").log)
    assert state.indicators["x"] == 50
    state = run_turn(state, rng)
    news = [e.text for e in state.log if e.kind == "news" and e.turn == 2]
    assert news == ["News: due", "A convoy is shelled"]
    assert any(e.text == "A convoy is shelled" for e in observe(state, "c").log)
    assert (state.indicators["x"], state.indicators["y"]) == (41.0, 55.0)
    causes = {c.cause.text for c in state.changes if c.turn == 2}
    assert "A convoy is shelled" in causes
    assert state.console.pending == ()


@pytest.mark.parametrize(("action", "message"), [
    (Inject(headline="h", effects=("z += 1",)), r"effects\[1\]: unknown name 'z'"),
    (Inject(headline="h", effects=("x += 1", "turn = 3")), r"effects\[2\]: 'turn' cannot be changed"),
    (Inject(headline="h", effects=("x += ",)), r"effects\[1\]"),
    (Inject(headline="h", effects=("x == 3",)), r"effects\[1\]: an effect sets a value with '='"),
    (Inject(headline="  ", effects=("x += 1",)), "headline: write"),
    (Inject(headline="x" * 201), "headline: at most 200"),
    (Inject(headline="two\nlines"), "headline: one line"),
    (Inject(event="stormm"), "event: 'stormm' is not an event of this scenario; did you mean 'storm'"),
    (Inject(event="storm", headline="also"), "either a scenario event"),
])
def test_10_5_injections_are_checked_naming_the_field(action, message):
    """10.5 An injection is checked by the same rules as a scenario's events: a clear error names
    the field at fault."""
    doc = table()
    doc["events"] = [event("storm", turn=3)]
    state, rng = start(make(doc))
    _illegal(state, action, rng, message)


def test_10_5_an_injected_scenario_event_fires_whatever_its_trigger():
    """10.5 An injected scenario event happens at the next news even if its condition does not hold
    and its chance is low; it then counts as having happened."""
    doc = table()
    doc["events"] = [event("storm", trigger="x > 90", chance=0.01, effects=["y += 7"])]
    state, rng = start(make(doc))
    state = play(state, rng, Inject(event="storm"))
    state = run_turn(state, rng)
    assert state.happened == {"storm": 1}
    assert state.indicators["y"] == 57


def test_10_5_injections_wait_for_a_next_news_that_never_comes_at_the_end():
    """10.5 An injection made in the last turn never fires: the game ends before any news."""
    doc = table()
    doc["calendar"]["turns"] = 1
    state, rng = start(make(doc))
    state = play(state, rng, Inject(headline="Late news", effects=("x += 1",)))
    state = play_out(state, rng)
    assert state.indicators["x"] == 50 and not any(e.text == "Late news" for e in state.log)


def test_10_6_seats_change_hands_with_a_public_note():
    """10.6 The facilitator hands a seat to the computer or to a person at any time (only a
    playable seat to a person); everyone sees the note."""
    doc = table()
    doc["actors"][2]["playable"] = False
    state, rng = start(make(doc))
    state = play(state, rng, HandSeat("a", "computer", "easy"))
    assert "hands Actor A to the computer (easy)" in state.log[-1].text and state.log[-1].visible is None
    _illegal(state, HandSeat("c", "human"), rng, "not a playable seat")
    _illegal(state, HandSeat("q", "human"), rng, "seat")
    _illegal(state, HandSeat("a", "robot"), rng, "player")
    _illegal(state, HandSeat("a", "computer", "brilliant"), rng, "skill")


def test_10_7_reveals_are_kept_for_the_debrief():
    """10.7 The facilitator can reveal a seat's true positions, brief, messages or reasons on the
    debrief; no seat sees the decision in its log; each part is revealed once; after the end too."""
    state, rng = start(table())
    state = play(state, rng, Reveal("b", "messages"))
    assert state.console.revealed == (("b", "messages"),)
    assert not any("reveals" in e.text for e in observe(state, "b").log)
    _illegal(state, Reveal("b", "messages"), rng, "already")
    _illegal(state, Reveal("b", "diary"), rng, "part")
    state = play_out(state, rng)
    state = play(state, rng, Reveal("a", "reasons"))
    assert state.console.revealed[-1] == ("a", "reasons")
    _illegal(state, Pause(), rng, "over")


def test_10_8_rollback_returns_to_the_start_of_a_turn_with_the_same_luck():
    """10.8 A rollback returns the world to the start of an earlier turn of the branch (after its
    news), with chance as it was then: the same choices give the same game again."""
    doc = table()
    doc["events"] = [event("coin", chance=0.5, repeat=True, trigger="turn > 0", effects=["x += 3"])]
    state, rng = start(make(doc), seed=4)
    state = run_turn(state, rng)
    at_turn_2 = fingerprint(state)
    state = play(state, rng, Propose("a", ("b",), PACT_WEAK), EndPhase("a"), Accept("b", 1))
    state = run_turn(state, rng)
    assert state.turn == 3 and state.agreements
    back = play(state, rng, Rollback(2, reason="what if no pact?"))
    assert back.turn == 2 and back.phase == "diplomacy" and not back.agreements
    assert back.console.branch == 2 and back.step == state.step + 1
    assert "branch 2 begins (what if no pact?)" in back.log[-1].text
    assert fingerprint(back)[1:] == at_turn_2[1:]  # the world; the log has the rollback's note too
    assert back.log[:-1] == at_turn_2[0]
    again = run_turn(back, rng)
    # the same choices as the original turn 2 without the pact: the same chance draws
    original_state, original_rng = start(make(doc), seed=4)
    original_state = run_turn(run_turn(original_state, original_rng), original_rng)
    assert again.indicators == original_state.indicators


def test_10_8_rollback_keeps_the_facilitators_settings_and_drops_pending_news():
    """10.8 A rollback keeps the pause, the deadline and the reveals, drops injected news that had
    not fired, and can only reach turns of the current branch that have begun."""
    state, rng = start(table())
    state = run_turn(state, rng)
    state = play(state, rng, SetDeadline(60), Reveal("a", "brief"), Inject(headline="H", effects=("x += 1",)),
                 Pause())
    _illegal(state, Rollback(3), rng, "turn")
    _illegal(state, Rollback(0), rng, "turn")
    back = play(state, rng, Rollback(1))
    c = back.console
    assert (c.paused, c.deadline, c.revealed, c.pending) == (True, 60, (("a", "brief"),), ())
    _illegal(back, Rollback(2), rng, "turn")  # turn 2 of the old branch is gone
    back = play(back, rng, Resume())
    back = play_out(back, rng)
    assert back.phase == "over"
    again = play(back, rng, Rollback(2))  # after the end, too
    assert again.turn == 2 and again.console.branch == 3


def test_10_x_seats_act_only_in_their_turn_after_facilitator_actions():
    """10.1 Facilitator actions do not change whose turn it is (rollback aside)."""
    state, rng = start(table())
    state = to_actions(state, rng)
    who = state.to_move
    state = play(state, rng, SetDeadline(30), Inject(headline="N"), HandSeat("a", "computer"))
    assert state.to_move == who and state.phase == "actions"
    check(state, ChooseMove(who, None))
    assert Pause().actor == FACILITATOR
