"""Refusing several proposals in one go from a student's page (the "refuse" message): from the
right seat it records one Reject each, with its reason; from another seat, with stale or foreign
proposal numbers, or out of turn it is refused with a clear error and nothing changes."""

from __future__ import annotations

import json

import pytest

from game.core.actions import EndPhase, Propose, Reject
from game.net.protocol import ProtocolError, parse
from game.net.room import Room
from game.resources import default_scenario
from game.scenario.loader import load_scenario

NFZ = (("no_fly_zone", 1),)


@pytest.fixture()
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path))
    return tmp_path


class Passer:
    def decide(self, obs, rng):
        return EndPhase(obs.actor)


def _until(s, actor, turn, phase=None):
    while not (s.to_move == actor and s.turn == turn and phase in (None, s.state.phase)):
        s.submit(EndPhase(s.to_move))


def _room():
    """Ana plays the US, Boris Russia. The US refused Russia's no-fly offer (#1) on turn 1; on turn
    2 Russia sends it twice more (#2, #3) and the rebels offer a ceasefire (#4)."""
    room = Room(load_scenario(default_scenario()), str(default_scenario()), 5, ["us", "russia"],
                agent_factory=lambda seat: Passer())
    ana = room.join(room.code, "Ana", "us")
    boris = room.join(room.code, "Boris", "russia")
    room.start()
    s = room.match.session
    _until(s, "russia", 1, "diplomacy")
    s.submit(Propose("russia", ("us",), NFZ))
    _until(s, "us", 1, "answers")
    s.submit(Reject("us", 1))
    _until(s, "russia", 2, "diplomacy")
    s.submit(Propose("russia", ("us",), NFZ))
    s.submit(Propose("russia", ("us",), NFZ))
    _until(s, "rebels", 2, "diplomacy")
    s.submit(Propose("rebels", ("us", "russia"), (("southwest_ceasefire", 1),)))
    _until(s, "us", 2)
    room.match.version += 1
    room._changed()
    return room, ana, boris


def _waiting(room, seat="us"):
    return [p.id for p in room.match.obs(seat).open_to_me()]


def test_the_page_is_sent_the_groups_and_refusing_the_repeats_records_one_reject_each(home):
    room, ana, _ = _room()
    view = json.loads(room.seat_message("us"))["view"]
    assert view["answers"]["repeats"]["ids"] == [2, 3] and view["answers"]["rest"]["ids"] == [4]
    assert [q["repeat"] for q in view["incoming"]] == ["Sent for the second time: you refused it on turn 1",
                                                       "Sent for the third time: you refused it on turn 1", ""]
    s = room.match.session
    before = len(s.actions)
    room.refuse(ana, "repeats", [2, 3], s.step, 1)
    assert s.actions[before:] == [Reject("us", 2, "same as the deal I refused on turn 1"),
                                  Reject("us", 3, "same as the deal I refused on turn 1")]
    assert _waiting(room) == [4]
    message = json.loads(room.seat_message("us"))
    assert message["feed"][-1] == {"who": "Ana", "text": "refused 2 repeated proposals: #2 and #3"}
    assert message["view"]["answers"]["repeats"]["ids"] == []


@pytest.mark.parametrize("group, ids, at, code", [
    ("repeats", [2], 0, "stale"),                # the page saw another group
    ("repeats", [2, 3, 4], 0, "stale"),          # the ceasefire is not a repeat
    ("repeats", [2, 3], -1, "stale"),            # the game moved on since
    ("rest", [4, 1], 0, "not_waiting"),          # #1 was answered long ago
    ("repeats", [2, 99], 0, "not_waiting"),      # no such proposal
    ("repeats", [2, 2, 3], 0, "stale"),          # twice the same
    ("repeats", [2, True], 0, "bad_message"),
    ("everything", [2, 3], 0, "bad_message"),
    ("repeats", [], 0, "bad_message"),
])
def test_a_stale_or_hostile_batch_is_refused_and_changes_nothing(home, group, ids, at, code):
    room, ana, _ = _room()
    s = room.match.session
    before, version = list(s.actions), room.version
    with pytest.raises(ProtocolError) as err:
        room.refuse(ana, group, ids, s.step + at, 7)
    assert err.value.code == code and err.value.ref == 7 and err.value.message
    assert s.actions == before and room.version == version and _waiting(room) == [2, 3, 4]


def test_another_seat_cannot_refuse_for_the_us_and_nobody_refuses_out_of_turn(home):
    room, ana, boris = _room()
    s = room.match.session
    before = list(s.actions)
    with pytest.raises(ProtocolError) as err:
        room.refuse(boris, "repeats", [2, 3], s.step, 1)  # Russia's student, with the US's numbers
    assert err.value.code == "not_waiting"
    assert s.actions == before and _waiting(room) == [2, 3, 4]
    _until(s, "russia", 2)  # the US has had its say this round: it is not its move
    before = list(s.actions)
    with pytest.raises(ProtocolError) as err:
        room.refuse(ana, "repeats", [2, 3], s.step, 2)
    assert err.value.code == "illegal" and "turn" in err.value.message
    assert s.actions == before and _waiting(room) == [2, 3, 4]


def test_the_message_shape_is_checked_before_the_room_sees_it():
    ok = parse(json.dumps({"type": "refuse", "n": 3, "at": 10, "group": "repeats", "proposals": [2, 3]}))
    assert ok["proposals"] == [2, 3]
    with pytest.raises(ProtocolError) as err:
        parse(json.dumps({"type": "refuse", "n": 3, "at": 10, "group": "repeats", "proposals": "2,3"}))
    assert err.value.code == "bad_message"
