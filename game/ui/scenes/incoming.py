"""7. Incoming proposal: its terms and sender, every change it makes (to what is in force and, for a
counter-proposal, to the terms it answers), what it would mean for the player, and the answer
(accept, refuse, or counter-propose in the builder, pre-filled). When several wait, a strip under
the title deals with them in one go: "Refuse the 3 repeats" (deals the player already refused, or
copies of one still waiting, each line with its count) and "Refuse the other 2" / "Refuse all 5"
(pressed twice); each is one Reject per proposal, with its reason, and Undo (Ctrl+Z) takes the
batch back whole. Every proposal stays shown and answerable on its own.

The dialog follows one proposal by its number: its title, terms and buttons always show the
same proposal, and when that one is answered (by a counter, say) it moves to the next."""

from __future__ import annotations

import pygame

from game.core.actions import Accept, Reject
from game.present import agreements, answers, deal, words
from game.ui import draw
from game.ui.scene import Intent
from game.ui.scenes.base import DialogScene, row, row_width

COLS = (0.27, 0.23, 0.26, 0.24)  # joint move, in force now, proposed, you want: they add up to the width
BATCH_LINES = 3  # the repeated deals the strip lists (then "and N more")


class IncomingScene(DialogScene):
    back = "close"
    default = "accept"

    def __init__(self, app, proposal_id: int | None = None) -> None:
        super().__init__(app)
        props = self.open()
        ids = [p.id for p in props]
        self.pid: int | None = proposal_id if proposal_id in ids else (ids[0] if ids else None)
        self.built_for: int | None = None

    # ------------------------------------------------------------------ which proposal
    def open(self):
        return self.app.match.obs().open_to_me()

    def current(self):
        """The proposal shown: the one followed, else the next one still open after it."""
        props = self.open()
        if not props:
            return None
        p = next((q for q in props if q.id == self.pid), None)
        if p is None:
            later = [q for q in props if self.pid is None or q.id > self.pid]
            p = later[0] if later else props[-1]
            self.pid = p.id
        return p

    @property
    def index(self) -> int:
        ids = [p.id for p in self.open()]
        return ids.index(self.pid) if self.pid in ids else 0

    @property
    def title(self) -> str:
        p = self.current()
        return deal.proposal_title(self.app.match.scenario, p) if p else "No proposals to answer"

    def uncovered(self) -> None:
        p = self.current()
        if p is None:  # answered (e.g. by a counter-proposal): nothing left to show
            self.app.pop(self)
            return
        if p.id != self.built_for:  # another proposal now: its buttons and rows, not the last one's
            self.rebuild()
            self._frozen = None
            return
        super().uncovered()

    def batch(self) -> dict:
        """What the strip offers (game.present.answers), once per version of the game."""
        m = self.app.match
        key = (m.version, m.viewer)
        if getattr(self, "_batch", (None,))[0] != key:
            self._batch = (key, answers.batch(m.obs(), m.scenario))
        return self._batch[1]

    def strip_lines(self) -> list[str]:
        """The repeated deals the strip lists: as many as leave room for what the proposal shown
        must show (its terms, who must consent and what it means for the player); the rest are
        counted ("… and 2 more"), and the button's tooltip lists them all."""
        b = self.batch()
        lines = [ln["text"] for ln in b["repeats"]["lines"]]
        p = self.current()
        if not lines or p is None:
            return []
        room = int((self.H - 40 - self._essential(p) - self.strip_height(0)) // self.lh(12))
        k = max(0, min(BATCH_LINES, room))
        if len(lines) > k:
            more = len(lines) - max(0, k - 1)
            lines = lines[:max(0, k - 1)] + ([f"… and {more} more repeated deals (see the button's tip)"] if k else [])
        return lines

    def _essential(self, p) -> float:
        """The height (at a scale of 1) of what must show besides the strip."""
        h = 22 + self.lh(22, True) + self.lh(13) + 12 + (self.reason_height(p) if p.reason else 0) + self.lh(12) + 10
        h += (self.lh(13) + 4 if self.mark(p) else 0) + sum(self.row_height(r) + 6 for r in self._rows())
        return h + 2 * self.lh(14) + 10 + self.lh(13) + 4 + self.lh(16) + 2 + 2 * self.lh(12) + 4 + 78

    def strip_height(self, lines: int | None = None) -> float:
        """The strip of answers in one go (0 when there is nothing to do in bulk)."""
        b = self.batch()
        if not (b["repeats"]["label"] or b["rest"]["label"]):
            return 0.0
        n = len(self.strip_lines()) if lines is None else lines
        return 12 + max(34.0, self.lh(14, True) + 2) + n * self.lh(12) + (12 if n else 10)

    # ------------------------------------------------------------------ layout (at a scale of 1)
    def _rows(self):
        m = self.app.match
        p = self.current()
        return deal.proposal_rows(m.obs(), m.scenario, p) if p else []

    def row_height(self, r) -> float:
        return 2 * self.lh(13) + len(r.notes) * self.lh(12) + 14

    @property
    def size(self):
        p = self.current()
        if p is None:
            return (min(1000.0, self.W - 40), min(300.0, self.H - 40))
        rows = self._rows()
        h = 22 + self.lh(22, True) + self.lh(13) + 12 + (self.reason_height(p) if p.reason else 0) + self.lh(12) + 10
        h += self.strip_height() + (self.lh(13) if self.mark(p) else 0)
        h += sum(self.row_height(r) + 6 for r in rows)
        h += 2 * self.lh(14) + 10 + self.lh(13) + 2 * self.lh(16) + self.lh(12) + 3 * self.lh(13) + 24 + 84
        return (min(1000.0, self.W - 40), min(h, self.H - 40))

    def mark(self, p) -> str:
        """What the proposal shown repeats ('Sent for the second time: you refused it on turn 1')."""
        mark = self.batch()["marks"].get(str(p.id)) if p is not None else None
        return mark["text"] if mark else ""

    def reason_height(self, p) -> float:
        w = min(1000.0, self.W - 40) - 48
        lines = min(3, len(self.fonts.wrap(f"“{p.reason}”", 14, self.u(w))))
        return lines * self.lh(14) * 1.15 + 6

    def build(self) -> None:
        obs = self.app.match.obs()
        p = self.current()
        self.built_for = p.id if p else None
        x, y, w, h = self.box()
        n = len(self.open())
        self.title_room = 0.0
        if n > 1:
            pages = [("prev", "Previous", {"kind": "@small", "enabled": self.index > 0}),
                     ("next", "Next", {"kind": "@small", "enabled": self.index < n - 1})]
            self.title_room = row_width(self, pages, 6) + 12
            row(self, pages, 0, y + 18, h=32, align="right", right=x + w - 24, gap=6)
        can_counter = p is not None and obs.phase == "diplomacy" and obs.budget > 0
        specs = [("close", "Back", {"kind": "@quiet", "tip": "Answer later"})]
        if p is not None:
            specs = [("undo", "Undo", {"key": "ctrl+z", "kind": "@quiet", "enabled": self.app.match.can_undo(),
                                       "tip": "Take back your last answer (a batch as a whole)"})] + specs
            specs += [("counter", "Counter…", {"key": "c", "enabled": can_counter,
                                               "tip": "Refuse and offer other terms (one diplomatic action)"
                                               if can_counter else "Only during diplomacy, with an action left"}),
                      ("reject", "Refuse", {"key": "n", "tip": "Refuse this deal", "kind": "@danger"}),
                      ("accept", "Accept", {"key": "y", "kind": "@primary",
                                            "tip": "It becomes an agreement once every needed party accepts"})]
        row(self, specs, 0, y + h - 66, h=46, align="right", right=x + w - 24, min_w=110, room=w - 48)
        self.confirm_rest = None
        b = self.batch()
        self.strip_top = self.body_top() + self.lh(13) + 8
        if self.strip_height():
            bulk = []
            if b["repeats"]["label"]:
                listed = "\n".join("· " + ln["text"] for ln in b["repeats"]["lines"])
                bulk.append(("bulk:repeats", b["repeats"]["label"],
                             {"key": "r", "kind": "@danger", "tip": "Refuse each deal you already refused (or a copy of "
                                                                    f"one still waiting), saying so; Undo takes it back.\n"
                                                                    f"{listed}"}))
            if b["rest"]["label"]:
                bulk.append(("bulk:rest", b["rest"]["label"],
                             {"key": "x", "tip": "Refuse these too (press twice); Undo takes it back"}))
            row(self, bulk, 0, self.strip_top + 8, h=34, align="right", right=x + w - 32, gap=8, room=(w - 64) * 0.55)
            self.bulk_left = min(self.widgets[n].rect.left for n, _, _ in bulk) / self.app.geometry.scale

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        m = self.app.match
        obs = m.obs()
        sc = m.scenario
        pal, f = self.pal, self.fonts
        p = self.current()
        x, y, w, h = self.box()
        if p is None:
            return
        bottom = y + h - 78  # the buttons' row starts below this
        n = len(self.open())
        sub = f"{self.index + 1} of {n} awaiting your answer  ·  sent in turn {p.turn}"
        if p.counter_of:
            sub += f"  ·  a counter to #{p.counter_of}"
        f.draw(surface, sub, (self.u(x + 24), self.u(self.body_top())), 13, pal.dim, max_width=self.u(w - 48))
        yy = self.body_top() + self.lh(13) + 12
        sh = self.strip_height()
        if sh:
            self.paint_strip(surface, x, w, sh)
            yy += sh
        mark = self.mark(p)
        if mark:
            f.draw(surface, mark, (self.u(x + 24), self.u(yy - 4)), 13, pal.warn, bold=True, max_width=self.u(w - 48))
            yy += self.lh(13) + 4
        if p.reason:
            yb = f.draw_wrapped(surface, f"“{p.reason}”", self.rect(x + 24, yy, w - 48, self.reason_height(p)), 14,
                                pal.ink, max_lines=3)
            yy = yb / self.app.geometry.scale + 6
        # the terms: one row per joint move, with every change spelt out under it
        inner = w - 48
        xs = [x + 24 + inner * sum(COLS[:i]) for i in range(len(COLS))]
        for cx, cw, head in zip(xs, COLS, ("Joint move", "In force now", "Proposed", "You want")):
            f.draw(surface, head.upper(), (self.u(cx), self.u(yy)), 12, pal.accent, bold=True,
                   max_width=self.u(inner * cw - 8))
        yy += self.lh(12) + 10
        for r in self._rows():
            rh = self.row_height(r)
            if yy + rh > bottom:
                break
            pygame.draw.rect(surface, pal.bg_deep, self.rect(x + 16, yy - 4, w - 32, rh), border_radius=self.u(6))
            texts = [(r.name, pal.ink, True), (r.in_force, pal.dim, False),
                     (r.proposed or "— dropped", pal.accent if r.proposed else pal.warn, True),
                     (r.you_want or "no position", pal.good if r.you_want else pal.faint, False)]
            for cx, cw, (t, colour, bold) in zip(xs, COLS, texts):
                f.draw_wrapped(surface, t, self.rect(cx, yy, inner * cw - 8, 2 * self.lh(13) + 2), 13, colour,
                               bold=bold, max_lines=2)
            ny = yy + 2 * self.lh(13) + 2
            for text, tone in r.notes:
                f.draw(surface, text, (self.u(xs[2] if len(r.notes) else xs[0]), self.u(ny)), 12,
                       pal.warn if tone == "warn" else pal.dim, max_width=self.u(inner * (COLS[2] + COLS[3]) - 8))
                ny += self.lh(12)
            yy += rh + 6
        # consent
        yy += 2
        parts = []
        for a in p.needed:
            name = sc.actor(a).short_name
            if a == p.sender:
                parts.append(f"{name} (proposes)")
            elif a == obs.actor:
                parts.append(f"{name} (you)")
            else:
                ans = p.answer_of(a)
                parts.append(f"{name} ({'accepted' if ans == 'accept' else 'refused' if ans else 'waiting'})")
        yb = f.draw_wrapped(surface, "Needs the consent of: " + ", ".join(parts),
                            self.rect(x + 24, yy, w - 48, 2 * self.lh(14) + 2), 14, pal.ink, max_lines=2)
        yy = yb / self.app.geometry.scale + 8
        warning = agreements.red_line_warning(obs, sc, p.terms)  # format 1.1: warned before crossing
        if warning and yy + self.lh(14) < bottom:
            yb = f.draw_wrapped(surface, warning, self.rect(x + 24, yy, w - 48, 2 * self.lh(14) + 2), 14, pal.bad,
                                max_lines=2)
            yy = yb / self.app.geometry.scale + 8
        # what it would mean for the player, effects over the turns left included
        pv = deal.preview(obs, sc, p.terms)
        head, how = deal.preview_text(pv)
        colour = pal.good if pv.gain > 0.5 else (pal.bad if pv.gain < -0.5 else pal.dim)
        if yy + self.lh(13) + self.lh(16) < bottom:
            draw.heading(surface, f, "For you", (self.u(x + 24), self.u(yy)), pal, size=13)
            yy += self.lh(13) + 4
            f.draw(surface, head, (self.u(x + 24), self.u(yy)), 16, colour, bold=True, max_width=self.u(w - 48))
            yy += self.lh(16) + 2
            yb = f.draw_wrapped(surface, how, self.rect(x + 24, yy, w - 48, bottom - yy), 12, pal.faint, max_lines=2)
            yy = yb / self.app.geometry.scale + 4
        duties = deal.duties_text(obs, sc, p.terms)
        if duties and yy + self.lh(13) < bottom:
            f.draw_wrapped(surface, duties, self.rect(x + 24, yy, w - 48, bottom - yy), 13, pal.dim, max_lines=3)

    def paint_strip(self, surface: pygame.Surface, x: float, w: float, sh: float) -> None:
        pal, f = self.pal, self.fonts
        b = self.batch()
        top = self.strip_top
        pygame.draw.rect(surface, pal.bg_deep, self.rect(x + 16, top, w - 32, sh - 8), border_radius=self.u(8))
        n_rep = len(b["repeats"]["ids"])
        head = f"{b['waiting']} proposals wait for you"
        if n_rep:
            head += f": {n_rep} {'is a repeat' if n_rep == 1 else 'are repeats'}"
            if not self.strip_lines():  # no room to list them (large text): the button's tip does
                head += " (listed in the button's tip)"
        left = getattr(self, "bulk_left", x + w - 32) - 12
        f.draw(surface, head, (self.u(x + 28), self.u(top + 8 + 17)), 14, pal.ink, bold=True, anchor="midleft",
               max_width=self.u(left - x - 28))
        yy = top + 8 + max(34.0, self.lh(14, True) + 2) + 4
        for line in self.strip_lines():
            f.draw(surface, "· " + line, (self.u(x + 28), self.u(yy)), 12, pal.dim, max_width=self.u(w - 56))
            yy += self.lh(12)

    def bulk(self, group: str) -> None:
        """Refuse a group of the proposals waiting in one go (the rest: on a second press)."""
        m = self.app.match
        b = self.batch()
        if group == "rest" and self.confirm_rest != m.version:
            self.confirm_rest = m.version
            n = len(b["rest"]["ids"])
            self.app.toast(f"Press “{b['rest']['label']}” again to refuse {'it' if n == 1 else f'these {n}'} "
                           "without reading further.")
            return
        actions = answers.refusals(m.obs(), group)
        err = m.submit_all(actions)
        if err:
            self.app.toast(err)
            return
        ids = words.join([f"#{a.proposal}" for a in actions])
        what = "repeat" if group == "repeats" else "proposal"
        self.app.toast(f"You refused {words.plural_s(len(actions), what)}: {ids}. Undo takes "
                       f"{'it' if len(actions) == 1 else 'them'} back.")
        if self.current() is None:
            self.app.pop(self)
        else:
            self.rebuild()

    def handle(self, intent: Intent) -> None:
        if intent.kind != "press":
            return
        m = self.app.match
        p = self.current()
        name = intent.name
        if name == "undo":
            if m.undo():
                self.app.toast("Your last answer was taken back.")
                self.rebuild()
            return
        if name == "close" or p is None:
            self.app.pop(self)
            return
        if name.startswith("bulk:"):
            self.bulk(name.split(":", 1)[1])
            return
        if name in ("prev", "next"):
            ids = [q.id for q in self.open()]
            i = max(0, min(len(ids) - 1, self.index + (-1 if name == "prev" else 1)))
            self.pid = ids[i]
            self.rebuild()
            return
        if name == "counter":
            self.app.push(self.app.scene("builder", counter_of=p))
            return
        warning = agreements.red_line_warning(m.obs(), m.scenario, p.terms) if name == "accept" else None
        if warning and getattr(self, "warned", None) != p.id:  # a red line: warn once, accept on the second press
            self.warned = p.id
            self.app.toast(warning + " Press Accept again to cross it.")
            return
        action = Accept(m.viewer, p.id) if name == "accept" else Reject(m.viewer, p.id)
        err = m.submit(action)
        if err:
            self.app.toast(err)
            return
        self.app.toast(f"You {'accepted' if name == 'accept' else 'refused'} #{p.id}.")
        if self.current() is None:
            self.app.pop(self)
        else:
            self.rebuild()
