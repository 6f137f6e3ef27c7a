"""The facilitator's console of a hosted game (issue 12): the "console" scene, fed by the host process.

The host window owns no game: the host process does (``game.net``). This scene is the local
console (``game.ui.scenes.console``) looking at ``HostedGame``, a stand-in for the window's
``Match`` made of the ``console`` view data the host process sends the teacher; every control
sends the facilitator's action back as a ``facilitate`` message, and the host applies it through
its Session (so it is recorded, autosaved and replayed). The host's refusals come back as toasts.
The inject dialog works the same way, on the same stand-in.
"""

from __future__ import annotations

import pygame

from game.core.actions import action_to_json
from game.ui.scenes import scene_class

# built on the local console and inject dialog, reached through the table of names like any scene
ConsoleScene = scene_class("console")
InjectScene = scene_class("inject")


class _Session:
    def __init__(self, game: HostedGame) -> None:
        self._game = game

    @property
    def step(self) -> int:
        return self._game.view.get("step", 0)

    @property
    def over(self) -> bool:
        return bool(self._game.view.get("over"))

    @property
    def paused(self) -> bool:
        return bool(self._game.view.get("paused"))

    @property
    def state(self):
        return self  # only ``happened`` is read (by the inject dialog)

    @property
    def happened(self) -> dict[str, int]:
        return {e["id"]: e["happened"] for e in self._game.view.get("events", [])}


class HostedGame:
    """What the console and inject scenes read of ``app.match``, from the host's ``console`` message."""

    stopped = False

    def __init__(self, client, scenario) -> None:
        self.client = client
        self.scenario = scenario
        self.session = _Session(self)
        self.viewer = None
        self.errors: list[str] = []
        self.view: dict = {}  # one snapshot per frame (``take``): the reader thread replaces the client's
        self._version = -1

    def take(self) -> None:
        self.view, self._version = self.client.console or {}, self.client.version

    @property
    def version(self) -> int:
        return self._version

    @version.setter
    def version(self, value: int) -> None:
        pass  # the host's messages count the versions

    @property
    def humans(self) -> list[str]:
        return list(self.view.get("humans", []))

    @property
    def thinking(self) -> str | None:
        return self.view.get("thinking")

    def facilitate(self, action) -> str | None:
        """Send the action to the host; its refusal, if any, comes back as a toast."""
        self.client.send("facilitate", action={k: v for k, v in action_to_json(action).items() if k != "actor"})
        return None


class HostedConsoleScene(ConsoleScene):
    runs_game = False  # the host process runs the game

    def __init__(self, app, client, scenario) -> None:
        self.game = HostedGame(client, scenario)
        super().__init__(app)

    @property
    def match(self):
        return self.game

    def view(self) -> dict:
        return self.game.view

    def update(self, dt: float) -> None:
        self.game.take()
        for problem in self.game.client.take_errors():
            self.app.toast(problem)
        if not self.game.view:
            return
        super().update(dt)

    def build(self) -> None:
        if not self.game.view:
            self.button("close", self.rect(self.W - 16 - 150, 14, 150, 34), "Close console", kind="@quiet")
            return
        super().build()
        self.widgets["menu"].hide()  # the window's menu saves and loads local games: not this one
        self.widgets["close"].enable()
        self.widgets["close"].tool_tip_text = "Back to the projector view (keep the console off the projector)"

    def handle(self, intent) -> None:
        if intent.kind == "press" and intent.name == "inject":
            self.app.push(HostedInjectScene(self.app, self.game))
            return
        if intent.kind == "press" and intent.name == "menu":
            return
        super().handle(intent)

    def close(self) -> None:
        self.app.pop(self)

    def busy(self) -> bool:
        return True  # the host's messages arrive in another thread: keep drawing

    def paint(self, surface: pygame.Surface) -> None:
        if not self.game.view:
            self.fonts.draw(surface, "Waiting for the host…", (self.u(16), self.u(16)), 20, self.pal.ink)
            return
        super().paint(surface)
        clock = self.game.view.get("clock")
        if clock and (clock["paused"] or clock["left"] is not None):
            left = clock["left"]
            text = "Paused" if clock["paused"] else ""
            if left is not None:
                m, s = divmod(int(left + 0.999), 60)
                text += ("  ·  " if text else "") + f"{m}:{s:02d} left in this phase"
            x, y, _ = self.clock_pos()
            img = self.fonts.render(text, 14, self.pal.warn if clock["paused"] else self.pal.ink, bold=True)
            surface.blit(img, img.get_rect(midright=(self.u(x), self.u(y))))


class HostedInjectScene(InjectScene):
    def __init__(self, app, game: HostedGame) -> None:
        self._game = game
        super().__init__(app)

    @property
    def match(self):
        return self._game
