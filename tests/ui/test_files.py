"""Nothing is lost: settings persist, autosaves and saves, errors shown in the game, closing asks."""

from __future__ import annotations

import json
import re

import pygame

from game import paths
from game.resources import default_scenario
from game.ui import settings as sm
from game.ui.scene import Intent


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
