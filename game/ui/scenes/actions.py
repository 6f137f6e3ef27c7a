"""8. Actions: one unilateral move (preconditions, costs and expected effects shown; unavailable
moves with the reason), and for each agreement obliging the player, whether to comply: what
keeping asks, what breaking gains, and the risk of being caught. Words from ``game.present.moves``."""

from __future__ import annotations

import pygame

from game.core.actions import ChooseMove, EndPhase, SetCompliance
from game.present import moves
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
        self.duty: str | None = obs.obligations[0] if obs.obligations else None  # the agreement in view

    @property
    def size(self):
        return (min(1200.0, self.W - 40), min(680.0, self.H - 40))

    def my_moves(self):
        m = self.app.match
        return [um for um in m.obs().unilateral_moves if m.viewer in um.actors]

    def heads_y(self) -> float:
        """The y of the column headings (at a scale of 1): below the title and the capital line."""
        _x, y, _w, _h = self.box()
        return y + 18 + self.lh(22, True) + 2 + self.lh(13) + 6

    def top_y(self) -> float:
        return self.heads_y() + self.lh(12, True) + 8

    def _cols(self):
        x, y, w, h = self.box()
        c1 = (x + 24, min(330.0, (w - 96) * 0.3))
        c3w = min(360.0, (w - 96) * 0.32)
        c3 = (x + w - 24 - c3w, c3w)
        c2 = (c1[0] + c1[1] + 24, c3[0] - 24 - (c1[0] + c1[1] + 24))
        return x, y, w, h, c1, c2, c3

    def obligation_rows(self) -> list[tuple[str, float]]:
        """(joint move, y) of each agreement's title line; its buttons sit under the title."""
        obs = self.app.match.obs()
        top = self.top_y()
        step = self.lh(13, True) + 4 + 32 + 10
        return [(mv, top + i * step) for i, mv in enumerate(obs.obligations)]

    def build(self) -> None:
        m = self.app.match
        obs = m.obs()
        sc = m.scenario
        x, y, w, h, (x1, w1), (_x2, _w2), (x3, w3) = self._cols()
        top = self.top_y()
        my = self.my_moves()
        rh = min(42.0, (y + h - 90 - top) / (len(my) + 1))
        self.button("move:", self.rect(x1, top, w1, rh - 6), "Make no move", kind="@list",
                    selected=self.choice is None, tip="Stay put this turn")
        for i, um in enumerate(my, start=1):
            why = moves.why_not(obs, sc, um)
            note = "  (unavailable)" if why else ""
            label = self.fonts.fit(um.name, 14, self.u(w1 - 30) - self.fonts.width(note, 14)) + note
            self.button(f"move:{um.id}", self.rect(x1, top + i * rh, w1, rh - 6), label, kind="@list",
                        selected=um.id == self.choice,
                        tip=f"{um.name}: not possible now, {why}." if why else um.description)
        for mv, yy in self.obligation_rows():
            by = yy + self.lh(13, True) + 4
            keep = self.keep.get(mv, True)
            self.button(f"keep:{mv}", self.rect(x3, by, w3 / 2 - 4, 32), "Keep it", kind="@small", selected=keep,
                        tip="Do your duties under this agreement")
            self.button(f"break:{mv}", self.rect(x3 + w3 / 2 + 4, by, w3 / 2 - 4, 32), "Break it", kind="@small",
                        selected=not keep, tip="Secretly break your duties (you may be caught)")
        row(self, [("cancel", "Back", {"kind": "@quiet", "tip": "Decide later"}),
                   ("confirm", "Confirm and end your actions", {"kind": "@primary", "key": "ctrl+return",
                                                                "tip": "Your choices resolve with everyone's"})],
            0, y + h - 64, h=44, align="right", right=x + w - 24, room=w - 48)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        m = self.app.match
        obs = m.obs()
        sc = m.scenario
        pal, f = self.pal, self.fonts
        x, y, w, h, (x1, w1), (x2, w2), (x3, w3) = self._cols()
        self.hovers = []
        bottom = y + h - 80
        cap = f"Political capital: {obs.capital} (+{obs.me.capital_per_turn} each turn)"
        r = f.draw(surface, cap, (self.u(x + w - 24), self.u(y + 18 + self.lh(22, True) + 2)), 13, pal.dim,
                   anchor="topright", max_width=self.u(w - 48))
        self.hovers.append((r, moves.capital_text(obs)))
        for xx, ww, text in ((x1, w1, "One unilateral move"), (x2, w2, "What it does"),
                             (x3, w3, "Agreements that oblige you")):
            f.draw(surface, text.upper(), (self.u(xx), self.u(self.heads_y())), 12, pal.accent, bold=True,
                   max_width=self.u(ww))
        # the move in view
        top = self.top_y()
        um = next((u for u in self.my_moves() if u.id == self.viewing), None)
        if um is None:
            f.draw_wrapped(surface, "No move: nothing changes by your hand this turn. Your agreements still hold "
                           "you to their duties.", self.rect(x2, top, w2, 80), 14, pal.dim)
        else:
            card = moves.move_card(obs, sc, um)
            yy = top
            f.draw(surface, card.name, (self.u(x2), self.u(yy)), 16, pal.ink, bold=True, max_width=self.u(w2))
            yy += self.lh(16, True) + 4
            if card.why_not:
                yb = f.draw_wrapped(surface, f"Not possible now: {card.why_not}.", self.rect(x2, yy, w2, 44), 14,
                                    pal.bad, max_lines=2)
                yy = yb / self.app.geometry.scale + 4
            for line in card.lines:
                if yy + self.lh(13) > bottom:
                    break
                yb = f.draw_wrapped(surface, line, self.rect(x2, yy, w2, bottom - yy), 13, pal.ink)
                yy = yb / self.app.geometry.scale + 6
        # the agreements that oblige the viewer: each one's title and buttons, then the one in view
        if not obs.obligations:
            f.draw_wrapped(surface, "No agreement in force obliges you.", self.rect(x3, top, w3, 60), 14, pal.dim)
            return
        yy = top
        for mv, yy in self.obligation_rows():
            card = moves.breach_card(obs, sc, mv)
            colour = pal.accent if mv == self.duty else pal.ink
            f.draw(surface, card.title, (self.u(x3), self.u(yy)), 13, colour, bold=True, max_width=self.u(w3))
        yy = self.obligation_rows()[-1][1] + self.lh(13, True) + 4 + 32 + 14
        card = moves.breach_card(obs, sc, self.duty or obs.obligations[0])
        breaking = not self.keep.get(card.move, True)
        pygame.draw.line(surface, pal.panel_edge, (self.u(x3), self.u(yy - 6)), (self.u(x3 + w3), self.u(yy - 6)),
                         max(1, self.u(1)))
        for text, size, colour in ((card.title, 13, pal.ink), ("Your duty: " + card.duty, 12, pal.dim),
                                   (card.gains, 12, pal.warn if breaking else pal.dim),
                                   (card.risk, 12, pal.bad if breaking else pal.dim)):
            if yy + self.lh(size) > bottom:
                break
            yb = f.draw_wrapped(surface, text, self.rect(x3, yy, w3, bottom - yy), size, colour,
                                bold=text == card.title)
            yy = yb / self.app.geometry.scale + 4

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
            self.duty = value
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
