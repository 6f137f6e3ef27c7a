"""A recorder of what a scene paints, for layout tests: every line of text with the rect it covers."""

from __future__ import annotations

import pygame


class TextRecorder:
    """Wraps an app's fonts so that every line drawn by ``draw`` and ``draw_wrapped`` is recorded."""

    def __init__(self, app) -> None:
        self.app = app
        self.lines: list[tuple[str, pygame.Rect]] = []
        fonts = app.fonts
        draw, wrapped = fonts.draw, fonts.draw_wrapped

        def record_draw(surface, text, pos, size, colour, bold=False, anchor="topleft", max_width=None):
            rect = draw(surface, text, pos, size, colour, bold=bold, anchor=anchor, max_width=max_width)
            shown = fonts.fit(text, size, max_width, bold) if max_width is not None else text
            self.lines.append((shown, rect))
            return rect

        def record_wrapped(surface, text, rect, size, colour, bold=False, spacing=1.15, max_lines=None):
            bottom = wrapped(surface, text, rect, size, colour, bold=bold, spacing=spacing, max_lines=max_lines)
            lh = round(fonts.line_height(size, bold) * spacing)
            for i, line in enumerate(fonts.wrap(text, size, rect.width, bold)):
                y = rect.top + i * lh
                if y >= bottom:
                    break
                self.lines.append((line, pygame.Rect(rect.left, y, fonts.width(line, size, bold), lh)))
            return bottom

        fonts.draw, fonts.draw_wrapped = record_draw, record_wrapped

    def paint(self, scene) -> list[tuple[str, pygame.Rect]]:
        """Repaint a scene and return the text it drew."""
        self.lines = []
        scene.dirty = True
        scene._frozen = None
        surface = pygame.Surface(self.app.screen.get_size())
        scene.draw(surface)
        return list(self.lines)


def overlaps(lines: list[tuple[str, pygame.Rect]], shrink: int = 2) -> list[tuple[str, str]]:
    """Pairs of text lines whose rects overlap (by more than a couple of pixels of line spacing)."""
    out = []
    rects = [(t, r.inflate(-2 * shrink, -2 * shrink)) for t, r in lines if t.strip()]
    for i, (ta, ra) in enumerate(rects):
        for tb, rb in rects[i + 1:]:
            if ra.colliderect(rb):
                out.append((ta, tb))
    return out


def buttons(scene) -> list[tuple[str, pygame.Rect]]:
    """The visible buttons of a scene and their rects; not the table's see-through seat buttons,
    which lie over the seats they open on purpose (their overlap is checked apart)."""
    import pygame_gui

    return [(name, w.rect) for name, w in scene.widgets.items()
            if isinstance(w, pygame_gui.elements.UIButton) and w.visible and not name.startswith("seat:")]
