"""The facilitator's console in a hosted game (issue 12): the teacher's intents, what students see, replay."""

from __future__ import annotations

import json
import time

import pytest

from game import paths, saves
from game.core.actions import FACILITATOR, action_to_json
from game.net.protocol import ProtocolError
from game.net.room import Room
from game.present.match import Match
from game.scenario.loader import load_scenario
from tests.net.served import TUTORIAL, Served


@pytest.fixture()
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture()
def game(home):
    served = Served(students=["highford", "lowmere"])
    alice = served.client()
    alice.join(served.room.code, "Alice", "highford")
    bob = served.client()
    bob.join(served.room.code, "Bob", "lowmere")
    teacher = served.teacher()
    teacher.numbered(type="start")
    alice.expect("state", until=lambda m: "view" in m)
    bob.expect("state", until=lambda m: "view" in m)
    teacher.expect("console")
    yield served, alice, bob, teacher
    for c in (alice, bob, teacher):
        c.close()
    if served._thread.is_alive():
        served.stop()


def _quiet_errors(client, quiet: float = 0.4) -> list[dict]:
    out, deadline = [], time.monotonic() + quiet
    while (left := deadline - time.monotonic()) > 0:
        try:
            m = client.recv(left)
        except TimeoutError:
            break
        if m["type"] == "error":
            out.append(m)
    return out


def test_the_teacher_pauses_and_every_student_sees_it_and_cannot_act(game):
    _served, alice, bob, teacher = game
    teacher.numbered(type="facilitate", action={"kind": "pause"})
    for student in (alice, bob):
        state = student.expect("state", until=lambda m: (m.get("clock") or {}).get("paused"))
        assert state["clock"]["paused"] is True
    console = teacher.expect("console", until=lambda m: m["console"]["paused"])
    assert console["console"]["clock"]["paused"]
    ref = alice.act({"kind": "end"})
    err = alice.expect("error", until=lambda m: m.get("ref") == ref)
    assert err["code"] == "illegal" and "paused" in err["message"]
    teacher.numbered(type="facilitate", action={"kind": "resume"})
    alice.expect("state", until=lambda m: m.get("clock") and not m["clock"]["paused"])
    # the console went to the teacher only: no student frame is a console or holds one
    assert not any(json.loads(f)["type"] == "console" or '"console"' in f for f in alice.frames + bob.frames)


def test_a_deadline_counts_down_for_students_and_advances_the_phase_when_it_runs_out(game):
    served, alice, _bob, teacher = game
    now = [1000.0]
    served.room.match.clock = lambda: now[0]
    teacher.numbered(type="facilitate", action={"kind": "deadline", "seconds": 60})
    state = alice.expect("state", until=lambda m: (m.get("clock") or {}).get("deadline") == 60)
    assert 0 < state["clock"]["left"] <= 60
    before = len(served.room.match.session.actions)
    now[0] += 61  # the minute runs out: the host records an advance by itself
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        acts = served.room.match.session.actions[before:]
        if any(a.actor == FACILITATOR and a.reason == "the deadline ran out" for a in acts):
            break
        time.sleep(0.05)
    else:
        pytest.fail("the deadline ran out and the phase did not advance")


def test_a_student_sending_a_facilitators_message_gets_an_error_and_nothing_changes(game):
    served, alice, bob, teacher = game
    session = served.room.match.session
    before = [action_to_json(a) for a in session.actions]
    for action in ({"kind": "pause"}, {"kind": "advance"}, {"kind": "rollback", "turn": 1},
                   {"kind": "reveal", "seat": "lowmere", "part": "brief"},
                   {"kind": "seat", "seat": "lowmere", "player": "computer"}):
        ref = alice.numbered(type="facilitate", action=action)
        err = alice.expect("error", until=lambda m, ref=ref: m.get("ref") == ref)
        assert err["code"] == "teacher_only"
    # a seat's action wearing the facilitator's name is refused as well
    ref = alice.act({"kind": "end", "actor": FACILITATOR})
    assert alice.expect("error", until=lambda m: m.get("ref") == ref)["code"] == "not_your_seat"
    assert not _quiet_errors(bob) and not _quiet_errors(teacher)
    assert [action_to_json(a) for a in session.actions] == before
    assert not session.paused and not session.state.console.revealed


def test_the_teacher_cannot_pass_a_seats_action_off_as_the_facilitators(game):
    teacher = game[3]
    for action, code in (({"kind": "end", "actor": "highford"}, "bad_action"), ({"kind": "end"}, "bad_action"),
                         ({"kind": "deadline", "seconds": 3}, "illegal"), ({"kind": "nope"}, "bad_action"),
                         ({"kind": "resume"}, "illegal")):
        ref = teacher.numbered(type="facilitate", action=action)
        assert teacher.expect("error", until=lambda m, ref=ref: m.get("ref") == ref)["code"] == code


def test_the_hosted_autosave_replays_every_facilitators_action(game):
    served, alice, bob, teacher = game
    for action in ({"kind": "deadline", "seconds": 120}, {"kind": "pause"}, {"kind": "resume"},
                   {"kind": "reveal", "seat": "lowmere", "part": "stances"}, {"kind": "advance"}):
        ref = teacher.numbered(type="facilitate", action=action)
        teacher.expect("console", until=lambda m, ref=ref: m["console"]["facilitator_actions"] >= ref - 1)
    teacher.numbered(type="computer", seat="lowmere")  # the lobby's hand-over, mid-game: recorded too
    teacher.expect("console", until=lambda m: "lowmere" not in m["console"]["humans"])
    live = served.room.match
    for c in (alice, bob, teacher):
        c.close()
    served.stop()
    acts = [action_to_json(a) for a in live.session.actions]
    assert sum(a.actor == FACILITATOR for a in live.session.actions) == 6
    loaded = Match.load(paths.autosave_path())
    # the autosave holds the game up to its last person's or facilitator's action (the computers'
    # moves since are saved at the next turn): replayed, it is the same game, byte for byte
    saved = [action_to_json(a) for a in loaded.session.actions]
    assert saved == acts[:len(saved)]
    assert sum(a.actor == FACILITATOR for a in loaded.session.actions) == 6
    assert saves.dumps(loaded.session, str(TUTORIAL)) == paths.autosave_path().read_bytes()
    assert not loaded.session.is_human("lowmere") and loaded.session.state.console.deadline == 120
    assert ("lowmere", "stances") in loaded.session.state.console.revealed

def test_the_projector_shows_only_what_the_teacher_revealed(home):
    room = Room(load_scenario(TUTORIAL), str(TUTORIAL), 4, ["highford"])
    room.join(room.code, "Ana", "highford")
    with pytest.raises(ProtocolError) as err:
        room.facilitate({"kind": "pause"})
    assert err.value.code == "not_started"
    room.start()
    lowmere = room.scenario.actor("lowmere")
    secrets = [*lowmere.objectives, *lowmere.red_lines]
    assert secrets and not any(s in room.projector_message() for s in secrets)
    assert not any(s in room.seat_message("highford") for s in secrets)
    assert all(s in room.console_message() for s in secrets)  # the teacher's console has everything
    room.facilitate({"kind": "reveal", "seat": "lowmere", "part": "brief"})
    shown = room.debrief()["revealed"]
    assert [r["part"] for r in shown] == ["brief"] and any(lowmere.objectives[0] in line for line in shown[0]["lines"])
    assert not any(s in room.projector_message() for s in secrets)  # shown at the debrief, not while playing
    room.match.stop()
