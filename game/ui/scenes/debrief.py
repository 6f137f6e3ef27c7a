"""10. Debrief: the ending, every actor's score, the Nash bargaining deal, the indicators over the
turns, the timeline, what actually happened (with sources) and questions for discussion."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame

from game import paths
from game.present import words
from game.ui import draw, flow
from game.ui.scene import Intent, Scene
from game.ui.scenes.base import row, scroll_box
from game.ui.scenes.table_paint import KIND_LABEL
from game.ui.text import markup
from game.ui.theme import to_hex

TABS = (("outcome", "Outcome"), ("charts", "Charts"), ("timeline", "Timeline"), ("history", "What really happened"),
        ("discuss", "Discussion"))
TIMELINE_KINDS = {"news", "agreement", "move", "outcome", "detected", "collapsed", "suspended", "restored", "ending"}


def _hex(c) -> str:
    return to_hex(c)


class DebriefScene(Scene):
    default = "title"
    back = "title"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.tab = "outcome"
        m = app.match
        self.scores = m.session.scores()
        self.shared = m.session.shared_outcome()
        self.nash = m.session.nash()
        self.ending = m.session.ending()

    def build(self) -> None:
        x = 48
        for i, (key, label) in enumerate(TABS):
            w = self.fonts.width(label, 16) / self.app.geometry.scale + 36
            self.button(f"tab:{key}", self.rect(x, 96, w, 38), label, selected=key == self.tab, key=str(i + 1))
            x += w + 8
        row(self, [("report", "Save the report", {"kind": "@quiet", "tip": "Write this debrief as one web page to "
                                                  "print or hand out, with every actor's secrets revealed"}),
                   ("again", "Play again", {"kind": "@quiet", "tip": "Set up this scenario again"}),
                   ("title", "Title screen", {"kind": "@primary"})], 0, self.H - 66, h=46, align="right",
            right=self.W - 48)
        box = self.rect(48, 150, self.W - 96, self.H - 150 - 84)
        html = self.tab_html()
        if html is not None:
            self.textbox("body", box, html)

    def tab_html(self) -> str | None:
        m = self.app.match
        sc = m.scenario
        pal = self.pal
        dim = _hex(pal.dim)
        if self.tab == "timeline":
            obs = m.obs()
            out, turn = [], None
            for e in obs.log:
                if e.visible is not None or e.kind not in TIMELINE_KINDS:
                    continue
                if e.turn != turn:
                    turn = e.turn
                    out.append(f"<br><b>Turn {turn}  ·  {words.long_date(sc.date_of_turn(turn))}</b>")
                out.append(f"<font color='{dim}'>{KIND_LABEL.get(e.kind, e.kind)}</font>  {markup(e.text)}")
            return "<br>".join(out) or "Nothing was agreed and no one moved."
        if self.tab == "history":
            out = []
            sources = {s.id: s for s in sc.sources}
            for item in sc.debrief.history:
                head = f"<b>{markup(words.long_date(item.date))}</b>  " if item.date else ""
                out.append(head + markup(item.text))
                cite = []
                if item.source and item.source in sources:
                    s = sources[item.source]
                    cite.append(f"{s.outlet}, “{s.title}”, {words.long_date(s.date)}")
                if item.reference:
                    cite.append(item.reference)
                if cite:
                    out.append(f"<font color='{dim}'><i>Source: {markup('; '.join(cite))}</i></font>")
                out.append("")
            return "<br>".join(out) or "The scenario tells nothing more."
        if self.tab == "discuss":
            d = sc.debrief
            out = []
            if d.learning_objectives:
                out.append("<b>What this scenario is meant to show</b>")
                out += [f"•  {markup(t)}" for t in d.learning_objectives]
                out.append("")
            if d.discussion_questions:
                out.append("<b>Questions for discussion</b>")
                out += [f"{i}.  {markup(q)}" for i, q in enumerate(d.discussion_questions, start=1)]
            return "<br>".join(out) or "No questions in this scenario."
        return None

    def paint(self, surface: pygame.Surface) -> None:
        pal, f = self.pal, self.fonts
        m = self.app.match
        sc = m.scenario
        title = self.ending.title if self.ending else "The game ended"
        f.draw(surface, "DEBRIEF", (self.u(48), self.u(22)), 14, pal.accent, bold=True)
        f.draw(surface, title, (self.u(48), self.u(42)), 30, pal.ink, bold=True, max_width=self.u(self.W - 96))
        area = self.rect(48, 150, self.W - 96, self.H - 150 - 84)
        if self.tab == "outcome":
            self.paint_outcome(surface, area)
        elif self.tab == "charts":
            self.paint_charts(surface, area)
        f.draw(surface, sc.title, (self.u(48), self.u(self.H - 43)), 13, pal.faint, anchor="midleft",
               max_width=self.u(self.W - 420))

    def paint_outcome(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        pal, f = self.pal, self.fonts
        m = self.app.match
        sc = m.scenario
        left = pygame.Rect(area.x, area.y, round(area.width * 0.48), area.height)
        right = pygame.Rect(left.right + self.u(32), area.y, area.right - left.right - self.u(32), area.height)
        text = self.ending.text if self.ending else ""
        y = f.draw_wrapped(surface, text, pygame.Rect(left.x, left.y, left.width, self.u(130)), 15, pal.ink,
                           max_lines=6)
        y += self.u(14)
        draw.heading(surface, f, "Scores (0–100): how close each came to what it wanted", (left.x, y), pal, size=13,
                     max_width=left.width)
        y += self.u(26)
        bar_h = max(self.u(16), min(self.u(26), (left.bottom - y - self.u(70)) // max(1, len(sc.actors)) - self.u(6)))
        for k, actor in enumerate(sc.actors):
            colour = pal.actor_colour(actor.colour, k)
            name = actor.name + (" (human)" if m.session.is_human(actor.id) else "")
            f.draw(surface, name, (left.x, y + bar_h // 2), 13, pal.ink, anchor="midleft", max_width=self.u(190))
            r = pygame.Rect(left.x + self.u(200), y, left.width - self.u(250), bar_h)
            score = self.scores.get(actor.id, 0.0)
            draw.bar(surface, r, score / 100, colour, pal.bg_deep, self.u(4))
            f.draw(surface, f"{score:.0f}", (r.right + self.u(8), y + bar_h // 2), 14, pal.ink, bold=True,
                   anchor="midleft")
            y += bar_h + self.u(6)
        y += self.u(10)
        f.draw(surface, "Shared outcome", (left.x, y + bar_h // 2), 13, pal.accent, bold=True,
               anchor="midleft", max_width=self.u(190))
        r = pygame.Rect(left.x + self.u(200), y, left.width - self.u(250), bar_h)
        draw.bar(surface, r, self.shared / 100, pal.accent, pal.bg_deep, self.u(4))
        f.draw(surface, f"{self.shared:.0f}", (r.right + self.u(8), y + bar_h // 2), 14, pal.ink, bold=True,
               anchor="midleft")
        # the Nash bargaining deal against what was reached
        draw.heading(surface, f, "The best deal open to all (Nash bargaining solution)", (right.x, right.y), pal,
                     size=13, max_width=right.width)
        f.draw_wrapped(surface, "The variants that maximise the product of every needed party's gain over where they "
                       "started. Compare it with what you reached.",
                       pygame.Rect(right.x, right.y + self.u(24), right.width, self.u(44)), 13, pal.dim)
        y = right.y + self.u(78)
        col = right.width // 3
        for cx, head in ((0, "Joint move"), (col, "Nash deal"), (2 * col, "Reached")):
            f.draw(surface, head.upper(), (right.x + cx, y), 11, pal.accent, bold=True)
        y += self.u(22)
        levels = m.obs().levels
        rh = max(self.u(30), min(self.u(44), (right.bottom - y) // max(1, len(sc.joint_moves))))
        for i, jm in enumerate(sc.joint_moves):
            if i % 2 == 0:
                pygame.draw.rect(surface, pal.panel, (right.x - self.u(6), y - self.u(3), right.width + self.u(12), rh),
                                 border_radius=self.u(4))
            nash_lv = self.nash.levels.get(jm.id, jm.status_quo)
            reached = levels.get(jm.id, jm.status_quo)
            same = nash_lv == reached
            f.draw_wrapped(surface, jm.name, pygame.Rect(right.x, y, col - self.u(8), rh), 12, pal.ink, bold=True,
                           max_lines=2)
            f.draw_wrapped(surface, jm.variants[nash_lv].label, pygame.Rect(right.x + col, y, col - self.u(8), rh), 12,
                           pal.ink, max_lines=2)
            f.draw_wrapped(surface, jm.variants[reached].label, pygame.Rect(right.x + 2 * col, y, col - self.u(8), rh),
                           12, pal.good if same else pal.warn, max_lines=2)
            y += rh

    def paint_charts(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        m = self.app.match
        obs = m.obs()
        inds = obs.indicators
        n = len(inds)
        cols = 4 if n > 6 else 3 if n > 4 else max(1, n)
        rows = (n + cols - 1) // cols
        gap = self.u(14)
        cw = (area.width - gap * (cols - 1)) // cols
        ch = (area.height - gap * (rows - 1)) // max(1, rows)
        marks = sorted({e.turn for e in obs.log if e.kind == "agreement" and e.visible is None})
        for i, ind in enumerate(inds):
            r = pygame.Rect(area.x + (i % cols) * (cw + gap), area.y + (i // cols) * (ch + gap), cw, ch)
            values = [row_[ind.id] for row_ in obs.series]
            draw.line_chart(surface, self.fonts, r, self.pal, self.app.geometry.scale, ind.label, values, ind.min,
                            ind.max, ind.good, marks)
        if n % cols:
            r = pygame.Rect(area.x + (n % cols) * (cw + gap), area.y + (rows - 1) * (ch + gap), area.right -
                            (area.x + (n % cols) * (cw + gap)), ch)
            self.fonts.draw_wrapped(surface, "Each chart: an indicator from the start to the last turn. The shaded "
                                    "half is the better one; grey lines mark turns with a new agreement.",
                                    r.inflate(-self.u(20), -self.u(20)), 13, self.pal.dim)

    def write_report(self) -> Path:
        """This game's report, in a new file of the documents folder."""
        from game.report.files import unused, write_report

        m = self.app.match
        name = f"{m.scenario.id}-report-{dt.datetime.now():%Y%m%d-%H%M}.html"
        return write_report([("This game", m.session)], unused(paths.documents_dir() / name))

    def handle(self, intent: Intent) -> None:
        if intent.kind == "page" and "body" in self.widgets:
            scroll_box(self.widgets["body"], intent.value)
            return
        if intent.kind != "press":
            return
        name = intent.name
        if name.startswith("tab:"):
            self.tab = name[4:]
            self.rebuild()
        elif name == "report":
            flow.write_handout(self.app, "report", self.write_report)
        elif name == "title":
            flow.to_title(self.app, autosave=False)
        elif name == "again":
            m = self.app.match
            flow.to_title(self.app, autosave=False)
            self.app.push(self.app.scene("setup", m.scenario, m.scenario_file))
