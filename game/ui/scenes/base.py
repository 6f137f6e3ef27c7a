"""What several scenes share: dialogs drawn over the screen below, and layout helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.ui import draw
from game.ui.scene import Intent, Scene


def button_width(scene: Scene, label: str, size: float = 16, bold: bool = False, pad: float = 30) -> float:
    """The width (at a scale of 1) a button needs for its label."""
    return scene.fonts.width(label, size, bold) / scene.app.geometry.scale + pad


def _size(opts: dict) -> tuple[float, bool]:
    kind = opts.get("kind")
    return (14 if kind in ("@small", "@list") else 16), kind == "@primary"


def _widths(scene: Scene, specs: Sequence[tuple], min_w: float) -> list[float]:
    out = []
    for _, label, opts in specs:
        size, bold = _size(opts)
        out.append(max(min_w, button_width(scene, label, size=size, bold=bold)))
    return out


def row_width(scene: Scene, specs: Sequence[tuple], gap: float = 10, min_w: float = 0) -> float:
    """The width (at a scale of 1) a row of buttons takes."""
    return sum(_widths(scene, specs, min_w)) + gap * (len(specs) - 1)


def row(scene: Scene, specs: Sequence[tuple], x: float, y: float, h: float = 40, gap: float = 10,
        align: str = "left", right: float | None = None, min_w: float = 0, room: float | None = None) -> float:
    """Lay out buttons in a row. specs: (name, label, options dict). Returns the x after the row.

    ``room`` is the most width (at a scale of 1) the row may take: a row that would be wider is
    narrowed, each button in proportion, and a label that no longer fits is cut with an ellipsis
    (its tooltip then gives it whole), so a row never runs into its neighbours."""
    widths = _widths(scene, specs, min_w)
    total = sum(widths) + gap * (len(specs) - 1)
    if room is not None and total > room and widths:
        factor = max(0.0, room - gap * (len(specs) - 1)) / sum(widths)
        widths = [w * factor for w in widths]
        total = room
    if align == "right" and right is not None:
        x = right - total
    for (name, label, opts), w in zip(specs, widths):
        size, bold = _size(opts)
        shown = scene.fonts.fit(label, size, max(1, scene.u(w - 20)), bold)
        if shown != label:
            opts = dict(opts, tip=f"{label}. {opts['tip']}" if opts.get("tip") else label)
        scene.button(name, scene.rect(x, y, w, h), shown, **opts)
        x += w + gap
    return x


class DialogScene(Scene):
    """A panel over the dimmed scene below; subclasses set ``size`` and ``title``."""

    overlay = True
    size = (640.0, 360.0)
    title = ""
    title_room = 0.0  # width kept free at the right of the title (for buttons there)

    def body_top(self) -> float:
        """The y (at a scale of 1) just below the title, at any text size."""
        return self.box()[1] + 18 + self.lh(22, True) + 4

    def box(self) -> tuple[float, float, float, float]:
        w = max(200.0, min(self.size[0], self.W - 40))
        h = max(160.0, min(self.size[1], self.H - 40))
        return (self.W - w) / 2, (self.H - h) / 2, w, h

    def toast_anchor(self) -> tuple[float, float, float, str]:
        """Above the dialog if there is room; else in the dialog's bottom row, left of its buttons
        (where nothing is drawn); else just under its title."""
        x, y, w, h = self.box()
        if y >= 70:
            return x, y - 8, w, "bottom"
        s = self.app.geometry.scale
        lefts = [wd.rect.left / s for wd in self.widgets.values()
                 if wd.visible and wd.rect.top / s >= y + h - 80 and wd.rect.bottom / s <= y + h]
        if lefts and min(lefts) - 16 - (x + 16) >= 240:
            return x + 16, y + h - 16, min(lefts) - 16 - (x + 16), "bottom"
        return x, self.body_top(), w, "top"

    def paint_area(self) -> pygame.Rect:
        x, y, w, h = self.box()
        return self.rect(x, y, w, h).inflate(self.u(24), self.u(24))

    def paint(self, surface: pygame.Surface) -> None:
        x, y, w, h = self.box()
        r = self.rect(x, y, w, h)
        shadow = r.move(self.u(4), self.u(6))
        pygame.draw.rect(surface, (0, 0, 0, 120), shadow, border_radius=self.u(12))
        draw.panel(surface, r, self.pal, self.app.geometry.scale, radius=12)
        if self.title:
            self.fonts.draw(surface, self.title, (r.x + self.u(24), r.y + self.u(18)), 22, self.pal.ink, bold=True,
                            max_width=r.width - self.u(48 + self.title_room))
        self.paint_body(surface, r)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """Draw the dialog's own content (override)."""


