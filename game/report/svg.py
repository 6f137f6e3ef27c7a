"""Charts as SVG strings: small pure functions from numbers to markup, for reports and briefs.

Every piece of text is escaped here and every colour is checked, so the strings can be placed in
a page as they are. Coordinates are rounded to one decimal; the same numbers give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

# Okabe–Ito: told apart by readers with any common colour-vision deficiency, and in grey print
GAME_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
INK = "#1d2733"
DIM = "#5b6b7c"
GRID = "#d5dce4"
GOOD_FILL = "#e7f3ec"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def safe_colour(value: object, fallback: str = DIM) -> str:
    """value if it is a '#rrggbb' colour, else fallback (a colour goes into an attribute)."""
    return value if isinstance(value, str) and _HEX.match(value) else fallback


def game_colour(index: int) -> str:
    """The colour of the index-th game in a comparison."""
    return GAME_COLOURS[index % len(GAME_COLOURS)]


def _n(x: float) -> str:
    """A coordinate: at most one decimal, no '-0', no trailing '.0'."""
    text = f"{round(x, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def value_text(x: float) -> str:
    """A value as a reader sees it: whole when it is whole, else one decimal."""
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


@dataclass(frozen=True)
class Series:
    """One line of a chart: a name, its values (start, then after each turn) and a colour."""

    label: str
    values: tuple[float, ...]
    colour: str


def y_of(value: float, lo: float, hi: float, top: float, bottom: float) -> float:
    """The y coordinate of a value on an axis from lo (at bottom) to hi (at top), clamped."""
    if hi <= lo:
        return (top + bottom) / 2
    frac = (min(hi, max(lo, value)) - lo) / (hi - lo)
    return bottom - frac * (bottom - top)


def x_of(index: int, count: int, left: float, right: float) -> float:
    """The x coordinate of the index-th of count points spread from left to right."""
    if count <= 1:
        return (left + right) / 2
    return left + index * (right - left) / (count - 1)


def line_chart(title: str, series: Sequence[Series], lo: float, hi: float, good: str = "high",
               marks: Sequence[int] = (), width: int = 340, height: int = 170) -> str:
    """A line chart of one indicator over the turns, one line per series.

    Point i of a series is its value after turn i (point 0: at the start). The better half of the
    range is shaded; ``marks`` are turns drawn as dashed vertical lines (e.g. new agreements).
    """
    left, right, top, bottom = 34.0, width - 12.0, 26.0, height - 24.0
    count = max((len(s.values) for s in series), default=0)
    mid = (lo + hi) / 2
    good_top = top if good == "high" else y_of(mid, lo, hi, top, bottom)
    good_bottom = y_of(mid, lo, hi, top, bottom) if good == "high" else bottom
    words = "higher is better" if good == "high" else "lower is better"
    if good == "none":  # a bookkeeping count: no better half
        good_top = good_bottom = top
        words = "a count, neither better nor worse"
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}: {words}">'),
           f"<title>{escape(title)}</title>",
           (f'<text x="{_n(left)}" y="15" class="ct" font-size="12" font-weight="600" fill="{INK}">'
           f"{escape(title)}</text>"),
           (f'<rect class="good" x="{_n(left)}" y="{_n(good_top)}" width="{_n(right - left)}" '
           f'height="{_n(good_bottom - good_top)}" fill="{GOOD_FILL}"/>') if good != "none" else ""]
    for v in (lo, mid, hi):
        y = y_of(v, lo, hi, top, bottom)
        out.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" stroke="{GRID}" '
                   f'stroke-width="1"/>')
        out.append(f'<text x="{_n(left - 5)}" y="{_n(y + 3.5)}" font-size="9" text-anchor="end" '
                   f'fill="{DIM}">{value_text(v)}</text>')
    for turn in sorted(set(marks)):
        if 0 <= turn < count:
            x = x_of(turn, count, left, right)
            out.append(f'<line class="mark" x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}" '
                       f'stroke="{DIM}" stroke-width="1" stroke-dasharray="3 3"/>')
    for i in range(count):
        label = "start" if i == 0 else str(i)
        if count > 12 and i % 2 and i != count - 1:
            continue
        out.append(f'<text x="{_n(x_of(i, count, left, right))}" y="{_n(bottom + 14)}" font-size="9" '
                   f'text-anchor="middle" fill="{DIM}">{label}</text>')
    for s in series:
        colour = safe_colour(s.colour)
        points = " ".join(f"{_n(x_of(i, count, left, right))},{_n(y_of(v, lo, hi, top, bottom))}"
                          for i, v in enumerate(s.values))
        if not points:
            continue
        out.append(f'<polyline class="series" points="{points}" fill="none" stroke="{colour}" '
                   f'stroke-width="2" stroke-linejoin="round" stroke-linecap="round">'
                   f"<title>{escape(s.label)}</title></polyline>")
        last = len(s.values) - 1
        x, y = x_of(last, count, left, right), y_of(s.values[-1], lo, hi, top, bottom)
        out.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="{colour}"/>')
        if len(series) == 1:
            out.append(f'<text class="end" x="{_n(x)}" y="{_n(y - 6)}" font-size="10" font-weight="600" '
                       f'text-anchor="end" fill="{INK}">{value_text(s.values[-1])}</text>')
    out.append("</svg>")
    return "".join(out)


def bar_chart(items: Sequence[tuple[str, float, str]], maximum: float = 100.0, width: int = 420,
              row: int = 22) -> str:
    """Horizontal bars, one per (label, value, colour), on a scale from 0 to maximum."""
    label_w, value_w = 150.0, 34.0
    bar_left = label_w + 8
    bar_w = width - bar_left - value_w
    height = row * len(items) + 4
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="scores">')]
    for i, (label, value, colour) in enumerate(items):
        y = 2 + i * row
        frac = 0.0 if maximum <= 0 else min(1.0, max(0.0, value / maximum))
        out.append(f'<text x="{_n(label_w)}" y="{_n(y + row * 0.65)}" font-size="11" text-anchor="end" '
                   f'fill="{INK}">{escape(label)}</text>')
        out.append(f'<rect x="{_n(bar_left)}" y="{_n(y + 3)}" width="{_n(bar_w)}" height="{_n(row - 8)}" '
                   f'rx="3" fill="{GRID}"/>')
        out.append(f'<rect class="bar" x="{_n(bar_left)}" y="{_n(y + 3)}" width="{_n(bar_w * frac)}" '
                   f'height="{_n(row - 8)}" rx="3" fill="{safe_colour(colour)}"/>')
        out.append(f'<text x="{_n(bar_left + bar_w + 6)}" y="{_n(y + row * 0.65)}" font-size="11" '
                   f'font-weight="600" fill="{INK}">{value_text(value)}</text>')
    out.append("</svg>")
    return "".join(out)
