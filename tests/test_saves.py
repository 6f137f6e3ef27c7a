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
    """The document with a checksum that holds again: in the current layout for format 3 and
    later, else with the canonical checksum of formats 1 and 2."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    version = body.get("version")
    if isinstance(version, int) and version >= 3:
        return saves.encode(body)
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
    assert info.title == shipped().title and info.ending
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
        print("saved", flush=True)
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
        if attempt % 5 == 4:  # every fifth kill comes after a whole save, however slow the machine is
            assert child.stdout.readline().strip() == b"saved"
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


# ------------------------------------------------------------------ nothing in a save is trusted


def _signed(doc: dict) -> bytes:
    return saves.encode({k: v for k, v in doc.items() if k != "checksum"})


def _doc() -> dict:
    return json.loads(_good_bytes())


@pytest.mark.parametrize("field, value", [
    ("summary", [["turn", 3]]),
    ("summary", "turn 3"),
    ("title", {"a": 1}),
    ("title", "x" * 5_000_000),
    ("turn", "3"),
    ("turn", 10**400),
    ("date", "yesterday"),
    ("date", "2017-02-31"),
    ("humans", "us"),
    ("humans", [{"id": "us"}]),
])
def test_a_summary_of_the_wrong_shape_makes_the_save_damaged_not_a_crash(tmp_path, field, value):
    """Rule: nothing read from a save is trusted before it is checked, the title's card included."""
    doc = _doc()
    if field == "summary":
        doc["summary"] = value
    else:
        doc["summary"][field] = value
    path = tmp_path / "edited.parley.json"
    path.write_bytes(_signed(doc))
    assert saves.summary(path) is None


def test_a_good_summary_is_checked_and_typed(tmp_path):
    path = tmp_path / "g.parley.json"
    session = _finished(3)
    saves.save(session, path)
    info = saves.summary(path)
    assert info.title == shipped().title and info.turns == shipped().turns
    assert info.date == shipped().date_of_turn(session.state.turn) and info.humans == ()


@pytest.mark.parametrize("seat, words", [
    ({"kind": "computer", "level": "godlike", "agent": "ours"}, "unknown computer level 'godlike'"),
    ({"kind": "computer", "level": "normal", "agent": "evil"}, "unknown computer actor 'evil'"),
    ({"kind": "robot"}, "unknown kind of seat"),
    ({"kind": "computer", "level": ["hard"]}, "unknown computer level"),
])
def test_an_unknown_agent_or_level_is_refused_on_loading(tmp_path, seat, words):
    doc = _doc()
    doc["seats"]["us"] = seat
    path = tmp_path / "g.parley.json"
    path.write_bytes(_signed(doc))
    with pytest.raises(SaveError, match=words) as err:
        _load(path)
    assert "\n" not in str(err.value)


def test_every_agent_and_level_of_the_game_loads(tmp_path):
    from game.ai import KINDS, LEVELS

    for agent in KINDS:
        for level in LEVELS:
            doc = _doc()
            doc["seats"]["us"] = {"kind": "computer", "level": level, "agent": agent}
            path = tmp_path / "g.parley.json"
            path.write_bytes(_signed(doc))
            assert _load(path)[0].seats["us"] == Seat("us", "computer", level, agent)


# ------------------------------------------------------------------ the scenario a save names


def _with_file(tmp_path, file: str, scenario_id: str = "atlantis") -> Path:
    doc = _doc()
    doc["scenario"]["id"] = scenario_id
    doc["scenario"]["file"] = file
    path = tmp_path / "g.parley.json"
    path.write_bytes(_signed(doc))
    return path


def test_a_save_naming_a_file_that_is_not_a_scenario_never_shows_its_content(tmp_path):
    """A save that named /etc/shadow once made the game print 35 lines quoting it."""
    secret = tmp_path / "shadow"
    secret.write_text("".join(f"user{i}:$6$SECRETHASH{i}:19000:0:99999:7:::\n" for i in range(35)))
    for name in (str(secret), str(secret.with_suffix(".yaml"))):
        Path(name).write_text(secret.read_text())
        with pytest.raises(SaveError) as err:
            saves.load(_with_file(tmp_path, name))
        message = str(err.value)
        assert "SECRETHASH" not in message and "user1" not in message
        assert "\n" not in message and "cannot be found" in message
    with pytest.raises(SaveError, match="not a .yaml or .yml file, so never opened"):
        saves.load(_with_file(tmp_path, "/etc/shadow"))


def test_an_error_about_a_broken_scenario_quotes_only_a_short_excerpt(tmp_path, monkeypatch):
    broken = tmp_path / "broken.yaml"
    broken.write_text("".join(f"key{i}: SECRET{i}\n" for i in range(35)))
    doc = _doc()
    doc["scenario"]["file"] = str(broken)
    doc["scenario"]["hash"] = saves.hashlib.sha256(broken.read_bytes()).hexdigest()
    path = tmp_path / "g.parley.json"
    path.write_bytes(_signed(doc))
    with pytest.raises(SaveError) as err:
        saves.load(path)
    message = str(err.value)
    assert "\n" not in message and len(message) < 400 and "more problems" in message
    assert sum(f"SECRET{i}" in message for i in range(35)) <= 1


@pytest.mark.parametrize("file", ["/" + "x" * 300 + ".yaml", "/tmp/" + "d/" * 2100 + "s.yaml", "a\0b.yaml", 42])
def test_an_impossible_scenario_path_in_a_save_is_one_line(tmp_path, file):
    with pytest.raises(SaveError) as err:
        saves.load(_with_file(tmp_path, file))
    message = str(err.value)
    assert "\n" not in message and len(message) < 400 and "cannot be found" in message


