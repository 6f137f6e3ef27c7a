"""12. The facilitator's console: the teacher's own view, with no seat (rules 10.x).

It shows everything (``game.present.facilitator.console_view``): every seat's private stances,
brief, messages, secret orders and the computer actors' reasons, the whole log. Its controls are
the facilitator's actions: pause and resume, a deadline per phase, advance now, inject an event
(the "inject" dialog), hand a seat over, reveal a part of a seat on the debrief, and roll back
to the start of an earlier turn. Each goes through ``Match.facilitate``, so it is recorded.

Closing the console hands the window back through a handover screen: nothing of it may show to
the next player.
"""

from __future__ import annotations

import time

import pygame

from game.core.actions import Advance, HandSeat, Pause, Resume, Reveal, Rollback, SetDeadline
from game.present.facilitator import console_view, part_lines
from game.ui import draw
from game.ui.scene import Intent, Scene
from game.ui.scenes.base import Dialog, row
from game.ui.text import markup
from game.ui.theme import to_hex

MAX_ROLLBACK_BUTTONS = 12
REFRESH = 0.3  # seconds between refreshes of the texts while the computers act
HOLD = 0.6  # seconds a rebuild may wait while the pointer is on a button


class ConsoleScene(Scene):
    runs_game = True  # the computer seats go on while the facilitator watches
    back = "close"

    def __init__(self, app) -> None:
        super().__init__(app)
        m = app.match
        self.seat = m.scenario.actor_ids[0]
        self._shown: tuple | None = None
        self._layout: tuple | None = None
        self._stale_since: float | None = None  # when the buttons' layout went out of date
        self._refreshed = 0.0

    @property
    def match(self):
        return self.app.match

    def view(self) -> dict:
        m = self.match
        key = (m.version, m.session.step)
        if getattr(self, "_view", (None,))[0] != key:
            self._view = (key, console_view(m.session))
        return self._view[1]

    # ------------------------------------------------------------------ layout (at a scale of 1)
    def cols(self) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
        a_w = max(250.0, self.W * 0.22)
        c_w = max(360.0, self.W * 0.31)
        b_x = 16 + a_w + 14
        c_x = self.W - 16 - c_w
        return (16, a_w), (b_x, c_x - 14 - b_x), (c_x, c_w)

    def top(self) -> float:
        return 8 + self.lh(20, True) + self.lh(13) + 12

    def build(self) -> None:
        v = self.view()
        (a_x, a_w), (b_x, b_w), (c_x, c_w) = self.cols()
        top = self.top()
        nobody = not self.match.humans and not v["over"]
        self.button("close", self.rect(self.W - 16 - 150, 14, 150, 34), "Close console", kind="@quiet",
                    tip="Back to the game, through a handover screen" if not nobody else
                    "Every seat is the computer's: hand one to a person to leave the console",
                    enabled=not nobody)
        self.button("menu", self.rect(self.W - 16 - 150 - 10 - 90, 14, 90, 34), "Menu", kind="@quiet",
                    tip="Save, load, settings, quit")
        # column A: the seats
        y = top + self.lh(12, True) + 8
        for actor in v["seats"]:
            label = f"{actor['name']}  ·  {'person' if actor['human'] else 'computer'}"
            self.button(f"seat:{actor['id']}", self.rect(a_x, y, a_w, 34), label, kind="@list",
                        selected=actor["id"] == self.seat, tip=actor["player"])
            y += 40
        seat = self.seat_view()
        y += 12
        if seat["human"]:
            self.button("hand", self.rect(a_x, y, a_w, 34), "Hand to the computer", key="h",
                        tip="The computer plays this seat from now on (recorded in the game)", enabled=not v["over"])
        else:
            self.button("hand", self.rect(a_x, y, a_w, 34), "Hand to a person", key="h",
                        tip="A person plays this seat from now on; a handover screen shows the seat its brief",
                        enabled=seat["playable"] and not v["over"])
        y += 40 + self.lh(12, True) + 8
        self.reveal_y = y - self.lh(12, True) - 4
        for part in v["parts"]:
            done = part["id"] in seat["revealed"]
            self.button(f"reveal:{part['id']}", self.rect(a_x, y, a_w, 30),
                        f"{part['name'].capitalize()}{'  ✓' if done else ''}", kind="@small", enabled=not done,
                        tip="Show this on the debrief screen, for the whole class")
            y += 34
        self.secret_y = y + 12
        # column B: the seat's private view
        self.textbox("private", self.rect(b_x, top, b_w, self.H - top - 16), self.private_html(seat))
        # column C: the controls
        y = top + self.lh(12, True) + 8
        paused = v["paused"]
        row(self, [("pause", "Resume" if paused else "Pause", {"key": "p", "kind": "@primary" if paused else None,
                                                                "tip": "Stop every seat, computers too" if not paused
                                                                else "Let the seats act again"}),
                   ("advance", "Advance now", {"key": "n", "enabled": not paused and not v["over"],
                                               "tip": "End this phase: the computer plays for every seat "
                                                      "that has not finished it"})],
            c_x, y, h=36, gap=8, room=c_w)
        y += 44
        minutes = f"{v['deadline'] / 60:g}" if v["deadline"] else ""
        self.entry("minutes", self.rect(c_x, y, 90, 34), minutes, placeholder="min", limit=5, allowed="0123456789.")
        row(self, [("deadline", "Set deadline", {"key": "d", "tip": "Minutes each phase may take; every player "
                                                                     "sees the countdown; at zero the phase advances"}),
                   ("no_deadline", "None", {"enabled": bool(v["deadline"]), "tip": "Lift the deadline"})],
            c_x + 98, y, h=34, gap=8, room=c_w - 98)
        y += 42
        self.button("inject", self.rect(c_x, y, c_w, 36), "Inject an event…", key="i", enabled=not v["over"],
                    tip="A scenario event, or a headline of your own, at the next news")
        y += 44 + self.lh(12, True) + 6
        self.rollback_y = y - self.lh(12, True) - 4
        turns = v["rollback_turns"][-MAX_ROLLBACK_BUTTONS:]
        per_row = max(1, int((c_w + 6) // 56))
        for i, turn in enumerate(turns):
            r, k = divmod(i, per_row)
            self.button(f"rollback:{turn}", self.rect(c_x + k * 56, y + r * 38, 50, 32), str(turn), kind="@small",
                        tip=f"Go back to the start of turn {turn} and play on from there as a new branch")
        y += 38 * ((len(turns) + per_row - 1) // per_row) + 10
        self.log_y = y
        self.textbox("log", self.rect(c_x, y + self.lh(12, True) + 6, c_w, self.H - y - self.lh(12, True) - 22),
                     self.log_html(v))
        self._shown = (self.match.version, self.seat)
        self._layout = self.layout_key()
        self._refreshed = time.monotonic()

    def clock_pos(self) -> tuple[float, float, str]:
        """The countdown in the header, between the title and the close button."""
        return self.W - 16 - 150 - 10 - 90 - 16, 31, "midright"

    def seat_view(self) -> dict:
        return next(s for s in self.view()["seats"] if s["id"] == self.seat)

    def private_html(self, seat: dict) -> str:
        dim = to_hex(self.pal.dim)
        out = [f"<b>{markup(seat['name'])}</b>  <font color='{dim}'>{markup(seat['player'])}</font>",
               (f"<font color='{dim}'>score now {seat['score']:.0f}  ·  capital {seat['capital']}  ·  "
               f"{seat['budget']} diplomatic actions left</font>")]
        if seat["orders"]:
            out.append(f"<font color='{dim}'>Secret orders:</font> {markup(seat['orders'])}")
        for head, part in (("True positions", "stances"), ("Brief", "brief"), ("Private messages", "messages"),
                           ("Reasons it gave (latest last)", "reasons")):
            out += ["", f"<b>{head}</b>"] + [f"•  {markup(line)}" for line in part_lines(seat, part)]
        trust = ", ".join(f"{k} {n}" for k, n in seat["trust"].items())
        out += ["", "<b>Its trust in the others</b>", markup(trust)]
        return "<br>".join(out)

    def log_html(self, v: dict) -> str:
        dim = to_hex(self.pal.dim)
        out = []
        if v["pending"]:
            out.append("<b>At the next news:</b> " + markup("; ".join(v["pending"])))
        for e in reversed(v["log"]):
            private = f" <font color='{dim}'>(seen by {markup(e['private'])})</font>" if e["private"] else ""
            out.append(f"<font color='{dim}'>T{e['turn']} {e['label']}</font> {markup(e['text'])}{private}")
        return "<br>".join(out) or "Nothing has happened yet."

    # ------------------------------------------------------------------ drawing
    def update(self, dt: float) -> None:
        m = self.match
        if m is None:
            return
        while m.errors:
            self.app.toast(f"A computer actor failed and passed: {m.errors.pop(0)}")
        if self._shown == (m.version, self.seat):
            return
        now = time.monotonic()
        if self._layout != self.layout_key() and self._hold_for_pointer(now):
            return
        if self._layout != self.layout_key():
            self._stale_since = None
            keep = self.focus
            entry = self.widgets.get("minutes")
            typed = entry.get_text() if entry is not None and keep == "minutes" else None
            self.rebuild()
            if typed is not None:
                self.widgets["minutes"].set_text(typed)
                self.set_focus("minutes")
        elif not m.thinking or now - self._refreshed >= REFRESH:  # the texts only, a few times a second
            v = self.view()
            for name, html in (("private", self.private_html(self.seat_view())), ("log", self.log_html(v))):
                box = self.widgets.get(name)
                if box is not None and box.html_text != html:
                    box.set_text(html)
            self._shown = (m.version, self.seat)
            self._refreshed = now
            self.dirty = True

    def _hold_for_pointer(self, now: float) -> bool:
        """Whether to put a rebuild off: the pointer is on one of the buttons, and rebuilding under it
        would lose the click it is about to make (a game the computer plays alone moves on every frame).
        Never for more than HOLD seconds."""
        if self._stale_since is None:
            self._stale_since = now
        if now - self._stale_since >= HOLD:
            return False
        pos = pygame.mouse.get_pos()
        return any(getattr(w, "rect", None) is not None and w.rect.collidepoint(pos) and type(w).__name__ == "UIButton"
                   for w in self.widgets.values())

    def layout_key(self) -> tuple:
        """What the buttons depend on: the console is rebuilt only when it changes (a rebuild
        between a press and its release would lose the click)."""
        v = self.view()
        seats = tuple((s["human"], tuple(s["revealed"])) for s in v["seats"])
        return (self.seat, v["paused"], v["deadline"], v["over"], seats, tuple(v["rollback_turns"]), v["branch"],
                bool(self.match.humans))

    def busy(self) -> bool:
        return self.match is not None and self.match.thinking is not None

    def paint(self, surface: pygame.Surface) -> None:
        v = self.view()
        pal, f = self.pal, self.fonts
        pygame.draw.rect(surface, pal.bg_deep, (0, 0, surface.get_width(), self.u(self.top() - 6)))
        r = f.draw(surface, "Facilitator console", (self.u(16), self.u(8)), 20, pal.ink, bold=True,
                   max_width=self.u(self.W * 0.4))
        state = f"{v['phase']}  ·  branch {v['branch']}"
        if v["to_move"] and not v["over"]:
            state += f"  ·  {v['to_move']} to move"
        f.draw(surface, state, (self.u(16), r.bottom), 13, pal.accent, max_width=self.u(self.W - 200))
        (a_x, a_w), (_b_x, _b_w), (c_x, c_w) = self.cols()
        secret = "Every seat's secrets are on this screen: keep it off the projector."
        f.draw_wrapped(surface, secret, self.rect(a_x, self.secret_y, a_w, self.H - self.secret_y - 12), 12, pal.warn,
                       max_lines=3)
        top = self.top()
        draw.heading(surface, f, "Seats", (self.u(a_x), self.u(top)), pal, size=12, max_width=self.u(a_w))
        draw.heading(surface, f, "Reveal on the debrief", (self.u(a_x), self.u(self.reveal_y)), pal, size=12,
                     max_width=self.u(a_w))
        draw.heading(surface, f, "The game", (self.u(c_x), self.u(top)), pal, size=12, max_width=self.u(c_w))
        draw.heading(surface, f, "Roll back to the start of turn", (self.u(c_x), self.u(self.rollback_y)), pal,
                     size=12, max_width=self.u(c_w))
        draw.heading(surface, f, "Everything that happened (newest first)", (self.u(c_x), self.u(self.log_y)), pal,
                     size=12, max_width=self.u(c_w))

    # ------------------------------------------------------------------ input
    def handle(self, intent: Intent) -> None:
        if intent.kind == "submit" and intent.name == "minutes":
            intent = Intent("press", "deadline")
        if intent.kind != "press":
            return
        m = self.match
        app = self.app
        kind, _, value = intent.name.partition(":")
        v = self.view()
        err = None
        if kind == "close":
            self.close()
            return
        if kind == "menu":
            app.push(app.scene("menu"))
            return
        if kind == "seat":
            self.seat = value
            self.rebuild()
            return
        if kind == "pause":
            err = m.facilitate(Resume() if v["paused"] else Pause())
            if not err:
                app.toast("The game is paused." if not v["paused"] else "The game goes on.")
        elif kind == "advance":
            err = m.facilitate(Advance())
            if not err:
                app.toast("The computer finishes this phase for the seats still to act.")
        elif kind in ("deadline", "no_deadline"):
            seconds = 0 if kind == "no_deadline" else self.typed_seconds()
            if seconds is None:
                err = "Type the minutes each phase may take, e.g. 3 or 1.5"
            else:
                err = m.facilitate(SetDeadline(seconds))
                if not err:
                    app.toast("No deadline." if not seconds else f"Each phase now has {seconds // 60} min "
                              f"{seconds % 60:02d} s.".replace(" 00 s", ""))
        elif kind == "inject":
            app.push(app.scene("inject"))
            return
        elif kind == "hand":
            seat = self.seat_view()
            player = "computer" if seat["human"] else "human"
            err = m.facilitate(HandSeat(self.seat, player))
            if not err:
                app.toast(f"{seat['name']} is now played by {'the computer' if player == 'computer' else 'a person'}.")
        elif kind == "reveal":
            err = m.facilitate(Reveal(self.seat, value))
            if not err:
                app.toast("It will be shown on the debrief.")
        elif kind == "rollback":
            turn = int(value)
            app.push(Dialog(app, f"Roll back to the start of turn {turn}?",
                            f"The game goes back to the start of turn {turn}, after its news, with the same luck. "
                            "What happened since stays in the record as a branch: the report compares the branches. "
                            "Your pause, deadline and reveals stay; news you injected that has not fired is dropped.",
                            [("Roll back", lambda: self.rollback(turn), "@primary"), ("Cancel", None, "@quiet")]))
            return
        if err:
            app.toast(err)
        self.rebuild()

    def typed_seconds(self) -> int | None:
        entry = self.widgets.get("minutes")
        text = entry.get_text().strip() if entry is not None else ""
        try:
            minutes = float(text)
        except ValueError:
            return None
        if minutes < 0 or minutes > 24 * 60:
            return None
        return round(minutes * 60)

    def rollback(self, turn: int) -> None:
        err = self.match.facilitate(Rollback(turn))
        self.app.toast(err or f"Back at the start of turn {turn}: a new branch begins.")
        self.rebuild()

    def close(self) -> None:
        m = self.match
        m.viewer = None  # the next player sits down behind a handover screen
        m.version += 1
        self.app.pop(self)
        below = self.app.top
        if not m.session.over and below is not None and not below.runs_game:  # rolled back from the debrief
            self.app.replace(self.app.scene("table"))
