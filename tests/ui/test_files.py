"""Nothing is lost: settings persist, autosaves and saves, errors shown in the game, closing asks."""

from __future__ import annotations

import json
import logging
import re

import pygame
import pytest

from game import paths
from game.resources import default_scenario
from game.ui import settings as sm
from game.ui.scene import Intent
from tests.ui.conftest import Driver


def test_paths_follow_parley_home(home):
    assert paths.settings_path() == home / "config" / "settings.json"
    assert paths.autosave_path().parent == home / "data" / "saves"


def test_settings_persist_and_bad_files_fall_back(home):
    assert sm.load() == sm.Settings()
    assert sm.store(sm.Settings(ui_scale=1.5, palette="colourblind", fullscreen=True, text_size=1.3)) is None
    assert sm.load() == sm.Settings(1.5, "colourblind", True, 1.3)
    paths.settings_path().write_text("{not json", encoding="utf-8")
    assert sm.load() == sm.Settings()
    paths.settings_path().write_text(json.dumps({"ui_scale": 9, "palette": 3, "text_size": True}), encoding="utf-8")
    assert sm.load() == sm.Settings()


def test_settings_screen_applies_and_keeps(driver):
    d = driver
    d.app.save_settings = True
    d.click("settings")
    assert d.top_name == "SettingsScene"
    d.click("palette:colourblind")
    d.click("text:1.15")
    d.click("scale:1.5")  # more than fits at 1280x720: the window uses what fits
    assert d.app.palette.name == "colourblind"
    assert d.app.geometry.scale == 1.0
    assert sm.load() == sm.Settings(1.5, "colourblind", False, 1.15)
    d.click("back")
    assert d.top_name == "TitleScene"


def test_effective_scale_and_theme_sizes():
    from game.ui.app import effective_scale
    from game.ui.theme import theme_dict

    assert effective_scale(0, (1920, 1080)) == 1.5
    assert effective_scale(1.0, (1920, 1080)) == 1.0
    assert effective_scale(2.0, (1920, 1080)) == 1.5
    assert effective_scale(1.0, (1024, 576)) == 0.8
    small, big = theme_dict(1.0, 1.0), theme_dict(2.0, 1.0)
    assert int(big["button"]["font"]["size"]) == 2 * int(small["button"]["font"]["size"])


