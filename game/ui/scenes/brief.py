"""3. Role brief: a human's actor, objectives, red lines, stances and the quotes behind them (private)."""

from __future__ import annotations

import pygame

from game.core.model import Quote, Scenario
from game.core.observe import Observation
from game.present import agreements, words
from game.ui import draw
from game.ui.scene import Intent, Scene
from game.ui.scenes.base import scroll_box
from game.ui.text import markup
from game.ui.theme import mix, to_hex


def quote_html(sc: Scenario, quote: Quote | None, dim: str) -> str:
    if quote is None:
        return ""
    where = agreements.quote_credit(sc, quote.source)
    return f"<i>“{markup(quote.text)}”</i> <font color='{dim}'>— {markup(where)}</font>"


def role_html(obs: Observation, sc: Scenario, dim: str) -> str:
    me = obs.me
    parts = [markup(me.description), ""]
    if me.objectives:
        parts.append("<b>Objectives</b>")
        parts += [f"•  {markup(o)}" for o in me.objectives]
        parts.append("")
    if me.mediator:
        parts.append("<b>You are a mediator</b>: no veto and no stake. You can propose, carry messages between the "
                     "parties and guarantee what they sign; deals you are party to raise their trust in each other.")
        parts.append("")
    red = list(me.red_lines) + agreements.red_line_lines(sc, me)
    if red:
        parts.append("<b>Red lines</b>")
        parts += [f"•  {markup(r)}" for r in red]
        parts.append("")
    if me.goals:
        parts.append("<b>What you are scored on</b>")
        share = round(100 * obs.rules.stance_weight)
        parts.append(f"{share}% how close the agreements in force are to the variants you want (weighted by how "
                     f"much you care), {100 - share}% the world indicators:")
        for g in me.goals:
            ind = sc.indicator(g.indicator)
            parts.append(f"•  {markup(ind.label)}: {'high' if g.want == 'high' else 'low'} "
                         f"<font color='{dim}'>(weight {g.weight:g})</font>")
        parts.append("")
    others = [a for a in sc.actors if a.id != obs.actor]
    if others:
        parts.append("<b>Your trust in the others</b> <font color='" + dim + "'>(0–100)</font>")
        parts.append(",  ".join(f"{markup(a.name)} {obs.trust.get(a.id, 0):.0f}" for a in others))
    return "<br>".join(parts)


def stances_html(obs: Observation, sc: Scenario, dim: str, warn: str) -> str:
    parts = []
    for jm in sc.joint_moves:
        st = obs.stances.get(jm.id)
        parts.append(f"<b>{markup(jm.name)}</b>")
        if st is None:
            parts.append(f"<font color='{dim}'>You have no position on this.</font>")
            parts.append("")
            continue
        parts.append(f"You want: <b>{markup(jm.variants[st.ideal].label)}</b>  "
                     f"<font color='{dim}'>({words.salience_words(st.salience)})</font>")
        said = obs.actor_view(obs.actor).public.get(jm.id, st.public)
        line = f"You say in public: {markup(jm.variants[said].label)}"
        if said != st.ideal:
            line += f"  <font color='{warn}'>(not what you want: others see only this)</font>"
        parts.append(line)
        q = quote_html(sc, st.quote, dim)
        if q:
            parts.append(q)
        parts.append("")
    return "<br>".join(parts)


class BriefScene(Scene):
    runs_game = True
    default = "done"
    back = "done"

    def __init__(self, app, actor: str, first: bool) -> None:
        super().__init__(app)
        self.actor = actor
        self.first = first

    def build(self) -> None:
        m = self.app.match
        obs = m.obs(self.actor)
        sc = m.scenario
        dim = to_hex(self.pal.dim)
        warn = to_hex(self.pal.warn)
        half = (self.W - 96 - 24) / 2
        top = self.banner_h() + 22 + self.lh(14, True) + 6
        h = self.H - top - 88
        self.textbox("role", self.rect(48, top, half, h), role_html(obs, sc, dim))
        self.textbox("stances", self.rect(48 + half + 24, top, half, h), stances_html(obs, sc, dim, warn))
        label = "Go to the table" if self.first else "Back to the table"
        w = max(220, self.fonts.width(label, 16, True) / self.app.geometry.scale + 40)
        self.button("done", self.rect(self.W - 48 - w, self.H - 68, w, 48), label, kind="@primary",
                    tip="Close the brief")

    def banner_h(self) -> float:
        """The coloured banner's height (at a scale of 1): the role's name and the PRIVATE line, at any size."""
        return max(110.0, 22 + self.lh(28, True) + 2 + self.lh(14, True) + 20)

    def paint(self, surface: pygame.Surface) -> None:
        pal, f = self.pal, self.fonts
        sc = self.app.match.scenario
        actor = sc.actor(self.actor)
        k = sc.actor_ids.index(self.actor)
        colour = pal.actor_colour(actor.colour, k)
        bh = self.banner_h()
        pygame.draw.rect(surface, mix(pal.bg_deep, colour, 0.22), (0, 0, surface.get_width(), self.u(bh)))
        pygame.draw.rect(surface, colour, (0, self.u(bh - 2), surface.get_width(), self.u(3)))
        draw.seat(surface, f, (self.u(84), self.u(bh / 2)), self.u(34), colour, actor.short_name, pal)
        r = f.draw(surface, f"Your role: {actor.name}", (self.u(134), self.u(22)), 28, pal.ink, bold=True,
                   max_width=self.u(self.W - 180))
        f.draw(surface, f"PRIVATE: for the player of {actor.name} only", (self.u(136), r.bottom + self.u(2)), 14,
               pal.warn, bold=True, max_width=self.u(self.W - 180))
        half = (self.W - 96 - 24) / 2
        hy = self.u(bh + 22)
        draw.heading(surface, f, "Who you are and what you want", (self.u(48), hy), pal, size=14,
                     max_width=self.u(half))
        draw.heading(surface, f, "Your positions, and where they come from", (self.u(48 + half + 24), hy),
                     pal, size=14, max_width=self.u(half))
        f.draw(surface, sc.title, (self.u(48), self.u(self.H - 44)), 13, pal.faint, anchor="midleft",
               max_width=self.u(self.W - 360))

    def handle(self, intent: Intent) -> None:
        if intent.kind == "press" and intent.name == "done":
            self.app.match.briefed.add(self.actor)
            self.app.pop(self)
        elif intent.kind == "page":
            for name in ("role", "stances"):
                if name in self.widgets:
                    scroll_box(self.widgets[name], intent.value)
