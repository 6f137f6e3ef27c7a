"""A hosted game is the same game: seats and teams, the teacher's intents, the leak test, autosave."""

from __future__ import annotations

import json

import pytest

from game import paths
from game.net.protocol import ProtocolError
from game.net.room import Room
from game.present.match import Match
from game.resources import default_scenario
from game.scenario.loader import load_scenario
from tests.net.served import TUTORIAL, Served, play_scripted


@pytest.fixture()
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path))
    return tmp_path


def _room(students=None) -> Room:
    return Room(load_scenario(TUTORIAL), str(TUTORIAL), 4, students)


def test_students_without_a_choice_fill_the_emptiest_seat_and_a_team_shares_one():
    room = _room(["highford", "lowmere"])
    a = room.join(room.code, "Ana", None)
    b = room.join(room.code.lower(), "Ben", None)
    c = room.join(room.code, "Ana", "highford")
    assert (a.seat, b.seat, c.seat) == ("highford", "lowmere", "highford")
    assert c.name == "Ana (2)"  # two Anas in one team are told apart
    assert [m.name for m in room.seat_members("highford")] == ["Ana", "Ana (2)"]
    with pytest.raises(ProtocolError) as err:
        room.join(room.code, "Cy", "commission")
    assert err.value.code == "bad_seat"
    with pytest.raises(ProtocolError) as err:
        room.join(room.code, "   ", None)
    assert err.value.code == "bad_name"


def test_the_teacher_moves_students_and_unstaffed_seats_go_to_the_computer(home):
    room = _room(["highford", "lowmere"])
    a = room.join(room.code, "Ana", "highford")
    room.assign(a.id, "lowmere")
    assert a.seat == "lowmere"
    room.start()
    session = room.match.session
    assert session.humans == ["lowmere"]  # highford had nobody: the computer plays it
    room.to_computer("lowmere")
    assert session.humans == []
    with pytest.raises(ProtocolError) as err:
        room.act(a, {"kind": "end"}, session.step, 1)
    assert err.value.code == "computer_seat"
    room.assign(a.id, "commission")
    assert session.is_human("commission")


def test_a_team_acts_for_its_seat_and_the_log_names_who_did(home):
    room = _room(["highford"])
    ana = room.join(room.code, "Ana", "highford")
    ben = room.join(room.code, "Ben", "highford")
    room.start()
    session = room.match.session
    for _ in range(200):
        if session.to_move == "highford":
            break
        room.poll(0.5)
    room.act(ben, {"kind": "statement", "move": "water_sharing", "level": 1}, session.step, 1)
    room.chat(ana, "good one", 2)
    message = json.loads(room.seat_message("highford"))
    assert message["feed"][-1]["who"] == "Ben" and "Highford" in message["feed"][-1]["text"]
    assert message["chat"] == [{"who": "Ana", "text": "good one"}]
    assert message["team"] == ["Ana", "Ben"]
    other = json.loads(room.seat_message("lowmere"))
    assert other["chat"] == [] and other["feed"] == []  # a team's chat is its own


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_frame_to_a_student_holds_another_seats_private_data(home):
    """The leak test: every frame sent to one student over a whole game, searched for what only
    the other seats know (their briefs and every log entry they alone saw)."""
    # Syria: six seats, so other seats deal and move among themselves, out of this student's sight
    served = Served(scenario=default_scenario(), seed=11, students=["us"])
    try:
        alice = served.client()
        alice.join(served.room.code, "Alice", "us")
        served.teacher().numbered(type="start")
        last = play_scripted(alice)
        session = served.room.match.session
        sc = session.scenario
        assert session.over and last["view"]["over"]
        seen_by_me = {e.text for e in session.state.log if e.seen_by("us")}
        secrets = []
        for actor in sc.actors:
            if actor.id != "us":
                secrets += [*actor.objectives, *actor.red_lines]
        private = [e.text for e in session.state.log if not e.seen_by("us") and e.text not in seen_by_me]
        assert private, "the game had no private record to leak: the test would prove nothing"
        secrets += private
        playing = [f for f in alice.frames if '"over":true' not in f]  # the debrief reveals all by design
        assert len(playing) > 20
        text = "\n".join(s for f in playing for s in _strings(json.loads(f)))
        leaked = [s for s in secrets if s in text]
        assert not leaked
        # the reading of the room (dossiers, digest, standing, stakes) is built from this seat's
        # observation only: it names no secret above, and never describes the seat to itself
        rooms = [json.loads(f)["room"] for f in playing if '"room":' in f]
        assert len(rooms) > 20 and all(r["viewer"] == "us" and "us" not in r["dossiers"] for r in rooms)
        assert any(r["dossiers"] for r in rooms) and any(r["digest"] for r in rooms)
        room_text = "\n".join(s for r in rooms for s in _strings(r))
        assert not [s for s in secrets if s in room_text]
        kinds = {k for f in playing for k in json.loads(f).get("view", {})}
        assert "stances" not in kinds and "trust" not in kinds
    finally:
        served.stop()
    # the hosted game autosaved after every action, and its save loads in local play
    match = Match.load(paths.autosave_path())
    assert len(match.session.actions) == len(session.actions)
    assert match.session.over


def test_the_network_side_never_imports_pygame():
    """The host process runs without the window: game/net and game/web load no pygame."""
    import subprocess
    import sys

    code = ("import sys, game.net.server, game.net.service, game.net.client, game.net.qr, game.web; "
            "import game.cli; sys.exit('pygame' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False, timeout=60).returncode == 0


@pytest.mark.parametrize("args,status,says", [
    (["serve", "no/such/scenario.yaml", "--port", "0"], 1, "scenario.yaml"),
    (["serve", str(TUTORIAL), "--port", "70000"], 2, "port"),
    (["serve", str(TUTORIAL), "--port", "0", "--students", "atlantis"], 2, "atlantis"),
])
def test_serve_refuses_bad_arguments_in_one_line(args, status, says, home):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "main.py", *args], check=False, capture_output=True, text=True, timeout=60,
                          cwd=str(TUTORIAL.parents[1]))
    assert done.returncode == status
    assert says in done.stderr and "Traceback" not in done.stderr
