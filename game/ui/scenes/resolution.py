"""9. Resolution: what happened in a turn, and for every indicator change its causes."""

from __future__ import annotations

from collections import OrderedDict

import pygame

from game.core.model import Scenario
from game.core.observe import Observation
from game.present import words
from game.ui.scene import Intent, Scene
from game.ui.scenes.base import row, scroll_box
from game.ui.scenes.table_paint import KIND_LABEL
from game.ui.text import markup
from game.ui.theme import to_hex

EVENT_KINDS = {"news", "agreement", "move", "outcome", "kept", "violation", "detected", "suspended", "restored",
               "collapsed", "trust", "ending"}


def _hex(c) -> str:
    return to_hex(c)


def events_html(obs: Observation, turn: int, pal) -> str:
    out = []
    for e in obs.log:
        if e.turn != turn or e.kind not in EVENT_KINDS:
            continue
        colour = {"news": pal.accent, "agreement": pal.good, "violation": pal.bad, "detected": pal.bad,
                  "collapsed": pal.bad, "move": pal.warn, "outcome": pal.warn}.get(e.kind, pal.dim)
        text = markup(e.text)
        if e.visible is not None:
            text = f"<i>{text}</i> <font color='{_hex(pal.faint)}'>(only you know)</font>"
        out.append(f"<font color='{_hex(colour)}'><b>{KIND_LABEL.get(e.kind, e.kind.upper())}</b></font>  {text}")
    return "<br>".join(out) or f"<font color='{_hex(pal.dim)}'>A quiet turn: no moves, no news.</font>"


def changes_html(obs: Observation, sc: Scenario, turn: int, pal) -> str:
    """Every indicator's change in the turn, with each cause's share."""
    by_ind: OrderedDict[str, list] = OrderedDict((i.id, []) for i in sc.indicators)
    for c in obs.changes:
        if c.turn == turn and c.indicator in by_ind:
            by_ind[c.indicator].append(c)
    out = []
    for ind in sc.indicators:
        changes = by_ind[ind.id]
        if not changes:
            continue
        before, after = changes[0].before, changes[-1].after
        delta = after - before
        better = (delta > 0) == (ind.good == "high")
        colour = _hex(pal.good if better else pal.bad) if abs(delta) >= 0.05 else _hex(pal.dim)
        out.append(f"<b>{markup(ind.label)}</b>  {words.num(before)} to {words.num(after)}  "
                   f"<font color='{colour}'><b>({words.sign(delta, 1 if abs(delta) < 1 else 0)})</b></font>")
        causes: OrderedDict[str, float] = OrderedDict()
        for c in changes:
            causes[c.cause.text] = causes.get(c.cause.text, 0.0) + c.delta
        for text, d in causes.items():
            out.append(f"<font color='{_hex(pal.dim)}'>      {words.sign(d, 1 if abs(d) < 1 else 0)}   because: "
                       f"</font>{markup(text)}")
        out.append("")
    if not out:
        return f"<font color='{_hex(pal.dim)}'>No indicator moved this turn.</font>"
    return "<br>".join(out)


class ResolutionScene(Scene):
    runs_game = True
    default = "done"
    back = "done"

    def __init__(self, app, turn: int, first: bool) -> None:
        super().__init__(app)
        self.last = max(1, turn)
        self.turn = self.last
        self.first = first
        self.viewer = app.match.viewer

    def build(self) -> None:
        m = self.app.match
        obs = m.obs(self.viewer)
        half = (self.W - 96 - 24) / 2
        top = 120
        h = self.H - top - 90
        self.textbox("events", self.rect(48, top + 28, half * 0.9, h - 28), events_html(obs, self.turn, self.pal))
        self.textbox("changes", self.rect(48 + half * 0.9 + 24, top + 28, self.W - 96 - 24 - half * 0.9, h - 28),
                     changes_html(obs, m.scenario, self.turn, self.pal))
        specs = []
        if not self.first:
            specs = [("prev", "Previous turn", {"enabled": self.turn > 1, "kind": "@quiet"}),
                     ("next", "Next turn", {"enabled": self.turn < self.last, "kind": "@quiet"})]
        label = "Continue" if self.first else "Back to the table"
        specs.append(("done", label, {"kind": "@primary"}))
        row(self, specs, 0, self.H - 68, h=48, align="right", right=self.W - 48, min_w=150)

    def paint(self, surface: pygame.Surface) -> None:
        pal, f = self.pal, self.fonts
        m = self.app.match
        sc = m.scenario
        start = sc.date_of_turn(self.turn)
        f.draw(surface, f"Turn {self.turn} resolved", (self.u(48), self.u(26)), 28, pal.ink, bold=True)
        f.draw(surface, f"{words.long_date(start)}  ·  what happened, and why the world moved", (self.u(48), self.u(70)),
               15, pal.accent)
        half = (self.W - 96 - 24) / 2
        f.draw(surface, "WHAT HAPPENED", (self.u(48), self.u(124)), 13, pal.accent, bold=True)
        f.draw(surface, "WHY DID THIS HAPPEN? EACH INDICATOR AND ITS CAUSES", (self.u(48 + half * 0.9 + 24), self.u(124)),
               13, pal.accent, bold=True)
        if m.viewer:
            f.draw(surface, f"Seen by {sc.actor(self.viewer).name}: secret choices of others stay hidden unless caught.",
                   (self.u(48), self.u(self.H - 44)), 13, pal.faint, anchor="midleft", max_width=self.u(self.W - 560))

    def handle(self, intent: Intent) -> None:
        if intent.kind == "page":
            for name in ("events", "changes"):
                if name in self.widgets:
                    scroll_box(self.widgets[name], intent.value)
            return
        if intent.kind != "press":
            return
        if intent.name == "done":
            if self.first:
                m = self.app.match
                m.seen[self.viewer] = max(m.seen.get(self.viewer, 0), self.last)
            self.app.pop(self)
        elif intent.name in ("prev", "next"):
            self.turn = max(1, min(self.last, self.turn + (1 if intent.name == "next" else -1)))
            self.rebuild()
