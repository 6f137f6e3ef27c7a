"""Layout at every window size and text size (issue 10, items 12 and 20): nothing painted runs past
its dialog, no two lines of text or two buttons overlap, toasts cover no button, the window's
size is bounded, and what is cut can be read whole."""

from __future__ import annotations

import pytest

from game.ui.settings import Settings
from tests.ui.layout import TextRecorder, buttons, overlaps
from tests.ui.test_scenes import NAMES, scene_app

SIZES = [(1280, 720), (1920, 1080)]
TEXT = [1.0, 1.3]


@pytest.mark.parametrize("text_size", TEXT)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", NAMES)
def test_nothing_overlaps_or_runs_out_of_its_dialog(make_app, name, size, text_size):
    app = scene_app(make_app, name, size, Settings(ui_scale=0.0, text_size=text_size))
    scene = app.top
    lines = TextRecorder(app).paint(scene)
    assert not overlaps(lines), overlaps(lines)
    window = app.screen.get_rect()
    for text, r in lines:
        assert window.contains(r), (text, r)
    if hasattr(scene, "box"):
        box = scene.rect(*scene.box())
        for text, r in lines:
            assert box.inflate(2, 2).contains(r), (text, r, box)
        for bname, r in buttons(scene):
            assert box.contains(r), (bname, r, box)
    shown = buttons(scene)
    for i, (a, ra) in enumerate(shown):
        assert window.contains(ra), (a, ra)
        for b, rb in shown[i + 1:]:
            assert not ra.colliderect(rb), (a, b)
        for text, r in lines:  # text painted under a button would be hidden by it
            assert not ra.inflate(-4, -4).colliderect(r.inflate(-4, -4)), (a, text)


def _rich_app(make_app, size, text_size):
    """A Syria game with the real computer actors, the United States at the actions of turn 3
    (agreements in force, a history of proposals and news)."""
    from game.core.actions import Accept, EndPhase, Propose
    from game.present.match import Match
    from game.resources import default_scenario
    from game.scenario.loader import load_scenario
    from game.session import Seat, agent_for

    app = make_app(size=size, settings=Settings(ui_scale=0.0, text_size=text_size), agent_factory=agent_for)
    sc = load_scenario(default_scenario())
    seats = {a: Seat(a, "human" if a == "us" else "computer") for a in sc.actor_ids}
    app.match = m = Match.new(sc, None, seats, 7, agent_for)
    s = m.session
    for _ in range(3000):
        if s.over or (s.turn >= 3 and s.state.phase == "actions" and s.to_move == "us"):
            break
        if s.to_move != "us":
            s.step_computer()
            continue
        obs = s.observe("us")
        open_ = obs.open_to_me()
        if open_:
            s.submit(Accept("us", open_[0].id))
        elif obs.phase == "diplomacy" and obs.budget == 3 and obs.levels["no_fly_zone"] == 0:
            s.submit(Propose("us", ("russia",), (("no_fly_zone", 1), ("southwest_ceasefire", 1))))
        else:
            s.submit(EndPhase("us"))
    m.briefed.add("us")
    m.viewer = "us"
    m.seen["us"] = m.resolved_turns()
    m.version += 1
    return app


@pytest.mark.parametrize("text_size", TEXT)
@pytest.mark.parametrize("size", SIZES)
def test_a_game_in_progress_lays_out_cleanly(make_app, size, text_size):
    app = _rich_app(make_app, size, text_size)
    app.push(app.scene("table"))
    app.frame()
    recorder = TextRecorder(app)
    for name, args in (("table", ()), ("actions", ()), ("resolution", (2,)), ("brief", ("us",))):
        if name != "table":
            kwargs = {"first": False} if name in ("resolution", "brief") else {}
            app.push(app.scene(name, *args, **kwargs))
            app.frame()
        scene = app.top
        if name == "actions":  # breaking shows the gains and the risk: nothing may overlap
            for mv in app.match.obs().obligations:
                scene.keep[mv] = False
            scene.rebuild()
        lines = recorder.paint(scene)
        assert not overlaps(lines), (name, overlaps(lines))
        shown = buttons(scene)
        for text, r in lines:
            assert app.screen.get_rect().contains(r), (name, text)
            for b, rb in shown:
                assert not rb.inflate(-4, -4).colliderect(r.inflate(-4, -4)), (name, b, text)
        if name != "table":
            app.pop()
