"""Public statements and private back-channel messages (diplomatic actions from the table)."""

from __future__ import annotations

import pygame

from game.core.actions import Message, Statement
from game.ui.scene import Intent
from game.ui.scenes.base import DialogScene, row


class SpeakScene(DialogScene):
    back = "cancel"
    default = "send"

    def __init__(self, app, private: bool) -> None:
        super().__init__(app)
        m = app.match
        obs = m.obs()
        self.private = private
        self.title = "Private message" if private else "Public statement"
        self.to = next((a for a in m.scenario.actor_ids if a != m.viewer), None)
        self.move = obs.joint_moves[0].id if obs.joint_moves else None
        st = obs.stances.get(self.move) if self.move else None
        self.level = st.ideal if st else 0
        self.warn: str | None = None
        self.via: str | None = None  # format 1.1: a mediator who carries the message

    @property
    def size(self):
        return (min(1160.0 if self.private else 900.0, self.W - 40), min(600.0, self.H - 40))

    def _columns(self):
        x, y, w, h = self.box()
        n = 4 if self.private else 2
        cw = (w - 48 - 20 * (n - 1)) / n
        return x, y, w, h, [x + 24 + i * (cw + 20) for i in range(n)], cw

    def heads_y(self) -> float:
        return self.body_top() + self.lh(13) + 10

    def _warnings(self) -> list[tuple[str, str]]:
        m = self.app.match
        obs = m.obs()
        return [(um.id, um.name) for um in obs.unilateral_moves
                if m.viewer in um.actors and m.why_unavailable(um.id) is None]

    def _mediators(self) -> list[str]:
        m = self.app.match
        return [a.id for a in m.scenario.actors if a.mediator and a.id not in (m.viewer, self.to)]

    def build(self) -> None:
        m = self.app.match
        obs = m.obs()
        sc = m.scenario
        x, y, w, h, cols, cw = self._columns()
        top = self.heads_y() + self.lh(12, True) + 10
        c = 0
        if self.private:
            for i, a in enumerate(o for o in sc.actor_ids if o != m.viewer):
                self.button(f"to:{a}", self.rect(cols[0], top + i * 40, cw, 34), sc.actor(a).name, kind="@list",
                            selected=a == self.to)
            mediators = self._mediators()
            if mediators:
                i = len(sc.actor_ids) - 1
                label = f"Through {sc.actor(self.via).short_name}" if self.via else "Carried by a mediator: no"
                self.button("via", self.rect(cols[0], top + i * 40 + 8, cw, 34), label, kind="@small",
                            selected=self.via is not None,
                            tip="A mediator carries it and reads it too: " + ", ".join(
                                sc.actor(a).name for a in mediators))
            c = 1
        n = max(1, len(obs.joint_moves))
        rh = min(40.0, (h - 96 - 150) / n)
        for i, jm in enumerate(obs.joint_moves):
            self.button(f"move:{jm.id}", self.rect(cols[c], top + i * rh, cw, rh - 6), jm.name, kind="@list",
                        selected=jm.id == self.move, tip=jm.description)
        if self.move:
            jm = sc.joint_move(self.move)
            for lv, v in enumerate(jm.variants):
                self.button(f"level:{lv}", self.rect(cols[c + 1], top + lv * 40, cw, 34), v.label, kind="@list",
                            selected=lv == self.level, tip=v.description or v.label)
        if self.private:
            options = [(None, "Add nothing")] + self._warnings()
            for i, (mid, label) in enumerate(options[:8]):
                self.button(f"warn:{mid or ''}", self.rect(cols[3], top + i * 40, cw, 34), label, kind="@list",
                            selected=mid == self.warn,
                            tip=f"Add: “otherwise we may resort to: {label}”. Leverage: it tells them what you "
                                f"may do alone if there is no deal" if mid else "Say only what you could live with")
        label = "Send privately" if self.private else "Make the statement"
        row(self, [("cancel", "Cancel", {"kind": "@quiet"}),
                   ("send", label, {"kind": "@primary", "tip": "Uses one diplomatic action", "key": "ctrl+return"})],
            0, y + h - 64, h=44, align="right", right=x + w - 24)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        m = self.app.match
        obs = m.obs()
        sc = m.scenario
        pal, f = self.pal, self.fonts
        x, y, w, h, cols, cw = self._columns()
        heads = (["To", "Joint move", "Variant you could live with", "Without a deal, I may… (optional)"]
                 if self.private
                 else ["Joint move", "Variant you support in public"])
        for cx, head in zip(cols, heads):
            f.draw(surface, head.upper(), (self.u(cx), self.u(self.heads_y())), 12, pal.accent, bold=True,
                   max_width=self.u(cw))
        seen = (f"Only the recipient and {sc.actor(self.via).name}, who carries it, see it." if self.via
                else "Only the recipient sees it.")
        sub = (f"{seen} It shapes what they believe you would accept." if self.private else
               "Everyone sees it. It changes your public position on the table.")
        f.draw(surface, sub, (self.u(x + 24), self.u(self.body_top())), 13, pal.dim, max_width=self.u(w - 48))
        if self.move:
            jm = sc.joint_move(self.move)
            st = obs.stances.get(self.move)
            said = obs.actor_view(obs.actor).public.get(self.move)
            lines = []
            if st is not None:
                lines.append(f"You want: {jm.variants[st.ideal].label}")
            if said is not None:
                lines.append(f"You say in public now: {jm.variants[said].label}")
            yy = y + h - 80 - len(lines) * (self.lh(13) + 4)
            for line in lines:
                f.draw(surface, line, (self.u(x + 24), self.u(yy)), 13, pal.dim, max_width=self.u(w - 48))
                yy += self.lh(13) + 4

    def handle(self, intent: Intent) -> None:
        if intent.kind != "press":
            return
        m = self.app.match
        kind, _, value = intent.name.partition(":")
        if kind == "cancel":
            self.app.pop(self)
            return
        if kind == "send":
            if self.move is None or (self.private and self.to is None):
                return
            via = self.via if self.via in self._mediators() else None
            action = (Message(m.viewer, self.to, self.move, self.level, self.warn, via=via) if self.private
                      else Statement(m.viewer, self.move, self.level))
            err = m.submit(action)
            if err:
                self.app.toast(err)
                return
            self.app.toast("Message sent." if self.private else "Statement made.")
            self.app.pop(self)
            return
        if kind == "via":
            mediators = self._mediators()
            at = mediators.index(self.via) + 1 if self.via in mediators else 0
            self.via = mediators[at] if at < len(mediators) else None
        elif kind == "to":
            self.to = value
            if self.via == value:
                self.via = None
        elif kind == "move":
            self.move = value
            st = m.obs().stances.get(value)
            self.level = st.ideal if st else 0
        elif kind == "level":
            self.level = int(value)
        elif kind == "warn":
            self.warn = value or None
        self.rebuild()
