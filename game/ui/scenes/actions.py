"""8. Actions: one unilateral move (preconditions, costs and expected effects shown; unavailable
moves with the reason), and for each agreement obliging the player, whether to comply."""

from __future__ import annotations

import pygame

from game.core.actions import ChooseMove, EndPhase, SetCompliance
from game.present import words
from game.ui.scene import Intent
from game.ui.scenes.base import DialogScene, row


class ActionsScene(DialogScene):
    back = "cancel"
    default = "confirm"
    title = "Your actions this turn (secret until they resolve)"

    def __init__(self, app) -> None:
        super().__init__(app)
        obs = app.match.obs()
        self.choice: str | None = obs.move_choice
        self.viewing: str | None = self.choice
        self.keep: dict[str, bool] = {mv: mv not in obs.breaking for mv in obs.obligations}

    @property
    def size(self):
        return (min(1200.0, self.W - 40), min(680.0, self.H - 40))

    def my_moves(self):
        m = self.app.match
        return [um for um in m.obs().unilateral_moves if m.viewer in um.actors]

    def _cols(self):
        x, y, w, h = self.box()
        c1 = (x + 24, 330.0)
        c3w = 330.0
        c3 = (x + w - 24 - c3w, c3w)
        c2 = (c1[0] + c1[1] + 24, c3[0] - 24 - (c1[0] + c1[1] + 24))
        return x, y, w, h, c1, c2, c3

    def build(self) -> None:
        m = self.app.match
        x, y, w, h, (x1, w1), (_x2, _w2), (x3, w3) = self._cols()
        top = y + 96
        moves = self.my_moves()
        rh = min(42.0, (h - 96 - 90) / (len(moves) + 1))
        self.button("move:", self.rect(x1, top, w1, rh - 6), "Make no move", kind="@list",
                    selected=self.choice is None, tip="Stay put this turn")
        for i, um in enumerate(moves, start=1):
            why = m.why_unavailable(um.id)
            label = self.fonts.fit(um.name, 14, self.u(w1 - (120 if why else 30)))
            label += "  (unavailable)" if why else ""
            self.button(f"move:{um.id}", self.rect(x1, top + i * rh, w1, rh - 6), label, kind="@list",
                        selected=um.id == self.choice, tip=why or um.description)
        obs = m.obs()
        for i, mv in enumerate(obs.obligations):
            yy = top + 10 + i * 118 + 52
            keep = self.keep.get(mv, True)
            self.button(f"keep:{mv}", self.rect(x3, yy, w3 / 2 - 4, 32), "Keep it", kind="@small", selected=keep,
                        tip="Do your duties under this agreement")
            self.button(f"break:{mv}", self.rect(x3 + w3 / 2 + 4, yy, w3 / 2 - 4, 32), "Break it", kind="@small",
                        selected=not keep, tip="Secretly break your duties (you may be caught)")
        row(self, [("cancel", "Back", {"kind": "@quiet", "tip": "Decide later"}),
                   ("confirm", "Confirm and end your actions", {"kind": "@primary", "key": "ctrl+return",
                                                                "tip": "Your choices resolve with everyone's"})],
            0, y + h - 64, h=44, align="right", right=x + w - 24)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        m = self.app.match
        obs = m.obs()
        sc = m.scenario
        pal, f = self.pal, self.fonts
        x, y, w, h, (x1, _w1), (x2, w2), (x3, w3) = self._cols()
        f.draw(surface, f"Political capital: {obs.capital}", (self.u(x + w - 24), self.u(y + 24)), 14, pal.dim,
               anchor="topright")
        for xx, text in ((x1, "One unilateral move"), (x2, "What it does"), (x3, "Agreements that oblige you")):
            f.draw(surface, text.upper(), (self.u(xx), self.u(y + 66)), 12, pal.accent, bold=True)
        # the move in view
        top = y + 96
        um = next((u for u in self.my_moves() if u.id == self.viewing), None)
        if um is None:
            f.draw_wrapped(surface, "No move: nothing changes by your hand this turn. Your agreements still hold "
                           "you to their duties.", self.rect(x2, top, w2, 80), 14, pal.dim)
        else:
            yy = top
            f.draw(surface, um.name, (self.u(x2), self.u(yy)), 16, pal.ink, bold=True, max_width=self.u(w2))
            yy += 26
            why = m.why_unavailable(um.id)
            if why:
                yb = f.draw_wrapped(surface, f"Not available now: {why}.", self.rect(x2, yy, w2, 44), 14, pal.bad)
                yy = yb / self.app.geometry.scale + 4
            lines = [um.description]
            cost = f"Costs {um.cost} political capital (you have {obs.capital})."
            if um.limit is not None:
                cost += f" At most {um.limit} time(s); made {obs.times_made.get(um.id, 0)}."
            lines.append(cost)
            if um.precondition is not None:
                lines.append(f"Only when: {words.expr_text(um.precondition.text, sc)}.")
            effects = words.effects_text(um.effects, sc, obs.env)
            if effects:
                lines.append("Expected effects: " + ", ".join(effects) + ".")
            trust = words.trust_text(um, sc)
            if trust:
                lines.append("Trust toward you: " + ", ".join(trust) + ".")
            if um.suspend:
                lines.append(f"Suspends the agreement on {sc.joint_move(um.suspend).name}.")
            if um.restore:
                lines.append(f"Restores the agreement on {sc.joint_move(um.restore).name}.")
            for o in um.outcomes:
                lines.append(f"Chance {o.chance * 100:.0f}%: {o.headline}")
            for line in lines:
                if yy > y + h - 90:
                    break
                yb = f.draw_wrapped(surface, line, self.rect(x2, yy, w2, y + h - 84 - yy), 13, pal.ink)
                yy = yb / self.app.geometry.scale + 6
        # obligations
        if not obs.obligations:
            f.draw_wrapped(surface, "No agreement in force obliges you.", self.rect(x3, top, w3, 60), 14, pal.dim)
        active = [a for a in obs.agreements if not a.suspended]
        detect = min(1.0, obs.rules.base_detection + sum(
            sc.joint_move(a.move).variants[a.level].monitoring for a in active))
        for i, mv in enumerate(obs.obligations):
            yy = top + 10 + i * 118
            a = next(a for a in obs.agreements if a.move == mv)
            jm = sc.joint_move(mv)
            duty = "; ".join(o.duty for o in jm.variants[a.level].obligations if o.actor == obs.actor)
            f.draw(surface, f"{jm.name}: {jm.variants[a.level].label}", (self.u(x3), self.u(yy - 10)), 13, pal.ink,
                   bold=True, max_width=self.u(w3))
            f.draw_wrapped(surface, duty, self.rect(x3, yy + 10, w3, 40), 12, pal.dim, max_lines=2)
            if not self.keep.get(mv, True):
                f.draw_wrapped(surface, f"Caught with chance {detect * 100:.0f}%: trust falls and the agreement "
                               "collapses.", self.rect(x3, yy + 88, w3, 36), 12, pal.bad, max_lines=2)

    def handle(self, intent: Intent) -> None:
        if intent.kind != "press":
            return
        m = self.app.match
        kind, _, value = intent.name.partition(":")
        if kind == "cancel":
            self.app.pop(self)
            return
        if kind == "confirm":
            self.confirm()
            return
        if kind == "move":
            self.viewing = value or None
            if not value or m.why_unavailable(value) is None:
                self.choice = value or None
        elif kind in ("keep", "break"):
            self.keep[value] = kind == "keep"
        self.rebuild()

    def confirm(self) -> None:
        m = self.app.match
        viewer = m.viewer
        actions = [ChooseMove(viewer, self.choice)]
        actions += [SetCompliance(viewer, mv, keep) for mv, keep in sorted(self.keep.items())]
        actions.append(EndPhase(viewer))
        for action in actions:
            err = m.submit(action)
            if err:
                self.app.toast(err)
                return
        self.app.pop(self)
