"""10. Debrief: the ending, every actor's score, the Nash bargaining deal, the indicators over the
turns, the timeline, what actually happened (with sources) and questions for discussion."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame

from game import paths
from game.present import agreements, changes, debrief, dossier, words
from game.present.entries import entry_text
from game.present.facilitator import revealed_view
from game.ui import draw, flow
from game.ui.scene import Intent, Scene
from game.ui.scenes.base import row, scroll_box
from game.ui.scenes.table_paint import KIND_LABEL
from game.ui.text import markup
from game.ui.theme import to_hex

TABS = (("outcome", "Outcome"), ("charts", "Charts"), ("timeline", "Timeline"), ("wanted", "Who wanted what"),
        ("history", "What really happened"), ("discuss", "Discussion"))
TIMELINE_KINDS = {"news", "agreement", "move", "outcome", "detected", "collapsed", "suspended", "restored", "ending",
                  "signed", "lapsed", "red_line"}


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
        # the game is over, so nothing is private any more: the debrief reads the whole record
        state = m.session.state
        sc = m.scenario
        tips = debrief.what_tipped(sc, self.ending, state.changes, state.series[0], state.indicators)
        # one person's debrief speaks to them ("your move"); a hot-seat one to nobody in particular
        self.you = m.viewer if len(m.humans) == 1 else None
        self.tipped = debrief.tipping_lines(sc, tips, self.you) + \
            debrief.condition_facts(sc, self.ending, state.log, state.agreements)
        self.revealed = debrief.revealed(sc, state.stances, state.public, self.scores, state.seed)
        # how close each player's reading of the room came: its estimates from its own last view
        self.estimates = {}  # human seat -> actor -> accuracy row
        for human in m.humans:
            guesses = dossier.estimates(m.obs(human))
            self.estimates[human] = {r["actor"]: r for r in debrief.estimate_accuracy(guesses, state.stances, sc)}

    def build(self) -> None:
        tabs = [(f"tab:{key}", label, {"selected": key == self.tab, "key": str(i + 1)})
                for i, (key, label) in enumerate(TABS)]
        row(self, tabs, 48, self.tabs_y(), h=38, gap=8, room=self.W - 96)
        row(self, [("report", "Save the report", {"kind": "@quiet", "tip": "Write this debrief as one web page to "
                                                  "print or hand out, with every actor's secrets revealed"}),
                   ("console", "Facilitator console", {"kind": "@quiet", "key": "f",
                                                       "tip": "Reveal a seat's messages or reasons here, or roll "
                                                              "back to an earlier turn"}),
                   ("again", "Play again", {"kind": "@quiet", "tip": "Set up this scenario again"}),
                   ("title", "Title screen", {"kind": "@primary"})], 0, self.H - 66, h=46, align="right",
            right=self.W - 48)
        top = self.body_y()
        box = self.rect(48, top, self.W - 96, self.H - top - 84)
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
                out.append(f"<font color='{dim}'>{KIND_LABEL.get(e.kind, e.kind)}</font>  {markup(entry_text(e, sc))}")
            return "<br>".join(out) or "Nothing was agreed and no one moved."
        if self.tab == "wanted":
            return self.wanted_html()
        if self.tab == "history":
            out = []
            sources = {s.id: s for s in sc.sources}
            for item in sc.debrief.history:
                head = f"<b>{markup(words.long_date(item.date))}</b>  " if item.date else ""
                out.append(head + markup(item.text))
                cite = []
                if item.source and item.source in sources:
                    s = sources[item.source]
                    cite.append(f"{s.outlet}, “{s.title}”, {agreements.source_date(s)}"
                                + (" (summary by the scenario's author)" if s.own_summary else ""))
                if item.reference:
                    cite.append(item.reference)
                if cite:
                    out.append(f"<font color='{dim}'><i>Source: {markup('; '.join(cite))}</i></font>")
                out.append("")
            invented = agreements.invented_moves(sc)
            if invented:  # format 1.1: what the author made up for play, said plainly
                out.append(f"<b>Invented for play</b>: {markup(words.join(invented))}. No source reports "
                           f"{'it' if len(invented) == 1 else 'them'}; the scenario's author added "
                           f"{'it' if len(invented) == 1 else 'them'} to the game.")
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

    def tabs_y(self) -> float:
        """Below the heading and the ending's title, at any text size (at a scale of 1)."""
        s = self.app.geometry.scale
        return max(96.0, 22 + (self.fonts.line_height(14, True) + self.fonts.line_height(30, True)) / s + 6)

    def body_y(self) -> float:
        return self.tabs_y() + 38 + 16

    def wanted_html(self) -> str:
        """Every actor's private brief, goals and true positions, revealed now the game is over."""
        dim = _hex(self.pal.dim)
        out = [(f"<font color='{dim}'>The game is over, so nothing is secret any more: what each actor was told "
                "in private, what it was scored on, and what it really wanted against what it said.</font>"), ""]
        shown = revealed_view(self.app.match.session)
        if shown:
            out.append("<b>Revealed by the facilitator</b>")
            for item in shown:
                out.append(f"<font color='{dim}'>{markup(item['seat'])}: {markup(item['part'])}</font>")
                out += [f"•  {markup(line)}" for line in item["lines"]]
            out.append("")
        for r in self.revealed:
            you = " (you)" if r.actor == self.you else ""
            out.append(f"<b>{markup(r.name)}{you}</b>  <font color='{dim}'>score {r.score:.0f}</font>")
            if r.inclined and r.actor not in self.app.match.humans:  # a computer seat's temper this game (rule 8.6)
                out.append(f"<font color='{dim}'><i>{markup(r.inclined)}</i></font>")
            for head, items in (("Objectives", r.objectives), ("Red lines", r.red_lines),
                                ("Scored on the indicators", r.goals), ("Its positions", r.wants)):
                if items:
                    out.append(f"<font color='{dim}'>{head}:</font>")
                    out += [f"•  {markup(t)}" for t in items]
            for human, rows in self.estimates.items():
                row = rows.get(r.actor)
                if row is None:
                    continue
                first, *rest = debrief.estimate_lines(row)
                if self.you is None:  # several players: whose estimate it was
                    first = f"Estimate by {self.app.match.scenario.actor(human).name}: {row['summary']}"
                out.append(f"<font color='{_hex(self.pal.accent)}'>{markup(first)}</font>")
                out += [f"<font color='{dim}'>•  {markup(t)}</font>" for t in rest]
            out.append("")
        return "<br>".join(out)

    def paint(self, surface: pygame.Surface) -> None:
        pal, f = self.pal, self.fonts
        m = self.app.match
        sc = m.scenario
        self.hovers = []
        title = self.ending.title if self.ending else "The game ended"
        r = f.draw(surface, "DEBRIEF", (self.u(48), self.u(22)), 14, pal.accent, bold=True)
        f.draw(surface, title, (self.u(48), r.bottom), 30, pal.ink, bold=True, max_width=self.u(self.W - 96))
        top = self.body_y()
        area = self.rect(48, top, self.W - 96, self.H - top - 84)
        if self.tab == "outcome":
            self.paint_outcome(surface, area)
        elif self.tab == "charts":
            self.paint_charts(surface, area)
        footer = sc.title
        if self.tab == "charts":  # what the shading means, in sight whatever the number of charts
            footer = ("Shaded: the better half for you on your goals (•), for the world on the others."
                      if self.you else "Shaded: the better half for the world.")
        f.draw(surface, footer, (self.u(48), self.u(self.H - 43)), 13, pal.faint, anchor="midleft",
               max_width=self.u(self.W - 420))

    def paint_outcome(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        pal, f = self.pal, self.fonts
        m = self.app.match
        sc = m.scenario
        left = pygame.Rect(area.x, area.y, round(area.width * 0.48), area.height)
        right = pygame.Rect(left.right + self.u(32), area.y, area.right - left.right - self.u(32), area.height)
        text = self.ending.text if self.ending else ""
        n = len(sc.actors)
        bar_h = self.u(22)
        scores_h = self.u(26) + (n + 1) * (bar_h + self.u(6)) + self.u(10)
        if scores_h > left.height * 0.6:
            bar_h = max(self.u(14), (round(left.height * 0.6) - self.u(36)) // (n + 1) - self.u(6))
            scores_h = self.u(26) + (n + 1) * (bar_h + self.u(6)) + self.u(10)
        room = left.height - scores_h
        keep = f.line_height(13) + 2 * round(f.line_height(12) * 1.15) + self.u(16) if self.tipped else 0
        y = f.draw_wrapped(surface, text, pygame.Rect(left.x, left.y, left.width, room - keep), 15, pal.ink)
        if self.tipped:
            y += self.u(8)
            draw.heading(surface, f, "What tipped it", (left.x, y), pal, size=13, max_width=left.width)
            y += f.line_height(13) + self.u(4)
            for line in self.tipped:
                if y + f.line_height(12) > left.y + room:
                    break
                y = f.draw_wrapped(surface, line, pygame.Rect(left.x, y, left.width, left.y + room - y), 12,
                                   pal.dim) + self.u(3)
        y = left.bottom - scores_h + self.u(6)
        draw.heading(surface, f, "Scores (0–100): how close each came to what it wanted", (left.x, y), pal, size=13,
                     max_width=left.width)
        y += self.u(26)
        name_w = min(self.u(200), left.width // 3)
        for k, actor in enumerate(sc.actors):
            colour = pal.actor_colour(actor.colour, k)
            name = actor.name + (" (human)" if m.session.is_human(actor.id) else "")
            f.draw(surface, name, (left.x, y + bar_h // 2), 13, pal.ink, anchor="midleft", max_width=name_w - self.u(8))
            r = pygame.Rect(left.x + name_w, y, left.width - name_w - self.u(50), bar_h)
            score = self.scores.get(actor.id, 0.0)
            draw.bar(surface, r, score / 100, colour, pal.bg_deep, self.u(4))
            f.draw(surface, f"{score:.0f}", (r.right + self.u(8), y + bar_h // 2), 14, pal.ink, bold=True,
                   anchor="midleft")
            y += bar_h + self.u(6)
        y += self.u(10)
        f.draw(surface, "Shared outcome", (left.x, y + bar_h // 2), 13, pal.accent, bold=True,
               anchor="midleft", max_width=name_w - self.u(8))
        r = pygame.Rect(left.x + name_w, y, left.width - name_w - self.u(50), bar_h)
        draw.bar(surface, r, self.shared / 100, pal.accent, pal.bg_deep, self.u(4))
        f.draw(surface, f"{self.shared:.0f}", (r.right + self.u(8), y + bar_h // 2), 14, pal.ink, bold=True,
               anchor="midleft")
        # the Nash bargaining deal against what was reached
        draw.heading(surface, f, "The best deal open to all (Nash bargaining solution)", (right.x, right.y), pal,
                     size=13, max_width=right.width)
        y = right.y + f.line_height(13) + self.u(6)
        y = f.draw_wrapped(surface, "The package that best balances every needed party's gains, each as a share of its "
                           "own range (rule 7.3). Compare it with what you reached.",
                           pygame.Rect(right.x, y, right.width, 2 * round(f.line_height(13) * 1.15)), 13,
                           pal.dim) + self.u(8)
        col = right.width // 3
        for cx, head in ((0, "Joint move"), (col, "Nash deal"), (2 * col, "Reached")):
            f.draw(surface, head.upper(), (right.x + cx, y), 11, pal.accent, bold=True, max_width=col - self.u(8))
        y += f.line_height(11) + self.u(6)
        levels = m.obs().levels
        lh = round(f.line_height(12, True) * 1.15)
        rows = []
        for jm in sc.joint_moves:
            nash_lv = self.nash.levels.get(jm.id, jm.status_quo)
            reached = levels.get(jm.id, jm.status_quo)
            cells = (jm.name, jm.variants[nash_lv].label, jm.variants[reached].label)
            lines = max(min(2, len(f.wrap(t, 12, col - self.u(8), True))) for t in cells)
            rows.append([cells, nash_lv == reached, lh + self.u(8), lines])
        # one line each, then a second line for the rows that need one, as long as they all fit
        room = right.bottom - y - sum(r[2] for r in rows)
        for r in rows:
            if r[3] > 1 and room >= lh:
                r[2] += lh
                room -= lh
        for i, (cells, same, rh, _) in enumerate(rows):
            self.hovers.append((pygame.Rect(right.x, y, right.width, rh),
                                f"{cells[0]}: the Nash deal {cells[1]}; reached {cells[2]}."))
            if i % 2 == 0:
                pygame.draw.rect(surface, pal.panel, (right.x - self.u(6), y - self.u(3), right.width + self.u(12), rh),
                                 border_radius=self.u(4))
            for c, (text, colour, bold) in enumerate(((cells[0], pal.ink, True), (cells[1], pal.ink, False),
                                                      (cells[2], pal.good if same else pal.warn, False))):
                f.draw_wrapped(surface, text, pygame.Rect(right.x + c * col, y, col - self.u(8), rh - self.u(6)), 12,
                               colour, bold=bold, max_lines=2)
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
            lean = changes.leaning(obs.me.goals if self.you else (), ind)
            draw.line_chart(surface, self.fonts, r, self.pal, self.app.geometry.scale, ind.label, values, ind.min,
                            ind.max, lean.want, marks, mine=lean.mine)
        if n % cols:
            r = pygame.Rect(area.x + (n % cols) * (cw + gap), area.y + (rows - 1) * (ch + gap), area.right -
                            (area.x + (n % cols) * (cw + gap)), ch)
            mine = ("the better one for you on your own goals (marked •), and for the world on the others"
                    if self.you else "the better one for the world")
            self.fonts.draw_wrapped(surface, f"Each chart: an indicator from the start to the last turn. The shaded "
                                    f"half is {mine}; grey lines mark turns with a new agreement.",
                                    r.inflate(-self.u(20), -self.u(20)), 13, self.pal.dim)

    def write_report(self) -> Path:
        """This game's report, in a new file of the documents folder."""
        from game.report.files import unused, with_branches, write_report

        m = self.app.match
        name = f"{m.scenario.id}-report-{dt.datetime.now():%Y%m%d-%H%M}.html"
        return write_report(with_branches([("This game", m.session)]), unused(paths.documents_dir() / name))

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
        elif name == "console":
            self.app.push(self.app.scene("console"))
        elif name == "title":
            flow.to_title(self.app, autosave=False)
        elif name == "again":
            m = self.app.match
            flow.to_title(self.app, autosave=False)
            self.app.push(self.app.scene("setup", m.scenario, m.scenario_file))
