"""Whole games driven like a player: posted mouse clicks, and the keyboard alone."""

from __future__ import annotations

import pygame

from game import paths


def _advance(d, seen: set[str], on_table) -> None:
    """Click through the screens between a player's turns until the debrief."""
    for _ in range(4000):
        name = d.top_name
        seen.add(name)
        if name == "DebriefScene":
            return
        if name == "HandoverScene":
            d.click("ready")
        elif name == "BriefScene" or name == "ResolutionScene":
            d.click("done")
        elif name == "TableScene" and d.app.match.my_turn():
            on_table(d)
        else:
            d.frames(1)
    raise AssertionError(f"no debrief; stuck on {d.top_name}")


def test_two_humans_clicked_from_title_to_debrief(driver):
    d = driver
    d.click("card0")
    assert d.top_name == "SetupScene"
    d.click("human:russia")
    d.click("start")
    assert d.top_name == "HandoverScene" and d.app.match.viewer is None  # hot-seat: nobody's view yet
    d.click("ready")
    assert d.top_name == "BriefScene" and d.app.match.viewer == "us"
    d.click("done")
    assert d.until(lambda: d.top_name == "TableScene" and d.app.match.my_turn())
    # the US proposes a no-fly deal to Russia
    d.click("propose")
    assert d.top_name == "BuilderScene"
    d.click("move:no_fly_zone")
    d.click("variant:1")
    assert "russia" in d.top.recipients  # added: its consent is needed
    d.click("send")
    assert d.top_name == "TableScene"
    d.click("end")
    # the computers act, then the handover hides the US view before Russia sits down
    assert d.until(lambda: d.top_name == "HandoverScene")
    assert d.app.match.viewer == "us"
    d.click("ready")
    assert d.app.match.viewer == "russia"
    assert d.top_name == "BriefScene"
    d.click("done")
    assert d.until(lambda: d.top_name == "TableScene" and d.app.match.my_turn())
    d.click("answer")
    assert d.top_name == "IncomingScene"
    d.click("accept")
    assert d.app.match.session.state.agreements.get("no_fly_zone") is not None

    def on_table(d):
        phase = d.app.match.obs().phase
        if phase == "actions":
            d.click("actions")
            assert d.top_name == "ActionsScene"
            d.click("confirm")
        else:
            d.click("end")

    seen: set[str] = set()
    _advance(d, seen, on_table)
    assert {"HandoverScene", "ResolutionScene", "DebriefScene"} <= seen
    assert paths.autosave_path().is_file()
    d.click("tab:charts")
    d.click("tab:history")
    d.click("title")
    assert d.top_name == "TitleScene"


def test_keyboard_only_reaches_the_debrief(driver):
    d = driver
    d.key(pygame.K_RETURN)  # the first scenario card is the default
    assert d.top_name == "SetupScene"
    d.key(pygame.K_RETURN)  # start
    assert d.top_name == "BriefScene"
    d.key(pygame.K_RETURN)
    assert d.until(lambda: d.top_name == "TableScene" and d.app.match.my_turn())
    # a proposal built with Tab and Enter only
    d.key(pygame.K_p)
    assert d.top_name == "BuilderScene"
    d.key(pygame.K_TAB)  # the first joint move
    d.key(pygame.K_RETURN)
    # past the other moves and "leave it out" to the strongest variant of the first move
    jm = d.app.match.scenario.joint_moves[0]
    for _ in range(len(d.app.match.scenario.joint_moves) - 1 + 1 + len(jm.variants)):
        d.key(pygame.K_TAB)
    assert d.top.focus == f"variant:{len(jm.variants) - 1}"
    d.key(pygame.K_RETURN)
    assert d.top.terms, "a variant was chosen with the keyboard"
    d.key(pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    assert d.top_name == "TableScene"
    assert any(p.sender == "us" for p in d.app.match.obs().proposals)
    for _ in range(4000):
        name = d.top_name
        if name == "DebriefScene":
            break
        m = d.app.match
        if name in ("BriefScene", "ResolutionScene", "HandoverScene"):
            d.key(pygame.K_RETURN)
        elif name == "TableScene" and m.my_turn():
            if m.obs().phase == "actions":
                d.key(pygame.K_RETURN)  # choose actions (the default)
                assert d.top_name == "ActionsScene"
                d.key(pygame.K_RETURN)  # confirm
            else:
                d.key(pygame.K_e)
        else:
            d.frames(1)
    assert d.top_name == "DebriefScene"
    d.key(pygame.K_2)  # the charts tab
    assert d.top.tab == "charts"
    d.key(pygame.K_ESCAPE)
    assert d.top_name == "TitleScene"
