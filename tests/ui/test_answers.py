"""Answering several proposals in one go in the window (issue 16's click grind), driven headless:
one click refuses the repeats, each with its own Reject and reason in the log, the others stay
answerable; "refuse the rest" asks for a second press; Ctrl+Z takes a batch back whole."""

from __future__ import annotations

import pygame

from game.core.actions import EndPhase, Propose, Reject
from game.present.match import Match
from game.resources import default_scenario
from game.scenario.loader import load_scenario
from game.session import Seat
from game.ui.settings import Settings
from tests.ui.conftest import Driver
from tests.ui.layout import TextRecorder

NFZ = (("no_fly_zone", 1),)


class Passer:
    def decide(self, obs, rng):
        return EndPhase(obs.actor)


def _until(s, actor, turn, phase=None):
    while not (s.to_move == actor and s.turn == turn and phase in (None, s.state.phase)):
        s.submit(EndPhase(s.to_move))


def _answer_panel(make_app, size=(1280, 720), settings=None):
    """Turn 1: the US refuses Russia's no-fly offer (#1). Turn 2: Russia sends it again, twice (#2,
    #3), the rebels offer a ceasefire (#4); the US opens the answer dialog."""
    app = make_app(size=size, settings=settings)
    sc = load_scenario(default_scenario())
    seats = {a: Seat(a, "human" if a == "us" else "computer") for a in sc.actor_ids}
    m = app.match = Match.new(sc, str(default_scenario()), seats, 5, lambda seat: Passer())
    m.briefed.add("us")
    m.viewer = "us"
    s = m.session
    _until(s, "russia", 1, "diplomacy")
    s.submit(Propose("russia", ("us",), NFZ))
    _until(s, "us", 1, "answers")
    s.submit(Reject("us", 1))
    _until(s, "russia", 2, "diplomacy")
    s.submit(Propose("russia", ("us",), NFZ))
    s.submit(Propose("russia", ("us",), NFZ))
    _until(s, "rebels", 2, "diplomacy")
    s.submit(Propose("rebels", ("us", "russia"), (("southwest_ceasefire", 1),)))
    _until(s, "us", 2)
    m.seen["us"] = m.resolved_turns()
    m.version += 1
    app.push(app.scene("table"))
    d = Driver(app)
    d.frames(2)
    d.click("answer")
    assert d.top_name == "IncomingScene"
    return d, m


def _rejects(m):
    return [(a.proposal, a.reason) for a in m.session.actions if isinstance(a, Reject) and a.actor == "us"]


def test_one_click_refuses_the_repeats_each_with_its_reason_and_the_rest_stay(make_app):
    d, m = _answer_panel(make_app)
    texts = [t for t, _ in TextRecorder(d.app).paint(d.top)]
    assert "3 proposals wait for you: 2 are repeats" in texts
    assert d.top.widgets["bulk:repeats"].text == "Refuse the 2 repeats"
    assert d.top.widgets["bulk:rest"].text == "Refuse the other one"
    assert "Sent for the second time: you refused it on turn 1" in texts  # what the proposal shown repeats
    assert any(t.startswith("· Russia ×2, third time (refused on turn 1), ") for t in texts)
    d.click("bulk:repeats")
    assert _rejects(m) == [(1, ""), (2, "same as the deal I refused on turn 1"),
                           (3, "same as the deal I refused on turn 1")]
    log = [e.text for e in m.session.state.log if e.kind == "reject" and e.actor == "us"]
    assert log[-2:] == ["United States rejects #2 (same as the deal I refused on turn 1)",
                        "United States rejects #3 (same as the deal I refused on turn 1)"]
    # the rebels' ceasefire is still waiting, shown and answerable on its own
    assert d.top_name == "IncomingScene" and d.top.current().id == 4
    assert [p.id for p in m.obs().open_to_me()] == [4]
    assert "bulk:repeats" not in d.top.widgets and {"accept", "reject", "counter"} <= set(d.top.widgets)


def test_ctrl_z_takes_the_whole_batch_back(make_app):
    d, m = _answer_panel(make_app)
    before = len(m.session.actions)
    d.key(pygame.K_r, unicode="r")  # the strip's shortcut
    assert len(m.session.actions) == before + 2
    d.key(pygame.K_z, mod=pygame.KMOD_CTRL)
    assert len(m.session.actions) == before
    assert [p.id for p in m.obs().open_to_me()] == [2, 3, 4]
    assert "bulk:repeats" in d.top.widgets


def test_refusing_all_the_rest_needs_a_second_press(make_app):
    d, m = _answer_panel(make_app)
    d.click("bulk:rest")
    assert [p.id for p in m.obs().open_to_me()] == [2, 3, 4]  # the first press only asks
    d.click("bulk:rest")
    assert _rejects(m)[-1] == (4, "") and [p.id for p in m.obs().open_to_me()] == [2, 3]
    d.click("bulk:repeats")  # only repeats are left: refusing them closes the dialog
    assert m.obs().open_to_me() == [] and d.top_name == "TableScene"


def test_the_strip_fits_at_both_sizes(make_app):
    for size in ((1280, 720), (1920, 1080)):
        d, _ = _answer_panel(make_app, size)
        top = d.top
        bulk = [top.widgets[n].rect for n in ("bulk:repeats", "bulk:rest")]
        x, y, w, h = top.box()
        box = top.rect(x, y, w, h)
        assert all(box.contains(r) for r in bulk)
        assert not bulk[0].colliderect(bulk[1])
        assert all(not r.colliderect(top.widgets[n].rect) for r in bulk for n in ("prev", "next", "accept"))
        d.app.match.stop()


def test_at_the_largest_text_the_strip_leaves_room_for_what_the_deal_means_for_you(make_app):
    d, _ = _answer_panel(make_app, settings=Settings(text_size=1.3))
    texts = [t for t, _ in TextRecorder(d.app).paint(d.top)]
    assert any(t.startswith("Your score by the end:") for t in texts)
    assert any(t.startswith("3 proposals wait for you: 2 are repeats") for t in texts)
    assert "Russia ×2" in d.top.widgets["bulk:repeats"].tool_tip_text  # the tip lists the repeats whatever shows
