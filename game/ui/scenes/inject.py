"""The facilitator injects an event (rule 10.5): one of the scenario's, or a headline of their own
with indicator effects typed as in a scenario file; it fires at the next news."""

from __future__ import annotations

import pygame

from game.core.actions import MAX_HEADLINE, Inject
from game.ui.scene import Intent
from game.ui.scenes.base import DialogScene, row

MAX_LISTED = 9


class InjectScene(DialogScene):
    title = "Inject an event at the next news"
    back = "cancel"
    default = "send"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.event: str | None = None  # a scenario event's id, or None: the headline typed
        self.problem = ""
        self.headline = ""
        self.effects = ""

    @property
    def size(self):
        return (min(1100.0, self.W - 40), min(600.0, self.H - 40))

    def _cols(self):
        x, y, w, h = self.box()
        cw = (w - 48 - 24) / 2
        return x, y, w, h, x + 24, x + 24 + cw + 24, cw

    def list_top(self) -> float:
        return self.body_top() + self.lh(13) + 10 + self.lh(12, True) + 8

    def build(self) -> None:
        m = self.app.match
        x, y, w, h, left, right, cw = self._cols()
        top = self.list_top()
        events = m.scenario.events[:MAX_LISTED]
        rh = min(40.0, (y + h - 84 - top) / max(1, len(events) + 1))
        self.button("event:", self.rect(left, top, cw, rh - 6), "A headline of my own →", kind="@list",
                    selected=self.event is None, tip="Type a headline and its effects on the right")
        for i, ev in enumerate(events, 1):
            happened = m.session.state.happened.get(ev.id, 0)
            label = ev.headline + (f"  (happened {happened}×)" if happened else "")
            label = self.fonts.fit(label, 14, max(1, self.u(cw - 24)))
            self.button(f"event:{ev.id}", self.rect(left, top + i * rh, cw, rh - 6), label, kind="@list",
                        selected=self.event == ev.id, tip=ev.text or ev.headline)
        own = self.event is None
        self.head_y = top - self.lh(12, True) - 8
        self.entry("headline", self.rect(right, top, cw, 36), self.headline,
                   placeholder="e.g. A UN convoy is shelled near Aleppo", limit=MAX_HEADLINE)
        self.fx_y = top + 50
        self.entry("effects", self.rect(right, self.fx_y + self.lh(12, True) + 6, cw, 36), self.effects,
                   placeholder="e.g. civilian_harm += 5; humanitarian_access -= 10", limit=1000)
        if not own:
            for name in ("headline", "effects"):
                self.widgets[name].disable()
        row(self, [("cancel", "Cancel", {"kind": "@quiet"}),
                   ("send", "Inject at the next news", {"kind": "@primary", "key": "ctrl+return",
                                                        "tip": "No player sees it before the next turn's news"})],
            0, y + h - 64, h=44, align="right", right=x + w - 24)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        m = self.app.match
        pal, f = self.pal, self.fonts
        x, y, w, h, left, right, cw = self._cols()
        f.draw(surface, "It fires at the start of the next turn, after the scenario's own news. No player sees it "
                        "before.", (self.u(x + 24), self.u(self.body_top())), 13, pal.dim, max_width=self.u(w - 48))
        lt = self.list_top() - self.lh(12, True) - 8
        f.draw(surface, "EVENT", (self.u(left), self.u(lt)), 12, pal.accent, bold=True, max_width=self.u(cw))
        f.draw(surface, "HEADLINE", (self.u(right), self.u(self.head_y)), 12, pal.accent, bold=True,
               max_width=self.u(cw))
        f.draw(surface, "EFFECTS ON THE INDICATORS (SEPARATED BY ;)", (self.u(right), self.u(self.fx_y)), 12,
               pal.accent, bold=True, max_width=self.u(cw))
        names = ", ".join(i.id for i in m.scenario.indicators)
        hint_y = self.fx_y + self.lh(12, True) + 50
        bottom = f.draw_wrapped(surface, f"Written as in a scenario file: name += number (or -=, *=, /=, =). The "
                                    f"indicators: {names}.", self.rect(right, hint_y, cw, 80), 12, pal.dim,
                           max_lines=4)
        if self.problem:
            top = bottom / self.app.geometry.scale + 10
            f.draw_wrapped(surface, self.problem, self.rect(right, top, cw, y + h - 80 - top), 13, pal.bad,
                           max_lines=5)

    def _typed(self) -> None:
        for name in ("headline", "effects"):
            e = self.widgets.get(name)
            if e is not None:
                setattr(self, name, e.get_text())

    def action(self) -> Inject:
        if self.event is not None:
            return Inject(event=self.event)
        effects = tuple(p.strip() for p in self.effects.split(";") if p.strip())
        return Inject(headline=self.headline.strip(), effects=effects)

    def handle(self, intent: Intent) -> None:
        if intent.kind == "edit":
            self._typed()
            return
        if intent.kind not in ("press", "submit"):
            return
        self._typed()
        name = intent.name
        if intent.kind == "submit" and name == "headline":
            self.set_focus("effects")
            return
        if name == "cancel":
            self.app.pop(self)
            return
        if name == "send" or (intent.kind == "submit" and name == "effects"):
            err = self.app.match.facilitate(self.action())
            if err:
                self.problem = f"Not injected: {err}"
                self.dirty = True
                return
            self.app.toast("Injected: it fires at the next news.")
            self.app.pop(self)
            return
        if name.startswith("event:"):
            self.event = name.split(":", 1)[1] or None
            self.problem = ""
            self.rebuild()
            if self.event is None:
                self.set_focus("headline")
