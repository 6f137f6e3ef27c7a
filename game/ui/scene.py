"""Scenes: small screens on a stack, fed with intents.

A scene builds its widgets for the current window size (``build``), reacts to intents
(``handle``), advances (``update``) and paints what it draws itself (``paint``, into a cached
canvas that is redrawn only when the scene marks itself dirty). Widgets post intents up; the
scene sets their state and calls the game. Nothing a scene knows lives only in a widget, so
``rebuild`` (after a resize or a settings change) loses nothing.

Keyboard: every button and text entry a scene creates joins its focus ring in creation order
(pygame_gui has no Tab traversal); Tab and Shift+Tab (and the arrow keys) move the focus, Enter
or Space presses the focused button, Enter with nothing focused presses the scene's default
button, Esc its back button. Shortcut keys are shown in the buttons' tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ui.text import label_font, markup

if TYPE_CHECKING:
    from game.ui.app import App


@dataclass(frozen=True)
class Intent:
    """What the player asked for, independent of the device used to ask."""

    kind: str  # press, confirm, back, focus, submit, edit, picked, dialog_closed, click, wheel, page, quit
    name: str = ""  # the widget concerned
    value: Any = None


_MODS = {"ctrl": pygame.KMOD_CTRL, "shift": pygame.KMOD_SHIFT, "alt": pygame.KMOD_ALT}


def parse_key(spec: str) -> tuple[int, int]:
    """'ctrl+z' as (key code, modifier mask)."""
    *mods, key = spec.lower().split("+")
    mask = 0
    for m in mods:
        mask |= _MODS[m]
    return pygame.key.key_code(key), mask


def key_label(spec: str) -> str:
    return "+".join(p.capitalize() if len(p) > 1 else p.upper() for p in spec.split("+"))


class Scene:
    overlay = False  # drawn over the scene below it, which is dimmed
    runs_game = False  # computer seats keep acting while this scene is on top
    default: str | None = None  # button pressed by Enter when nothing has the focus
    back: str | None = None  # button pressed by Esc

    def __init__(self, app: App) -> None:
        self.app = app
        self.widgets: dict[str, pygame_gui.core.UIElement] = {}
        self._names: dict[int, str] = {}
        self.ring: list[str] = []
        self.focus: str | None = None
        self.keys: dict[tuple[int, int], str] = {}
        self.dirty = True
        self._canvas: pygame.Surface | None = None
        self._frozen: pygame.Surface | None = None  # the scene with its widgets, while covered by a dialog
        self.built = False
        self.hovers: list[tuple[pygame.Rect, str]] = []  # areas the scene paints that explain themselves
        self.hover_text = ""

    # ------------------------------------------------------------------ geometry
    @property
    def ui(self):
        return self.app.geometry

    def u(self, v: float) -> int:
        """A length at a scale of 1 in window pixels."""
        return round(v * self.app.geometry.scale)

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A rect given at a scale of 1, in window pixels."""
        s = self.app.geometry.scale
        return pygame.Rect(round(x * s), round(y * s), round(w * s), round(h * s))

    def lh(self, size: float, bold: bool = False) -> float:
        """A line's height at a scale of 1 (it grows with the text size setting)."""
        return self.fonts.line_height(size, bold) / self.app.geometry.scale

    @property
    def W(self) -> float:
        return self.app.geometry.width

    @property
    def H(self) -> float:
        return self.app.geometry.height

    @property
    def fonts(self):
        return self.app.fonts

    @property
    def pal(self):
        return self.app.palette

    # ------------------------------------------------------------------ lifecycle
    def build(self) -> None:
        """Create the widgets for the current size."""

    def enter(self) -> None:
        self.rebuild()

    def teardown(self) -> None:
        for w in self.widgets.values():
            w.kill()
        self.widgets.clear()
        self._names.clear()
        self.ring.clear()
        self.keys.clear()
        self.built = False

    def rebuild(self) -> None:
        keep = self.focus
        self.teardown()
        self.build()
        self.built = True
        self.focus = keep if keep in self.ring else None
        self.sync_focus()
        self.dirty = True

    def covered(self) -> None:
        """Another scene was pushed on top: hide the widgets. What they showed stays visible under
        a dialog: the canvas and the widgets are frozen into one picture first (the widgets of the
        scene below are the only ones the UI manager holds at this moment)."""
        surface = pygame.display.get_surface()
        if surface is not None and self.built:
            frozen = pygame.Surface(surface.get_size())
            self.draw(frozen)
            self.app.manager.draw_ui(frozen)
            self._frozen = frozen
        for w in self.widgets.values():
            w.hide()

    def uncovered(self) -> None:
        """The scene on top was closed: show the widgets again (rebuilt if the layout changed)."""
        self._frozen = None
        if not self.built:
            self.rebuild()
            return
        for w in self.widgets.values():
            w.show()
        self.dirty = True
        self.sync_focus()

    def remove(self, name: str) -> None:
        """Kill one widget and forget it."""
        w = self.widgets.pop(name, None)
        if w is not None:
            self._names.pop(id(w), None)
            w.kill()
        if name in self.ring:
            self.ring.remove(name)
        self.keys = {k: v for k, v in self.keys.items() if v != name}
        if self.focus == name:
            self.focus = None

    # ------------------------------------------------------------------ widgets
    def _register(self, name: str, widget, focusable: bool, key: str | None) -> None:
        old = self.widgets.get(name)
        if old is not None:
            old.kill()
        self.widgets[name] = widget
        self._names[id(widget)] = name
        if focusable and name not in self.ring:
            self.ring.append(name)
        if key:
            self.keys[parse_key(key)] = name

    def button(self, name: str, rect: pygame.Rect, text: str, tip: str | None = None, key: str | None = None,
               kind: str | None = None, enabled: bool = True, selected: bool = False,
               focusable: bool = True) -> pygame_gui.elements.UIButton:
        """A button that posts Intent('press', name); key is a shortcut like 'p' or 'ctrl+z'."""
        if key:
            hint = f"Shortcut: {key_label(key)}"
            tip = f"{tip} ({hint})" if tip else hint
        b = pygame_gui.elements.UIButton(
            rect, text, self.app.manager, tool_tip_text=tip and markup(tip),
            object_id=ObjectID(object_id=f"#{name}", class_id=kind))
        other = label_font(text)
        if other is not None and b.font is not None:  # a name in a script Noto Sans lacks
            fonts = self.app.manager.get_theme().get_font_dictionary()
            b.font = fonts.find_font(b.font.point_size, other, bold=kind == "@primary")
            b.rebuild()
        if not enabled:
            b.disable()
        if selected:
            b.select()
        self._register(name, b, focusable, key if enabled else None)
        return b

    def entry(self, name: str, rect: pygame.Rect, text: str = "", placeholder: str = "",
              limit: int | None = None, allowed: str | None = None) -> pygame_gui.elements.UITextEntryLine:
        e = pygame_gui.elements.UITextEntryLine(rect, self.app.manager, initial_text=text or None,
                                                placeholder_text=placeholder or None,
                                                object_id=ObjectID(object_id=f"#{name}"))
        if limit:
            e.set_text_length_limit(limit)
        if allowed:
            e.set_allowed_characters(allowed)
        self._register(name, e, True, None)
        return e

    def textbox(self, name: str, rect: pygame.Rect, html_text: str, kind: str | None = None
                ) -> pygame_gui.elements.UITextBox:
        box = pygame_gui.elements.UITextBox(html_text, rect, self.app.manager,
                                            object_id=ObjectID(object_id=f"#{name}", class_id=kind))
        self._register(name, box, False, None)
        return box

    def name_of(self, element) -> str | None:
        return self._names.get(id(element))

    def enabled(self, name: str) -> bool:
        w = self.widgets.get(name)
        return w is not None and w.visible and getattr(w, "is_enabled", True)

    # ------------------------------------------------------------------ focus
    def focus_move(self, step: int) -> None:
        names = [n for n in self.ring if self.enabled(n)]
        if not names:
            self.focus = None
            return
        if self.focus not in names:
            self.focus = names[0] if step > 0 else names[-1]
        else:
            self.focus = names[(names.index(self.focus) + step) % len(names)]
        self.sync_focus()

    def set_focus(self, name: str | None) -> None:
        self.focus = name if name in self.ring else None
        self.sync_focus()

    def sync_focus(self) -> None:
        """Give pygame_gui's keyboard focus to a focused text entry, and take it from any other."""
        w = self.widgets.get(self.focus) if self.focus else None
        if isinstance(w, pygame_gui.elements.UITextEntryLine):
            self.app.manager.set_focus_set(w)
        else:
            focused = self.app.manager.get_focus_set()
            if focused and any(isinstance(f, pygame_gui.elements.UITextEntryLine) for f in focused):
                self.app.manager.set_focus_set(None)

    def focused_widget(self):
        return self.widgets.get(self.focus) if self.focus else None

    # ------------------------------------------------------------------ input and drawing
    def dispatch(self, intent: Intent) -> None:
        """Handle the intents every scene treats alike, then the scene's own."""
        if intent.kind == "focus":
            self.focus_move(intent.value)
            return
        if intent.kind == "press" and not self.enabled(intent.name):
            return
        if intent.kind == "confirm" and self.default and self.enabled(self.default):
            intent = Intent("press", self.default)
        elif intent.kind == "back" and self.back and self.enabled(self.back):
            intent = Intent("press", self.back)
        self.handle(intent)

    def handle(self, intent: Intent) -> None:
        """React to an intent (override)."""

    def update(self, dt: float) -> None:
        """Advance by dt seconds (override)."""

    def busy(self) -> bool:
        """Whether the scene animates or waits on something, so the window must keep drawing."""
        return False

    def paint(self, surface: pygame.Surface) -> None:
        """Draw what the scene draws itself, under its widgets (override)."""

    def draw(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        frozen = self._frozen
        if frozen is not None and not self.overlay and self.app.top is not self:
            if frozen.get_size() == size and not self.dirty:
                surface.blit(frozen, (0, 0))
                return
            self._frozen = None  # the window changed under the dialog: draw without the widgets
        if self._canvas is None or self._canvas.get_size() != size:
            canvas = pygame.Surface(size, pygame.SRCALPHA if self.overlay else 0)
            self._canvas = canvas.convert_alpha() if self.overlay else canvas.convert()
            self.dirty = True
        if self.dirty:
            self._canvas.fill((0, 0, 0, 0) if self.overlay else self.pal.bg)
            self.paint(self._canvas)
            self.dirty = False
        area = self.paint_area()
        if area is None:
            surface.blit(self._canvas, (0, 0))
        else:
            surface.blit(self._canvas, area.topleft, area)
        self.draw_live(surface)

    def toast_anchor(self) -> tuple[float, float, float, str]:
        """Where toasts go (at a scale of 1): (x, y, width, side), a band from x to x + width where
        'top' stacks them down from y and 'bottom' up from y. The top of the screen holds titles,
        not controls, so that is the default."""
        return 0.0, 12.0, self.W, "top"

    def clock_pos(self) -> tuple[float, float, str]:
        """Where the window shows the facilitator's pause and countdown (at a scale of 1): just
        above the action bar, centred."""
        return self.W / 2, self.H - 76, "midbottom"

    def paint_area(self) -> pygame.Rect | None:
        """The part of the canvas that holds anything (None: all of it)."""
        return None

    def draw_live(self, surface: pygame.Surface) -> None:
        """Draw what changes every frame (override)."""

    def update_hover(self) -> None:
        """Which painted area the mouse is over (widgets have tooltips of their own)."""
        text = ""
        if self.hovers and not self.app.manager.get_hovering_any_element():
            pos = pygame.mouse.get_pos()
            text = next((t for r, t in self.hovers if r.collidepoint(pos)), "")
        self.hover_text = text

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw over the widgets: the tooltip of the area under the mouse (extend, calling this)."""
        if not self.hover_text:
            return
        f = self.fonts
        lh = f.line_height(13)
        width = min(self.u(380), max(f.width(p, 13) for p in self.hover_text.split("\n")) + 2)
        lines = f.wrap(self.hover_text, 13, width)
        most = max(1, (surface.get_height() - self.u(24)) // lh)
        if len(lines) > most:
            lines = lines[:most]
            lines[-1] = f.fit(lines[-1] + " …", 13, width)
        box = pygame.Rect(0, 0, width + self.u(20), lh * len(lines) + self.u(14))
        mx, my = pygame.mouse.get_pos()
        box.topleft = (mx + self.u(16), my + self.u(16))
        box.clamp_ip(surface.get_rect())
        pygame.draw.rect(surface, self.pal.bg_deep, box, border_radius=self.u(6))
        pygame.draw.rect(surface, self.pal.accent, box, width=1, border_radius=self.u(6))
        for i, line in enumerate(lines):
            surface.blit(f.render(line, 13, self.pal.ink), (box.x + self.u(10), box.y + self.u(7) + i * lh))

    def draw_focus(self, surface: pygame.Surface) -> None:
        w = self.focused_widget()
        if w is None or not w.visible:
            return
        r = w.rect.inflate(self.u(6), self.u(6))
        pygame.draw.rect(surface, self.pal.focus, r, width=max(2, self.u(3)), border_radius=self.u(8))