def _copy_of_shipped(folder: Path, edit: bool) -> Path:
    from game.resources import default_scenario

    text = default_scenario().read_text(encoding="utf-8")
    if edit:
        text = text.replace("turn_days: 2", "turn_days: 3", 1)
        assert "turn_days: 3" in text
    copy = folder / "my_syria.yaml"
    copy.write_text(text, encoding="utf-8")
    return copy


def _session_of(path: Path, seed: int = 4) -> Session:
    from game.scenario.loader import load_scenario

    session = Session(load_scenario(path), seed, agent_factory=stand_in)
    for _ in range(30):
        session.step_computer()
    return session


def test_an_edited_copy_of_a_shipped_scenario_loads_its_own_file(tmp_path):
    """Its id is the shipped one's, but its content is not: the save must replay the copy."""
    copy = _copy_of_shipped(tmp_path, edit=True)
    session = _session_of(copy)
    path = tmp_path / "g.parley.json"
    saves.save(session, path, str(copy))
    loaded, file = saves.load(path, agent_factory=stand_in)
    assert file == str(copy) and loaded.scenario.turn_days == 3
    assert loaded.state.log == session.state.log


def test_a_save_made_from_a_relative_path_loads_from_another_folder(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    copy = _copy_of_shipped(work, edit=True)
    monkeypatch.chdir(work)
    session = _session_of(Path(copy.name))
    path = tmp_path / "g.parley.json"
    saves.save(session, path, copy.name)  # as `python main.py play my_syria.yaml` records it
    assert json.loads(path.read_bytes())["scenario"]["file"] == str(copy)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    loaded, file = saves.load(path, agent_factory=stand_in)
    assert Path(file) == copy and loaded.state.log == session.state.log


def _saved_then_edited(folder: Path, edit_first: bool, old: str, new: str) -> tuple[Session, Path, Path]:
    """A game of a copy of the shipped scenario, saved; then the copy is edited."""
    copy = _copy_of_shipped(folder, edit=edit_first)
    session = _session_of(copy)
    path = folder / "g.parley.json"
    saves.save(session, path, str(copy))
    copy.write_text(copy.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return session, path, copy


def test_a_save_of_a_shipped_scenario_whose_recorded_file_changed_finds_the_shipped_one(tmp_path):
    session, path, _ = _saved_then_edited(tmp_path, False, "turn_days: 2", "turn_days: 3")
    loaded, file = saves.load(path, agent_factory=stand_in)
    from game.resources import default_scenario

    assert Path(file) == default_scenario() and loaded.state.log == session.state.log


def test_a_save_whose_scenario_changed_everywhere_says_so_and_names_the_file(tmp_path):
    _, path, copy = _saved_then_edited(tmp_path, True, "turn_days: 3", "turn_days: 4")
    with pytest.raises(SaveError, match="has changed since this game was saved") as err:
        saves.load(path, agent_factory=stand_in)
    assert str(copy) in str(err.value)


# ------------------------------------------------------------------ hostile sizes, checked before parsing


def _no_parsing(monkeypatch) -> list[int]:
    """Make json.loads in saves record how much it is asked to parse."""
    sizes: list[int] = []
    real = saves.json.loads

    def loads(text, *args, **kwargs):
        sizes.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(saves.json, "loads", loads)
    return sizes


def test_a_huge_save_of_empty_lists_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    """20 MB of empty lists once took 544 MB and 4.8 s before the checksum refused it."""
    doc = _doc()
    filler = b"[]," * 6_000_000
    path = tmp_path / "huge.parley.json"
    good = _signed(doc)
    path.write_bytes(good.replace(b' "actions": [\n', b' "actions": [\n' + filler, 1))
    sizes = _no_parsing(monkeypatch)
    with pytest.raises(SaveError, match="checksum"):
        _load(path)
    assert saves.summary(path) is None
    legacy = tmp_path / "legacy.parley.json"  # format 2's checksum needs a parse: size and brackets come first
    legacy.write_bytes(b'{"format": "parley-save", "version": 2, "actions": [' + filler + b"[]]}")
    with pytest.raises(SaveError, match="without the layout of save format 3"):
        _load(legacy)
    assert saves.summary(legacy) is None
    legacy.write_bytes(b'{"format": "parley-save", "version": 2, "actions": [' + b"[]," * 1_000_000 + b"[]]}")
    with pytest.raises(SaveError, match="more than a save can hold"):
        _load(legacy)
    assert saves.summary(legacy) is None
    assert sizes == []


def test_the_title_card_parses_only_the_summary_of_a_save(tmp_path, monkeypatch):
    path = tmp_path / "g.parley.json"
    saves.save(_finished(2), path)
    sizes = _no_parsing(monkeypatch)
    assert saves.summary(path).title == shipped().title
    assert sizes and max(sizes) < 1000 < path.stat().st_size


def test_a_format_2_save_still_loads(tmp_path):
    session = _finished(5)
    doc = json.loads(saves.dumps(session))
    old = {"format": "parley-save", "version": 2, "scenario": doc["scenario"], "seed": doc["seed"],
           "seats": doc["seats"], "actions": doc["actions"],
           "summary": {k: v for k, v in doc["summary"].items() if k != "title"}}
    old["checksum"] = saves._checksum(old)
    path = tmp_path / "v2.parley.json"
    path.write_text(json.dumps(old, indent=1))
    loaded, _ = _load(path)
    assert loaded.state.log == session.state.log
    assert saves.summary(path).title == shipped().title


def test_a_format_3_document_without_its_layout_is_refused(tmp_path):
    """Format 3's checksum covers its bytes: the same fields with a format-2 checksum are not a save."""
    doc = {k: v for k, v in _doc().items() if k != "checksum"}
    doc["checksum"] = saves._checksum(doc)
    path = tmp_path / "g.parley.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="checksum"):
        _load(path)
