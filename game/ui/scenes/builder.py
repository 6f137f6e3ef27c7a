"""6. Proposal builder: variants of joint moves, recipients, whose consent is needed, and the
player's own estimate of each recipient's answer, before sending. Also builds counter-proposals."""

from __future__ import annotations

import pygame

from game.core.actions import Counter, Propose, make_terms
from game.core.rules import needed_parties
from game.present import agreements, deal, words
from game.ui.scene import Intent
from game.ui.scenes.base import DialogScene, row


class BuilderScene(DialogScene):
    back = "cancel"
    default = "send"

    def __init__(self, app, counter_of=None) -> None:
        super().__init__(app)
        m = app.match
        obs = m.obs()
        self.counter_of = counter_of  # the Proposal being countered, if any
        self.terms: dict[str, int] = dict(counter_of.terms) if counter_of else {}
        self.recipients: list[str] = []
        self.selected = obs.joint_moves[0].id if obs.joint_moves else ""
        if counter_of is not None:
            self.selected = counter_of.terms[0][0]
        self.title = (f"Counter-propose to #{counter_of.id} from {m.scenario.actor(counter_of.sender).name}"
                      if counter_of else "Propose a deal")
        self.added: list[str] = []  # recipients added because their consent is needed
        self.warned = None  # the terms whose red-line warning the player has seen
        self._sync_recipients()

    @property
    def size(self):
        return (min(1240.0, self.W - 40), min(680.0, self.H - 40))

    # ------------------------------------------------------------------ the deal
    def _needed(self) -> list[str]:
        sc = self.app.match.scenario
        if not self.terms:
            return []
        if any(sc.joint_move(mv).parallel for mv in self.terms) or any(
                v.extra_consent for mv in self.terms for v in sc.joint_move(mv).variants):  # format 1.1
            return agreements.deal_needs(self.app.match.obs(), sc, make_terms(self.terms))
        return [a for a in needed_parties(sc, make_terms(self.terms)) if a != self.app.match.viewer]

    def _sync_recipients(self) -> None:
        m = self.app.match
        if self.counter_of is not None:
            p = self.counter_of
            sc = m.scenario
            need = set(self._needed())
            self.recipients = [a for a in sc.actor_ids if a != m.viewer and (a == p.sender or a in p.to or a in need)]
            return
        for a in self._needed():
            if a not in self.recipients:
                self.recipients.append(a)
                self.added.append(a)

    def problem(self) -> str | None:
        m = self.app.match
        obs = m.obs()
        if not self.terms:
            return "Choose a variant of at least one joint move."
        if all(obs.levels[mv] == lv and not agreements.renews(obs, mv, lv) for mv, lv in self.terms.items()):
            return "The deal changes nothing that is in force."
        shape = agreements.deal_problem(obs, m.scenario, make_terms(self.terms))
        if shape:
            return shape
        if self.counter_of is not None and make_terms(self.terms) == self.counter_of.terms:
            return "A counter-proposal must change the terms."
        if not self.recipients:
            return "Choose at least one actor to send it to."
        return None

    # ------------------------------------------------------------------ layout
    def room_for_notes(self, rh: float) -> bool:
        """Whether each joint move's row has room for the line under its button."""
        return rh >= 26 + self.lh(11) + 4

    def move_button_h(self, rh: float) -> float:
        return rh - self.lh(11) - 4 if self.room_for_notes(rh) else rh - 4

    def top_y(self) -> float:
        """Where the columns start (at a scale of 1): below the title, the budget line and the headings."""
        return self.body_top() - 4 + self.lh(13) + 8 + self.lh(13, True) + 8

    def _cols(self):
        x, y, w, h = self.box()
        c1 = (x + 24, 300.0)
        c2 = (c1[0] + c1[1] + 24, (w - 24 * 4 - 300) * 0.52)
        c3 = (c2[0] + c2[1] + 24, x + w - 24 - (c2[0] + c2[1] + 24))
        return x, y, w, h, c1, c2, c3

    def build(self) -> None:
        m = self.app.match
        obs = m.obs()
        sc = m.scenario
        x, y, w, h, (x1, w1), (x2, w2), (x3, w3) = self._cols()
        top = self.top_y()
        n = max(1, len(obs.joint_moves))
        rh = min(50.0, (y + h - 90 - top) / n)
        for i, jm in enumerate(obs.joint_moves):
            self.button(f"move:{jm.id}", self.rect(x1, top + i * rh, w1, self.move_button_h(rh)), jm.name,
                        selected=jm.id == self.selected, tip=jm.description, kind="@list")
        jm = sc.joint_move(self.selected) if self.selected else None
        if jm is not None:
            vh = min(40.0, (y + h - 260 - top) / (len(jm.variants) + 1))
            self.button("variant:none", self.rect(x2, top, w2, vh - 6), "Leave it out of the deal",
                        selected=self.selected not in self.terms, kind="@list",
                        tip="This joint move is not part of the deal")
            for lv, v in enumerate(jm.variants):
                mark = "  (in force now)" if obs.levels[jm.id] == lv else ""
                self.button(f"variant:{lv}", self.rect(x2, top + (lv + 1) * vh, w2, vh - 6), v.label + mark,
                            selected=self.terms.get(jm.id) == lv, kind="@list", tip=v.description or v.label)
        for i, a in enumerate(o for o in sc.actor_ids if o != m.viewer):
            needed = a in self._needed()
            enabled = self.counter_of is None
            them = sc.actor(a)
            self.button(f"to:{a}", self.rect(x3, top + i * 50, w3, 30), sc.actor(a).name,
                        selected=a in self.recipients, kind="@small", enabled=enabled,
                        tip=(f"{words.verb(them, 'its').capitalize()} consent is needed: {words.verb(them, 'it')} must "
                             "receive the deal") if needed else f"Send the deal to {words.verb(them, 'it')} too")
        problem = self.problem()
        row(self, [("cancel", "Cancel", {"kind": "@quiet", "tip": "Back to the table"}),
                   ("send", "Send the counter-proposal" if self.counter_of else "Send the proposal",
                    {"kind": "@primary", "enabled": problem is None,
                     "tip": "Uses one diplomatic action", "key": "ctrl+return"})],
            0, y + h - 64, h=44, align="right", right=x + w - 24)

    def paint_body(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        m = self.app.match
        obs = m.obs()
        sc = m.scenario
        pal, f = self.pal, self.fonts
        self.hovers = []
        x, y, w, h, (x1, w1), (x2, w2), (x3, w3) = self._cols()
        top = self.top_y()
        f.draw(surface, f"Diplomatic actions left this turn: {obs.budget}",
               (self.u(x + w - 24), self.u(self.body_top() - 4)), 13, pal.dim, anchor="topright")
        for xx, text in ((x1, "1. Joint moves"), (x2, "2. Variant"), (x3, "3. Send to")):
            f.draw(surface, text.upper(), (self.u(xx), self.u(self.top_y() - self.lh(13, True) - 8)), 13, pal.accent,
                   bold=True)
        n = max(1, len(obs.joint_moves))
        rh = min(50.0, (y + h - 90 - top) / n)
        for i, jm in enumerate(obs.joint_moves):
            if not self.room_for_notes(rh):
                break
            lv = self.terms.get(jm.id)
            text = f"in the deal: {jm.variants[lv].label}" if lv is not None else \
                f"not in the deal (now: {jm.variants[obs.levels[jm.id]].label})"
            f.draw(surface, text, (self.u(x1 + 4), self.u(top + i * rh + self.move_button_h(rh) + 1)), 11,
                   pal.accent if lv is not None else pal.faint, max_width=self.u(w1))
        jm = sc.joint_move(self.selected) if self.selected else None
        if jm is not None:
            vh = min(40.0, (y + h - 260 - top) / (len(jm.variants) + 1))
            yy = top + (len(jm.variants) + 1) * vh + 8
            lv = self.terms.get(jm.id, obs.levels[jm.id])
            v = jm.variants[lv]
            st = obs.stances.get(jm.id)
            if st is not None:
                r = f.draw(surface, f"You want: {jm.variants[st.ideal].label}", (self.u(x2), self.u(yy)), 13,
                           pal.good, max_width=self.u(w2))
                yy = r.bottom / self.app.geometry.scale + 2
            yb = f.draw_wrapped(surface, agreements.consent_text(sc, jm.id, lv),
                                self.rect(x2, yy, w2, 2 * self.lh(13) * 1.2), 13, pal.dim, max_lines=2)
            yy = yb / self.app.geometry.scale + 4
            # the numbers first (they decide), then what it asks of whom, then the story
            facts = []
            effects = words.effects_text(v.effects, sc, obs.env)
            if effects:
                facts.append("Each turn in force: " + ", ".join(effects) + ".")
            if v.monitoring:
                facts.append(f"Monitoring: +{v.monitoring * 100:.0f}% chance of catching a breach.")
            term = agreements.term_text(sc, jm.id, lv)
            if term:
                facts.append(f"It {term}." if not agreements.renews(obs, jm.id, lv) else f"Renewal: it {term}.")
            duties = [f"{sc.actor(o.actor).short_name}: {o.duty.rstrip('.')}" for o in v.obligations]
            if duties:
                facts.append("Duties: " + "; ".join(duties) + ".")
            text = "  ".join(facts + [v.description])
            end = y + h - (100 if self.added and self.counter_of is None else 80)  # clear of the note below
            bottom = f.draw_wrapped(surface, text.strip(), self.rect(x2, yy, w2, end - yy), 13, pal.ink)
            self.hovers = [(pygame.Rect(self.u(x2), self.u(yy), self.u(w2), bottom - self.u(yy)), text.strip())]
        # recipients: needed or not, and the player's own estimate of each answer
        terms = make_terms(self.terms)
        needed = set(self._needed())
        for i, a in enumerate(o for o in sc.actor_ids if o != m.viewer):
            yy = top + i * 50 + 32
            if a in self.recipients and terms:
                gain = words.estimated_gain(obs, sc, a, terms)
                guess = words.likely_answer(gain)
                colour = pal.good if gain > 0.04 else (pal.warn if gain > -0.04 else pal.bad)
            else:
                guess, colour = "", pal.faint
            tag = "consent needed" if a in needed else ("not needed" if a in self.recipients else "")
            text = "  ·  ".join(t for t in (tag, f"you guess: {guess}" if guess else "") if t)
            f.draw(surface, text, (self.u(x3 + 4), self.u(yy)), 11, colour, max_width=self.u(w3))
        # what it means for the player: the score by the end, each turn's effects counted
        yy = top + (len(sc.actor_ids) - 1) * 50 + 10
        if terms:
            pv = deal.preview(obs, sc, terms)
            head, how = deal.preview_text(pv)
            colour = pal.good if pv.gain > 0.5 else (pal.bad if pv.gain < -0.5 else pal.dim)
            f.draw(surface, "FOR YOU", (self.u(x3), self.u(yy)), 13, pal.accent, bold=True)
            two = 2 * round(f.line_height(14, True) * 1.15)
            yb = f.draw_wrapped(surface, head, pygame.Rect(self.u(x3), self.u(yy + 22), self.u(w3), two), 14, colour,
                                bold=True, max_lines=2)
            three = 3 * round(f.line_height(11) * 1.15)
            yb = f.draw_wrapped(surface, how, pygame.Rect(self.u(x3), yb + self.u(2), self.u(w3), three), 11,
                                pal.faint, max_lines=3)
            said = deal.summary(sc, deal.changes_to_force(obs, sc, terms))
            if self.counter_of is not None:
                said = (said + " " + deal.summary(sc, deal.changes_to_proposal(sc, self.counter_of.terms, terms),
                                                  self.counter_of.id)).strip()
            if said:
                f.draw_wrapped(surface, said, pygame.Rect(self.u(x3), yb + self.u(6), self.u(w3),
                                                          self.u(y + h - 96) - yb - self.u(6)), 12, pal.dim)
        warning = agreements.red_line_warning(obs, sc, terms) if terms else None  # format 1.1
        if self.added and self.counter_of is None:
            names = ", ".join(sc.actor(a).name for a in self.added)
            whose = words.verb(sc.actor(self.added[0]), "its") if len(self.added) == 1 else "their"
            f.draw_wrapped(surface, f"Added {names}: the deal needs {whose} consent.",
                           self.rect(x + 24, y + h - (126 if warning else 86), w - 420, 40), 13, pal.warn)
        if warning:
            f.draw_wrapped(surface, warning, self.rect(x + 24, y + h - 86, w - 420, 40), 13, pal.bad)
        problem = self.problem()
        if problem:
            f.draw(surface, problem, (self.u(x + 24), self.u(y + h - 42)), 14, pal.bad, anchor="midleft",
                   max_width=self.u(w - 420))

    # ------------------------------------------------------------------ input
    def handle(self, intent: Intent) -> None:
        if intent.kind != "press":
            return
        m = self.app.match
        name = intent.name
        if name == "cancel":
            self.app.pop(self)
            return
        if name == "send":
            self.send()
            return
        kind, _, value = name.partition(":")
        if kind == "move":
            self.selected = value
        elif kind == "variant":
            if value == "none":
                self.terms.pop(self.selected, None)
            else:
                self.terms[self.selected] = int(value)
            self._sync_recipients()
        elif kind == "to" and self.counter_of is None:
            if value in self.recipients:
                if value in self._needed():
                    them = m.scenario.actor(value)
                    self.app.toast(f"{them.name} must receive the deal: {words.verb(them, 'its')} consent is needed.")
                    return
                self.recipients.remove(value)
            else:
                self.recipients.append(value)
        self.rebuild()

    def send(self) -> None:
        m = self.app.match
        if self.problem():
            return
        terms = make_terms(self.terms)
        warning = agreements.red_line_warning(m.obs(), m.scenario, terms)
        if warning and self.warned != terms:  # a red line: warn once, send on the second press
            self.warned = terms
            self.app.toast(warning + " Press Send again to cross it.")
            return
        if self.counter_of is not None:
            action = Counter(m.viewer, self.counter_of.id, terms)
        else:
            to = tuple(a for a in m.scenario.actor_ids if a in self.recipients)
            action = Propose(m.viewer, to, terms)
        err = m.submit(action)
        if err:
            self.app.toast(err)
            return
        self.app.toast("Counter-proposal sent." if self.counter_of else "Proposal sent.")
        self.app.pop(self)
