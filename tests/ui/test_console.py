"""The facilitator's console in the window (rules 10.x), driven by mouse and by keyboard."""

from __future__ import annotations

import threading

import pygame
import pytest

from game.core.actions import (
    Advance,
    EndPhase,
    HandSeat,
    Inject,
    Pause,
    Resume,
    Reveal,
    Rollback,
    SetDeadline,
)
from game.present.match import Match
from game.resources import default_scenario
from game.scenario.loader import load_scenario
from game.session import Seat
from tests.ui.conftest import Driver


class Passer:
    def decide(self, obs, rng):
        return EndPhase(obs.actor, "nothing to add")


class HeldPasser(Passer):
    """A Passer that waits (at most 5 s) until ``gate`` is set: the game stands still at its first
    computer decision, however fast the engine plays a game of Passers in a few frames' budget."""

    gate = threading.Event()

    def decide(self, obs, rng):
        self.gate.wait(5)
        return super().decide(obs, rng)


def _table(make_app, humans=("us", "russia"), agent=Passer):
    app = make_app()
    sc = load_scenario(default_scenario())
    seats = {a: Seat(a, "human" if a in humans else "computer") for a in sc.actor_ids}
    app.match = Match.new(sc, str(default_scenario()), seats, 4, lambda seat: agent())
    app.match.briefed.update(humans)
    app.match.viewer = humans[0] if humans else None
    app.push(app.scene("table"))
    d = Driver(app)
    d.frames(3)
    return app, d


def _open_console(d: Driver, by_key: bool) -> None:
    if by_key:
        d.key(pygame.K_ESCAPE)
        assert d.top_name == "MenuScene"
        d.key(pygame.K_f, unicode="f")
    else:
        d.click("menu")
        d.click("console")
    assert d.top_name == "ConsoleScene"


def _choose(d: Driver, name: str, by_key: bool) -> None:
    """Press a button: a click, or Tab until it has the focus and then Enter."""
    if not by_key:
        d.click(name)
        return
    for _ in range(60):
        if d.top.focus == name:
            break
        d.key(pygame.K_TAB)
    assert d.top.focus == name, (name, d.top.focus)
    d.key(pygame.K_RETURN)


def _last(app):
    return app.match.session.actions[-1]


@pytest.mark.parametrize("by_key", [False, True], ids=["mouse", "keyboard"])
def test_pause_resume_and_advance(make_app, by_key):
    app, d = _table(make_app)
    _open_console(d, by_key)
    press = (lambda name, key: d.key(key, unicode=chr(key))) if by_key else (lambda name, key: d.click(name))
    press("pause", pygame.K_p)
    assert isinstance(_last(app), Pause) and app.match.session.paused
    assert app.clock_text() == "Paused by the facilitator"
    assert not app.top.enabled("advance")
    press("pause", pygame.K_p)
    assert isinstance(_last(app), Resume) and not app.match.session.paused
    press("advance", pygame.K_n)
    assert Advance() in app.match.session.actions
    assert d.until(lambda: app.match.session.state.round == 2)
    assert any("the computer plays for United States, Russia" in e.text for e in app.match.session.state.log)


@pytest.mark.parametrize("by_key", [False, True], ids=["mouse", "keyboard"])
def test_a_deadline_counts_down_for_everyone_and_advances_the_phase(make_app, by_key):
    app, d = _table(make_app)
    now = [100.0]
    app.match.clock = lambda: now[0]
    _open_console(d, by_key)
    d.click("minutes")
    d.key(pygame.K_END)
    d.key(pygame.K_BACKSPACE)
    d.type_text("1.5")
    if by_key:
        d.key(pygame.K_RETURN)
    else:
        d.click("deadline")
    assert _last(app) == SetDeadline(90)
    d.frames(1)
    assert app.clock_text() == "1:30 left in this phase"
    d.click("close")
    assert d.top_name == "HandoverScene" and app.clock_text() == "1:30 left in this phase"
    now[0] += 60
    d.frames(1)
    assert app.clock_text() == "0:30 left in this phase"
    now[0] += 31
    d.frames(2)
    assert Advance(reason="the deadline ran out") in app.match.session.actions
    # the next phase gets the whole time again
    assert d.until(lambda: app.match.session.state.round == 2)
    d.frames(1)
    assert app.clock_text() == "1:30 left in this phase"


