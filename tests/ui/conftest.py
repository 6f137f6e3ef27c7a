"""Headless window tests: a fake computer actor, a temporary PARLEY_HOME, and a driver that
posts real pygame events (mouse clicks on named widgets, keys) and runs frames."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pytest

from game.core.actions import Accept, EndPhase, Reject


class PassiveAgent:
    """Answers proposals (accepts those from humans on even steps, else refuses), then passes."""

    def decide(self, obs, rng):
        for p in obs.open_to_me():
            return Accept(obs.actor, p.id) if p.id % 2 else Reject(obs.actor, p.id)
        return EndPhase(obs.actor)


def passive_factory(seat):
    return PassiveAgent()


class Driver:
    def __init__(self, app) -> None:
        self.app = app

    @property
    def top(self):
        return self.app.top

    @property
    def top_name(self) -> str:
        return type(self.app.top).__name__

    def frames(self, n: int = 1) -> None:
        for _ in range(n):
            self.app.frame()

    def until(self, predicate, limit: int = 2000) -> bool:
        for _ in range(limit):
            if predicate():
                return True
            self.app.frame()
        return predicate()

    def centre(self, name: str) -> tuple[int, int]:
        widget = self.top.widgets[name]
        return widget.rect.center

    def click(self, name: str) -> None:
        """Move the mouse over a widget of the top scene and click it, as a player would."""
        assert name in self.top.widgets, (self.top_name, name, sorted(self.top.widgets))
        assert self.top.enabled(name), (self.top_name, name, "is disabled")
        pos = self.centre(name)
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.frames(1)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.frames(3)

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        self.frames(2)

    def type_text(self, text: str) -> None:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        self.frames(1)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def make_app(home):
    """A factory of windows with the fake computer actor; every window is closed afterwards."""
    from game.ui.app import App

    made = []

    def make(size=(1280, 720), settings=None, agent_factory=passive_factory):
        app = App(size=size, settings=settings, agent_factory=agent_factory, fps=0)
        made.append(app)
        return app

    yield make
    for app in made:
        if app.match is not None:
            app.match.stop()
        app.live.stop()  # the live-reload watcher of the game's file
    pygame.display.quit()


@pytest.fixture
def driver(make_app):
    from game.ui.scenes.title import TitleScene

    app = make_app()
    app.push(TitleScene(app))
    d = Driver(app)
    d.frames(2)
    return d


def pytest_collection_modifyitems(config, items):
    """Stress runs marked slow only run when asked for (``-m slow``)."""
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