def test_a_broken_scenario_shows_the_loader_message_and_the_game_goes_on(driver, tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(default_scenario().read_text(encoding="utf-8").replace("turn_days: 2", "turn_days: two", 1),
                   encoding="utf-8")
    driver.click("open")
    assert "file_dialog" in driver.top.widgets
    driver.top.dispatch(Intent("picked", "", str(bad)))
    driver.frames(2)
    assert driver.top_name == "Dialog"
    assert f"{bad}:" in driver.top.body and "turn_days" in driver.top.body
    driver.click("b0")
    assert driver.top_name == "TitleScene"
    driver.click("card0")
    assert driver.top_name == "SetupScene"


def test_a_damaged_save_shows_why(driver):
    from game.ui.flow import continue_game

    paths.saves_dir().mkdir(parents=True, exist_ok=True)
    broken = paths.saves_dir() / "x.parley.json"
    broken.write_text('{"format": "parley-save", "version": 2, "checksum": "0"}', encoding="utf-8")
    continue_game(driver.app, broken)
    driver.frames(1)
    assert driver.top_name == "Dialog" and "checksum" in driver.top.body
    driver.click("b0")
    assert driver.top_name == "TitleScene"


def _start(d, humans=("us",)):
    d.click("card0")
    for actor in humans[1:]:
        d.click(f"human:{actor}")
    d.click("start")
    d.click("done")
    assert d.until(lambda: d.top_name == "TableScene" and d.app.match.my_turn())


def test_autosave_each_turn_and_continue_resumes(driver):
    d = driver
    _start(d)
    assert paths.autosave_path().is_file()
    for _ in range(3):  # diplomacy round 1, round 2, then the actions phase
        assert d.until(lambda: d.top_name in ("TableScene", "ResolutionScene") and d.app.match.my_turn())
        if d.app.match.obs().phase == "actions":
            d.click("end")
            break
        d.click("end")
    assert d.until(lambda: d.top_name == "ResolutionScene")
    turn = d.app.match.session.state.turn
    actions = len(d.app.match.session.actions)
    assert turn == 2
    d.click("done")
    d.key(pygame.K_ESCAPE)
    assert d.top_name == "MenuScene"
    d.click("title")
    assert d.top_name == "TitleScene" and "continue" in d.top.widgets
    d.click("continue")
    assert d.top_name == "TableScene"
    d.frames(2)
    assert d.app.match.session.state.turn == turn
    assert len(d.app.match.session.actions) >= actions


def test_menu_save_then_load(driver):
    d = driver
    _start(d)
    d.click("menu")
    d.click("save")
    saved = [p for p in paths.list_saves() if p != paths.autosave_path()]
    assert len(saved) == 1
    d.click("menu")
    d.click("load")
    assert d.top_name == "LoadScene"
    index = d.top.saves.index(saved[0])
    d.click(f"save:{index}")
    if d.top_name == "BriefScene":  # nobody had acted yet: the brief comes first again
        d.click("done")
    assert d.top_name == "TableScene"
    assert d.app.match.save_path == saved[0]


def test_closing_mid_game_offers_to_save(driver):
    d = driver
    _start(d)
    from game.core.actions import Statement

    assert d.app.match.submit(Statement("us", "no_fly_zone", 2)) is None
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frames(2)
    assert d.top_name == "QuitDialog" and d.app.running
    d.click("save")
    assert not d.app.running
    saved = [p for p in paths.list_saves() if p != paths.autosave_path()]
    assert saved, "the game was saved under its own name"


def test_closing_on_the_title_screen_just_closes(driver):
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    driver.frames(1)
    assert not driver.app.running


# ------------------------------------------------------------------ hostile settings files


@pytest.mark.parametrize("name, content", [
    ("400-digit ui_scale", b'{"ui_scale": 1' + b"0" * 400 + b"}"),
    ("huge negative text size", b'{"text_size": -' + b"9" * 400 + b".5}"),
    ("5000-digit number", b'{"ui_scale": ' + b"7" * 5000 + b"}"),
    ("1e999", b'{"ui_scale": 1e999}'),
    ("10^4-deep nesting", b'{"ui_scale": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"),
    ("10^5-deep nesting", b"[" * 100_000 + b"]" * 100_000),
    ("a list", b"[1.5]"),
    ("a nested palette", b'{"palette": {"standard": 1}}'),
    ("fullscreen 1", b'{"fullscreen": 1}'),
    ("not UTF-8", b'{"palette": "\xff"}'),
    ("a megabyte of spaces", b" " * 1_000_000 + b"{}"),
])
def test_a_hostile_settings_file_gives_the_defaults_with_a_warning(home, caplog, name, content):
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_bytes(content)
    with caplog.at_level(logging.WARNING):
        assert sm.load() == sm.Settings()
    assert "settings" in caplog.text


def test_good_values_survive_beside_bad_ones(home):
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_text(json.dumps({"ui_scale": 10**400, "palette": "colourblind", "text_size": 1.3}))
    assert sm.load() == sm.Settings(palette="colourblind", text_size=1.3)


def test_the_window_starts_with_a_hostile_settings_file(home, make_app):
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_bytes(b'{"ui_scale": 1' + b"0" * 400 + b', "text_size": ' + b"[" * 5000 + b"]" * 5000
                                      + b"}")
    app = make_app(settings=None)
    assert app.settings == sm.Settings()


# ------------------------------------------------------------------ an unwritable home


def _unwritable(home, how: str):
    home.parent.mkdir(parents=True, exist_ok=True)
    if how == "home is a file":
        home.write_text("x")
    elif how == "saves is a file":
        (home / "data").mkdir(parents=True)
        (home / "data" / "saves").write_text("x")
    return how


@pytest.mark.parametrize("how", ["home is a file", "saves is a file", "read-only"])
def test_an_unwritable_home_never_stops_the_game_and_says_once_that_autosave_is_off(driver, home, how,
                                                                                    monkeypatch):
    if how == "read-only":  # simulated: tests may run as root, for whom permissions do not hold
        import errno
        import os

        from game import files

        def refuse(*args, **kwargs):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
        monkeypatch.setattr(os, "mkdir", refuse)
    else:
        _unwritable(home, how)
    d = driver
    d.click("card0")
    d.click("start")
    assert d.top_name == "BriefScene"
    m = d.app.match
    assert m.autosave_problem
    d.click("done")
    assert d.until(lambda: d.top_name == "TableScene" and m.my_turn())
    d.frames(2)
    texts = [t for t, _ in d.app.toasts]
    assert len(texts) == 1 and texts[0].startswith("Autosave is off: ") and "Save as" in texts[0]
    from game.core.actions import Statement

    for variant in (1, 2):  # more actions: autosave keeps failing, but it is said only once
        assert m.submit(Statement("us", "no_fly_zone", variant)) is None
        d.frames(3)
    assert m.notices == [] and [t for t, _ in d.app.toasts] == texts
    d.key(pygame.K_ESCAPE)
    assert d.top_name == "MenuScene" and "save_as" in d.top.widgets


def test_save_as_saves_elsewhere_when_the_home_is_unwritable(driver, home, tmp_path):
    _unwritable(home, "home is a file")
    d = driver
    _start(d)
    d.key(pygame.K_ESCAPE)
    d.click("save_as")
    assert "file_dialog" in d.top.widgets
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    d.top.dispatch(Intent("picked", "", str(elsewhere)))  # a folder: the game gets a name of its own there
    d.frames(2)
    assert d.top_name == "TableScene"
    saved = list(elsewhere.glob("*.parley.json"))
    assert len(saved) == 1 and d.app.match.save_path == saved[0]
    from game import saves

    assert saves.load(saved[0])[0].actions == d.app.match.session.actions


def test_saving_into_a_home_that_is_a_file_shows_one_line_and_the_game_goes_on(driver, home):
    _unwritable(home, "home is a file")
    d = driver
    _start(d)
    d.key(pygame.K_ESCAPE)
    d.click("save")
    assert d.top_name == "Dialog" and "is a file, not a folder" in d.top.body and "\n" not in d.top.body
    d.click("b0")
    assert d.top_name == "MenuScene"


# ------------------------------------------------------------------ damaged saves on the title screen


def _good_save(path):
    from game import saves
    from game.session import Session
    from tests.helpers import shipped, stand_in

    session = Session(shipped(), 3, agent_factory=stand_in)
    for _ in range(20):
        session.step_computer()
    path.parent.mkdir(parents=True, exist_ok=True)
    saves.save(session, path)
    return json.loads(path.read_bytes())


def test_a_damaged_newest_save_is_skipped_by_continue_and_listed_as_damaged(home, make_app):
    """A save whose summary was a list (checksum recomputed) stopped the title screen with a TypeError."""
    import os

    from game import saves
    from game.ui.scenes.title import TitleScene

    good = paths.saves_dir() / "good.parley.json"
    doc = _good_save(good)
    bad = paths.saves_dir() / "bad.parley.json"
    doc["summary"] = [["turn", 3], ["title", {"x": 1}]]
    bad.write_bytes(saves.encode({k: v for k, v in doc.items() if k != "checksum"}))
    os.utime(good, (1_000_000, 1_000_000))  # the damaged one is the newest
    app = make_app()
    app.push(TitleScene(app))
    d = Driver(app)
    d.frames(2)
    assert d.top.latest == [good] and "continue" in d.top.widgets
    d.click("load")
    labels = {p.name: d.top.widgets[f"save:{i}"].text for i, p in enumerate(d.top.saves)}
    assert "damaged" in labels["bad.parley.json"] and "damaged" not in labels["good.parley.json"]


# ------------------------------------------------------------------ autosave after every action


def test_a_restart_mid_round_keeps_the_round_and_pending_proposals(driver, make_app):
    """The autosave once happened only at turn changes: quitting mid-round lost the round."""
    from game import autosave
    from game.core.actions import Propose, Statement

    d = driver
    _start(d)
    m = d.app.match
    obs = m.obs()
    assert obs.phase == "diplomacy" and obs.turn == 1
    assert m.submit(Statement("us", "no_fly_zone", 1)) is None
    assert m.submit(Propose("us", ("russia",), (("no_fly_zone", 1),))) is None
    assert m.session.to_move == "us"  # still our slot: nobody has answered yet
    before = list(m.session.actions)
    round_ = m.session.state.round
    autosave.WRITER.flush()  # the window is killed: no autosave on the way out, only what was written
    from game.ui.scenes.title import TitleScene

    app = make_app()
    app.push(TitleScene(app))
    d2 = Driver(app)
    d2.frames(2)
    d2.click("continue")
    d2.frames(2)
    resumed = d2.app.match.session
    assert resumed.actions == before
    assert resumed.state.turn == 1 and resumed.state.round == round_
    assert [(p.sender, p.to, p.status) for p in resumed.state.proposals] == [("us", ("russia",), "open")]


def test_autosave_says_when_it_works_again_and_saves_every_action(home):
    from game import autosave, saves
    from game.core.actions import Statement
    from game.present.match import Match
    from game.session import Seat
    from tests.helpers import shipped
    from tests.ui.conftest import passive_factory

    home.parent.mkdir(parents=True, exist_ok=True)
    home.write_text("x")
    sc = shipped()
    seats = {a: Seat(a, "human" if a == "us" else "computer") for a in sc.actor_ids}
    m = Match.new(sc, None, seats, 5, passive_factory)
    assert m.autosave_problem and "is a file, not a folder" in m.autosave_note
    assert len(m.notices) == 1
    home.unlink()
    while m.session.to_move != "us":
        m.poll(0.05)
    assert m.submit(Statement("us", "no_fly_zone", 1)) is None
    autosave.WRITER.flush()
    m.poll(0)
    assert m.autosave_problem is None and m.notices[-1] == "Autosave works again."
    assert saves.load(paths.autosave_path(), agent_factory=passive_factory)[0].actions == m.session.actions
    m.stop()


def test_save_as_a_new_name_adds_the_suffix(driver, tmp_path):
    d = driver
    _start(d)
    d.key(pygame.K_ESCAPE)
    d.click("save_as")
    d.top.dispatch(Intent("picked", "", str(tmp_path / "my game")))
    d.frames(2)
    assert (tmp_path / "my game.parley.json").is_file() and d.top_name == "TableScene"
def test_opening_a_file_shows_lint_findings_in_plain_words(driver, tmp_path):
    """A scenario that validates opens to its setup, with lint's findings in a dialog over it."""
    from tests.author.test_lint import CASES, broken_copy

    case = next(c for c in CASES if c[0] == "corridor_above_top_level")
    path = broken_copy(tmp_path, case[0], case[4])
    driver.click("open")
    driver.top.dispatch(Intent("picked", "", str(path)))
    driver.frames(2)
    assert driver.top_name == "Dialog" and driver.top.title == "Notes on this scenario"
    assert re.search(r"Line \d+: 'A shared river' can never be reached", driver.top.body)
    assert "You can still play it" in driver.top.body
    driver.click("b0")
    assert driver.top_name == "SetupScene"


def test_opening_a_clean_file_shows_no_notes(driver):
    driver.click("open")
    driver.top.dispatch(Intent("picked", "", str(default_scenario())))
    driver.frames(2)
    assert driver.top_name == "SetupScene"
