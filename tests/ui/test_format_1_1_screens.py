"""Format 1.1 on the screens (issue 14): the builder sends a parallel move to the mediator and
warns before a red line; the incoming dialog warns too; a message can go through a mediator;
the agreements panel says who signed and what is awaited; the debrief lists invented moves."""

from __future__ import annotations

import os

import pygame

from game.core.actions import EndPhase, Propose
from game.present.match import Match
from game.resources import example_scenarios
from game.scenario.loader import load_scenario
from game.session import Seat
from game.ui.scene import Intent
from tests.ui.test_play_screens import Passer, _texts

EXAMPLE = example_scenarios()[0]


def _game(app, humans=("marnia",), seed=3):
    sc = load_scenario(EXAMPLE)
    seats = {a: Seat(a, "human" if a in humans else "computer") for a in sc.actor_ids}
    app.match = Match.new(sc, str(EXAMPLE), seats, seed, lambda seat: Passer())
    app.match.briefed.update(humans)
    app.match.viewer = humans[0]
    return app.match


def _shot(app, name: str) -> None:
    folder = os.environ.get("PARLEY_SHOTS")
    if folder:
        app.frame()
        pygame.image.save(app.screen, os.path.join(folder, f"{name}_{app.screen.get_width()}.png"))


def test_the_builder_sends_a_parallel_move_to_the_mediator_and_warns_before_a_red_line(make_app):
    for size in ((1280, 720), (1920, 1080)):
        app = make_app(size=size)
        m = _game(app, humans=("ossory",))
        app.push(app.scene("table"))
        for _ in range(500):  # the computer seats before Ossory speak first
            if m.my_turn():
                break
            app.frame()
        assert m.my_turn()
        app.push(app.scene("builder"))
        app.top.dispatch(Intent("press", "move:corridor"))
        app.top.dispatch(Intent("press", "variant:2"))
        app.frame()
        assert app.top.recipients == ["envoys"]
        texts = " ".join(_texts(app, app.top))
        assert "This crosses your red line (Grain corridor: Escorted convoys (4 months))" in texts
        assert "each signs separately with a mediator" in texts and "lasts 4 turns (120 days)" in texts
        _shot(app, "builder_red_line")
        app.top.dispatch(Intent("press", "send"))
        assert not m.session.state.proposals  # warned first
        app.top.dispatch(Intent("press", "send"))
        assert m.session.state.proposals[-1].to == ("envoys",)


def test_a_message_can_be_carried_by_the_mediator(make_app):
    app = make_app()
    m = _game(app)
    app.push(app.scene("table"))
    app.push(app.scene("speak", private=True))
    app.top.dispatch(Intent("press", "to:ossory"))
    app.top.dispatch(Intent("press", "via"))
    app.frame()
    assert app.top.widgets["via"].text == "Through Envoys"
    _shot(app, "message_via")
    app.top.dispatch(Intent("press", "send"))
    entry = m.session.state.log[-1]
    assert entry.kind == "message" and "carried by The Strait Envoys" in entry.text
    assert entry.visible == frozenset({"marnia", "ossory", "envoys"})


def test_the_table_shows_signatures_awaited_and_public_red_lines(make_app):
    for size in ((1280, 720), (1920, 1080)):
        app = make_app(size=size)
        m = _game(app)
        s = m.session
        s.submit(Propose("marnia", ("envoys",), (("corridor", 1),)))
        while s.to_move != "envoys":
            s.submit(EndPhase(s.to_move))
        from game.core.actions import Accept
        s.submit(Accept("envoys", 1))
        m.version += 1
        app.push(app.scene("table"))
        app.frame()
        texts = " ".join(_texts(app, app.top))
        assert "NOT YET IN FORCE" in texts
        hovers = " ".join(t for _, t in app.top.hovers)
        assert "never Escorted convoys (4 months) (a red line it has stated in public)" in hovers
        _shot(app, "table_signatures")


def test_the_debrief_lists_the_moves_invented_for_play(make_app):
    app = make_app()
    m = _game(app)
    s = m.session
    while not s.over:
        s.submit(EndPhase(s.to_move))
    m.version += 1
    app.push(app.scene("debrief"))
    app.top.dispatch(Intent("press", "tab:history"))
    app.frame()
    html = app.top.tab_html()
    assert "<b>Invented for play</b>: Drone raid on the fleet" in html
    _shot(app, "debrief_history")


def test_the_tour_plays_the_format_1_1_example(tmp_path, home, capsys):
    """The tour renders every screen of the example (parallel signatures, terms, red lines)."""
    from game.cli import main
    from tests.ui.test_tour import EVERY_SCREEN

    out = tmp_path / "png"
    assert main(["tour", str(EXAMPLE), "--out", str(out)]) == 0, capsys.readouterr().err
    names = {p.stem for p in out.glob("*.png")}
    assert all(screen in names for screen in EVERY_SCREEN)
