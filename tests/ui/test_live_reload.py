"""Live reload in the window: saving the scenario file mid-game reloads it, or says why it cannot."""

from __future__ import annotations

import os
import time

import pygame
import pytest

from game.present.match import Match
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario
from game.session import Seat
from game.ui.flow import start_match
from tests.ui.conftest import Driver, passive_factory

TUTORIAL = next(p for p in shipped_scenarios() if p.stem == "tutorial_river")


def _watching(app, d: Driver) -> None:
    """Play frames until the file is watched: the watch is in place at its first wake-up (a loaded
    machine is slow), so wait by the clock, not by a count of frames."""
    deadline = time.monotonic() + 30
    while not (app.live.watcher is not None and app.live.watcher.ready.is_set()) and time.monotonic() < deadline:
        d.frames(1)
        time.sleep(0.01)  # a window drawn at fps=0 holds the GIL; give the watching thread its turn
    assert app.live.watcher is not None and app.live.watcher.ready.is_set()


def _playing(make_app, tmp_path, size=(1280, 720)):
    path = tmp_path / "river.yaml"
    path.write_bytes(TUTORIAL.read_bytes())
    app = make_app(size=size)
    sc = load_scenario(path)
    seats = {a: Seat(a, "human" if a == "lowmere" else "computer") for a in sc.actor_ids}
    start_match(app, Match.new(sc, str(path), seats, 3, passive_factory))
    d = Driver(app)
    d.frames(3)
    _watching(app, d)
    return app, d, path


def _until_reloaded(d: Driver, app, seconds: float = 1.0) -> bool:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        d.frames(1)
        if app.live.last is not None:
            return True
        time.sleep(0.01)
    return False


def _save(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    temp = path.with_name(".river.yaml.new")
    temp.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temp, path)  # as an editor saves


def test_a_valid_save_reloads_within_a_second_and_says_so(make_app, tmp_path):
    app, d, path = _playing(make_app, tmp_path)
    before = list(app.match.session.actions)
    _save(path, '"Close the sluice gates"', '"Shut the sluice gates"')
    assert _until_reloaded(d, app)
    assert app.match.scenario.unilateral_move("close_sluices").name == "Shut the sluice gates"
    assert app.match.session.actions[:len(before)] == before
    assert app.toasts and "reloaded" in app.toasts[0][0].lower()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_an_invalid_save_shows_file_and_line_and_the_game_goes_on(make_app, tmp_path, size):
    app, d, path = _playing(make_app, tmp_path, size)
    old = app.match.session
    under = d.top_name
    _save(path, "    cost: 1\n    limit: 2\n", "    cost: lots\n    limit: 2\n")
    assert _until_reloaded(d, app)
    assert d.top_name == "Dialog" and f"{path}:" in d.top.body and "cost" in d.top.body
    assert app.match.session is old
    d.frames(2)
    if os.environ.get("PARLEY_RENDER_DIR"):
        pygame.image.save(app.screen, os.path.join(os.environ["PARLEY_RENDER_DIR"], f"reload_error_{size[0]}.png"))
    d.click("b0")
    assert d.top_name == under


def test_a_deleted_file_is_reported_and_play_goes_on(make_app, tmp_path):
    app, d, path = _playing(make_app, tmp_path)
    old = app.match.session
    path.unlink()
    assert _until_reloaded(d, app)
    assert d.top_name == "Dialog" and "deleted or moved" in d.top.body
    assert app.match.session is old


def test_a_save_that_makes_a_past_action_illegal_goes_back_to_the_table_and_says_where(make_app, tmp_path):
    import numpy as np

    from game.ai import make_agent
    from game.core.actions import EndPhase
    from game.core.errors import IllegalActionError

    path = tmp_path / "river.yaml"
    path.write_bytes(TUTORIAL.read_bytes())
    app = make_app(agent_factory=lambda seat: make_agent("random", "normal"))
    sc = load_scenario(path)
    seats = {a: Seat(a, "human" if a == "lowmere" else "computer", "normal", "random") for a in sc.actor_ids}
    m = Match.new(sc, str(path), seats, 2, None)
    chooser = make_agent("random", "normal")
    while m.session.step < 60:  # the person's seat plays at random too, straight through the session
        s = m.session
        action = chooser.decide(s.observe(s.to_move), np.random.default_rng(s.step))
        try:
            s.submit(action)
        except IllegalActionError:
            s.submit(EndPhase(s.to_move))
    m.briefed = set(m.humans)
    start_match(app, m)
    d = Driver(app)
    d.frames(3)
    _watching(app, d)
    _save(path, "    cost: 1\n    limit: 2\n", '    cost: 1\n    limit: 2\n    precondition: "turn >= 99"\n')
    assert _until_reloaded(d, app)
    d.frames(2)
    assert [type(s).__name__ for s in app.stack] == ["TableScene", "Dialog"]
    assert "replay stopped at action" in d.top.body and "Close the sluice gates" in d.top.body
    assert app.match.session.step < 60


def test_leaving_the_game_stops_watching_its_file(make_app, tmp_path):
    from game.ui.flow import to_title

    app, d, _ = _playing(make_app, tmp_path)
    watcher = app.live.watcher
    to_title(app)
    d.frames(2)
    assert app.live.watcher is None and not watcher.watching
