"""Drawing helpers the scenes share: panels, gauges, seats, pips, arrows, charts."""

from __future__ import annotations

import math

import pygame

from game.ui.text import Fonts
from game.ui.theme import Colour, Palette, mix


def panel(surface: pygame.Surface, rect: pygame.Rect, pal: Palette, scale: float, fill: Colour | None = None,
          edge: Colour | None = None, radius: float = 10) -> None:
    r = max(2, round(radius * scale))
    pygame.draw.rect(surface, fill or pal.panel, rect, border_radius=r)
    pygame.draw.rect(surface, edge or pal.panel_edge, rect, width=max(1, round(scale)), border_radius=r)


def heading(surface: pygame.Surface, fonts: Fonts, text: str, pos: tuple[int, int], pal: Palette,
            size: float = 15, colour: Colour | None = None, max_width: int | None = None) -> pygame.Rect:
    """A small capitalised section heading."""
    return fonts.draw(surface, text.upper(), pos, size, colour or pal.accent, bold=True, max_width=max_width)


def arrow(surface: pygame.Surface, centre: tuple[int, int], up: bool, colour: Colour, size: int) -> None:
    x, y = centre
    h = size // 2
    pts = [(x - h, y + h // 2), (x + h, y + h // 2), (x, y - h)] if up else \
          [(x - h, y - h // 2), (x + h, y - h // 2), (x, y + h)]
    pygame.draw.polygon(surface, colour, pts)


def bar(surface: pygame.Surface, rect: pygame.Rect, frac: float, colour: Colour, back: Colour,
        radius: int = 3) -> None:
    pygame.draw.rect(surface, back, rect, border_radius=radius)
    w = round(rect.width * max(0.0, min(1.0, frac)))
    if w > 0:
        pygame.draw.rect(surface, colour, (rect.x, rect.y, w, rect.height), border_radius=radius)


def gauge(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, pal: Palette, scale: float, label: str,
          value: float, lo: float, hi: float, want: str, shown: str, trend: tuple[float, str, Colour] | None,
          mine: bool = False) -> None:
    """An indicator: label and value (``shown``), a bar coloured by how good the value is for the
    viewer (``want``: which way the viewer wants it), and the trend (delta, its text, its colour;
    None: steady). ``mine`` marks one of the viewer's own goals with a dot before the label."""
    s = scale
    frac = (value - lo) / (hi - lo) if hi > lo else 0.5
    goodness = frac if want == "high" else 1.0 - frac
    colour = mix(pal.bad, pal.good, goodness)
    lh = fonts.line_height(14)
    trend_w = fonts.width("+00", 14) + round(28 * s)
    value_w = fonts.width("100", 14, True) + round(8 * s)
    x = rect.x
    if mine:
        r = max(2, round(3.5 * s))
        pygame.draw.circle(surface, pal.accent, (x + r, rect.y + lh // 2), r)
        x += 2 * r + round(5 * s)
    fonts.draw(surface, label, (x, rect.y), 14, pal.ink, max_width=rect.right - trend_w - value_w - x)
    fonts.draw(surface, shown, (rect.right - trend_w, rect.y), 14, pal.ink, bold=True, anchor="topright")
    if trend is not None:
        delta, text, c = trend
        ax = rect.right - trend_w + round(14 * s)
        arrow(surface, (ax, rect.y + lh // 2), delta > 0, c, round(12 * s))
        fonts.draw(surface, text, (ax + round(10 * s), rect.y), 14, c, max_width=rect.right - ax - round(10 * s))
    else:
        fonts.draw(surface, "steady", (rect.right - trend_w + round(8 * s), rect.y + lh // 2), 12, pal.faint,
                   anchor="midleft")
    by = rect.y + lh + round(3 * s)
    bar(surface, pygame.Rect(rect.x, by, rect.width, round(7 * s)), frac, colour, pal.bg_deep, round(3 * s))
    # a tick at the side that is good for the viewer, so the colour is never the only cue
    tick_x = rect.x if want == "low" else rect.right - 1
    pygame.draw.line(surface, pal.dim, (tick_x, by - round(2 * s)), (tick_x, by + round(8 * s)), max(1, round(s)))


def seat(surface: pygame.Surface, fonts: Fonts, centre: tuple[int, int], radius: int, colour: Colour,
         short: str, pal: Palette, ring: Colour | None = None, ring_w: int = 0) -> None:
    """An actor's marker: a disc in its colour with its short name."""
    if ring is not None:
        pygame.draw.circle(surface, ring, centre, radius + ring_w + 2)
        pygame.draw.circle(surface, pal.bg, centre, radius + 2)
    pygame.draw.circle(surface, colour, centre, radius)
    text, size = seat_label(fonts, short, radius)
    fonts.draw(surface, text, centre, size, pal.ink_on(colour), bold=True, anchor="center")


def seat_label(fonts: Fonts, short: str, radius: int) -> tuple[str, float]:
    """The text and size of a seat's short name: the whole name if it fits the disc at three
    quarters of the full size or more ('Iran', 'US'); else its first three letters ('Dam' for
    Damascus), never fewer, shrunk if even they are too wide."""
    room = radius * 2 - max(4, radius // 3)
    big = max(10.0, min(22.0, radius / fonts.factor * 0.75))
    size = big
    while size > big * 0.75 and fonts.width(short, size, True) > room:
        size -= 0.5
    if fonts.width(short, size, True) <= room:
        return short, size
    text, size = short[:3], big
    while size > 7.0 / fonts.factor and fonts.width(text, size, True) > room:
        size -= 0.5
    return text, size


def meter(surface: pygame.Surface, rect: pygame.Rect, count: int, level: int | None, colour: Colour,
          empty: Colour, gap: int = 2) -> None:
    """A segmented bar: the first level+1 of count segments filled (a variant on its scale)."""
    seg = max(2, (rect.width - gap * (count - 1)) // max(1, count))
    x = rect.x
    for i in range(count):
        c = colour if level is not None and i <= level else empty
        pygame.draw.rect(surface, c, (x, rect.y, seg, rect.height), border_radius=max(1, rect.height // 3))
        x += seg + gap


def spinner(surface: pygame.Surface, centre: tuple[int, int], radius: int, t: float, colour: Colour,
            width: int = 3) -> None:
    start = (t * 5.0) % (2 * math.pi)
    rect = pygame.Rect(0, 0, radius * 2, radius * 2)
    rect.center = centre
    pygame.draw.arc(surface, colour, rect, start, start + 4.2, width)


def line_chart(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, pal: Palette, scale: float, title: str,
               values: list[float], lo: float, hi: float, want: str, marks: list[int] | None = None,
               mine: bool = False) -> None:
    """One indicator over the turns: a small chart with its axis, start and end values. The half
    that is better for the viewer (``want``) is shaded; ``mine`` marks one of the viewer's goals."""
    s = scale
    panel(surface, rect, pal, s, fill=pal.bg_deep, radius=8)
    pad = round(10 * s)
    tx = rect.x + pad
    if mine:
        r = max(2, round(3.5 * s))
        pygame.draw.circle(surface, pal.accent, (tx + r, rect.y + round(6 * s) + fonts.line_height(13) // 2), r)
        tx += 2 * r + round(5 * s)
    fonts.draw(surface, title, (tx, rect.y + round(6 * s)), 13, pal.ink, bold=True,
               max_width=rect.right - pad - tx)
    plot = pygame.Rect(rect.x + round(34 * s), rect.y + round(30 * s), rect.width - round(46 * s),
                       rect.height - round(54 * s))
    for frac in (0.0, 0.5, 1.0):
        y = plot.bottom - round(frac * plot.height)
        pygame.draw.line(surface, pal.panel_edge, (plot.x, y), (plot.right, y), 1)
        fonts.draw(surface, f"{lo + frac * (hi - lo):.0f}", (plot.x - round(6 * s), y), 11, pal.faint,
                   anchor="midright")
    # the better half is shaded, so the direction reads without colour
    better = pygame.Rect(plot.x, plot.y if want == "high" else plot.centery, plot.width, plot.height // 2)
    shade = pygame.Surface(better.size, pygame.SRCALPHA)
    shade.fill((*pal.good, 28))
    surface.blit(shade, better.topleft)
    n = len(values)
    if n == 0:
        return
    def point(i: int, v: float) -> tuple[int, int]:
        x = plot.x + (round(i * plot.width / (n - 1)) if n > 1 else plot.width // 2)
        frac = (v - lo) / (hi - lo) if hi > lo else 0.5
        return x, plot.bottom - round(max(0.0, min(1.0, frac)) * plot.height)
    pts = [point(i, v) for i, v in enumerate(values)]
    for m in marks or []:
        if 0 <= m < n:
            x = pts[m][0]
            pygame.draw.line(surface, pal.faint, (x, plot.y), (x, plot.bottom), 1)
    if len(pts) > 1:
        pygame.draw.lines(surface, pal.accent, False, pts, max(2, round(2.5 * s)))
    for p in pts:
        pygame.draw.circle(surface, pal.accent, p, max(2, round(3 * s)))
    fonts.draw(surface, "start", (plot.x, plot.bottom + round(4 * s)), 11, pal.faint)
    fonts.draw(surface, f"turn {n - 1}" if n > 1 else "", (plot.right, plot.bottom + round(4 * s)), 11, pal.faint,
               anchor="topright")
    fonts.draw(surface, f"{values[-1]:.0f}", (pts[-1][0] - round(6 * s), pts[-1][1] - round(4 * s)), 12, pal.ink,
               bold=True, anchor="bottomright")
