"""Settings: UI scale (for projectors), text size, colour-blind-safe palette, full screen.
Changes apply at once and are kept in the settings file."""

from __future__ import annotations

import pygame

from game import paths
from game.ui import draw
from game.ui import settings as sm
from game.ui.app import scale_note
from game.ui.scene import Intent
from game.ui.scenes.base import DialogScene, row
from game.ui.theme import COLOURBLIND, STANDARD


def scale_label(v: float) -> str:
    return "Fit window" if v <= 0 else f"{v:g}×"


class SettingsScene(DialogScene):
    title = "Settings"
    back = "back"
    default = "back"

    @property
    def size(self):
        return (min(860.0, self.W - 40), min(560.0, self.H - 40))

    def rows(self):
        st = self.app.settings
        return [
            ("UI scale", "Everything larger, for projectors (limited by the window's size)",
             [(f"scale:{v}", scale_label(v), st.ui_scale == v) for v in sm.SCALES]),
            ("Text size", "Only the text grows",
             [(f"text:{v}", sm.TEXT_NAMES[v], st.text_size == v) for v in sm.TEXT_SIZES]),
            ("Colours", "Blue and orange instead of green and red; actor colours from the Okabe–Ito set",
             [("palette:standard", "Standard", st.palette == "standard"),
              ("palette:colourblind", "Colour-blind safe", st.palette == "colourblind")]),
            ("Full screen", "F11 switches at any time",
             [("full:0", "Window", not st.fullscreen), ("full:1", "Full screen", st.fullscreen)]),
        ]

    def build(self) -> None:
        x, y, w, h = self.box()
        yy = y + 80
        for label, _, options in self.rows():
            specs = [(name, text, {"selected": sel, "kind": "@small"}) for name, text, sel in options]
            row(self, specs, x + 200, yy, h=36, gap=6, min_w=64, room=w - 224)
            yy += 86
        row(self, [("back", "Done", {"kind": "@primary"})], 0, y + h - 62, h=44, align="right", right=x + w - 24,
            min_w=120)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        pal, f = self.pal, self.fonts
        x, y, w, h = self.box()
        yy = y + 80
        note = scale_note(self.app.settings.ui_scale, self.app.screen.get_size())
        for i, (label, hint, _) in enumerate(self.rows()):
            f.draw(surface, label, (self.u(x + 24), self.u(yy + 18)), 16, pal.ink, bold=True, anchor="midleft",
                   max_width=self.u(170))
            if i == 0 and note:  # the chosen scale does not fit this window: say so where it is chosen
                f.draw_wrapped(surface, note, self.rect(x + 200, yy + 40, w - 224, 44), 12, pal.warn, max_lines=2)
            else:
                f.draw_wrapped(surface, hint, self.rect(x + 200, yy + 40, w - 224, 44), 12, pal.dim, max_lines=2)
            yy += 86
        # a sample of the good / bad colours in use
        sample = STANDARD if self.app.settings.palette == "standard" else COLOURBLIND
        sx = x + 24
        sy = y + h - 56
        for c, text in ((sample.good, "better"), (sample.bad, "worse")):
            pygame.draw.rect(surface, c, self.rect(sx, sy, 18, 18), border_radius=self.u(3))
            f.draw(surface, text, (self.u(sx + 24), self.u(sy + 9)), 13, pal.dim, anchor="midleft")
            sx += 90
        draw.arrow(surface, (self.u(sx + 8), self.u(sy + 9)), True, sample.good, self.u(14))
        f.draw(surface, f"Kept in {paths.settings_path()}", (self.u(sx + 30), self.u(sy + 9)), 11, pal.faint,
               anchor="midleft", max_width=self.u(x + w - 170 - sx - 30))

    def handle(self, intent: Intent) -> None:
        if intent.kind != "press":
            return
        if intent.name == "back":
            self.app.pop(self)
            return
        kind, _, value = intent.name.partition(":")
        st = self.app.settings
        if kind == "scale":
            st = st.with_(ui_scale=float(value))
        elif kind == "text":
            st = st.with_(text_size=float(value))
        elif kind == "palette":
            st = st.with_(palette=value)
        elif kind == "full":
            st = st.with_(fullscreen=value == "1")
        else:
            return
        focus = self.focus
        problem = self.app.apply_settings(st)
        self.set_focus(focus)
        if problem:
            self.app.toast(f"The settings apply now but could not be kept: {problem}")
