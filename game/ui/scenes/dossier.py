"""The dossier of another actor, over the table: what the viewer has seen of it and what it seems
to want. Its data comes from ``game.present.dossier`` (the observation only); this scene lays it out:
the estimate on each joint move as a row of variants shaded by how likely each is to be its ideal
(the stated position marked), and beside it what it said and did, its duties and the trust between
you. Previous and Next go round the table; Esc closes."""

from __future__ import annotations

import pygame

from game.present.dossier import dossiers
from game.ui.scene import Intent
from game.ui.scenes.base import DialogScene, row, scroll_box
from game.ui.text import markup
from game.ui.theme import mix, to_hex


def record_html(d: dict, pal) -> str:
    """The right-hand column: positions, duties, what it said and did, and trust."""
    dim, faint = to_hex(pal.dim), to_hex(pal.faint)
    out = [f"<font color='{to_hex(pal.accent)}'><b>WHAT IT SAID AND DID</b></font>"]
    rows = sorted(d["record"] + d["done"], key=lambda r: -r["turn"])
    if not rows:
        out.append(f"<font color='{dim}'>Nothing yet that you could see.</font>")
    for r in rows[:24]:
        why = f" <font color='{faint}'>— {markup(r['why'])}</font>" if r["why"] else ""
        out.append(f"<font color='{dim}'>T{r['turn']}</font>  <b>{r['label']}</b>  {markup(r['text'])}{why}")
    out += ["", f"<font color='{to_hex(pal.accent)}'><b>ITS DUTIES UNDER AGREEMENTS</b></font>"]
    if not d["duties"]:
        out.append(f"<font color='{dim}'>None in force.</font>")
    for x in d["duties"]:
        note = " (suspended)" if x["suspended"] else ""
        out.append(f"<b>{markup(x['name'])}: {markup(x['variant'])}</b>{note} — {markup(x['duty'])}")
    out += ["", f"<font color='{to_hex(pal.accent)}'><b>PUBLIC POSITIONS</b></font>"]
    for p in d["positions"]:
        if p["stated"] is None:
            continue
        moved = "" if p["stated"] == p["at_start"] or p["at_start"] is None else \
            f" <font color='{to_hex(pal.warn)}'>(said {markup(p['at_start'])} at the start)</font>"
        out.append(f"{markup(p['name'])}: <b>{markup(p['stated'])}</b>{moved}")
        for h in p["history"]:
            out.append(f"<font color='{faint}'>      T{h['turn']}  {markup(h['text'])}</font>")
    out += ["", f"<font color='{to_hex(pal.accent)}'><b>TRUST</b></font>"]
    if not d["trust_history"]:
        out.append(f"<font color='{dim}'>No change yet.</font>")
    for t in reversed(d["trust_history"]):
        delta = t["after"] - t["before"]
        colour = to_hex(pal.good if delta > 0 else pal.bad)
        out.append(f"<font color='{dim}'>T{t['turn']}  {t['way']}</font>  <font color='{colour}'>"
                   f"{t['before']:.0f} → {t['after']:.0f}</font>  {markup(t['why'])}")
    return "<br>".join(out)


