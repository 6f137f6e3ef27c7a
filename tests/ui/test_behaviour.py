"""The window keeps answering while computers think; hot-seat privacy; keyboard focus; resizing;
names in any script; tooltips with shortcuts; hovering."""

from __future__ import annotations

import time

import pygame

from game.core.actions import EndPhase
from game.resources import default_scenario
from game.scenario.loader import load_scenario_bytes
from game.ui.text import Fonts, markup, runs

THINK = 0.8  # seconds per decision: a frame that waited for one would take at least this long


class SlowAgent:
    def decide(self, obs, rng):
        time.sleep(THINK)
        return EndPhase(obs.actor, "slow")


def test_the_window_answers_while_a_computer_thinks(make_app):
    from game.ui.scenes.title import TitleScene
    from tests.ui.conftest import Driver

    app = make_app(agent_factory=lambda seat: SlowAgent())
    app.push(TitleScene(app))
    d = Driver(app)
    d.click("card0")
    d.click("start")
    d.click("done")
    d.click("end")  # the computers now take THINK seconds per decision
    worst = 0.0
    thinking = set()
    for _ in range(60):
        t0 = time.perf_counter()
        app.frame()
        worst = max(worst, time.perf_counter() - t0)
        if app.match.thinking:
            thinking.add(app.match.thinking)
            assert app.busy(), "the loop keeps drawing while a computer thinks"
    assert thinking, "a computer seat was seen thinking"
    assert worst < THINK / 2, f"a frame took {worst:.3f} s: it waited for the computer"


def test_handover_hides_the_previous_view(driver):
    from game.ui.scenes.handover import HandoverScene

    d = driver
    d.click("card0")
    d.click("human:russia")
    d.click("start")
    assert d.top_name == "HandoverScene"  # even the first player's brief waits behind a handover (issue 10.21)
    d.click("ready")
    d.click("done")
    assert d.until(lambda: d.top_name == "TableScene" and d.app.match.my_turn())
    d.click("end")
    assert d.until(lambda: d.top_name == "HandoverScene")
    assert not HandoverScene.overlay  # nothing of the table below is drawn
    assert d.app.match.viewer == "us"  # not yet Russia's view...
    d.key(pygame.K_RETURN)
    assert d.app.match.viewer == "russia"  # ...until its player confirms
    assert d.top_name == "BriefScene" and d.top.actor == "russia"
    assert d.app.match.obs().actor == "russia"


def test_tab_ring_and_enter(driver):
    d = driver
    ring = [n for n in d.top.ring if d.top.enabled(n)]
    d.key(pygame.K_TAB)
    assert d.top.focus == ring[0]
    d.key(pygame.K_TAB)
    assert d.top.focus == ring[1]
    d.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    d.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert d.top.focus == ring[-1]
    while d.top.focus != "settings":
        d.key(pygame.K_TAB)
    d.key(pygame.K_RETURN)
    assert d.top_name == "SettingsScene"
    d.key(pygame.K_ESCAPE)
    assert d.top_name == "TitleScene"


def test_seed_entry_takes_typed_digits_only(driver):
    d = driver
    d.click("card0")
    d.top.set_focus("seed")
    d.frames(1)
    d.top.widgets["seed"].set_text("")
    d.type_text("12ab34")
    d.type_text("\u200b")
    assert d.top.seed_text == "1234"


def test_resize_relayouts(driver):
    d = driver
    pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900))
    d.frames(2)
    assert d.app.screen.get_size() == (1600, 900)
    assert d.app.geometry.scale == 1.25  # the default setting fits the layout to the window
    button = d.top.widgets["card0"]
    assert button.rect.right <= 1600 and button.rect.bottom <= 900
    d.click("card0")
    assert d.top_name == "SetupScene"


def test_tooltips_name_the_shortcut(driver):
    assert "Shortcut: S" in driver.top.widgets["settings"].tool_tip_text


def test_names_in_other_scripts(make_app):
    pygame.font.init()
    assert [i for i, _ in runs("Россия")] == [0]
    assert len({i for i, _ in runs("US – 中国 – روسيا")}) == 3
    assert "<font face=" in markup("トルコ")
    fonts = Fonts(1.0)
    for name in ("Ελλάδα", "ישראל", "ایران", "საქართველო", "대한민국", "日本", "中国"):
        assert fonts.render(name, 14, (255, 255, 255)).get_width() > 10
    text = default_scenario().read_text(encoding="utf-8")
    for old, new in (('name: "Russia"', 'name: "Россия"'), ('name: "Turkey"', 'name: "トルコ"'),
                     ('name: "Iran"', 'name: "ایران"')):
        assert old in text
        text = text.replace(old, new, 1)
    sc = load_scenario_bytes(text.encode("utf-8"), "names.yaml")
    from game.present.match import Match
    from game.session import Seat
    from game.ui.scenes.table import TableScene

    app = make_app()
    seats = {a: Seat(a, "human" if a == "us" else "computer") for a in sc.actor_ids}
    app.match = Match.new(sc, None, seats, 3, app.agent_factory)
    app.match.briefed.add("us")
    app.push(TableScene(app))
    app.frame()
    app.frame()
    assert app.top.__class__.__name__ == "TableScene"


def test_hovering_a_position_explains_it(driver):
    d = driver
    d.click("card0")
    d.click("start")
    d.click("done")
    assert d.until(lambda: d.top_name == "TableScene" and d.app.match.my_turn())
    rect, text = next((r, t) for r, t in d.top.hovers if t.startswith("Russia says"))
    pygame.mouse.set_pos(rect.center)
    d.frames(2)
    assert d.top.hover_text == text


def test_buttons_with_names_in_other_scripts_get_a_font_that_has_them(driver):
    d = driver
    from game.ui.text import label_font

    assert label_font("トルコ") == "noto_sans_jp" and label_font("Turkey") is None
    assert label_font("ایران") == "noto_sans_ar"
    button = d.top.button("probe", d.top.rect(10, 10, 200, 40), "トルコ")
    plain = d.top.button("probe2", d.top.rect(10, 60, 200, 40), "Turkey")
    assert plain.font is not button.font
