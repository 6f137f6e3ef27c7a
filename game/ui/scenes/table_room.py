"""Reading the room on the table screen: the round digest's text, the standing card, the list of
what is at stake and where each item leads, and the see-through buttons on the seats that open
the dossiers. The data comes from ``game.present`` (digest, standing, stakes); this module only
lays it out for pygame."""

from __future__ import annotations

import math

import pygame

from game.core.model import Scenario
from game.core.observe import Observation
from game.present import words
from game.present.digest import digest, digest_turns
from game.present.standing import points_text
from game.ui.scenes import table_paint as tp
from game.ui.text import Fonts, markup
from game.ui.theme import Palette, to_hex

TURNS_PER_PAGE = 2
WHY_CHARS = 110  # a reason longer than this is cut in the digest (the full log keeps it whole)
STAKES_SHOWN = 3


def digest_html(obs: Observation, sc: Scenario, pal: Palette, key: str, page: int) -> tuple[str, int]:
    """The digest as text-box markup, newest turn first, a page of turns; and the number of pages."""
    turns = digest_turns(obs, key)
    pages = max(1, math.ceil(len(turns) / TURNS_PER_PAGE))
    page = max(0, min(page, pages - 1))
    chunk = digest(obs, sc, key, set(turns[page * TURNS_PER_PAGE:(page + 1) * TURNS_PER_PAGE]))
    if not chunk:
        return f"<font color='{to_hex(pal.dim)}'>Nothing here yet.</font>", pages
    colours = {"news": pal.accent, "agreement": pal.good, "violation": pal.bad, "detected": pal.bad,
               "collapsed": pal.bad, "move": pal.warn, "outcome": pal.warn, "message": pal.dim,
               "ending": pal.accent, "reject": pal.bad, "accept": pal.good}
    dim, faint = to_hex(pal.dim), to_hex(pal.faint)
    out = []
    for g in chunk:
        when = g["when"]
        head = f"{g['title'].upper()}" + (f"  ·  {when}" if when else "")
        items = g["mine"] + g["rest"] + g["yours"]
        folded = sum(i["count"] for i in items) - len(items)
        more = f"  ·  {words.plural_s(folded, 'repeat')} folded" if folded else ""
        out.append(f"<font color='{dim}'><b>{markup(head)}</b>{more}</font>")
        for part, title in ((g["mine"], "For you"), (g["rest"], "Elsewhere"), (g["yours"], "By you")):
            if not part:
                continue
            out.append(f"<font color='{to_hex(pal.accent)}'><i>{title}</i></font>")
            for i in part:
                colour = to_hex(colours.get(i["kind"], pal.dim))
                text = markup(i["text"])
                if i["kind"] == "message":  # a private word; the deals one is party to are private too
                    text = f"<i>{text}</i>"
                # a proposer's own reason repeats its terms; an answer's or a statement's says why
                why = "" if i["kind"] in ("proposal", "counter") else i["why"]
                if why:
                    why = why if len(why) <= WHY_CHARS else why[:WHY_CHARS - 1].rstrip() + "…"
                    text += f" <font color='{faint}'>— {markup(why)}</font>"
                out.append(f"<font color='{colour}'><b>{i['label']}</b></font>  {text}")
        out.append("")
    while out and out[-1] == "":
        out.pop()
    return "<br>".join(out), pages


def spark(surface: pygame.Surface, rect: pygame.Rect, values: list[float], colour, back, scale: float) -> None:
    """A small line of the score over the turns (0-100 high)."""
    pygame.draw.rect(surface, back, rect, border_radius=max(2, round(3 * scale)))
    if len(values) < 2:
        return
    pad = max(2, round(3 * scale))
    inner = rect.inflate(-2 * pad, -2 * pad)
    lo, hi = min(values), max(values)
    if hi - lo < 10:  # a flat line stays flat: at least ten points of height
        mid = (hi + lo) / 2
        lo, hi = mid - 5, mid + 5
    pts = [(inner.x + round(inner.width * k / (len(values) - 1)),
            inner.bottom - round(inner.height * (v - lo) / (hi - lo))) for k, v in enumerate(values)]
    pygame.draw.lines(surface, colour, False, pts, max(1, round(2 * scale)))
    pygame.draw.circle(surface, colour, pts[-1], max(2, round(3 * scale)))


def standing_height(fonts: Fonts, scale: float) -> float:
    """The card's height at a scale of 1."""
    return (fonts.line_height(14, True) + fonts.line_height(12)) / scale + 14


