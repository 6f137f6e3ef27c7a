"""Host a class game: the lobby (join address, QR code, room code, seats) and then the projector.

The window is a thin client of the host process (``game.net.client.HostProcess``, which is
``parley serve``): it shows the lobby and projector data that process sends and sends back the
teacher's intents (move a student, open a seat or hand it to the computer, start). It draws
only what the projector message holds, which is public by construction: no seat's private view
ever reaches this window.
"""

from __future__ import annotations

import os
import time
from typing import Any

import pygame

from game.resources import shipped_scenarios
from game.ui import draw
from game.ui.scene import Intent, Scene

NEWS = 9
PORT_ENV = "PARLEY_HOST_PORT"
BIND_ENV = "PARLEY_HOST_BIND"


def start_host(scenario: str, port: int, bind: str):
    """The host process for a scenario (imported late: the window only needs it when hosting)."""
    from game.net.client import HostProcess

    return HostProcess(scenario, port=port, bind=bind)


def join_link(url: str, code: str) -> str:
    """The address in the QR code: the join page with the room code filled in."""
    return f"{url}#room={code}"


class HostScene(Scene):
    back = "back"
    handles_quit = False

    def __init__(self, app, scenario: str | None = None, port: int | None = None, client=None) -> None:
        super().__init__(app)
        self.scenarios = [str(p) for p in shipped_scenarios()]
        self.scenario = scenario or next((p for p in self.scenarios if "tutorial" in p), self.scenarios[0])
        # PARLEY_HOST_PORT / PARLEY_HOST_BIND: where a window's host listens when not told (tests: 0, 127.0.0.1)
        self.port = port if port is not None else int(os.environ.get(PORT_ENV, "8765"))
        self.bind = os.environ.get(BIND_ENV, "0.0.0.0")
        self.client = client
        self.problem: str | None = None
        self.selected: int | None = None  # the student picked to be moved
        self.chips: list[tuple[pygame.Rect, int]] = []  # where each student's name is painted
        self._shape: Any = None
        self._seen = -1
        self._qr: pygame.Surface | None = None
        if self.client is None:
            self._start()

    # ------------------------------------------------------------------ the host process
    def _start(self) -> None:
        from game.net.client import HostError

        try:
            self.client = start_host(self.scenario, self.port, self.bind)
            self.problem = None
        except (HostError, OSError) as err:
            self.client = None
            self.problem = f"The game could not be hosted: {err}"
        self._qr = None

    def _scenario(self):
        """The hosted scenario, read once here too: the console names its events and indicators."""
        if getattr(self, "_loaded", (None,))[0] != self.scenario:
            from game.scenario.loader import load_scenario

            self._loaded = (self.scenario, load_scenario(self.scenario))
        return self._loaded[1]

    def stop(self) -> None:
        if self.client is not None and hasattr(self.client, "stop"):
            self.client.stop()
        self.client = None

    @property
    def msg(self) -> dict | None:
        return self.client.latest if self.client is not None else None

    def _layout_key(self, msg: dict | None) -> Any:
        """What the buttons depend on: the rebuild happens only when it changes."""
        if msg is None:
            return None
        lobby = msg["lobby"]
        return (lobby["started"], tuple((s["id"], s["kind"]) for s in lobby["seats"]),
                any(s["members"] for s in lobby["seats"]), "projector" in msg)

    # ------------------------------------------------------------------ widgets
    def build(self) -> None:
        msg = self.msg
        self._shape = self._layout_key(msg)
        self.button("back", self.rect(self.W - 16 - 150, 16, 150, 38), "Stop hosting", kind="@quiet",
                    tip="Close the game for everyone and go back to the title screen")
        if msg is None:
            return
        lobby = msg["lobby"]
        if lobby["started"]:
            self.button("console", self.rect(self.W - 16 - 150 - 12 - 230, 16, 230, 38), "Facilitator console…",
                        key="f", tip="Pause, deadlines, inject, hand seats over, reveal, roll back: every seat's "
                                     "secrets are on it, keep it off the projector")
        if not lobby["started"]:
            self.button("start", self.rect(48, self.H - 76, 330, 50), "Start the game", kind="@primary",
                        tip="Seats with no student are played by the computer")
            if not any(s["members"] for s in lobby["seats"]):
                self.button("scenario", self.rect(48, self.H - 134, 330, 44), "Another scenario",
                            tip="Host the next shipped scenario instead")
        for i, (seat, (x, y, w, h)) in enumerate(zip(lobby["seats"], self._seat_boxes(lobby))):
            if lobby["started"]:
                if seat["kind"] == "student":
                    self.button(f"computer{i}", self.rect(x + w - 150, y + 8, 142, 32), "Computer plays",
                                kind="@quiet", tip=f"Hand {seat['name']} to the computer: the game will not wait")
                continue
            if seat["playable"]:
                label, tip = (("Computer plays", "The computer plays this seat") if seat["kind"] == "student"
                              else ("Open to students", "Students may join this seat"))
                self.button(f"kind{i}", self.rect(x + w - 160, y + 10, 150, 34), label, kind="@quiet", tip=tip)

    def _seat_boxes(self, lobby: dict) -> list[tuple[float, float, float, float]]:
        seats = lobby["seats"]
        if lobby["started"]:  # a strip of seats down the right of the projector
            x, w = self.W - 48 - 360, 360
            top = 70
            h = min(96.0, (self.H - top - 40) / max(1, len(seats)) - 8)
            return [(x, top + i * (h + 8), w, h) for i in range(len(seats))]
        left = 48 + 330 + 40
        area = self.W - left - 48
        cols = max(1, min(len(seats), 3 if area > 900 else 2))
        rows = (len(seats) + cols - 1) // cols
        gap = 16
        w = (area - gap * (cols - 1)) / cols
        top = 100
        h = min(330.0, (self.H - top - 40 - gap * (rows - 1)) / rows)
        return [(left + (i % cols) * (w + gap), top + (i // cols) * (h + gap), w, h) for i in range(len(seats))]

    # ------------------------------------------------------------------ input
    def handle(self, intent: Intent) -> None:
        if intent.kind == "click":
            self._click(intent.value)
            return
        if intent.kind != "press":
            return
        name, client, msg = intent.name, self.client, self.msg
        if name == "back":
            self.stop()
            self.app.pop(self)
            return
        if client is None or msg is None:
            return
        seats = msg["lobby"]["seats"]
        if name == "start":
            client.send("start")
        elif name == "console":
            self.app.push(self.app.scene("host_console", client, self._scenario()))
        elif name == "scenario":
            i = self.scenarios.index(self.scenario) if self.scenario in self.scenarios else -1
            self.stop()
            self.scenario = self.scenarios[(i + 1) % len(self.scenarios)]
            self._start()
            self.rebuild()
        elif name.startswith("kind"):
            seat = seats[int(name[4:])]
            client.send("computer" if seat["kind"] == "student" else "open", seat=seat["id"])
        elif name.startswith("computer"):
            client.send("computer", seat=seats[int(name[8:])]["id"])

    def _click(self, pos: tuple[int, int]) -> None:
        """In the lobby, a click on a student picks them; a click on another seat then moves them there
        (students are painted, not buttons: a class joining must not rebuild dozens of widgets)."""
        msg = self.msg
        if msg is None or msg["lobby"]["started"]:
            return
        for rect, member in self.chips:
            if rect.collidepoint(pos):
                self.selected = None if self.selected == member else member
                self.dirty = True
                return
        if self.selected is None:
            return
        for seat, box in zip(msg["lobby"]["seats"], self._seat_boxes(msg["lobby"])):
            if self.rect(*box).collidepoint(pos) and seat["playable"]:
                if not any(m["id"] == self.selected for m in seat["members"]):
                    self.client.send("assign", member=self.selected, seat=seat["id"])
                self.selected = None
                self.dirty = True
                return

    def update(self, dt: float) -> None:
        client = self.client
        if client is None:
            return
        for problem in client.take_errors():
            self.app.toast(problem)
        if client.version != self._seen:
            self._seen = client.version
            if self._layout_key(self.msg) != self._shape:
                self.rebuild()
            self.dirty = True

    def busy(self) -> bool:
        """While hosting the window keeps drawing (frames are cheap: the canvas is cached), so that
        what the host sends shows at once."""
        return self.client is not None

    # ------------------------------------------------------------------ drawing
    def paint(self, surface: pygame.Surface) -> None:
        pal, f = self.pal, self.fonts
        surface.fill(pal.bg)
        msg = self.msg
        if msg is None:
            text = self.problem or "Starting the host…"
            f.draw_wrapped(surface, text, self.rect(48, 120, self.W - 96, 200), 20, pal.bad if self.problem else pal.ink)
            f.draw(surface, "Host a class game", (self.u(48), self.u(28)), 34, pal.accent, bold=True)
            return
        if msg["lobby"]["started"]:
            self._paint_projector(surface, msg)
        else:
            self._paint_lobby(surface, msg)

    def _qr_surface(self, size: int) -> pygame.Surface:
        if self._qr is None or self._qr.get_width() != size:
            from game.net.qr import modules

            a = self.client.announce
            grid = modules(join_link(a.url, a.code))
            n = len(grid)
            cell = max(1, size // n)
            surf = pygame.Surface((cell * n, cell * n))
            surf.fill((255, 255, 255))
            for y, row in enumerate(grid):
                for x, dark in enumerate(row):
                    if dark:
                        surf.fill((0, 0, 0), (x * cell, y * cell, cell, cell))
            self._qr = surf
        return self._qr

    def _paint_lobby(self, surface: pygame.Surface, msg: dict) -> None:
        pal, f, s = self.pal, self.fonts, self.app.geometry.scale
        lobby, a = msg["lobby"], self.client.announce
        self.chips = []
        f.draw(surface, "Host a class game", (self.u(48), self.u(24)), 30, pal.accent, bold=True)
        f.draw(surface, lobby["title"], (self.u(48), self.u(64)), 17, pal.dim, max_width=self.u(self.W - 260))
        x, y = self.u(48), self.u(100)
        f.draw(surface, "Students open", (x, y), 15, pal.dim)
        f.draw(surface, a.url, (x, y + self.u(22)), 22, pal.ink, bold=True, max_width=self.u(330))
        f.draw(surface, "and type the room code", (x, y + self.u(58)), 15, pal.dim)
        f.draw(surface, lobby["code"], (x, y + self.u(78)), 44, pal.accent, bold=True)
        qr_size = self.u(min(210, self.H - 100 - 170 - 150))
        if qr_size > self.u(60):
            qr = self._qr_surface(qr_size)
            surface.blit(qr, (x, y + self.u(140)))
            f.draw(surface, "or scan this code", (x + qr.get_width() + self.u(12), y + self.u(140)), 14, pal.dim)
        count = sum(len(seat["members"]) for seat in lobby["seats"])
        joined = f.draw(surface, f"{count} student{'s' if count != 1 else ''} joined",
                        (self.u(48 + 330 + 40), self.u(64)), 17, pal.ink, bold=True)
        if count:
            f.draw(surface, "To move a student, click their name, then the seat.",
                   (joined.right + self.u(16), joined.y + self.u(2)), 14, pal.dim, max_width=self.u(self.W - 48) - joined.right)
        for k, (seat, (bx, by, bw, bh)) in enumerate(zip(lobby["seats"], self._seat_boxes(lobby))):
            r = self.rect(bx, by, bw, bh)
            draw.panel(surface, r, pal, s, radius=10)
            colour = pal.actor_colour(seat["colour"], k)
            pygame.draw.rect(surface, colour, (r.x, r.y, self.u(6), r.height), border_radius=self.u(3))
            f.draw(surface, seat["name"], (r.x + self.u(16), r.y + self.u(12)), 17, pal.ink, bold=True,
                   max_width=r.width - self.u(190))
            kind = "Students" if seat["kind"] == "student" else "Computer"
            f.draw(surface, kind, (r.x + self.u(16), r.y + self.u(34)), 13, pal.dim)
            self._paint_chips(surface, seat, r)
            if not seat["members"] and seat["kind"] == "student":
                f.draw(surface, "Nobody yet", (r.x + self.u(16), r.y + self.u(60)), 14, pal.faint)

    def _paint_chips(self, surface: pygame.Surface, seat: dict, r: pygame.Rect) -> None:
        """The seat's students as name chips, wrapped in rows, as many as fit."""
        pal, f = self.pal, self.fonts
        x, y = r.x + self.u(16), r.y + self.u(58)
        h = f.line_height(15) + self.u(10)
        for k, member in enumerate(seat["members"]):
            w = f.width(member["name"], 15) + self.u(20)
            if x + w > r.right - self.u(12):
                x, y = r.x + self.u(16), y + h + self.u(8)
            if y + h > r.bottom - self.u(28):
                f.draw(surface, f"and {len(seat['members']) - k} more", (r.x + self.u(16), r.bottom - self.u(24)), 13,
                       pal.dim)
                return
            chip = pygame.Rect(x, y, w, h)
            picked = member["id"] == self.selected
            pygame.draw.rect(surface, pal.accent if picked else pal.panel_edge, chip, border_radius=self.u(14))
            colour = pal.ink_on(pal.accent) if picked else (pal.ink if member["online"] else pal.faint)
            f.draw(surface, member["name"], chip.center, 15, colour, anchor="center")
            self.chips.append((chip, member["id"]))
            x += w + self.u(8)
        if self.selected is not None and not any(m["id"] == self.selected for m in seat["members"]) \
                and seat["playable"]:
            f.draw(surface, "Click to move the student here", (r.x + self.u(16), r.bottom - self.u(26)), 13,
                   pal.accent)

    def _clock_words(self, clock: dict | None) -> str:
        """The facilitator's pause and countdown, as the students' pages show them (issue 12)."""
        if not clock:
            return ""
        if getattr(self, "_clock", (None,))[0] is not clock:
            self._clock = (clock, time.monotonic())
        left = clock["left"]
        if left is not None and not clock["paused"]:
            left -= time.monotonic() - self._clock[1]
        words = "Paused" if clock["paused"] else ""
        if left is not None:
            m, sec = divmod(int(max(0.0, left) + 0.999), 60)
            words += (" · " if words else "") + f"{m}:{sec:02d} left in this phase"
        return words

    def _paint_projector(self, surface: pygame.Surface, msg: dict) -> None:
        pal, f, s = self.pal, self.fonts, self.app.geometry.scale
        p = msg["projector"]
        f.draw(surface, p["title"], (self.u(48), self.u(18)), 26, pal.accent, bold=True, max_width=self.u(self.W - 280))
        status = f"Turn {p['turn']} of {p['turns']} · {p['date']} · {p['phase_text']}"
        if msg.get("thinking"):
            status += f" · {msg['thinking']} is thinking"
        elif p["waiting_for"] and not p["over"]:
            status += f" · waiting for {p['waiting_for']}"
        clock = self._clock_words(msg.get("clock"))
        if clock:
            status = f"{clock} · {status}"
        f.draw(surface, status, (self.u(48), self.u(54)), 17, pal.warn if clock else pal.ink,
               max_width=self.u(self.W - 280))
        left_w = self.W - 48 - 360 - 32 - 48
        col = left_w / 2 - 12
        x, y = 48, 88
        if msg.get("debrief"):
            d = msg["debrief"]
            r = self.rect(x, y, left_w, 150)
            draw.panel(surface, r, pal, s, radius=10)
            f.draw(surface, d["ending"], (r.x + self.u(16), r.y + self.u(12)), 20, pal.accent, bold=True)
            f.draw_wrapped(surface, d["ending_text"], pygame.Rect(r.x + self.u(16), r.y + self.u(44),
                                                                 r.width - self.u(32), self.u(60)), 14, pal.ink)
            line = "   ".join(f"{row['name']} {row['score']}" for row in d["scores"])
            f.draw(surface, f"Scores: {line}", (r.x + self.u(16), r.bottom - self.u(30)), 15, pal.ink, bold=True,
                   max_width=r.width - self.u(32))
            y += 166
        # indicators
        draw.heading(surface, f, "Indicators", (self.u(x), self.u(y)), pal)
        yy = y + 30
        for ind in p["indicators"]:
            share = ind["share"]
            draw.gauge(surface, f, self.rect(x, yy, col, 30), pal, s, ind["label"], share, 0.0, 1.0, ind["good"],
                       ind["value"], None)
            yy += 40
        yy += 8
        draw.heading(surface, f, "Agreements in force", (self.u(x), self.u(yy)), pal)
        yy += 30
        if not p["agreements"]:
            f.draw(surface, "None yet.", (self.u(x), self.u(yy)), 14, pal.faint)
        for ag in p["agreements"][:6]:
            text = f"{ag['name']}: {ag['label']} ({ag['parties']})" + (" — suspended" if ag["suspended"] else "")
            yy = (f.draw_wrapped(surface, text, self.rect(x, yy, col, 48), 16, pal.ink, max_lines=2) / s) + 6
        # public positions and news
        x2 = x + col + 24
        draw.heading(surface, f, "Public positions", (self.u(x2), self.u(y)), pal)
        yy = y + 30
        for k, actor in enumerate(p["table"]):
            colour = pal.actor_colour(actor["colour"], k)
            pygame.draw.circle(surface, colour, (self.u(x2 + 6), self.u(yy + 9)), self.u(6))
            f.draw(surface, actor["name"], (self.u(x2 + 18), self.u(yy)), 16, pal.ink, bold=True,
                   max_width=self.u(col - 18))
            yy += 24
            for pos in actor["public"][:4]:
                f.draw(surface, f"{pos['name']}: {pos['label']}", (self.u(x2 + 18), self.u(yy)), 15, pal.dim,
                       max_width=self.u(col - 18))
                yy += 21
            yy += 8
        yy += 6
        draw.heading(surface, f, "News", (self.u(x2), self.u(yy)), pal)
        yy += 28
        for entry in reversed(p["news"][-NEWS:]):
            if yy > self.H - 40:
                break
            yy = f.draw_wrapped(surface, f"Turn {entry['turn']}: {entry['text']}", self.rect(x2, yy, col, 44), 15,
                                pal.ink, max_lines=2) / s + 5
        # the seats and their students, down the right
        for k, (seat, (bx, by, bw, bh)) in enumerate(zip(msg["lobby"]["seats"], self._seat_boxes(msg["lobby"]))):
            r = self.rect(bx, by, bw, bh)
            draw.panel(surface, r, pal, s, radius=8)
            pygame.draw.rect(surface, pal.actor_colour(seat["colour"], k), (r.x, r.y, self.u(5), r.height))
            f.draw(surface, seat["name"], (r.x + self.u(14), r.y + self.u(10)), 15, pal.ink, bold=True,
                   max_width=r.width - self.u(170))
            names = ", ".join(m["name"] + ("" if m["online"] else " (away)") for m in seat["members"])
            who = names if seat["kind"] == "student" else "The computer"
            f.draw_wrapped(surface, who or "Nobody", pygame.Rect(r.x + self.u(14), r.y + self.u(36), r.width - self.u(28),
                                                                 r.height - self.u(40)), 13, pal.dim, max_lines=2)

