"""Live reload: a game replayed on a new version of its scenario file, and the watcher that notices saves."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from game.core.actions import ChooseMove
from game.reload import reload_file, reload_message
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario
from game.session import Seat, Session
from game.watch import FileWatcher

TUTORIAL = next(p for p in shipped_scenarios() if p.stem == "tutorial_river")
SLUICES = '    cost: 1\n    limit: 2\n'  # close_sluices: the first unilateral move of the tutorial


@pytest.fixture
def game(tmp_path):
    """A copy of the tutorial and a game 60 actions into it (Highford played by a person)."""
    path = tmp_path / "river.yaml"
    path.write_bytes(TUTORIAL.read_bytes())
    sc = load_scenario(path)
    seats = {a: Seat(a, "computer", "normal", "random") for a in sc.actor_ids}
    session = Session(sc, 2, seats)
    while session.step < 60:
        session.step_computer()
    return path, session


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_valid_edit_replays_every_action_and_play_goes_on_at_the_same_point(game):
    path, old = game
    _edit(path, '"Close the sluice gates"', '"Shut the sluice gates"')
    result = reload_file(old, path)
    assert result.complete and result.replayed == result.total == 60
    new = result.session
    assert new.scenario.unilateral_move("close_sluices").name == "Shut the sluice gates"
    assert (new.turn, new.state.phase, new.to_move, new.actions) == (old.turn, old.state.phase, old.to_move, old.actions)
    assert new.state.indicators == old.state.indicators
    assert old.scenario.unilateral_move("close_sluices").name == "Close the sluice gates"  # the old game is untouched
    new.run_computers()
    assert new.over
    title, text = reload_message(result, str(path))
    assert "reloaded" in title and "all 60 actions" in text


def test_an_edit_that_changes_the_rules_plays_on_with_the_new_numbers(game):
    path, old = game
    _edit(path, '      - "reservoir += 10"\n', '      - "reservoir += 1"\n')
    result = reload_file(old, path)
    assert result.complete
    made = old.state.made.get("close_sluices", 0)
    assert made  # the game made the move, so its new effect shows in the replayed indicators
    assert result.session.state.indicators["reservoir"] != old.state.indicators["reservoir"]


def test_an_invalid_edit_is_refused_with_file_and_line_and_the_old_game_goes_on(game):
    path, old = game
    _edit(path, "    cost: 1\n    limit: 2\n", "    cost: lots\n    limit: 2\n")
    result = reload_file(old, path)
    assert result.session is None
    line = path.read_text(encoding="utf-8").splitlines().index("    cost: lots") + 1
    assert f"{path}:{line}:" in result.problem
    title, text = reload_message(result, str(path))
    assert "not reloaded" in title and "goes on with the version it had" in text
    assert old.step == 60 and old.step_computer() is not None  # still playable


def test_an_edit_that_makes_a_past_action_illegal_stops_the_replay_there(game):
    path, old = game
    first = next(i for i, a in enumerate(old.actions) if isinstance(a, ChooseMove) and a.move == "close_sluices")
    _edit(path, SLUICES, SLUICES + '    precondition: "turn >= 99"\n')
    result = reload_file(old, path)
    assert result.session is not None and not result.complete
    assert result.replayed == first and result.session.step == first
    assert f"action {first + 1} of 60" in result.stopped_at and "Highford" in result.stopped_at
    title, text = reload_message(result, str(path))
    assert "replay stopped" in title and f"{60 - first} of the game's 60 actions" in text
    result.session.run_computers()  # and the game carries on from there
    assert result.session.over


def test_a_deleted_file_changes_nothing(game):
    path, old = game
    path.unlink()
    result = reload_file(old, path)
    assert result.session is None and "deleted or moved" in result.problem


def test_reloading_a_finished_game_replays_it_whole_with_its_seats(tmp_path):
    path = tmp_path / "river.yaml"
    path.write_bytes(TUTORIAL.read_bytes())
    sc = load_scenario(path)
    seats = {a: Seat(a, "computer", "normal", "random") for a in sc.actor_ids}
    seats["lowmere"] = Seat("lowmere", "human")
    old = Session(sc, 1, seats)
    old.run_computers()
    result = reload_file(old, path)  # the same file: the whole game replays, seats and all
    assert result.complete and result.session.seats == old.seats


def _wait(watcher: FileWatcher, seconds: float = 1.0) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if watcher.changed():
            return time.monotonic() - start
        time.sleep(0.01)
    return None


def test_the_watcher_sees_a_save_a_replacement_and_a_deletion_within_a_second(tmp_path):
    path = tmp_path / "river.yaml"
    path.write_bytes(TUTORIAL.read_bytes())
    (tmp_path / "other.yaml").write_text("x", encoding="utf-8")
    watcher = FileWatcher(path)
    try:
        assert watcher.ready.wait(5) and watcher.problem is None
        (tmp_path / "other.yaml").write_text("y", encoding="utf-8")  # another file: no reload
        assert _wait(watcher, 0.6) is None
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert _wait(watcher) is not None
        temp = tmp_path / ".river.yaml.swp-new"
        temp.write_bytes(TUTORIAL.read_bytes())
        os.replace(temp, path)  # how many editors save: a new file renamed over the old
        assert _wait(watcher) is not None
        path.unlink()
        assert _wait(watcher) is not None
    finally:
        watcher.stop()