def paint_standing(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, st: dict, pal: Palette,
                   scale: float) -> list[tuple[pygame.Rect, str]]:
    """Your score now, its trend (a line over the turns and the change) and what moved it last."""
    s = scale
    pygame.draw.rect(surface, pal.bg_deep, rect, border_radius=round(6 * s))
    x, y = rect.x + round(8 * s), rect.y + round(5 * s)
    line_w = round(48 * s)
    spark_r = pygame.Rect(rect.right - round(8 * s) - line_w, y + round(2 * s), line_w,
                          fonts.line_height(14, True) - round(2 * s))
    head = fonts.draw(surface, f"You: {st['score_text']} of 100", (x, y), 14, pal.accent, bold=True,
                      max_width=spark_r.x - x - round(8 * s))
    change = st["change"]
    colour = pal.good if change >= 0.5 else pal.bad if change <= -0.5 else pal.dim
    fonts.draw(surface, st["change_text"], (head.right + round(8 * s), head.centery), 12, colour, anchor="midleft",
               max_width=max(1, spark_r.x - head.right - round(14 * s)))
    spark(surface, spark_r, [p["score"] for p in st["points"]], pal.accent, pal.panel, s)
    last = f"Last moved by: {st['last']}" if st["moved"] else "Nothing has moved your score yet."
    fonts.draw(surface, last, (x, head.bottom), 12, pal.dim, max_width=rect.width - round(16 * s))
    lines = [f"Your score now: {st['score_text']} of 100 ({st['change_text']}).",
             "After each turn: " + ", ".join(f"{words.value(p['score'])}" for p in st["points"][:-1]) + "."]
    lines += [f"{m['text']}: {points_text(m['points'])}" + (f" (mostly: {m['mostly']})" if m.get("mostly") else "")
              + "." for m in st["moved"][:4]]
    return [(rect, " ".join(lines))]


def stake_labels(items: list[dict], fonts: Fonts, width: float, scale: float) -> list[tuple[str, str, str]]:
    """(button name, shown text, full text) for the first few stakes; the text fits the width."""
    out = []
    for k, item in enumerate(items[:STAKES_SHOWN]):
        arrow = "→ " if item["act"]["to"] in ("answer", "propose", "actions", "dossier") else "• "
        full = item["text"]
        shown = fonts.fit(arrow + item["short"], 14, round((width - 20) * scale))
        out.append((f"stake:{k}", shown, full))
    return out


def stake_tip(item: dict) -> str:
    where = {"answer": "Open the proposal to answer it", "propose": "Open the proposal builder",
             "actions": "Choose your actions", "dossier": "Open that actor's dossier",
             "why": "See why the indicators moved"}[item["act"]["to"]]
    return f"{item['text']}. {where}."


def build_seats(scene, obs) -> None:
    """An invisible button on every other actor's seat: a click, or Tab and Enter, or its number
    key opens its dossier."""
    (a_x, a_w), _, _ = scene.cols()
    top = 64 + scene.y0()
    table_h = min(300, (scene.H - 72 - top) * 0.5)
    spots = tp.seat_spots(scene.rect(a_x, top, a_w, table_h), len(obs.actors), scene.app.geometry.scale)
    r = scene.u(24)
    n = 0
    for k, (x, y) in zip(tp.seat_order(obs), spots):
        view = obs.actors[k]
        if view.id == obs.actor:
            continue
        n += 1
        scene.button(f"seat:{view.id}", pygame.Rect(x - r, y - r, 2 * r, 2 * r), "", kind="@seat",
                     key=str(n) if n < 10 else None,
                     tip=f"{view.name}: open the dossier (what it said and did, and what it seems to want)")


def act_on(scene, item: dict) -> None:
    """Go where a stake says to act: the proposal to answer, the builder, the actions, a dossier."""
    m, app = scene.match, scene.app
    to, ref = item["act"]["to"], item["act"]["ref"]
    mine = m.my_turn()
    if to == "answer" and mine and m.obs().open_to_me():
        app.push(app.scene("incoming", ref))
    elif to == "propose" and mine and m.obs().phase == "diplomacy" and m.obs().budget > 0:
        app.push(app.scene("builder"))
    elif to == "actions" and mine and m.obs().phase == "actions":
        app.push(app.scene("actions"))
    elif to == "dossier" and ref:
        app.push(app.scene("dossier", ref))
    elif to == "why" and scene.why_open():
        app.push(app.scene("resolution", scene.report().turn, first=False))
    else:
        app.toast(f"{item['text']}. Nothing to do about it right now.")
