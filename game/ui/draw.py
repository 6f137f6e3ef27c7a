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
          value: float, lo: float, hi: float, good: str, delta: float | None) -> None:
    """An indicator: label and value, a bar coloured by how good the value is, and the trend."""
    s = scale
    frac = (value - lo) / (hi - lo) if hi > lo else 0.5
    goodness = frac if good == "high" else 1.0 - frac
    colour = mix(pal.bad, pal.good, goodness)
    lh = fonts.line_height(14)
    trend_w = fonts.width("+00", 14) + round(28 * s)
    value_w = fonts.width("100", 14, True) + round(8 * s)
    fonts.draw(surface, label, (rect.x, rect.y), 14, pal.ink, max_width=rect.width - trend_w - value_w - round(6 * s))
    fonts.draw(surface, f"{value:.0f}", (rect.right - trend_w, rect.y), 14, pal.ink, bold=True, anchor="topright")
    if delta is not None and abs(delta) >= 0.5:
        better = (delta > 0) == (good == "high")
        c = pal.good if better else pal.bad
        ax = rect.right - trend_w + round(14 * s)
        arrow(surface, (ax, rect.y + lh // 2), delta > 0, c, round(12 * s))
        fonts.draw(surface, f"{'+' if delta > 0 else '−'}{abs(delta):.0f}", (ax + round(10 * s), rect.y), 14, c)
    else:
        fonts.draw(surface, "steady", (rect.right - trend_w + round(8 * s), rect.y + lh // 2), 12, pal.faint,
                   anchor="midleft")
    by = rect.y + lh + round(3 * s)
    bar(surface, pygame.Rect(rect.x, by, rect.width, round(7 * s)), frac, colour, pal.bg_deep, round(3 * s))
    # a tick at the start value's side that is good, so the colour is never the only cue
    tick_x = rect.x if good == "low" else rect.right - 1
    pygame.draw.line(surface, pal.dim, (tick_x, by - round(2 * s)), (tick_x, by + round(8 * s)), max(1, round(s)))


def seat(surface: pygame.Surface, fonts: Fonts, centre: tuple[int, int], radius: int, colour: Colour,
         short: str, pal: Palette, ring: Colour | None = None, ring_w: int = 0) -> None:
    """An actor's marker: a disc in its colour with its short name."""
    if ring is not None:
        pygame.draw.circle(surface, ring, centre, radius + ring_w + 2)
        pygame.draw.circle(surface, pal.bg, centre, radius + 2)
    pygame.draw.circle(surface, colour, centre, radius)
    room = radius * 2 - max(4, radius // 3)
    big = max(10.0, min(22.0, radius / fonts.factor * 0.75))
    # the short name if it fits nearly as large as the rest, else its first three letters
    text = short if fonts.width(short, big * 0.85, True) <= room else short[:3]
    size = big
    while size > 8 and fonts.width(text, size, True) > room:
        size -= 1
    fonts.draw(surface, text, centre, size, pal.ink_on(colour), bold=True, anchor="center")


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
               values: list[float], lo: float, hi: float, good: str, marks: list[int] | None = None) -> None:
    """One indicator over the turns: a small chart with its axis, start and end values."""
    s = scale
    panel(surface, rect, pal, s, fill=pal.bg_deep, radius=8)
    pad = round(10 * s)
    fonts.draw(surface, title, (rect.x + pad, rect.y + round(6 * s)), 13, pal.ink, bold=True,
               max_width=rect.width - 2 * pad)
    plot = pygame.Rect(rect.x + round(34 * s), rect.y + round(30 * s), rect.width - round(46 * s),
                       rect.height - round(54 * s))
    for frac in (0.0, 0.5, 1.0):
        y = plot.bottom - round(frac * plot.height)
        pygame.draw.line(surface, pal.panel_edge, (plot.x, y), (plot.right, y), 1)
        fonts.draw(surface, f"{lo + frac * (hi - lo):.0f}", (plot.x - round(6 * s), y), 11, pal.faint,
                   anchor="midright")
    # the better half is shaded, so the direction reads without colour
    better = pygame.Rect(plot.x, plot.y if good == "high" else plot.centery, plot.width, plot.height // 2)
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
