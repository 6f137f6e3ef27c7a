"""1. Title: the shipped scenarios as cards, any scenario file on disk, Continue, settings."""

from __future__ import annotations

from pathlib import Path

import pygame

from game import paths, saves
from game.core.errors import ParleyError
from game.core.model import Scenario
from game.present import words
from game.resources import scenarios_dir, shipped_scenarios
from game.scenario.loader import load_scenario
from game.ui import draw, flow
from game.ui.scene import Intent, Scene
from game.ui.scenes.base import FileDialogMixin, error_dialog

MAX_CARDS = 6
SUBTITLE = "Negotiate a real crisis: joint mechanisms, unilateral moves and the trust between them."
MAX_SAVES_LOOKED_AT = 7  # newest first, for the Continue card


class TitleScene(FileDialogMixin, Scene):
    default = "continue"

    def __init__(self, app) -> None:
        super().__init__(app)
        cache = getattr(app, "shipped_cache", None)
        if cache is None:
            cache = []
            for p in shipped_scenarios()[:MAX_CARDS]:
                try:
                    cache.append((p, load_scenario(p), None))
                except ParleyError as err:
                    cache.append((p, None, str(err).splitlines()[0]))
            app.shipped_cache = cache
        self.cards: list[tuple[Path, Scenario | None, str | None]] = cache
        self.find_latest()

    def find_latest(self) -> None:
        """The newest good save for the Continue card; damaged ones are skipped (the load list
        shows them as damaged). Each costs a capped read and a hash, once per file version."""
        self.latest, self.latest_summary = [], None
        for path in paths.list_saves()[:MAX_SAVES_LOOKED_AT]:
            info = saves.summary(path)
            if info is not None:
                self.latest, self.latest_summary = [path], info
                break
        self.default = "continue" if self.latest else "card0"

    def top_y(self) -> float:
        """Where the cards start (at a scale of 1): below the title and its subtitle, at any text size."""
        s = self.app.geometry.scale
        lh = self.fonts.line_height(46, True) / s
        lines = len(self.fonts.wrap(SUBTITLE, 17, self.u(self.W - 98)))
        return max(150.0, 28 + lh + lines * self.fonts.line_height(17) * 1.15 / s + 16)

    def _grid(self) -> list[tuple[float, float, float, float]]:
        side = 330
        area_w = self.W - 48 - side - 32 - 48
        n = max(1, len(self.cards))
        cols = min(n, 3 if area_w > 1000 else 2)
        rows = (n + cols - 1) // cols
        gap = 20
        cw = (area_w - gap * (cols - 1)) / cols
        top = self.top_y()
        ch = min(420, (self.H - top - 40 - gap * (rows - 1)) / rows)
        return [(48 + (i % cols) * (cw + gap), top + (i // cols) * (ch + gap), cw, ch) for i in range(n)]

    def build(self) -> None:
        self.find_latest()
        for i, ((path, sc, _), (x, y, w, h)) in enumerate(zip(self.cards, self._grid())):
            label = "Play this scenario"
            self.button(f"card{i}", self.rect(x + 20, y + h - 62, w - 40, 44), label,
                        tip=f"Set up a game of {sc.title if sc else path.name}", key=str(i + 1),
                        kind="@primary" if not self.latest else None, enabled=sc is not None)
        sx = self.W - 48 - 330
        y = self.top_y()
        if self.latest:
            self.button("continue", self.rect(sx + 20, y + 132, 290, 44), "Continue",
                        tip="Resume the latest game", key="c", kind="@primary")
        y += 200
        specs = [("open", "Open a scenario file…", "Any scenario file on this computer", "o"),
                 ("load", "Load a saved game…", "Choose one of your saves", "l"),
                 ("host", "Host a class game…", "Students join from their own browsers; this window projects", "h"),
                 ("settings", "Settings", "UI scale, text size, colours, full screen", "s"),
                 ("quit", "Quit", "Close Parley", "q")]
        for name, label, tip, key in specs:
            self.button(name, self.rect(sx, y, 330, 44), label, tip=tip, key=key,
                        kind="@quiet" if name == "quit" else None)
            y += 54
        self.reopen_dialog()

    def paint(self, surface: pygame.Surface) -> None:
        pal, f, s = self.pal, self.fonts, self.app.geometry.scale
        self.hovers = []
        title = f.draw(surface, "Parley", (self.u(48), self.u(28)), 46, pal.accent, bold=True)
        f.draw_wrapped(surface, SUBTITLE, pygame.Rect(self.u(50), title.bottom, self.u(self.W - 98),
                                                     self.u(self.top_y() - 8) - title.bottom), 17, pal.dim)
        for (path, sc, problem), (x, y, w, h) in zip(self.cards, self._grid()):
            r = self.rect(x, y, w, h)
            draw.panel(surface, r, pal, s, radius=12)
            inner = pygame.Rect(r.x + self.u(20), r.y + self.u(16), r.width - self.u(40), r.height)
            if sc is None:
                f.draw(surface, path.name, inner.topleft, 18, pal.ink, bold=True, max_width=inner.width)
                f.draw_wrapped(surface, problem or "", inner.move(0, self.u(34)), 14, pal.bad)
                continue
            title_h = 2 * round(f.line_height(19, True) * 1.15)
            yy = f.draw_wrapped(surface, sc.title, pygame.Rect(inner.x, inner.y, inner.width, title_h), 19,
                                pal.ink, bold=True, max_lines=2)
            if len(f.wrap(sc.title, 19, inner.width, True)) > 2:
                self.hovers.append((pygame.Rect(inner.x, inner.y, inner.width, yy - inner.y), sc.title))
            yy += self.u(4)
            f.draw(surface, f"{words.date_span(sc)}  ·  {words.length(sc)}", (inner.x, yy), 14, pal.accent,
                   max_width=inner.width)
            yy += f.line_height(14) + self.u(8)
            cx = inner.x
            for k, actor in enumerate(sc.actors):
                colour = pal.actor_colour(actor.colour, k)
                rad = self.u(15)
                if cx + 2 * rad > inner.right:
                    break
                draw.seat(surface, f, (cx + rad, yy + rad), rad, colour, actor.short_name, pal)
                cx += 2 * rad + self.u(6)
            yy += self.u(38)
            names = ", ".join(a.name for a in sc.actors)
            self.hovers.append((pygame.Rect(inner.x, yy, inner.width, self.u(44)), names))
            yy = f.draw_wrapped(surface, names, pygame.Rect(inner.x, yy, inner.width, self.u(44)), 14, pal.dim,
                                max_lines=2)
            yy += self.u(8)
            room = r.bottom - self.u(74) - yy
            lines = max(0, int(room / (f.line_height(14) * 1.15)))
            if lines:
                f.draw_wrapped(surface, sc.summary, pygame.Rect(inner.x, yy, inner.width, room), 14, pal.ink,
                               max_lines=lines)
        sx = self.W - 48 - 330
        r = self.rect(sx, self.top_y(), 330, 190)
        draw.panel(surface, r, pal, s, fill=pal.bg_deep, radius=12)
        draw.heading(surface, f, "Continue", (r.x + self.u(20), r.y + self.u(16)), pal)
        if self.latest and self.latest_summary:
            info = self.latest_summary
            title = info.title or "A saved game"
            f.draw(surface, title, (r.x + self.u(20), r.y + self.u(44)), 15, pal.ink, bold=True,
                   max_width=r.width - self.u(40))
            where = f"Turn {info.turn if info.turn is not None else '?'} of {info.turns or '?'}"
            if info.date:
                where += f"  ·  {words.long_date(info.date)}"
            if info.ending:
                where = "Finished: Continue shows its debrief"
            f.draw(surface, where, (r.x + self.u(20), r.y + self.u(70)), 14, pal.dim, max_width=r.width - self.u(40))
            self.hovers.append((pygame.Rect(r.x, r.y, r.width, self.u(120)), f"{title}. {where}."))
            f.draw(surface, self.latest[0].name, (r.x + self.u(20), r.y + self.u(94)), 12, pal.faint,
                   max_width=r.width - self.u(40))
        else:
            f.draw_wrapped(surface, "No saved game yet. Games are autosaved as you play.",
                           pygame.Rect(r.x + self.u(20), r.y + self.u(48), r.width - self.u(40), self.u(80)), 14,
                           pal.dim)

    # ------------------------------------------------------------------ input
    def handle(self, intent: Intent) -> None:
        app = self.app
        if intent.kind == "press":
            name = intent.name
            if name.startswith("card"):
                path, sc, _ = self.cards[int(name[4:])]
                if sc is not None:
                    app.push(app.scene("setup", sc, str(path)))
            elif name == "continue" and self.latest:
                flow.continue_game(app, self.latest[0])
            elif name == "open":
                self.open_dialog("Open a scenario file", {".yaml", ".yml"}, str(scenarios_dir()))
            elif name == "load":
                app.push(app.scene("load"))
            elif name == "host":
                app.push(app.scene("host"))
            elif name == "settings":
                app.push(app.scene("settings"))
            elif name == "quit":
                app.request_quit()
        elif intent.kind == "back" and self.dialog_open:
            self.close_dialog()
        picked = self.dialog_intent(intent)
        if picked:
            advice: list[str] = []
            sc = flow.open_scenario(app, picked, advice)
            if sc is not None:
                app.push(app.scene("setup", sc, picked))
                if advice:  # lint's findings, over the setup screen: the game can still be played
                    error_dialog(app, "Notes on this scenario", advice[0])
