"""Saves: round trips, atomic writes that survive being killed, and every bad file refused cleanly."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from game import saves
from game.core.errors import SaveError
from game.session import Seat, Session
from tests.helpers import find_shipped, shipped, stand_in

ROOT = Path(__file__).resolve().parent.parent


def _finished(seed=8):
    session = Session(shipped(), seed, agent_factory=stand_in)
    session.run_computers()
    return session


def _load(path):
    return saves.load(path, find_shipped, agent_factory=stand_in)


def test_a_finished_game_round_trips(tmp_path):
    session = _finished()
    path = tmp_path / "game.parley.json"
    saves.save(session, path)
    loaded, _ = _load(path)
    assert loaded.state.log == session.state.log
    assert loaded.state.ending == session.state.ending
    assert loaded.scores() == session.scores()


def test_a_game_in_progress_round_trips_and_plays_on_identically(tmp_path):
    sc = shipped()
    seats = {a: Seat(a, "computer", "hard") for a in sc.actor_ids}
    whole = Session(sc, 21, seats, agent_factory=stand_in)
    whole.run_computers()
    part = Session(sc, 21, seats, agent_factory=stand_in)
    for _ in range(len(whole.actions) // 2):
        part.step_computer()
    path = tmp_path / "half.parley.json"
    saves.save(part, path)
    resumed, _ = _load(path)
    assert resumed.seats == seats
    resumed.run_computers()
    assert resumed.state.log == whole.state.log
    assert resumed.actions == whole.actions


def test_saving_twice_keeps_the_previous_save_as_backup(tmp_path):
    path = tmp_path / "g.parley.json"
    first = _finished(1)
    second = _finished(2)
    saves.save(first, path)
    saves.save(second, path)
    backup = Path(str(path) + ".bak")
    assert _load(backup)[0].seed == 1
    assert _load(path)[0].seed == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_same_game_gives_the_same_bytes():
    assert saves.dumps(_finished(4)) == saves.dumps(_finished(4))


# ------------------------------------------------------------------ malformed saves


def _good_bytes() -> bytes:
    return saves.dumps(_finished(6))


def _resigned(doc: dict) -> bytes:
    body = {k: v for k, v in doc.items() if k != "checksum"}
    body["checksum"] = saves._checksum(body)
    return json.dumps(body).encode()


def _bad_files():
    good = _good_bytes()
    doc = json.loads(good)
    newer = dict(doc, version=saves.VERSION + 1)
    foreign_scenario = json.loads(good)
    foreign_scenario["scenario"]["id"] = "atlantis"
    changed = json.loads(good)
    changed["scenario"]["hash"] = "0" * 64
    bad_action = json.loads(good)
    bad_action["actions"][0] = {"kind": "accept", "actor": "us", "proposal": 999}
    odd_action = json.loads(good)
    odd_action["actions"][3] = {"kind": "launch_missiles", "actor": "us"}
    return {
        "empty": (b"", "empty"),
        "whitespace": (b"  \n", "empty"),
        "truncated": (good[: len(good) // 2], "not valid JSON"),
        "edited": (good.replace(b'"seed": 6', b'"seed": 7'), "checksum"),
        "not utf8": (b"\xff\xfe\x00garbage", "not UTF-8"),
        "not json": (b"hello, world", "not valid JSON"),
        "a list": (b"[1, 2, 3]", "not a Parley save"),
        "foreign json": (b'{"name": "my notes"}', "not a Parley save"),
        "newer version": (_resigned(newer), "newer version"),
        "no version": (_resigned({k: v for k, v in doc.items() if k != "version"}), "version"),
        "duplicate keys": (b'{"format": "parley-save", "format": "x"}', "twice"),
        "NaN": (b'{"format": "parley-save", "version": NaN}', "not a number JSON allows"),
        "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "not a save"),
        "unknown scenario": (_resigned(foreign_scenario), "cannot be found"),
        "scenario changed": (_resigned(changed), "has changed"),
        "illegal action": (_resigned(bad_action), "action 1 of"),
        "unknown action kind": (_resigned(odd_action), "unknown kind"),
    }


BAD = _bad_files()


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_malformed_save_is_refused_with_a_clear_message_and_no_file_changes(tmp_path, case):
    data, expected = BAD[case]
    path = tmp_path / "bad.parley.json"
    path.write_bytes(data)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(SaveError) as err:
        _load(path)
    message = str(err.value)
    assert str(path) in message
    assert expected.lower() in message.lower()
    assert "\n" not in message and "Traceback" not in message
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_missing_file_and_a_folder_are_refused(tmp_path):
    with pytest.raises(SaveError, match="no such file"):
        _load(tmp_path / "nope.json")
    with pytest.raises(SaveError, match="folder"):
        _load(tmp_path)


def test_an_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2000)
    monkeypatch.setattr(saves, "MAX_BYTES", 1000)
    with pytest.raises(SaveError, match="more than a save can be"):
        _load(path)


def test_an_older_format_is_migrated(tmp_path):
    doc = json.loads(_good_bytes())
    old = {"version": 1, "scenario_id": doc["scenario"]["id"], "scenario_hash": doc["scenario"]["hash"],
           "seed": doc["seed"], "actions": doc["actions"]}
    old["checksum"] = saves._checksum(old)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    session, _ = _load(path)
    assert session.seed == 6 and session.over
    assert all(seat.kind == "computer" for seat in session.seats.values())


def test_the_summary_describes_a_save_and_ignores_a_bad_one(tmp_path):
    path = tmp_path / "g.json"
    saves.save(_finished(3), path)
    info = saves.summary(path)
    assert info["title"] == shipped().title and info["ending"]
    path.write_text("{")
    assert saves.summary(path) is None


# ------------------------------------------------------------------ killed while saving

_WRITER = textwrap.dedent(
    """
    import sys
    from game.saves import write_atomic
    path = sys.argv[1]
    payloads = [bytes([65 + i]) * 3_000_000 for i in range(4)]
    print("ready", flush=True)
    i = 0
    while True:
        write_atomic(path, payloads[i % 4])
        i += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_game_killed_while_saving_never_loses_the_previous_save(tmp_path):
    """Kill a process that keeps saving at 50 random moments: the save is always whole."""
    rnd = random.Random(1234)
    path = tmp_path / "game.parley.json"
    path.write_bytes(b"Z" * 3_000_000)
    whole = {bytes([c]) * 3_000_000 for c in b"ABCDZ"}
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    seen = set()
    for attempt in range(50):
        child = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, env=env)
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rnd.uniform(0.0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        content = path.read_bytes()
        assert content in whole, f"attempt {attempt}: the save was damaged"
        seen.add(content[:1])
        backup = Path(str(path) + ".bak")
        if backup.exists():
            assert backup.read_bytes() in whole, f"attempt {attempt}: the backup was damaged"
    assert len(seen) > 1, "the writer never got to save: the test proved nothing"
