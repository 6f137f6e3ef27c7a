"""SVG charts of the balance report: shares with their intervals, score boxes, indicator bands.

Small pure functions from numbers to markup, built on ``game.report.svg`` (its coordinates,
colours and escaping): every piece of text is escaped and every colour checked here.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from game.report.svg import DIM, GOOD_FILL, GRID, INK, _n, safe_colour, value_text, x_of, y_of


def share_chart(items: Sequence[tuple[str, float, float, float]], colour: str = "#0072B2",
                width: int = 560, row: int = 22) -> str:
    """Horizontal bars of shares (0–1), one per (label, share, low, high), with the interval as a whisker."""
    label_w, value_w = 220.0, 60.0
    left = label_w + 8
    bar_w = width - left - value_w
    height = row * len(items) + 18
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="shares" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="shares of games, with 95 % intervals">')]
    for i, (label, share, low, high) in enumerate(items):
        y = 2 + i * row
        mid = y + row / 2 - 1
        text = label if len(label) <= 34 else label[:33] + "…"
        out.append(f'<text x="{_n(label_w)}" y="{_n(y + row * 0.65)}" font-size="11" text-anchor="end" '
                   f'fill="{INK}">{escape(text)}<title>{escape(label)}</title></text>')
        out.append(f'<rect x="{_n(left)}" y="{_n(y + 4)}" width="{_n(bar_w)}" height="{_n(row - 10)}" rx="2" fill="{GRID}"/>')
        out.append(f'<rect class="bar" x="{_n(left)}" y="{_n(y + 4)}" width="{_n(bar_w * share)}" '
                   f'height="{_n(row - 10)}" rx="2" fill="{safe_colour(colour)}"/>')
        x1, x2 = left + bar_w * low, left + bar_w * high
        out.append(f'<line class="ci" x1="{_n(x1)}" y1="{_n(mid)}" x2="{_n(x2)}" y2="{_n(mid)}" stroke="{INK}" stroke-width="1.5"/>')
        for x in (x1, x2):
            out.append(f'<line x1="{_n(x)}" y1="{_n(mid - 4)}" x2="{_n(x)}" y2="{_n(mid + 4)}" stroke="{INK}" stroke-width="1.5"/>')
        out.append(f'<text x="{_n(width - 4)}" y="{_n(y + row * 0.65)}" font-size="11" text-anchor="end" '
                   f'fill="{INK}">{100 * share:.1f} %</text>')
    base = 2 + len(items) * row + 12
    for frac in (0, 0.5, 1):
        out.append(f'<text x="{_n(left + bar_w * frac)}" y="{_n(base)}" font-size="9" text-anchor="middle" '
                   f'fill="{DIM}">{int(frac * 100)} %</text>')
    out.append("</svg>")
    return "".join(out)


def box_chart(items: Sequence[tuple[str, dict[str, float], str]], width: int = 560, row: int = 24) -> str:
    """One box per (label, spread, colour) on a 0–100 scale: whiskers min–max, box q1–q3, median line."""
    label_w = 170.0
    left, right = label_w + 8, width - 12.0
    height = row * len(items) + 18

    def x(v: float) -> float:
        return left + (right - left) * min(100.0, max(0.0, v)) / 100.0

    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="boxes" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="score distributions, 0 to 100">')]
    for v in (0, 25, 50, 75, 100):
        out.append(f'<line x1="{_n(x(v))}" y1="2" x2="{_n(x(v))}" y2="{_n(height - 16)}" stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{_n(x(v))}" y="{_n(height - 4)}" font-size="9" text-anchor="middle" fill="{DIM}">{v}</text>')
    for i, (label, s, colour) in enumerate(items):
        y = 2 + i * row
        mid = y + row / 2
        c = safe_colour(colour)
        out.append(f'<text x="{_n(label_w)}" y="{_n(y + row * 0.62)}" font-size="11" text-anchor="end" '
                   f'fill="{INK}">{escape(label)}</text>')
        out.append(f'<line x1="{_n(x(s["min"]))}" y1="{_n(mid)}" x2="{_n(x(s["max"]))}" y2="{_n(mid)}" '
                   f'stroke="{c}" stroke-width="1.5"/>')
        out.append(f'<rect class="box" x="{_n(x(s["q1"]))}" y="{_n(y + 5)}" width="{_n(max(1.0, x(s["q3"]) - x(s["q1"])))}" '
                   f'height="{_n(row - 10)}" fill="{c}" fill-opacity="0.35" stroke="{c}"/>')
        out.append(f'<line class="median" x1="{_n(x(s["median"]))}" y1="{_n(y + 3)}" x2="{_n(x(s["median"]))}" '
                   f'y2="{_n(y + row - 3)}" stroke="{INK}" stroke-width="2"/>')
    out.append("</svg>")
    return "".join(out)


def band_chart(title: str, points: Sequence[dict[str, float]], lo: float, hi: float, good: str = "high",
               width: int = 340, height: int = 170) -> str:
    """An indicator over the turns: the 10–90 % band of games shaded, the median as a line."""
    left, right, top, bottom = 34.0, width - 12.0, 26.0, height - 24.0
    count = len(points)
    mid = (lo + hi) / 2
    good_top = top if good == "high" else y_of(mid, lo, hi, top, bottom)
    good_bottom = y_of(mid, lo, hi, top, bottom) if good == "high" else bottom
    words = "higher is better" if good == "high" else "lower is better"
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}: {words}">'),
           f"<title>{escape(title)}</title>",
           f'<text x="{_n(left)}" y="15" font-size="12" font-weight="600" fill="{INK}">{escape(title)}</text>',
           (f'<rect x="{_n(left)}" y="{_n(good_top)}" width="{_n(right - left)}" height="{_n(good_bottom - good_top)}" '
            f'fill="{GOOD_FILL}"/>')]
    for v in (lo, mid, hi):
        y = y_of(v, lo, hi, top, bottom)
        out.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{_n(left - 5)}" y="{_n(y + 3.5)}" font-size="9" text-anchor="end" fill="{DIM}">'
                   f"{value_text(v)}</text>")
    for i, p in enumerate(points):
        label = "start" if p["turn"] == 0 else str(int(p["turn"]))
        out.append(f'<text x="{_n(x_of(i, count, left, right))}" y="{_n(bottom + 14)}" font-size="9" '
                   f'text-anchor="middle" fill="{DIM}">{label}</text>')
    if points:
        upper = [f"{_n(x_of(i, count, left, right))},{_n(y_of(p['p90'], lo, hi, top, bottom))}" for i, p in enumerate(points)]
        lower = [f"{_n(x_of(i, count, left, right))},{_n(y_of(p['p10'], lo, hi, top, bottom))}"
                 for i, p in reversed(list(enumerate(points)))]
        out.append(f'<polygon class="band" points="{" ".join(upper + lower)}" fill="#0072B2" fill-opacity="0.22"/>')
        median = " ".join(f"{_n(x_of(i, count, left, right))},{_n(y_of(p['median'], lo, hi, top, bottom))}"
                          for i, p in enumerate(points))
        out.append(f'<polyline class="median" points="{median}" fill="none" stroke="#0072B2" stroke-width="2"/>')
    out.append("</svg>")
    return "".join(out)
