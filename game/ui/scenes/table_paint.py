"""What the table screen draws: the seats around the table, the public positions, the gauges,
the agreements, and the text of the log. Everything here reads an Observation."""

from __future__ import annotations

import math

import pygame

from game.core.model import Scenario
from game.core.observe import Observation
from game.core.state import LogEntry
from game.present import words
from game.ui import draw
from game.ui.text import Fonts, markup
from game.ui.theme import Palette, mix, to_hex

FILTERS = {
    "all": ("All", None),
    "news": ("News", {"news", "ending"}),
    "talks": ("Diplomacy", {"proposal", "counter", "accept", "reject", "statement", "agreement", "expired"}),
    "private": ("Private", None),
    "results": ("Results", {"move", "outcome", "suspended", "restored", "violation", "detected", "collapsed",
                            "kept", "trust", "ending"}),
}
PAGE = 40
KIND_LABEL = words.KIND_LABEL  # kept here for the scenes that import it from the table


def _hex(c) -> str:
    return to_hex(c)


def filtered(log: tuple[LogEntry, ...], key: str) -> list[LogEntry]:
    _, kinds = FILTERS.get(key, FILTERS["all"])
    if key == "private":
        return [e for e in log if e.visible is not None]
    if kinds is None:
        return list(log)
    return [e for e in log if e.kind in kinds]


def log_html(obs: Observation, sc: Scenario, pal: Palette, key: str, page: int) -> tuple[str, int]:
    """The log as text-box markup, newest first, one page; and the number of pages."""
    entries = filtered(obs.log, key)
    pages = max(1, math.ceil(len(entries) / PAGE))
    page = max(0, min(page, pages - 1))
    end = len(entries) - page * PAGE
    chunk = entries[max(0, end - PAGE):end][::-1]
    if not chunk:
        return f"<font color='{_hex(pal.dim)}'>Nothing here yet.</font>", pages
    colours = {"news": pal.accent, "agreement": pal.good, "violation": pal.bad, "detected": pal.bad,
               "collapsed": pal.bad, "move": pal.warn, "outcome": pal.warn, "message": pal.dim,
               "ending": pal.accent, "reject": pal.bad, "accept": pal.good}
    out = []
    turn = None
    for e in chunk:
        if e.turn != turn:
            turn = e.turn
            date = words.long_date(sc.date_of_turn(turn))
            out.append(f"<font color='{_hex(pal.faint)}'><b>TURN {turn}  ·  {date}</b></font>")
        label = KIND_LABEL.get(e.kind, e.kind.upper())
        colour = _hex(colours.get(e.kind, pal.dim))
        text = markup(e.text)
        if e.visible is not None:
            text = f"<i>{text}</i>"
        out.append(f"<font color='{colour}'><b>{label}</b></font>  {text}")
    return "<br>".join(out), pages


def seat_positions(n: int, rect: pygame.Rect) -> list[tuple[int, int]]:
    """Places around an oval table, the first at the bottom (the viewer's side), going clockwise."""
    cx, cy = rect.center
    rx, ry = rect.width * 0.40, rect.height * 0.36
    return [(round(cx + rx * math.sin(2 * math.pi * i / n)), round(cy + ry * math.cos(2 * math.pi * i / n)))
            for i in range(n)]


def seat_order(obs: Observation) -> list[int]:
    """Seat indices rotated so the viewer sits at the bottom."""
    ids = [a.id for a in obs.actors]
    me = ids.index(obs.actor) if obs.actor in ids else 0
    return [(me + k) % len(ids) for k in range(len(ids))]