class DossierScene(DialogScene):
    runs_game = True
    size = (1120.0, 660.0)
    default = "close"
    back = "close"

    def __init__(self, app, actor: str) -> None:
        super().__init__(app)
        m = app.match
        self.viewer = m.viewer
        self.version = m.version
        self.all = dossiers(m.obs(self.viewer), m.scenario)  # every dossier at once: one reading of the room
        self.order = [a.id for a in m.scenario.actors if a.id in self.all]
        self.actor = actor if actor in self.all else self.order[0]

    @property
    def data(self) -> dict:
        return self.all[self.actor]

    @property
    def title(self) -> str:
        return f"{self.data['name']}: dossier"

    def split(self) -> tuple[float, float, float]:
        """(left column width, right column x, right column width) at a scale of 1."""
        x, _, w, _ = self.box()
        left = (w - 72) * 0.48
        return left, x + 24 + left + 24, w - 72 - left

    def build(self) -> None:
        x, y, w, h = self.box()
        _, rx, rw = self.split()
        top = self.body_top() + self.lh(14) + 10
        self.textbox("record", self.rect(rx, top, rw, y + h - 80 - top), record_html(self.data, self.pal))
        specs = [("prev", "Previous", {"kind": "@quiet", "tip": "The actor before this one at the table"}),
                 ("next", "Next", {"kind": "@quiet", "tip": "The next actor at the table"}),
                 ("close", "Close", {"kind": "@primary"})]
        row(self, specs, 0, y + h - 64, h=44, align="right", right=x + w - 24, min_w=110)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        pal, f = self.pal, self.fonts
        d = self.data
        x, y, w, h = self.box()
        left, _, _ = self.split()
        top = self.body_top()
        trust = (f"Trusts you {d['trust_in_you']:.0f} of 100 ({d['trust_words']})  ·  you trust it "
                 f"{d['your_trust']:.0f}  ·  {d['description']}")
        f.draw(surface, trust, (self.u(x + 24), self.u(top)), 14, pal.dim, max_width=self.u(w - 48))
        ty = top + self.lh(14) + 10
        f.draw(surface, "WHAT IT SEEMS TO WANT: YOUR ESTIMATE", (self.u(x + 24), self.u(ty)), 13, pal.accent,
               bold=True, max_width=self.u(left))
        ty += self.lh(13, True) + 2
        rows = d["estimate"]
        bottom = y + h - 80
        need = self.lh(13, True) + max(22.0, self.lh(11) + 8) + 8
        note = ("Read from what you saw: its public positions, then what it proposed, told you, accepted and "
                "refused. It can be wrong. Darker: likelier. The ring: what it says in public.")
        room = int((bottom - ty - 6 - need * len(rows)) // self.lh(11))  # the rows come first
        lines = f.wrap(note, 11, self.u(left))
        if len(lines) > room:
            lines = f.wrap("It can be wrong. Darker: likelier. The ring: what it says in public.", 11,
                           self.u(left))
        for line in lines[:max(0, room)]:
            f.draw(surface, line, (self.u(x + 24), self.u(ty)), 11, pal.faint)
            ty += self.lh(11)
        ty += 6
        row_h = max(need, min(64.0, (bottom - ty) / max(1, len(rows))))
        self.hovers = []
        stated = {p["move"]: p["stated"] for p in d["positions"]}
        for i, e in enumerate(rows):
            ry = ty + i * row_h
            if ry + need > bottom:
                break
            rect = self.rect(x + 24, ry, left, row_h - 4)
            if i % 2 == 0:
                pygame.draw.rect(surface, pal.bg_deep, rect.inflate(self.u(8), 0), border_radius=self.u(4))
            jm = self.app.match.scenario.joint_move(e["move"])
            head = f.draw(surface, e["name"], (rect.x, rect.y + self.u(3)), 13, pal.ink, bold=True,
                          max_width=rect.width // 2)
            if e["wants"] is None:
                said_text, colour = "nothing seen yet", pal.faint
            else:
                said_text, colour = f"{e['sure']} · {e['cares']}", pal.dim
            f.draw(surface, said_text, (rect.right, head.centery), 11, colour, anchor="midright",
                   max_width=rect.right - head.right - self.u(10))
            cells = len(e["probs"])
            cy = head.bottom + self.u(3)
            ch = rect.bottom - cy - self.u(3)
            cw = rect.width // max(1, cells)
            said = stated.get(e["move"])
            known = e["wants"] is not None
            for k, p in enumerate(e["probs"]):
                cell = pygame.Rect(rect.x + k * cw + self.u(1), cy, cw - self.u(3), ch)
                fill = mix(pal.panel, pal.accent, min(1.0, p * 1.4)) if known else pal.panel
                pygame.draw.rect(surface, fill, cell, border_radius=self.u(4))
                if said == jm.variants[k].label:
                    pygame.draw.rect(surface, pal.ink, cell, width=max(1, self.u(2)), border_radius=self.u(4))
                ink = pal.bg_deep if known and p * 1.4 > 0.55 else pal.dim
                f.draw(surface, jm.variants[k].label, cell.center, 11, ink, anchor="center",
                       max_width=cell.width - self.u(6))
                self.hovers.append((cell, f"{jm.name}: {jm.variants[k].label}. Your estimate of the chance that it "
                                          f"is what {d['name']} wants most: {100 * p:.0f}%."
                                          + (" Its public position." if said == jm.variants[k].label else "")))
            text = (f"{jm.name}: it seems to want {e['wants']} ({e['sure']}, {100 * e['chance']:.0f}%); "
                    f"it {e['cares']}." if e["wants"] else f"{jm.name}: it has said and done nothing on this.")
            self.hovers.append((pygame.Rect(rect.x, rect.y, rect.width, cy - rect.y), text))

    def handle(self, intent: Intent) -> None:
        if intent.kind == "page":
            if "record" in self.widgets:
                scroll_box(self.widgets["record"], intent.value)
            return
        if intent.kind != "press":
            return
        if intent.name == "close":
            self.app.pop(self)
        elif intent.name in ("prev", "next"):
            k = self.order.index(self.actor) + (1 if intent.name == "next" else -1)
            self.actor = self.order[k % len(self.order)]
            self.rebuild()
