"""Reading the room at the table (issue 15): a seat opens its actor's dossier by click and by
keyboard, the digest and the full log are one click apart, what is at stake leads to the place to
act, and the standing is always on the table."""

from __future__ import annotations

import pygame

from game.core.actions import EndPhase, Propose
from tests.ui.conftest import Driver
from tests.ui.layout import TextRecorder
from tests.ui.test_scenes import scene_app


def _table(make_app, size=(1280, 720)):
    app = scene_app(make_app, "table", size)
    return Driver(app)


def test_clicking_a_seat_opens_that_actors_dossier(make_app):
    d = _table(make_app)
    d.click("seat:russia")
    assert d.top_name == "DossierScene" and d.top.actor == "russia"
    texts = [t for t, _ in TextRecorder(d.app).paint(d.top)]
    assert "Russia: dossier" in texts
    assert any("YOUR ESTIMATE" in t for t in texts)
    d.click("next")
    assert d.top.actor != "russia"
    d.key(pygame.K_ESCAPE)
    assert d.top_name == "TableScene"


def test_the_keyboard_opens_a_dossier_with_tab_and_enter_or_a_number(make_app):
    d = _table(make_app)
    for _ in range(len(d.top.ring) + 1):
        if d.top.focus == "seat:syria_gov":
            break
        d.key(pygame.K_TAB)
    assert d.top.focus == "seat:syria_gov"
    d.key(pygame.K_RETURN)
    assert d.top_name == "DossierScene" and d.top.actor == "syria_gov"
    d.key(pygame.K_ESCAPE)
    assert d.top_name == "TableScene"
    first = next(n for n in d.top.ring if n.startswith("seat:"))  # the seat after yours, clockwise
    d.key(pygame.K_1, unicode="1")
    assert d.top_name == "DossierScene" and d.top.actor == first.split(":")[1]


def test_every_other_seat_has_a_button_over_its_disc_and_none_overlap(make_app):
    d = _table(make_app)
    table = d.top
    seats = {n: w.rect for n, w in table.widgets.items() if n.startswith("seat:")}
    obs = d.app.match.obs()
    assert set(seats) == {f"seat:{a.id}" for a in obs.actors if a.id != obs.actor}
    for name, rect in seats.items():
        x, y, _ = table.seats[name.split(":")[1]]
        assert rect.collidepoint(x, y), name
        for other, r2 in seats.items():
            assert other == name or not rect.colliderect(r2), (name, other)


def test_the_digest_and_the_full_log_are_one_click_apart(make_app):
    d = _table(make_app)
    table = d.top
    assert not table.full_log
    digest_text = table.widgets["log"].html_text
    assert "By you" in digest_text  # the proposal the United States sent
    d.click("log_mode")
    assert d.top.full_log and "By you" not in d.top.widgets["log"].html_text
    d.click("filter:talks")
    d.click("log_mode")
    assert not d.top.full_log and d.top.filter == "talks"  # the filter is kept


def test_a_proposal_waiting_for_you_is_at_stake_and_its_button_opens_it(make_app):
    app = scene_app(make_app, "table", (1280, 720))
    s = app.match.session
    s.submit(EndPhase("us"))
    while s.to_move != "russia":
        s.step_computer()
    app.match.viewer = "russia"
    app.match.version += 1
    app.top.rebuild()
    d = Driver(app)
    d.frames(2)
    stake = d.top.widgets["stake:0"]
    assert "Answer #1" in stake.text
    d.click("stake:0")
    assert d.top_name == "IncomingScene" and d.top.current().id == 1


def test_the_standing_is_on_the_table(make_app):
    d = _table(make_app)
    s = d.app.match.session
    s.submit(Propose("us", ("russia",), (("southwest_ceasefire", 1),)))
    d.app.match.version += 1
    d.frames(2)
    texts = [t for t, _ in TextRecorder(d.app).paint(d.top)]
    score = round(d.app.match.obs().score)
    assert any(t.startswith(f"You: {score} of 100") for t in texts)
    assert any(t.startswith(("Last moved by:", "Nothing has moved")) for t in texts)


def test_the_debrief_says_how_close_your_estimates_came(make_app):
    from game.core.actions import EndPhase as End
    from game.ui.scene import Intent
    from tests.ui.test_scenes import _match

    app = make_app()
    app.match = _match(app, humans=("us",))
    app.match.briefed.add("us")
    app.match.viewer = "us"
    s = app.match.session
    while not s.over:
        if s.step_computer() is None:
            s.submit(End(s.to_move))
    app.match.version += 1
    app.push(app.scene("debrief"))
    app.frame()
    app.top.dispatch(Intent("press", "tab:wanted"))
    app.frame()
    html = app.top.widgets["body"].html_text
    assert html.count("Your estimate of what it wanted") == len(s.scenario.actors) - 1  # every other actor


def test_a_hot_seat_debrief_says_whose_estimate_each_was(make_app):
    from game.core.actions import EndPhase as End
    from game.ui.scene import Intent
    from tests.ui.test_scenes import _match

    app = make_app()
    app.match = _match(app, humans=("us", "russia"))
    app.match.briefed.update(("us", "russia"))
    app.match.viewer = "us"
    s = app.match.session
    while not s.over:
        if s.step_computer() is None:
            s.submit(End(s.to_move))
    app.match.version += 1
    app.push(app.scene("debrief"))
    app.frame()
    app.top.dispatch(Intent("press", "tab:wanted"))
    app.frame()
    html = app.top.widgets["body"].html_text
    others = len(s.scenario.actors) - 1
    assert html.count("Estimate by United States:") == others and html.count("Estimate by Russia:") == others