@pytest.mark.parametrize("by_key", [False, True], ids=["mouse", "keyboard"])
def test_inject_a_scenario_event_or_a_headline_of_ones_own(make_app, by_key):
    app, d = _table(make_app)
    _open_console(d, by_key)
    if by_key:
        d.key(pygame.K_i, unicode="i")
    else:
        d.click("inject")
    assert d.top_name == "InjectScene"
    # a headline with a misspelt indicator: refused, naming the field
    d.click("headline")
    d.type_text("A UN convoy is shelled")
    d.click("effects")
    d.type_text("civilian_harm += 5; civilian_harn -= 2")
    if by_key:
        d.key(pygame.K_RETURN)
    else:
        d.click("send")
    assert d.top_name == "InjectScene"
    assert "effects[2]: unknown name 'civilian_harn'" in d.top.problem
    d.click("effects")
    d.key(pygame.K_END)
    for _ in range(40):
        d.key(pygame.K_BACKSPACE)
    d.type_text("civilian_harm += 5")
    d.click("send")
    assert d.top_name == "ConsoleScene", (d.top.problem, d.top.effects, d.top.headline)
    assert _last(app) == Inject(headline="A UN convoy is shelled", effects=("civilian_harm += 5",))
    assert d.top_name == "ConsoleScene"
    event = app.match.scenario.events[-1]
    d.click("inject")
    d.click(f"event:{event.id}")
    if by_key:
        d.key(pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    else:
        d.click("send")
    assert _last(app) == Inject(event=event.id)
    assert app.top.view()["pending"] == ["A UN convoy is shelled", event.headline]


@pytest.mark.parametrize("by_key", [False, True], ids=["mouse", "keyboard"])
def test_hand_a_seat_over_and_reveal_it_on_the_debrief(make_app, by_key):
    app, d = _table(make_app)
    _open_console(d, by_key)
    _choose(d, "seat:russia", by_key)
    assert "Russia" in d.top.widgets["private"].html_text
    if by_key:
        d.key(pygame.K_h, unicode="h")
    else:
        d.click("hand")
    assert _last(app) == HandSeat("russia", "computer")
    assert app.match.humans == ["us"]
    assert d.top.widgets["hand"].text == "Hand to a person"
    _choose(d, "reveal:messages", by_key)
    assert _last(app) == Reveal("russia", "messages")
    assert not d.top.enabled("reveal:messages")
    d.click("hand")
    assert _last(app) == HandSeat("russia", "human")


@pytest.mark.parametrize("by_key", [False, True], ids=["mouse", "keyboard"])
def test_roll_back_after_a_confirmation(make_app, by_key):
    app, d = _table(make_app, humans=("us",))
    s = app.match.session
    while s.turn < 3:
        s.submit(EndPhase(s.to_move)) if s.is_human(s.to_move) else s.step_computer()
    app.match.seen = {"us": app.match.resolved_turns()}  # the resolutions were seen
    app.match.version += 1
    d.frames(2)
    _open_console(d, by_key)
    _choose(d, "rollback:2", by_key)
    assert d.top_name == "Dialog"
    if by_key:
        d.key(pygame.K_RETURN)
    else:
        d.click("b0")
    assert _last(app) == Rollback(2)
    assert s.turn == 2 and s.state.console.branch == 2
    assert d.top_name == "ConsoleScene" and d.top.view()["branch"] == 2
    d.click("rollback:1")
    d.key(pygame.K_ESCAPE)  # cancelled
    assert d.top_name == "ConsoleScene" and s.turn == 2


def test_closing_the_console_hands_the_window_over(make_app):
    _app, d = _table(make_app)
    _open_console(d, by_key=False)
    d.key(pygame.K_ESCAPE)
    assert d.top_name == "HandoverScene"


def test_with_nobody_at_the_table_the_console_is_the_view(make_app):
    HeldPasser.gate.clear()  # the game must not end before the console is looked at (it then may close)
    try:
        app, d = _table(make_app, humans=(), agent=HeldPasser)
        d.frames(3)
        assert d.top_name == "ConsoleScene"
        assert not d.top.enabled("close")
        d.click("hand")  # hand the first seat to a person: now the console can close
        assert app.match.humans == ["us"], (app.toasts, app.match.session.actions[-3:], app.match.session.over)
        assert d.top.enabled("close")
    finally:
        HeldPasser.gate.set()


def test_a_game_with_no_seat_for_a_person_starts_in_the_console(make_app):
    app = make_app()
    sc = load_scenario(default_scenario())
    app.push(app.scene("setup", sc, str(default_scenario())))
    d = Driver(app)
    d.frames(2)
    for actor in sc.actor_ids:
        if d.top.seats[actor].kind == "human":
            d.click(f"computer:{actor}")
    d.click("start")
    d.frames(3)
    assert d.top_name == "ConsoleScene" and app.match.humans == []
    d.click("menu")
    d.key(pygame.K_f, unicode="f")  # the console from the menu over the console: back to the same one
    assert d.top_name == "ConsoleScene" and sum(type(s).__name__ == "ConsoleScene" for s in app.stack) == 1
