"""Text the scenes draw themselves: sizes that follow the settings, glyph fallback, caching.

Names and labels come from scenario files and may be in any script. Noto Sans covers Latin,
Greek and Cyrillic; for any other character the renderer tries the other Noto fonts bundled
with pygame_gui (Arabic, Hebrew, Georgian, Japanese, Korean, Chinese) and Fira Code, and draws
each run of characters with the first font that has them. Whether a font has a glyph is found
once per character, by comparing its rendering with the font's "missing glyph" box.

``markup`` does the same for pygame_gui text boxes, with ``<font face=...>`` tags.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

import pygame

Colour = tuple[int, int, int]

_FONT_FILES = (  # (name for pygame_gui, regular, bold, script, right-to-left)
    ("noto_sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "Latn", False),
    ("noto_sans_ar", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "Arab", True),
    ("noto_sans_he", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", "Hebr", True),
    ("noto_sans_ge", "NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf", "Geor", False),
    ("noto_sans_jp", "NotoSansJP-Regular.otf", "NotoSansJP-Bold.otf", "Jpan", False),
    ("noto_sans_kr", "NotoSansKR-Regular.ttf", "NotoSansKR-Bold.ttf", "Hang", False),
    ("noto_sans_sc", "NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf", "Hani", False),
    ("fira_code", "FiraCode-Regular.ttf", "FiraCode-Regular.ttf", "Latn", False),
)
_PROBE = 32  # point size at which glyph coverage is tested
_CACHE_MAX = 4000


def font_dir() -> Path:
    """The folder of the fonts bundled with pygame_gui."""
    return Path(str(resources.files("pygame_gui.data")))


def font_paths() -> list[tuple[str, Path, Path]]:
    """(pygame_gui font name, regular file, bold file) of every font in the fallback chain."""
    d = font_dir()
    return [(n, d / reg, d / bold) for n, reg, bold, _, _ in _FONT_FILES]


class _Coverage:
    """Which font of the chain draws each character (found lazily, remembered)."""

    def __init__(self) -> None:
        self._probe: dict[int, pygame.font.Font] = {}
        self._missing: dict[int, bytes] = {}
        self._choice: dict[str, int] = {}

    def _font(self, i: int) -> pygame.font.Font:
        if i not in self._probe:
            self._probe[i] = pygame.font.Font(str(font_dir() / _FONT_FILES[i][1]), _PROBE)
            self._missing[i] = _pixels(self._probe[i], "\U0010fffd")
        return self._probe[i]

    def has(self, i: int, ch: str) -> bool:
        font = self._font(i)
        return _pixels(font, ch) != self._missing[i]

    def index(self, ch: str) -> int:
        """The font (index in the chain) for one character."""
        code = ord(ch)
        if code < 0x250 or ch.isspace() or 0x2000 <= code <= 0x206F:  # Latin and punctuation
            return 0
        found = self._choice.get(ch)
        if found is None:
            found = next((i for i in range(len(_FONT_FILES)) if self.has(i, ch)), 0)
            self._choice[ch] = found
        return found


def _pixels(font: pygame.font.Font, ch: str) -> bytes:
    try:
        return pygame.image.tobytes(font.render(ch, True, (255, 255, 255), (0, 0, 0)), "RGB")
    except pygame.error:
        return b""


_COVERAGE: _Coverage | None = None


def coverage() -> _Coverage:
    global _COVERAGE
    if _COVERAGE is None:
        _COVERAGE = _Coverage()
    return _COVERAGE


def runs(text: str) -> list[tuple[int, str]]:
    """The text cut into (font index, run) pieces; spaces and digits stay with the run they are in."""
    out: list[tuple[int, str]] = []
    cov = coverage()
    current = 0
    buf: list[str] = []
    for ch in text:
        code = ord(ch)
        neutral = ch.isspace() or ch.isdigit() or (code < 0x80 and not ch.isalpha())
        i = current if neutral else cov.index(ch)
        if i != current and buf:
            out.append((current, "".join(buf)))
            buf = []
        current = i
        buf.append(ch)
    if buf:
        out.append((current, "".join(buf)))
    return out


class Fonts:
    """Fonts and rendered text at the window's scale; sizes are given at a scale of 1."""

    def __init__(self, scale: float, text_size: float = 1.0) -> None:
        self.scale = scale
        self.factor = scale * text_size
        self._fonts: dict[tuple[int, int, bool], pygame.font.Font] = {}
        self._cache: dict[tuple, pygame.Surface] = {}
        self._widths: dict[tuple, int] = {}

    def px(self, size: float) -> int:
        return max(7, round(size * self.factor))

    def font(self, size: float, bold: bool = False, index: int = 0) -> pygame.font.Font:
        key = (index, self.px(size), bold)
        f = self._fonts.get(key)
        if f is None:
            _, reg, bold_file, script, rtl = _FONT_FILES[index]
            f = pygame.font.Font(str(font_dir() / (bold_file if bold else reg)), key[1])
            if index:
                try:
                    f.set_script(script if script not in ("Jpan", "Hang", "Hani") else "Latn")
                    if rtl:
                        f.set_direction(pygame.DIRECTION_RTL)
                except (AttributeError, pygame.error):
                    pass
            self._fonts[key] = f
        return f

    def line_height(self, size: float, bold: bool = False) -> int:
        return self.font(size, bold).get_linesize()

    def width(self, text: str, size: float, bold: bool = False) -> int:
        key = (text, size, bold)
        w = self._widths.get(key)
        if w is None:
            w = sum(self.font(size, bold, i).size(part)[0] for i, part in runs(text)) if text else 0
            if len(self._widths) > _CACHE_MAX:
                self._widths.clear()
            self._widths[key] = w
        return w

    def render(self, text: str, size: float, colour: Colour, bold: bool = False) -> pygame.Surface:
        """The text drawn on a transparent surface (cached)."""
        key = (text, size, tuple(colour), bold)
        surf = self._cache.get(key)
        if surf is not None:
            return surf
        pieces = [self.font(size, bold, i).render(part, True, colour) for i, part in runs(text) if part]
        height = max([self.line_height(size, bold)] + [p.get_height() for p in pieces])
        surf = pygame.Surface((max(1, sum(p.get_width() for p in pieces)), height), pygame.SRCALPHA)
        x = 0
        for p in pieces:
            surf.blit(p, (x, (height - p.get_height()) // 2))
            x += p.get_width()
        if len(self._cache) > _CACHE_MAX:
            self._cache.clear()
        self._cache[key] = surf
        return surf

    def fit(self, text: str, size: float, width: int, bold: bool = False) -> str:
        """The text, cut with an ellipsis if it is wider than width pixels."""
        if self.width(text, size, bold) <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + "…", size, bold) <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def wrap(self, text: str, size: float, width: int, bold: bool = False) -> list[str]:
        """The text broken into lines at most width pixels wide (words longer than that are cut)."""
        lines: list[str] = []
        for para in text.split("\n"):
            words = para.split()
            line = ""
            for word in words:
                trial = f"{line} {word}" if line else word
                if self.width(trial, size, bold) <= width:
                    line = trial
                    continue
                if line:
                    lines.append(line)
                while self.width(word, size, bold) > width and len(word) > 1:
                    cut = len(word) - 1
                    while cut > 1 and self.width(word[:cut], size, bold) > width:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                line = word
            lines.append(line)
        return lines

    def draw(self, surface: pygame.Surface, text: str, pos: tuple[int, int], size: float, colour: Colour,
             bold: bool = False, anchor: str = "topleft", max_width: int | None = None) -> pygame.Rect:
        """Draw one line of text; the rect it covers."""
        if max_width is not None:
            text = self.fit(text, size, max_width, bold)
        surf = self.render(text, size, colour, bold)
        rect = surf.get_rect(**{anchor: pos})
        surface.blit(surf, rect)
        return rect

    def draw_wrapped(self, surface: pygame.Surface, text: str, rect: pygame.Rect, size: float, colour: Colour,
                     bold: bool = False, spacing: float = 1.15, max_lines: int | None = None) -> int:
        """Draw text wrapped into rect; the y below the last line drawn. Text that does not fit (in
        max_lines, or in the rect's height) ends with an ellipsis on the last line shown, so a cut
        is never silent; a rect with any height shows at least one line, one with none shows nothing."""
        if rect.height <= 0:
            return rect.top
        lh = round(self.line_height(size, bold) * spacing)
        lines = self.wrap(text, size, rect.width, bold)
        room = max(1, (rect.height + lh // 3) // lh) if lh > 0 else len(lines)
        limit = min(room, max_lines) if max_lines is not None else room
        if len(lines) > limit:
            lines = lines[:limit]
            lines[-1] = self.fit(lines[-1] + " …", size, rect.width, bold)
        y = rect.top
        for line in lines:
            surface.blit(self.render(line, size, colour, bold), (rect.left, y))
            y += lh
        return y


def label_font(text: str) -> str | None:
    """For a one-line label Noto Sans cannot draw, the name of one fallback font that draws all of
    it (pygame_gui buttons have one font each); None when Noto Sans will do or no one font can."""
    pieces = runs(text)
    if all(i == 0 for i, _ in pieces):
        return None
    cov = coverage()
    for i in sorted({i for i, _ in pieces if i}):
        if all(ch.isspace() or cov.has(i, ch) for ch in text):
            return _FONT_FILES[i][0]
    return None


def markup(text: str) -> str:
    """Text escaped for a pygame_gui text box, with runs in other scripts set in a font that has them."""
    parts = []
    for i, part in runs(text):
        esc = html.escape(part, quote=False)
        parts.append(esc if i == 0 else f"<font face='{_FONT_FILES[i][0]}'>{esc}</font>")
    return "".join(parts)


def register_fonts(manager) -> None:
    """Tell a pygame_gui manager where the fallback fonts are, for ``markup``'s font tags."""
    for name, reg, bold in font_paths()[1:]:
        manager.add_font_paths(name, str(reg), str(bold))