def paint_table(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, obs: Observation, pal: Palette,
                scale: float, to_move: str | None) -> dict[str, tuple[int, int, int]]:
    """The negotiating table; returns each actor's seat (x, y, radius) for live drawing and hovering."""
    s = scale
    table = rect.inflate(-round(190 * s), -round(140 * s))
    table.centery += round(4 * s)
    pygame.draw.ellipse(surface, pal.table_edge, table.inflate(round(10 * s), round(10 * s)))
    pygame.draw.ellipse(surface, pal.table, table)
    fonts.draw(surface, "Agreements in force", (table.centerx, table.centery - round(10 * s)), 12, pal.ink,
               anchor="center")
    fonts.draw(surface, str(sum(1 for a in obs.agreements if not a.suspended)),
               (table.centerx, table.centery + round(12 * s)), 22, pal.accent, bold=True, anchor="center")
    order = seat_order(obs)
    spots = seat_positions(len(order), rect.inflate(-round(20 * s), -round(56 * s)).move(0, round(18 * s)))
    out = {}
    r = round(22 * s)
    for k, (x, y) in zip(order, spots):
        view = obs.actors[k]
        colour = pal.actor_colour(view.colour, k)
        ring = pal.focus if view.id == to_move else None
        draw.seat(surface, fonts, (x, y), r, colour, view.short_name, pal, ring=ring, ring_w=round(3 * s))
        name = view.name + (" (you)" if view.id == obs.actor else "")
        # labels go outward: above the seats on the far side of the table, below the others
        above = y < rect.centery - r
        lh12, lh11 = fonts.line_height(12), fonts.line_height(11)
        gap = round(3 * s)
        name_y = y - r - gap - lh12 if above else y + r + gap
        if above and view.id != obs.actor:
            name_y -= lh11 + round(7 * s)
        fonts.draw(surface, name, (x, name_y), 12, pal.ink, bold=view.id == obs.actor, anchor="midtop",
                   max_width=round(150 * s))
        if view.id != obs.actor:
            t = view.trust_in_you
            bar_r = pygame.Rect(0, 0, round(56 * s), round(5 * s))
            bar_r.midtop = (x, name_y + lh12 + round(1 * s))
            draw.bar(surface, bar_r, t / 100, mix(pal.bad, pal.good, t / 100), pal.bg_deep, 2)
            fonts.draw(surface, f"trusts you {t:.0f}", (x, bar_r.bottom + round(1 * s)), 11, pal.dim,
                       anchor="midtop")
        out[view.id] = (x, y, r)
    return out


