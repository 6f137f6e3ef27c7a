"""7. Incoming proposal: its terms and sender, what it would mean for the player, and the answer
(accept, refuse, or counter-propose in the builder, pre-filled)."""

from __future__ import annotations

import pygame

from game.core.actions import Accept, Reject
from game.present import words
from game.ui import draw
from game.ui.scene import Intent
from game.ui.scenes.base import DialogScene, row


class IncomingScene(DialogScene):
    back = "close"
    default = "accept"

    def __init__(self, app, proposal_id: int | None = None) -> None:
        super().__init__(app)
        self.index = 0
        if proposal_id is not None:
            ids = [p.id for p in self.open()]
            self.index = ids.index(proposal_id) if proposal_id in ids else 0

    @property
    def size(self):
        p = self.current()
        h = 400.0 + (56 * len(p.terms) + (44 if p.reason else 0) if p else 0)
        return (min(1000.0, self.W - 40), min(h, self.H - 40))

    def open(self):
        return self.app.match.obs().open_to_me()

    def current(self):
        props = self.open()
        if not props:
            return None
        self.index = max(0, min(self.index, len(props) - 1))
        return props[self.index]

    def uncovered(self) -> None:
        if self.current() is None:  # answered (e.g. by a counter-proposal): nothing left to show
            self.app.pop(self)
            return
        super().uncovered()

    def build(self) -> None:
        m = self.app.match
        obs = m.obs()
        p = self.current()
        x, y, w, h = self.box()
        self.title = f"Proposal #{p.id} from {m.scenario.actor(p.sender).name}" if p else "No proposals to answer"
        n = len(self.open())
        if n > 1:
            row(self, [("prev", "Previous", {"kind": "@small", "enabled": self.index > 0}),
                       ("next", "Next", {"kind": "@small", "enabled": self.index < n - 1})],
                0, y + 18, h=32, align="right", right=x + w - 24, gap=6)
        can_counter = p is not None and obs.phase == "diplomacy" and obs.budget > 0
        specs = [("close", "Back", {"kind": "@quiet", "tip": "Answer later"})]
        if p is not None:
            specs += [("counter", "Counter…", {"key": "c", "enabled": can_counter,
                                               "tip": "Refuse and offer other terms (one diplomatic action)"
                                               if can_counter else "Only during diplomacy, with an action left"}),
                      ("reject", "Refuse", {"key": "n", "tip": "Refuse this deal", "kind": "@danger"}),
                      ("accept", "Accept", {"key": "y", "kind": "@primary",
                                            "tip": "It becomes an agreement once every needed party accepts"})]
        row(self, specs, 0, y + h - 66, h=46, align="right", right=x + w - 24, min_w=110)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        m = self.app.match
        obs = m.obs()
        sc = m.scenario
        pal, f = self.pal, self.fonts
        p = self.current()
        x, y, w, _h = self.box()
        if p is None:
            return
        n = len(self.open())
        sub = f"{self.index + 1} of {n} awaiting your answer  ·  sent in turn {p.turn}"
        if p.counter_of:
            sub += f"  ·  a counter to #{p.counter_of}"
        f.draw(surface, sub, (self.u(x + 24), self.u(y + 54)), 13, pal.dim)
        yy = y + 84
        if p.reason:
            yb = f.draw_wrapped(surface, f"“{p.reason}”", self.rect(x + 24, yy, w - 48, 44), 14, pal.ink)
            yy = yb / self.app.geometry.scale + 6
        # the terms
        col = [x + 24, x + 24 + (w - 48) * 0.30, x + 24 + (w - 48) * 0.55, x + 24 + (w - 48) * 0.80]
        for cx, head in zip(col, ("Joint move", "In force now", "Proposed", "You want")):
            f.draw(surface, head.upper(), (self.u(cx), self.u(yy)), 12, pal.accent, bold=True)
        yy += 24
        cw = (w - 48) * 0.25 - 8
        for move, level in p.terms:
            jm = sc.joint_move(move)
            st = obs.stances.get(move)
            now = obs.levels[move]
            pygame.draw.rect(surface, pal.bg_deep, self.rect(x + 16, yy - 4, w - 32, 50), border_radius=self.u(6))
            texts = [(jm.name, pal.ink, True), (jm.variants[now].label, pal.dim, False),
                     (jm.variants[level].label, pal.accent, True),
                     (jm.variants[st.ideal].label if st else "no position", pal.good if st else pal.faint, False)]
            for cx, (t, colour, bold) in zip(col, texts):
                f.draw_wrapped(surface, t, self.rect(cx, yy, cw + 8, 44), 13, colour, bold=bold, max_lines=2)
            yy += 56
        # consent
        yy += 4
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
        f.draw_wrapped(surface, "Needs the consent of: " + ", ".join(parts), self.rect(x + 24, yy, w - 48, 40), 14,
                       pal.ink)
        yy += 30
        # what it would mean for the player
        now_score = round(words.my_score_now(obs, sc))
        then = round(words.my_score_if(obs, sc, p.terms))
        colour = pal.good if then > now_score + 0.5 else (pal.bad if then < now_score - 0.5 else pal.dim)
        draw.heading(surface, f, "For you", (self.u(x + 24), self.u(yy + 6)), pal, size=13)
        f.draw(surface, f"Your score {now_score:.0f} now, {then:.0f} if it is agreed "
                        f"({words.sign(then - now_score)})", (self.u(x + 24), self.u(yy + 28)), 16, colour,
               bold=True, max_width=self.u(w - 48))
        duties = []
        for move, level in p.terms:
            for o in sc.joint_move(move).variants[level].obligations:
                if o.actor == obs.actor:
                    duties.append(o.duty.rstrip("."))
        if duties:
            f.draw_wrapped(surface, "Your duties under it: " + "; ".join(duties) + ".",
                           self.rect(x + 24, yy + 56, w - 48, 44), 13, pal.dim, max_lines=2)

    def handle(self, intent: Intent) -> None:
        if intent.kind != "press":
            return
        m = self.app.match
        p = self.current()
        name = intent.name
        if name == "close" or p is None:
            self.app.pop(self)
            return
        if name in ("prev", "next"):
            self.index += -1 if name == "prev" else 1
            self.rebuild()
            return
        if name == "counter":
            self.app.push(self.app.scene("builder", counter_of=p))
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
