"""4. Handover: hides the previous player's private view until the next player confirms."""

from __future__ import annotations

import pygame

from game.present import words
from game.ui import draw
from game.ui.scene import Intent, Scene


class HandoverScene(Scene):
    runs_game = True  # the computers go on thinking behind the cover
    default = "ready"
    back = "menu"

    def __init__(self, app, actor: str) -> None:
        super().__init__(app)
        self.actor = actor
        self.previous = app.match.viewer

    def enter(self) -> None:
        self.app.toasts = []  # a toast may tell what the previous player just did
        super().enter()

    def build(self) -> None:
        name = self.app.match.scenario.actor(self.actor).name
        w = max(420, self.fonts.width(f"I play {name}: show my view", 17, True) / self.app.geometry.scale + 60)
        self.button("ready", self.rect((self.W - w) / 2, self.H / 2 + 120, w, 52), f"I play {name}: show my view",
                    kind="@primary", tip="Only when the other players cannot see the screen")
        self.button("menu", self.rect(self.W - 16 - 96, 16, 96, 38), "Menu", kind="@quiet",
                    tip="Save, load, settings, quit")

    def paint(self, surface: pygame.Surface) -> None:
        pal, f = self.pal, self.fonts
        surface.fill(pal.bg_deep)
        sc = self.app.match.scenario
        actor = sc.actor(self.actor)
        k = sc.actor_ids.index(self.actor)
        cx, cy = self.u(self.W / 2), self.u(self.H / 2)
        f.draw(surface, "Hand the computer over to", (cx, cy - self.u(190)), 18, pal.dim, anchor="midtop")
        draw.seat(surface, f, (cx, cy - self.u(95)), self.u(46), pal.actor_colour(actor.colour, k),
                  actor.short_name, pal, ring=pal.accent, ring_w=self.u(3))
        f.draw(surface, f"the player of {actor.name}", (cx, cy - self.u(30)), 32, pal.ink, bold=True,
               anchor="midtop", max_width=self.u(self.W - 80))
        if self.previous and self.previous != self.actor:
            before = sc.actor(self.previous)
            text = (f"The view of {before.name} is hidden. {words.verb(before, 'its').capitalize()} brief, messages "
                    "and plans stay private.")
        else:
            text = "Each player's brief, messages and plans stay private."
        f.draw(surface, text, (cx, cy + self.u(30)), 16, pal.dim, anchor="midtop", max_width=self.u(self.W - 80))
        f.draw(surface, "Press the button when you are the only one looking at the screen.",
               (cx, cy + self.u(60)), 16, pal.dim, anchor="midtop", max_width=self.u(self.W - 80))

    def handle(self, intent: Intent) -> None:
        if intent.kind != "press":
            return
        if intent.name == "ready":
            self.app.match.viewer = self.actor
            self.app.pop(self)
        elif intent.name == "menu":
            self.app.push(self.app.scene("menu"))