def paint_positions(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, obs: Observation, pal: Palette,
                    scale: float) -> list[tuple[pygame.Rect, str]]:
    """Each actor's stated position on each joint move, and the level in force; hover boxes."""
    s = scale
    hovers: list[tuple[pygame.Rect, str]] = []
    draw.heading(surface, fonts, "Public positions", (rect.x, rect.y), pal, size=13)
    order = seat_order(obs)
    name_w = round(140 * s)
    cols = 1 + len(order)
    col_w = max(round(30 * s), (rect.width - name_w) // cols)
    top = rect.y + round(22 * s)
    # headers alternate between two lines, so each may be two columns wide
    for c in range(cols):
        cx = rect.x + name_w + c * col_w + col_w // 2
        ty = top + (fonts.line_height(11) if c % 2 else 0)
        if c == 0:
            fonts.draw(surface, "in force", (cx, ty), 11, pal.accent, bold=True, anchor="midtop",
                       max_width=2 * col_w - 4)
            continue
        k = order[c - 1]
        view = obs.actors[k]
        colour = pal.actor_colour(view.colour, k)
        fonts.draw(surface, view.short_name, (cx, ty), 11, colour, bold=True, anchor="midtop", max_width=2 * col_w - 4)
    top += fonts.line_height(11)
    n = max(1, len(obs.joint_moves))
    foot = fonts.line_height(11) + round(6 * s)
    row_h = max(fonts.line_height(12) + round(2 * s), min(round(30 * s), (rect.bottom - top - round(6 * s) - foot) // n))
    y = top + fonts.line_height(11) + round(4 * s)
    gap = max(1, round(2 * s))
    mh = max(4, round(8 * s))
    pw = col_w - round(10 * s)
    for i, jm in enumerate(obs.joint_moves):
        if i % 2 == 0:
            pygame.draw.rect(surface, pal.bg_deep, (rect.x - round(4 * s), y, rect.width + round(8 * s), row_h),
                             border_radius=round(4 * s))
        cy = y + row_h // 2
        fonts.draw(surface, jm.name, (rect.x, cy), 12, pal.ink, anchor="midleft", max_width=name_w - round(8 * s))
        hovers.append((pygame.Rect(rect.x, y, name_w, row_h), jm.description or jm.name))
        count = len(jm.variants)
        level = obs.levels[jm.id]
        x0 = rect.x + name_w + (col_w - pw) // 2
        draw.meter(surface, pygame.Rect(x0, cy - mh // 2, pw, mh), count, level, pal.accent, pal.panel_edge, gap)
        agreement = next((a for a in obs.agreements if a.move == jm.id), None)
        state = "in force" if agreement and not agreement.suspended else ("suspended" if agreement else "status quo")
        hovers.append((pygame.Rect(rect.x + name_w, y, col_w, row_h),
                       f"{jm.name} now: {jm.variants[level].label} ({state})"))
        for c, k in enumerate(order, start=1):
            view = obs.actors[k]
            stated = view.public.get(jm.id)
            x = rect.x + name_w + c * col_w + (col_w - pw) // 2
            colour = pal.actor_colour(view.colour, k)
            if stated is None:
                fonts.draw(surface, "–", (x + pw // 2, cy), 12, pal.faint, anchor="center")
                text = f"{view.name} has stated no position on {jm.name}"
            else:
                draw.meter(surface, pygame.Rect(x, cy - mh // 2, pw, mh), count, stated, colour, pal.panel_edge, gap)
                text = f"{view.name} says: {jm.variants[stated].label}"
            hovers.append((pygame.Rect(rect.x + name_w + c * col_w, y, col_w, row_h), text))
        y += row_h
    fonts.draw(surface, "A fuller bar: a stronger variant. Hover over a cell for its name.", (rect.x, y + round(4 * s)),
               11, pal.faint, max_width=rect.width)
    return hovers


def paint_indicators(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, obs: Observation, pal: Palette,
                     scale: float) -> list[tuple[pygame.Rect, str]]:
    s = scale
    draw.heading(surface, fonts, "World indicators", (rect.x, rect.y), pal, size=13)
    prev = obs.series[-2] if len(obs.series) >= 2 else None
    n = max(1, len(obs.indicators))
    head = fonts.line_height(13) + round(8 * s)
    gh = max(fonts.line_height(14) + round(16 * s), min(round(46 * s), (rect.height - head) // n))
    y = rect.y + head
    hovers = []
    for ind in obs.indicators:
        value = obs.values[ind.id]
        delta = value - prev[ind.id] if prev is not None else None
        r = pygame.Rect(rect.x, y, rect.width, gh)
        draw.gauge(surface, fonts, r, pal, s, ind.label, value, ind.min, ind.max, ind.good, delta)
        better = "lower" if ind.good == "low" else "higher"
        text = f"{ind.label}: {value:.0f} ({ind.min:.0f}–{ind.max:.0f}, {better} is better). {ind.description}"
        hovers.append((r, text))
        y += gh
    return hovers


def paint_agreements(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, obs: Observation, sc: Scenario,
                     pal: Palette, scale: float) -> None:
    s = scale
    draw.heading(surface, fonts, "Agreements", (rect.x, rect.y), pal, size=13)
    y = rect.y + fonts.line_height(13) + round(8 * s)
    step = fonts.line_height(13) + fonts.line_height(11) + round(8 * s)
    if not obs.agreements:
        fonts.draw_wrapped(surface, "None in force. A deal becomes an agreement when every party whose consent it "
                           "needs accepts it.", pygame.Rect(rect.x, y, rect.width, rect.bottom - y), 13, pal.dim)
        return
    for a in obs.agreements:
        if y + step > rect.bottom + round(6 * s):
            fonts.draw(surface, "…", (rect.x, y), 13, pal.dim)
            break
        jm = sc.joint_move(a.move)
        colour = pal.dim if a.suspended else pal.ink
        fonts.draw(surface, f"{jm.name}: {jm.variants[a.level].label}", (rect.x, y), 13, colour, bold=True,
                   max_width=rect.width)
        since = "before the game" if a.since == 0 else f"turn {a.since}"
        duty = "  ·  it obliges you" if a.move in obs.obligations else ""
        note = "SUSPENDED  ·  " if a.suspended else ""
        parties = ", ".join(sc.actor(p).short_name for p in a.parties)
        fonts.draw(surface, f"{note}since {since}  ·  {parties}{duty}", (rect.x, y + fonts.line_height(13)), 11,
                   pal.warn if a.suspended else pal.dim, max_width=rect.width)
        y += step