class Dialog(DialogScene):
    """A message with buttons, e.g. a loader error (file:line:col) or a question."""

    def __init__(self, app, title: str, body: str, buttons: Sequence[tuple[str, Callable[[], None] | None, str | None]]
                 = (("OK", None, "@primary"),), width: float = 720, height: float | None = None,
                 monospace: bool = False) -> None:
        super().__init__(app)
        self.title = title
        self.body = body
        self.actions = list(buttons)
        lines = body.count("\n") + 1 + len(body) // 80
        self.size = (width, height or min(560.0, 190.0 + 24 * lines))
        self.monospace = monospace
        self.default = "b0"
        self.back = f"b{len(self.actions) - 1}"

    def build(self) -> None:
        x, y, w, h = self.box()
        from game.ui.text import markup

        body = markup(self.body).replace("\n", "<br>")
        if self.monospace:
            body = f"<font face='fira_code'>{body}</font>"
        top = self.body_top() + 6
        self.textbox("body", self.rect(x + 24, top, w - 48, y + h - 80 - top), body)
        specs = [(f"b{i}", label, {"kind": kind}) for i, (label, _, kind) in enumerate(self.actions)]
        row(self, specs, 0, y + h - 64, h=44, align="right", right=x + w - 24, min_w=110)

    def handle(self, intent: Intent) -> None:
        if intent.kind == "press" and intent.name.startswith("b"):
            i = int(intent.name[1:])
            self.app.pop(self)
            callback = self.actions[i][1]
            if callback is not None:
                callback()


def error_dialog(app, title: str, message: str) -> None:
    """Show a problem (a scenario's or a save's, with file and line) and let the game go on."""
    app.push(Dialog(app, title, message))


FILE_DIALOG_MIN = (320.0, 320.0)


class FileDialogMixin:
    """A pygame_gui file dialog that survives a rebuild (it is reopened by ``build``)."""

    dialog_spec: tuple[str, frozenset[str], str, bool] | None = None

    def open_dialog(self, title: str, suffixes: set[str], start: str, new_file: bool = False) -> None:
        """Open a file dialog at start; new_file: a file to write (a new name or a folder may be picked)."""
        import pygame_gui

        self.close_dialog()
        self.dialog_spec = (title, frozenset(suffixes), start, new_file)
        # pygame_gui's file dialog cannot lay itself out below about 300x300 (it recursed without end)
        w, h = max(FILE_DIALOG_MIN[0], min(self.W - 80, 760)), max(FILE_DIALOG_MIN[1], min(self.H - 80, 560))
        dialog = pygame_gui.windows.UIFileDialog(
            self.rect((self.W - w) / 2, (self.H - h) / 2, w, h), self.app.manager, window_title=title,
            allowed_suffixes=set(suffixes), initial_file_path=start, allow_existing_files_only=not new_file,
            allow_picking_directories=new_file)
        self._register("file_dialog", dialog, False, None)

    def reopen_dialog(self) -> None:
        if self.dialog_spec is not None:
            title, suffixes, start, new_file = self.dialog_spec
            self.open_dialog(title, set(suffixes), start, new_file)

    def close_dialog(self) -> None:
        self.dialog_spec = None
        d = self.widgets.pop("file_dialog", None)
        if d is not None:
            d.kill()

    def dialog_intent(self, intent: Intent) -> str | None:
        """Handle the dialog's intents; the path picked, if one was."""
        if intent.kind == "picked":
            self.dialog_spec = None
            d = self.widgets.pop("file_dialog", None)
            if d is not None and d.alive():
                d.kill()
            return str(intent.value)
        if intent.kind == "dialog_closed" and intent.name == "file_dialog":
            self.dialog_spec = None
            self.widgets.pop("file_dialog", None)
        return None

    @property
    def dialog_open(self) -> bool:
        return "file_dialog" in self.widgets


def scroll_box(box, pages: float) -> None:
    """Scroll a text box by a number of pages (Page Up / Page Down)."""
    bar = getattr(box, "scroll_bar", None)
    if bar is None:
        return
    new = bar.start_percentage + pages * bar.visible_percentage * 0.9
    bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - bar.visible_percentage, new)))
