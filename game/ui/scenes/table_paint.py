"""What the table screen draws: the seats around the table, the public positions, the gauges,
the agreements, and the text of the log. Everything here reads an Observation."""

from __future__ import annotations

import math

import pygame

from game.core.model import Scenario
from game.core.observe import Observation
from game.core.state import LogEntry
from game.present import agreements, changes, digest, words
from game.present.entries import entry_text
from game.ui import draw
from game.ui.text import Fonts, markup
from game.ui.theme import Palette, mix, to_hex

FILTERS = digest.FILTERS  # the same filters for the digest, the log and every other renderer
PAGE = 40
KIND_LABEL = words.KIND_LABEL  # kept here for the scenes that import it from the table


def _hex(c) -> str:
    return to_hex(c)


def filtered(log: tuple[LogEntry, ...], key: str) -> list[LogEntry]:
    return digest.filtered(log, key)


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
        text = markup(entry_text(e, sc, obs.proposals))
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


def seat_spots(rect: pygame.Rect, n: int, scale: float) -> list[tuple[int, int]]:
    """Where the seats of the table drawn in rect sit (the same for painting and for their buttons)."""
    return seat_positions(n, rect.inflate(-round(20 * scale), -round(56 * scale)).move(0, round(18 * scale)))


def seat_order(obs: Observation) -> list[int]:
    """Seat indices rotated so the viewer sits at the bottom."""
    ids = [a.id for a in obs.actors]
    me = ids.index(obs.actor) if obs.actor in ids else 0
    return [(me + k) % len(ids) for k in range(len(ids))]


def label_room(spots: list[tuple[int, int]], i: int, rect: pygame.Rect, line_h: int, margin: int) -> int:
    """How wide the label centred under or over seat i may be: it stays inside the panel and
    clear of the labels of seats at about the same height."""
    x, y = spots[i]
    room = 2 * min(x - rect.left, rect.right - x) - 2 * margin
    for j, (xj, yj) in enumerate(spots):
        if j != i and abs(yj - y) < 3 * line_h:
            room = min(room, abs(xj - x) - margin)
    return max(line_h, room)


def paint_table(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, obs: Observation, pal: Palette,
                scale: float, to_move: str | None
                ) -> tuple[dict[str, tuple[int, int, int]], list[tuple[pygame.Rect, str]]]:
    """The negotiating table; each actor's seat (x, y, radius) for live drawing, and hover boxes."""
    s = scale
    table = rect.inflate(-round(190 * s), -round(140 * s))
    table.centery += round(4 * s)
    pygame.draw.ellipse(surface, pal.table_edge, table.inflate(round(10 * s), round(10 * s)))
    pygame.draw.ellipse(surface, pal.table, table)
    label = fonts.draw(surface, "Agreements in force", (table.centerx, table.centery), 12, pal.ink,
                       anchor="midbottom", max_width=table.width - round(20 * s))
    fonts.draw(surface, str(sum(1 for a in obs.agreements if not a.suspended)), (table.centerx, label.bottom), 22,
               pal.accent, bold=True, anchor="midtop")
    order = seat_order(obs)
    spots = seat_spots(rect, len(order), s)
    out = {}
    hovers = []
    r = round(22 * s)
    lh12, lh11 = fonts.line_height(12), fonts.line_height(11)
    for i, (k, (x, y)) in enumerate(zip(order, spots)):
        view = obs.actors[k]
        colour = pal.actor_colour(view.colour, k)
        ring = pal.focus if view.id == to_move else None
        draw.seat(surface, fonts, (x, y), r, colour, view.short_name, pal, ring=ring, ring_w=round(3 * s))
        you = view.id == obs.actor
        # labels go outward: above the seats on the far side of the table, below the others
        above = y < rect.centery - r
        gap = round(3 * s)
        name_y = y - r - gap - lh12 if above else y + r + gap
        if above and not you:
            name_y -= lh11 + round(7 * s)
        room = label_room(spots, i, rect, lh12, round(6 * s))
        nr = fonts.draw(surface, view.name, (x, name_y), 12, pal.ink, bold=you, anchor="midtop", max_width=room)
        if you:  # beside the disc, not below it: the viewer's seat is at the bottom edge of the table
            fonts.draw(surface, "you", (x + r + round(8 * s), y), 12, pal.accent, bold=True, anchor="midleft")
            text = f"{view.name}: you."
        else:
            t = view.trust_in_you
            bar_r = pygame.Rect(0, 0, round(56 * s), round(5 * s))
            bar_r.midtop = (x, name_y + lh12 + round(1 * s))
            draw.bar(surface, bar_r, t / 100, mix(pal.bad, pal.good, t / 100), pal.bg_deep, 2)
            fonts.draw(surface, f"{words.verb(view, 'trusts')} you {t:.0f}", (x, bar_r.bottom + round(1 * s)), 11,
                       pal.dim,
                       anchor="midtop", max_width=room)
            text = (f"{view.name}: {view.description} Trust in you: {t:.0f} of 100 "
                    f"({words.trust_words(t)}).")
        hovers.append((pygame.Rect(x - r, y - r, 2 * r, 2 * r).union(nr), text))
        out[view.id] = (x, y, r)
    return out, hovers


