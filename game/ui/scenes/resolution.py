"""9. Resolution: what happened between two sittings at the table (a turn's resolution and the news
that opened the next), and for every indicator change its causes. The numbers are those of the
table's arrows: both read one report (``game.present.changes``)."""

from __future__ import annotations

import pygame

from game.core.model import Scenario
from game.core.observe import Observation
from game.present import changes, words
from game.present.entries import entry_text
from game.ui.scene import Intent, Scene
from game.ui.scenes.base import row, scroll_box
from game.ui.scenes.table_paint import KIND_LABEL
from game.ui.text import markup
from game.ui.theme import to_hex


def _hex(c) -> str:
    return to_hex(c)


def events_html(rep: changes.Report, sc: Scenario, pal) -> str:
    """What happened: the resolution's entries, then the news that opened the next turn."""
    out = []
    news_head = False
    for e in rep.events:
        if e.kind == "news" and not news_head and rep.turn > 0:
            news_head = True
            date = words.long_date(sc.date_of_turn(e.turn))
            out.append(f"<br><font color='{_hex(pal.faint)}'><b>THE NEWS OF TURN {e.turn}  ·  {date}</b></font>")
        colour = {"news": pal.accent, "agreement": pal.good, "violation": pal.bad, "detected": pal.bad,
                  "collapsed": pal.bad, "move": pal.warn, "outcome": pal.warn}.get(e.kind, pal.dim)
        text = markup(entry_text(e, sc))
        if e.visible is not None:
            text = f"<i>{text}</i> <font color='{_hex(pal.faint)}'>(only you know)</font>"
        out.append(f"<font color='{_hex(colour)}'><b>{KIND_LABEL.get(e.kind, e.kind.upper())}</b></font>  {text}")
    return "<br>".join(out) or f"<font color='{_hex(pal.dim)}'>A quiet turn: no moves, no news.</font>"


def changes_html(rep: changes.Report, obs: Observation, sc: Scenario, pal) -> str:
    """Every indicator's change in the report, with each cause's share; coloured for the viewer."""
    out = []
    for m in rep.movements:
        lean = changes.leaning(obs.me.goals, sc.indicator(m.indicator))
        verdict = changes.verdict(lean, m.delta)
        colour = _hex({"good": pal.good, "bad": pal.bad, "none": pal.dim}[verdict])
        mark = f"<font color='{_hex(pal.accent)}'>•</font> " if lean.mine else ""
        out.append(f"{mark}<b>{markup(m.label)}</b>  {words.value(m.before)} to {words.value(m.after)}  "
                   f"<font color='{colour}'><b>({words.delta_text(m.delta)})</b></font>")
        for share in m.causes:
            news = " (news)" if share.kind == "event" else ""
            out.append(f"<font color='{_hex(pal.dim)}'>      {words.delta_text(share.delta)}   because: "
                       f"</font>{markup(share.text)}<font color='{_hex(pal.faint)}'>{news}</font>")
        out.append("")
    if not out:
        return f"<font color='{_hex(pal.dim)}'>No indicator moved.</font>"
    return "<br>".join(out)


class ResolutionScene(Scene):
    runs_game = True
    default = "done"
    back = "done"

    def __init__(self, app, turn: int, first: bool) -> None:
        super().__init__(app)
        self.last = max(0, turn)
        self.turn = self.last
        self.first = first
        self.viewer = app.match.viewer

    def report(self) -> changes.Report:
        m = self.app.match
        obs = m.obs(self.viewer)
        return changes.report(m.scenario, obs.changes, obs.log, self.turn, obs.turn)

    def lowest(self) -> int:
        """The first report there is to see: the opening news, if the game opened with any."""
        m = self.app.match
        obs = m.obs(self.viewer)
        opening = changes.report(m.scenario, obs.changes, obs.log, 0, obs.turn)
        return 0 if (opening.movements or opening.events) else min(1, self.last)

    def heads_y(self) -> float:
        """The column headings' y (at a scale of 1): below the title and its subline, at any text size."""
        return max(124.0, 26 + self.lh(28, True) + 2 + self.lh(15) + 16)

    def build(self) -> None:
        m = self.app.match
        obs = m.obs(self.viewer)
        rep = self.report()
        half = (self.W - 96 - 24) / 2
        top = self.heads_y() + self.lh(13, True) + 8
        h = self.H - top - 90
        self.textbox("events", self.rect(48, top, half * 0.9, h), events_html(rep, m.scenario, self.pal))
        self.textbox("changes", self.rect(48 + half * 0.9 + 24, top, self.W - 96 - 24 - half * 0.9, h),
                     changes_html(rep, obs, m.scenario, self.pal))
        specs = []
        if not self.first:
            specs = [("prev", "Previous turn", {"enabled": self.turn > self.lowest(), "kind": "@quiet"}),
                     ("next", "Next turn", {"enabled": self.turn < self.last, "kind": "@quiet"})]
        label = "Continue" if self.first else "Back to the table"
        specs.append(("done", label, {"kind": "@primary"}))
        row(self, specs, 0, self.H - 68, h=48, align="right", right=self.W - 48, min_w=150,
            room=(self.W - 96) * 0.6)

    def paint(self, surface: pygame.Surface) -> None:
        pal, f = self.pal, self.fonts
        m = self.app.match
        sc = m.scenario
        rep = self.report()
        r = f.draw(surface, rep.title, (self.u(48), self.u(26)), 28, pal.ink, bold=True, max_width=self.u(self.W - 96))
        if rep.turn > 0:
            when = words.long_date(sc.date_of_turn(rep.turn))
            sub = f"{when}  ·  what happened, the news since, and why the world moved"
        else:
            sub = f"{words.long_date(sc.start)}  ·  what happened before the first turn, and why the world moved"
        f.draw(surface, sub, (self.u(48), r.bottom + self.u(2)), 15, pal.accent, max_width=self.u(self.W - 96))
        half = (self.W - 96 - 24) / 2
        hy = self.u(self.heads_y())
        f.draw(surface, "WHAT HAPPENED", (self.u(48), hy), 13, pal.accent, bold=True,
               max_width=self.u(half * 0.9))
        f.draw(surface, "WHY DID THIS HAPPEN? EACH INDICATOR AND ITS CAUSES", (self.u(48 + half * 0.9 + 24), hy),
               13, pal.accent, bold=True, max_width=self.u(self.W - 96 - 24 - half * 0.9))
        if m.viewer:
            note = (f"Seen by {sc.actor(self.viewer).name}: secret choices of others stay hidden unless caught. "
                    "Colours: better or worse for you on your goals (•), else for the world.")
            f.draw_wrapped(surface, note, self.rect(48, self.H - 62, max(200.0, self.W - 96 - (self.W - 96) * 0.6 - 24),
                                                   50), 12, pal.faint, max_lines=2)

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
            self.turn = max(self.lowest(), min(self.last, self.turn + (1 if intent.name == "next" else -1)))
            self.rebuild()
