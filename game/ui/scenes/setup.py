"""2. Setup: the scenario's summary and sources; who plays each seat; the seed."""

from __future__ import annotations

import random
from pathlib import Path

import pygame

from game import paths
from game.core.model import Scenario
from game.present import agreements, words
from game.present.match import Match
from game.session import Seat
from game.ui import draw, flow
from game.ui.scene import Intent, Scene
from game.ui.scenes.base import row, row_width
from game.ui.text import markup

LEVELS = ("easy", "normal", "hard")


def new_seed() -> int:
    """A fresh seed, short enough to read out to a class (the shell may use the global generator)."""
    return random.SystemRandom().randrange(1, 1_000_000_000)


def sources_html(sc: Scenario) -> str:
    items = []
    for src in sc.sources:
        line = f"<i>{markup(src.title)}</i>, {markup(src.outlet)}, {markup(agreements.source_date(src))}"
        if src.author:
            line = f"{markup(src.author)}: " + line
        if src.url:
            line += f"<br><font color='#8fa3ba'>{markup(src.url)}</font>"
        items.append(line)
    return "<br>".join(items)


class SetupScene(Scene):
    default = "start"
    back = "back"

    def __init__(self, app, scenario: Scenario, scenario_file: str | None) -> None:
        super().__init__(app)
        self.sc = scenario
        self.file = scenario_file
        playable = [a.id for a in scenario.actors if a.playable] or [scenario.actor_ids[0]]
        self.seats = {a.id: Seat(a.id, "human" if a.id == playable[0] else "computer") for a in scenario.actors}
        self.seed_text = str(new_seed())
        self.problem = ""

    # ------------------------------------------------------------------ layout
    def _cols(self) -> tuple[float, float, float]:
        """(summary width, seats x, seats width) at a scale of 1: the seats get room for the longest
        name (up to 280) beside their buttons, the summary what is left (at least 320)."""
        s = self.app.geometry.scale
        longest = max((self.fonts.width(a.name, 16, True) / s for a in self.sc.actors), default=0.0)
        specs = [("h", "Human", {"kind": "@small"}), ("c", "Computer", {"kind": "@small"})]
        levels = [(lv, lv.capitalize(), {"kind": "@small"}) for lv in LEVELS]
        buttons = row_width(self, specs, 4, 84) + 12 + row_width(self, levels, 4, 62) + 6
        need = 52 + min(280.0, longest) + 10 + buttons
        lw = max(320.0, min(max(420.0, self.W * 0.38), self.W - 48 - 32 - 48 - need))
        rx = 48 + lw + 32
        return lw, rx, self.W - rx - 48

    def title_lines(self) -> int:
        lw, _, _ = self._cols()
        return min(2, len(self.fonts.wrap(self.sc.title, 24, self.u(lw), True)))

    def summary_top(self) -> float:
        """Where the summary starts (at a scale of 1): below the title (up to two lines) and its subline."""
        s = self.app.geometry.scale
        title_h = self.title_lines() * round(self.fonts.line_height(24, True) * 1.15) / s
        return max(138.0, 28 + title_h + 6 + self.fonts.line_height(15) / s + 10)

    def _row_h(self) -> float:
        return max(36, min(52, (self.H - 330) / max(1, len(self.sc.actors))))

    def build(self) -> None:
        lw, rx, rw = self._cols()
        html = (f"{markup(self.sc.summary)}<br><br><b>Sources</b><br>{sources_html(self.sc)}")
        top = self.summary_top()
        self.textbox("summary", self.rect(48, top, lw, self.H - top - 40), html)
        rh = self._row_h()
        y = 74
        for k, actor in enumerate(self.sc.actors):
            seat = self.seats[actor.id]
            bh = rh - 12
            specs = [(f"human:{actor.id}", "Human", {"selected": seat.kind == "human", "enabled": actor.playable,
                                                    "tip": f"A person plays {actor.name}", "kind": "@small"}),
                     (f"computer:{actor.id}", "Computer", {"selected": seat.kind == "computer", "kind": "@small",
                                                          "tip": f"The computer plays {actor.name}"})]
            lv = [(f"level:{actor.id}:{lvl}", lvl.capitalize(),
                   {"selected": seat.kind == "computer" and seat.level == lvl, "enabled": seat.kind == "computer",
                    "tip": f"How well the computer plays {actor.name}", "kind": "@small"}) for lvl in LEVELS]
            right = rx + rw - 6
            row(self, lv, 0, y + 6, h=bh, gap=4, min_w=62, align="right", right=right)
            right -= row_width(self, lv, 4, 62) + 12
            row(self, specs, 0, y + 6, h=bh, gap=4, min_w=84, align="right", right=right)
            self.name_right = right - row_width(self, specs, 4, 84) - 10
            y += rh
        y += 20
        self.seed_y = y
        self.entry("seed", self.rect(rx + 70, y, 220, 40), self.seed_text, placeholder="a whole number", limit=19,
                   allowed="numbers")
        self.button("reseed", self.rect(rx + 300, y, 130, 40), "New seed", tip="Pick another random seed", key="n")
        row(self, [("briefs", "Print role briefs", {"tip": "Write a printable page for every role, and a background "
                                                    "sheet, to a folder", "kind": "@quiet"}),
                   ("back", "Back", {"tip": "Back to the title screen", "kind": "@quiet"}),
                   ("start", "Start the game", {"kind": "@primary", "tip": "Begin with these seats and seed",
                                                "key": "ctrl+return"})],
            0, self.H - 40 - 48, h=48, align="right", right=self.W - 48)

    def paint(self, surface: pygame.Surface) -> None:
        pal, f = self.pal, self.fonts
        lw, rx, rw = self._cols()
        self.hovers = []
        s = self.app.geometry.scale
        title_h = self.title_lines() * round(f.line_height(24, True) * 1.15) / s
        y = f.draw_wrapped(surface, self.sc.title, self.rect(48, 28, lw, title_h), 24, pal.ink, bold=True, max_lines=2)
        if len(f.wrap(self.sc.title, 24, self.u(lw), True)) > self.title_lines():  # cut: hovering shows it whole
            self.hovers.append((self.rect(48, 28, lw, title_h), self.sc.title))
        f.draw(surface, f"{words.date_span(self.sc)}  ·  {words.length(self.sc)}  ·  {len(self.sc.actors)} actors",
               (self.u(48), y + self.u(6)), 15, pal.accent, max_width=self.u(lw))
        draw.heading(surface, f, "Who plays each seat", (self.u(rx), self.u(34)), pal)
        rh = self._row_h()
        y = 74
        for k, actor in enumerate(self.sc.actors):
            r = self.rect(rx, y, rw, rh - 4)
            if k % 2 == 0:
                pygame.draw.rect(surface, pal.panel, r, border_radius=self.u(8))
            rad = self.u(min(17, rh / 2 - 6))
            cy = r.centery
            draw.seat(surface, f, (r.x + self.u(8) + rad, cy), rad, pal.actor_colour(actor.colour, k),
                      actor.short_name, pal)
            nx = r.x + 2 * rad + self.u(18)
            name_w = self.u(getattr(self, "name_right", rx + rw - 440)) - nx
            f.draw(surface, actor.name, (nx, cy - self.u(1)), 16, pal.ink, bold=True, anchor="bottomleft",
                   max_width=name_w)
            note = "" if actor.playable else "computer only"
            f.draw(surface, note or actor.description, (nx, cy + self.u(1)), 12, pal.dim, max_width=name_w)
            # the name and description are cut to fit the row: hovering shows them whole
            self.hovers.append((pygame.Rect(r.x, r.y, nx + name_w - r.x, r.height),
                                f"{actor.name}: {actor.description}" + ("" if actor.playable else " (computer only)")))
            y += rh
        sy = self.seed_y
        f.draw(surface, "Seed", (self.u(rx), self.u(sy + 20)), 16, pal.ink, bold=True, anchor="midleft")
        f.draw(surface, "The same scenario, seats, seed and choices always replay the same game.",
               (self.u(rx), self.u(sy + 50)), 13, pal.dim, max_width=self.u(rw))
        humans = [a.name for a in self.sc.actors if self.seats[a.id].kind == "human"]
        if len(humans) > 1:
            text = (f"Hot-seat: {', '.join(humans)} share this computer. A handover screen hides each "
                    "player's private view before the next sits down.")
            f.draw_wrapped(surface, text, self.rect(rx, sy + 76, rw, 60), 13, pal.dim)
        elif not humans:
            text = ("No seat for a person: the computer plays them all, and you watch from the facilitator "
                    "console, where you can hand a seat to a person at any time.")
            f.draw_wrapped(surface, text, self.rect(rx, sy + 76, rw, 60), 13, pal.dim)
        if self.problem:
            f.draw_wrapped(surface, self.problem, self.rect(rx, self.H - 160, rw, 60), 15, pal.bad)

    # ------------------------------------------------------------------ input
    def handle(self, intent: Intent) -> None:
        if intent.kind in ("edit", "submit") and intent.name == "seed":
            self.seed_text = intent.value
            if intent.kind == "submit":
                self.start()
            return
        if intent.kind != "press":
            return
        name = intent.name
        if name == "back":
            self.app.pop(self)
        elif name == "start":
            self.start()
        elif name == "briefs":
            flow.write_handout(self.app, "role briefs", self.write_briefs)
        elif name == "reseed":
            self.seed_text = str(new_seed())
            self.problem = ""
            self.rebuild()
        elif ":" in name:
            parts = name.split(":")
            actor = parts[1]
            old = self.seats[actor]
            if parts[0] == "human":
                self.seats[actor] = Seat(actor, "human", old.level, old.agent)
            elif parts[0] == "computer":
                self.seats[actor] = Seat(actor, "computer", old.level, old.agent)
            elif parts[0] == "level":
                self.seats[actor] = Seat(actor, "computer", parts[2], old.agent)
            self.problem = ""
            self.rebuild()

    def write_briefs(self) -> Path:
        """The briefs of this scenario in a new folder of the documents folder; its all.html."""
        from game.report.files import unused, write_briefs

        folder = unused(paths.documents_dir() / f"{self.sc.id}-briefs")
        write_briefs(self.sc, folder)
        return folder / "all.html"

    def start(self) -> None:
        text = self.seed_text.strip()
        if not text.isdigit() or not 0 <= int(text) < 2**63:
            self.problem = "The seed must be a whole number from 0 to 9223372036854775807."
            self.dirty = True
            return
        match = Match.new(self.sc, self.file, dict(self.seats), int(text), self.app.agent_factory)
        flow.start_match(self.app, match)