def paint_positions(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, obs: Observation, pal: Palette,
                    scale: float, sc: Scenario) -> list[tuple[pygame.Rect, str]]:
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
    y = top + fonts.line_height(11) + round(4 * s)
    row_h = max(fonts.line_height(12) + round(2 * s), min(round(30 * s), (rect.bottom - y - foot) // n))
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
        hovers.append((pygame.Rect(rect.x + name_w, y, col_w, row_h), agreements.agreement_status(obs, sc, jm.id)))
        for c, k in enumerate(order, start=1):
            view = obs.actors[k]
            stated = view.public.get(jm.id)
            x = rect.x + name_w + c * col_w + (col_w - pw) // 2
            colour = pal.actor_colour(view.colour, k)
            if stated is None:
                fonts.draw(surface, "–", (x + pw // 2, cy), 12, pal.faint, anchor="center")
                text = f"{words.subject(view, 'has')} stated no position on {jm.name}"
            else:
                draw.meter(surface, pygame.Rect(x, cy - mh // 2, pw, mh), count, stated, colour, pal.panel_edge, gap)
                text = f"{words.subject(view, 'says')}: {jm.variants[stated].label}"
            never = view.red_lines.get(jm.id)
            if never:  # format 1.1: a public red line, underlined in red under the variants it refuses
                seg = max(2, (pw - gap * (count - 1)) // max(1, count))
                for lv in never:
                    pygame.draw.rect(surface, pal.bad, (x + lv * (seg + gap), cy + mh // 2 + max(1, round(2 * s)),
                                                        seg, max(2, round(2 * s))))
                text += (f"; never {words.join([jm.variants[lv].label for lv in never])} "
                         "(a red line it has stated in public)")
            hovers.append((pygame.Rect(rect.x + name_w + c * col_w, y, col_w, row_h), text))
        y += row_h
    ends = agreements.calendar_lines(obs, sc)  # format 1.1: when each agreement with a term lapses
    foot_text = "; ".join(ends) + "." if ends else "A fuller bar: a stronger variant. Hover over a cell for its name."
    fonts.draw(surface, foot_text, (rect.x, y + round(4 * s)), 11, pal.warn if ends else pal.faint, max_width=rect.width)
    return hovers


def trend_of(obs: Observation, ind, delta: float | None, pal: Palette):
    """(delta, its text, its colour) for the gauge, or None when it is steady; coloured for the viewer."""
    if delta is None or words.delta_text(delta) == "0":
        return None
    verdict = changes.verdict(changes.leaning(obs.me.goals, ind), delta)
    colour = {"good": pal.good, "bad": pal.bad, "none": pal.dim}[verdict]
    return delta, words.delta_text(delta), colour


def paint_indicators(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, obs: Observation, pal: Palette,
                     scale: float, trends: dict[str, float]) -> list[tuple[pygame.Rect, str]]:
    """The gauges; trends are the latest report's changes (the same numbers as "Why did the
    indicators change?"). The viewer's own goals have a dot; colours are good or bad for the viewer."""
    s = scale
    head_r = draw.heading(surface, fonts, "World indicators", (rect.x, rect.y), pal, size=13)
    hovers = []
    if obs.me.goals:  # the legend of the dots, and what the colours mean
        dot = max(2, round(3.5 * s))
        lx = head_r.right + round(12 * s)
        legend = fonts.draw(surface, "your goals", (lx + 2 * dot + round(4 * s), head_r.centery), 11, pal.dim,
                            anchor="midleft", max_width=rect.right - lx - 2 * dot - round(4 * s))
        pygame.draw.circle(surface, pal.accent, (lx + dot, head_r.centery), dot)
        hovers.append((pygame.Rect(lx, head_r.y, legend.right - lx, head_r.height),
                       ("A dot marks an indicator you are scored on: its colours say whether a value or a change "
                        "is good or bad for you. The others are coloured by what is better for the world.")))
    n = max(1, len(obs.indicators))
    head = fonts.line_height(13) + round(8 * s)
    gh = max(fonts.line_height(14) + round(16 * s), min(round(46 * s), (rect.height - head) // n))
    y = rect.y + head
    for ind in obs.indicators:
        value = obs.values[ind.id]
        lean = changes.leaning(obs.me.goals, ind)
        r = pygame.Rect(rect.x, y, rect.width, gh)
        delta = trends.get(ind.id)
        draw.gauge(surface, fonts, r, pal, s, ind.label, value, ind.min, ind.max, lean.want, words.value(value),
                   trend_of(obs, ind, delta, pal), mine=lean.mine)
        since = f" Since the last turn's table: {words.delta_text(delta)}." if delta else ""
        text = (f"{ind.label}: {words.value(value)} (from {words.value(ind.min)} to {words.value(ind.max)}).{since} "
                f"{lean.note} {ind.description}")
        hovers.append((r, text))
        y += gh
    return hovers


def agreement_lines(obs: Observation, sc: Scenario) -> list[tuple[str, str, bool]]:
    """(title, details, suspended) of every agreement in force or suspended."""
    out = []
    for a in obs.agreements:
        jm = sc.joint_move(a.move)
        since = "before the game" if a.since == 0 else f"turn {a.since}"
        duty = "  ·  it obliges you" if a.move in obs.obligations else ""
        note = "SUSPENDED  ·  " if a.suspended else ""
        parties = ", ".join(sc.actor(p).short_name for p in a.parties)
        if a.signed:  # format 1.1: parallel signatures, each with the mediator
            via = ", ".join(sc.actor(x).short_name for x in a.mediators)
            parties = f"each with {via}: " + ", ".join("+".join(sc.actor(x).short_name for x in g) for g in a.signed)
        elif a.mediators:
            parties += f" (via {', '.join(sc.actor(x).short_name for x in a.mediators)})"
        ends = f"  ·  ends after T{a.expires}" if a.expires is not None else ""
        out.append((f"{jm.name}: {jm.variants[a.level].label}", f"{note}since {since}{ends}  ·  {parties}{duty}",
                    a.suspended))
    pending = {s[0] for s in obs.signatures}
    for move in sorted(pending):
        jm = sc.joint_move(move)
        level = [s[1] for s in obs.signatures if s[0] == move][-1]
        out.append((f"{jm.name}: {jm.variants[level].label}",
                    "NOT YET IN FORCE  ·  " + agreements.signed_text(obs, sc, move, short=True), True))
    return out


def paint_agreements(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, obs: Observation, sc: Scenario,
                     pal: Palette, scale: float) -> list[tuple[pygame.Rect, str]]:
    """Every agreement: two lines each when they fit, one line each when not; when even that does
    not fit, the last line says how many more, and hovering over the list shows them all."""
    s = scale
    draw.heading(surface, fonts, "Agreements", (rect.x, rect.y), pal, size=13)
    y = rect.y + fonts.line_height(13) + round(8 * s)
    lines = agreement_lines(obs, sc)
    if not lines:
        fonts.draw_wrapped(surface, "None in force. A deal becomes an agreement when every party whose consent it "
                           "needs accepts it.", pygame.Rect(rect.x, y, rect.width, rect.bottom - y), 13, pal.dim)
        return []
    room = rect.bottom - y
    two = fonts.line_height(13) + fonts.line_height(11) + round(8 * s)
    one = fonts.line_height(13) + round(4 * s)
    hovers = []
    full = "\n".join(f"{t} ({d})" for t, d, _ in lines)
    if two * len(lines) <= room:
        for title, details, suspended in lines:
            fonts.draw(surface, title, (rect.x, y), 13, pal.dim if suspended else pal.ink, bold=True,
                       max_width=rect.width)
            fonts.draw(surface, details, (rect.x, y + fonts.line_height(13)), 11, pal.warn if suspended else pal.dim,
                       max_width=rect.width)
            hovers.append((pygame.Rect(rect.x, y, rect.width, two), f"{title}. {details}."))
            y += two
        return hovers
    fit = max(1, room // one)
    shown = lines if len(lines) <= fit else lines[:fit - 1]
    for title, details, suspended in shown:
        fonts.draw(surface, title, (rect.x, y), 13, pal.dim if suspended else pal.ink, bold=True, max_width=rect.width)
        hovers.append((pygame.Rect(rect.x, y, rect.width, one), f"{title}. {details}."))
        y += one
    if len(shown) < len(lines):
        more = len(lines) - len(shown)
        fonts.draw(surface, f"+ {more} more: hover here to see them all", (rect.x, y), 13, pal.accent,
                   max_width=rect.width)
        hovers.append((pygame.Rect(rect.x, rect.y, rect.width, rect.height), full))
    return hovers
