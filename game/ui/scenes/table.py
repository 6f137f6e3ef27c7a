"""5. The table: the main screen of a game, and the director of what comes next.

It shows the viewer's observation: the actors around the table (colour, name, trust toward the
viewer), their public positions, the agreements, the indicators with their trends, the date and
phase, the log (filtered and paged), and the actions open now. Each frame it lets the computer
seats act and asks the match what must be shown next (handover, brief, resolution, debrief).
"""

from __future__ import annotations

import time

import pygame

from game.core.actions import ChooseMove, EndPhase
from game.present import answers, changes, moves, words
from game.present.stakes import stakes
from game.present.standing import standing
from game.ui import draw
from game.ui.scene import Intent, Scene
from game.ui.scenes import table_paint as tp
from game.ui.scenes import table_room as tr
from game.ui.scenes.base import row, row_width
from game.ui.text import markup

LOG_REFRESH = 0.3  # seconds between log refreshes while the computers act


def repeats_tip(obs) -> str:
    """'; 2 of them are repeats (R in the dialog refuses them in one go)'."""
    n = len(answers.marks(obs))
    if not n or len(obs.open_to_me()) < 2:
        return ""
    return f"; {n} of them {'is a repeat' if n == 1 else 'are repeats'} (R in the dialog refuses them in one go)"


class TableScene(Scene):
    runs_game = True
    back = "menu"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.filter = "all"
        self.page = 0
        self.full_log = False  # the round digest, or every entry as the log has it
        self._stakes = None  # (version, viewer, items)
        self._standing = None
        self.t = 0.0
        self.seats: dict[str, tuple[int, int, int]] = {}
        self._shown = None  # (version, viewer) the canvas shows
        self._bar_key = None  # what the action bar was built for
        self._log_key = None
        self._log_time = 0.0

    @property
    def match(self):
        return self.app.match

    # ------------------------------------------------------------------ layout (at a scale of 1)
    def cols(self) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
        a_w = max(470, self.W * 0.37)
        b_x = 16 + a_w + 14
        b_w = max(310, self.W * 0.26)
        c_x = b_x + b_w + 14
        return (16, a_w), (b_x, b_w), (c_x, self.W - c_x - 16)

    def _bar_state(self):
        m = self.match
        obs = m.obs()
        return (m.viewer, obs.phase, obs.round, obs.turn, m.my_turn(), obs.budget, len(obs.open_to_me()),
                m.can_undo(), m.thinking is None)

    def build(self) -> None:
        m = self.match
        obs = m.obs()
        (_a_x, _a_w), (b_x, b_w), (c_x, c_w) = self.cols()
        y0 = self.y0()
        self.button("menu", self.rect(self.W - 16 - 96, 10 + y0 / 2, 96, 38), "Menu", tip="Save, load, settings, quit",
                    key="f10", kind="@quiet")
        tr.build_seats(self, obs)
        # what is at stake now: each item a button to the place to act
        items = self.stakes()
        self._stakes_shown = len(items[:tr.STAKES_SHOWN])
        y = 64 + y0 + self.lh(13, True) + 8
        sh = max(28.0, self.lh(14) + 10)
        for k, (name, shown, _full) in enumerate(tr.stake_labels(items, self.fonts, c_w, self.app.geometry.scale)):
            self.button(name, self.rect(c_x, y, c_w, sh), shown, kind="@list", tip=tr.stake_tip(items[k]))
            y += sh + 4
        if not items:
            y += self.lh(13) + 4
        log_top = y + 6 - 64 - y0  # the log column below, as it was laid out from the panel's top
        # log filters and pages
        x = c_x
        labels = [label for label, _ in tp.FILTERS.values()]
        natural = [self.fonts.width(label, 14) / self.app.geometry.scale + 16 for label in labels]
        spare = max(0.0, (c_w - 4 * (len(labels) - 1) - sum(natural)) / len(labels))
        for (key, (label, _)), w in zip(tp.FILTERS.items(), natural):
            self.button(f"filter:{key}", self.rect(x, 96 + y0 + log_top, w + spare, 30), label, kind="@small",
                        selected=self.filter == key,
                        tip=f"Show {label.lower()} entries" if key != "all" else "Show every entry")
            x += w + spare + 4
        mode_w = self.fonts.width("Full log", 14) / self.app.geometry.scale + 24
        self.button("log_mode", self.rect(c_x + c_w - 132 - mode_w, 64 + y0 + log_top, mode_w, 26),
                    "Digest" if self.full_log else "Full log", kind="@small", key="l",
                    tip="Every entry as it came" if not self.full_log else "The round digest: repeats folded, "
                                                                           "what concerns you first")
        self.button("older", self.rect(c_x + c_w - 128, 64 + y0 + log_top, 62, 26), "Older", kind="@small",
                    tip="Older entries (Page Up)")
        self.button("newer", self.rect(c_x + c_w - 62, 64 + y0 + log_top, 62, 26), "Newer", kind="@small",
                    tip="Newer entries (Page Down)")
        self.log_top = log_top
        self.textbox("log", self.rect(c_x, 132 + y0 + log_top, c_w, self.H - 72 - 132 - y0 - log_top - 8), "")
        self._log_key = None
        self.refresh_log(force=True)
        ind_h = self.indicators_height(obs)
        self.button("why", self.rect(b_x + 14, 70 + y0 + self.card_h() + ind_h + 8, b_w - 28, 30), "Why did the indicators change?",
                    kind="@small", key="w", tip="What happened since the last turn's table, and why each indicator "
                                                "moved: the same numbers as the arrows",
                    enabled=self.why_open())
        self.build_bar()

    def build_bar(self) -> None:
        """The action bar: the actions open to the viewer now (rebuilt alone when they change)."""
        keep = self.focus
        for name in getattr(self, "bar_names", []):
            self.remove(name)
        before = set(self.widgets)
        m = self.match
        obs = m.obs()
        self._bar_key = self._bar_state()
        y = self.H - 60
        mine = m.my_turn()
        specs = []
        if mine and obs.phase == "diplomacy":
            n = len(obs.open_to_me())
            if n:
                specs.append(("answer", f"Answer proposals ({n})", {"key": "a", "kind": "@primary",
                                                                    "tip": "Accept, refuse or counter" + repeats_tip(obs)}))
            left = obs.budget > 0
            specs += [
                ("propose", "Propose a deal…", {"key": "p", "enabled": left,
                                                "tip": "Offer variants of joint moves to other actors"}),
                ("statement", "Public statement…", {"key": "s", "enabled": left,
                                                    "tip": "Say in public which variant you support"}),
                ("message", "Private message…", {"key": "m", "enabled": left,
                                                 "tip": "A back-channel message to one actor"}),
            ]
        elif mine and obs.phase == "answers":
            specs.append(("answer", f"Answer proposals ({len(obs.open_to_me())})",
                          {"key": "a", "kind": "@primary", "tip": "Last chance to accept or refuse" + repeats_tip(obs)}))
        elif mine and obs.phase == "actions":
            specs.append(("actions", "Choose your actions…", {"key": "a", "kind": "@primary",
                                                              "tip": "A unilateral move, and whether to keep "
                                                                     "each agreement"}))
        specs.append(("brief", "My brief", {"key": "b", "tip": "Your objectives, red lines and positions (private)"}))
        if mine:
            specs.append(("undo", "Undo", {"key": "ctrl+z", "enabled": m.can_undo(),
                                           "tip": "Take back your last action this phase"}))
        end = []
        if mine:
            if obs.phase == "actions":
                label, tip = "No move, keep all", "End the phase without a move, keeping every agreement"
            elif obs.phase == "answers":
                label, tip = "Done answering", "Leave the rest unanswered (they lapse)"
            else:
                label, tip = "End my turn", "Pass to the next seat"
            end = [("end", label, {"key": "e", "kind": "@primary" if obs.phase != "actions" else None, "tip": tip})]
        # the two ends of the bar never meet: the left row gets what the right button leaves
        end_w = min(row_width(self, end), (self.W - 32) * 0.3) if end else 0.0
        room = self.W - 32 - (end_w + 16 if end else 0)
        self.bar_right = row(self, specs, 16, y, h=44, gap=8, room=room)
        self.default = "actions" if mine and obs.phase == "actions" else None
        if end:
            row(self, end, 0, y, h=44, align="right", right=self.W - 16, room=end_w)
        self.bar_names = [n for n in self.widgets if n not in before]
        if keep in self.ring:
            self.focus = keep
        why = self.widgets.get("why")
        if why is not None:
            why.enable() if self.why_open() else why.disable()

    def toast_anchor(self) -> tuple[float, float, float, str]:
        """Above the action bar: toasts never cover its buttons."""
        return 0.0, self.H - 76, self.W, "bottom"

    def why_open(self) -> bool:
        """Whether there is anything for "Why did the indicators change?" to show."""
        rep = self.report()
        return bool(rep.movements or rep.events)

    def y0(self) -> float:
        """How much lower than at normal text the panels start: the top bar grows with the text."""
        return max(0.0, 8 + self.lh(18, True) + self.lh(13) + 4 - 56)

    def indicators_height(self, obs) -> float:
        main_h = self.H - 72 - 64 - self.y0() - self.card_h()
        least = self.lh(13) + 8 + (self.lh(14) + 16) * len(obs.indicators)  # every gauge whole, even at large text
        return max(min(26 + 46 * len(obs.indicators), main_h * 0.6), min(least, main_h * 0.72))

    def card_h(self) -> float:
        """The standing card's height, with its gap below (at a scale of 1)."""
        return tr.standing_height(self.fonts, self.app.geometry.scale) + 8

    # ------------------------------------------------------------------ reading the room
    def stakes(self) -> list[dict]:
        m = self.match
        key = (m.version, m.viewer)
        if self._stakes is None or self._stakes[0] != key:
            self._stakes = (key, stakes(m.obs(), m.scenario))
        return self._stakes[1]

    def standing(self) -> dict:
        m = self.match
        key = (m.version, m.viewer)
        if self._standing is None or self._standing[0] != key:
            self._standing = (key, standing(m.obs(), m.scenario))
        return self._standing[1]

    # ------------------------------------------------------------------ the director
    def update(self, dt: float) -> None:
        self.t += dt
        m = self.match
        if m is None:
            return
        while m.errors:
            self.app.toast(f"A computer actor failed and passed: {m.errors.pop(0)}")
        while m.notices:
            self.app.toast(m.notices.pop(0), seconds=12.0)
        step, actor = m.next_step()
        if step == "seat":
            m.viewer = actor
        elif step == "handover":
            self.app.push(self.app.scene("handover", actor))
            return
        elif step == "brief":
            self.app.push(self.app.scene("brief", actor, first=True))
            return
        elif step == "resolution":
            self.app.push(self.app.scene("resolution", m.resolved_turns(), first=True))
            return
        elif step == "debrief":
            self.app.replace(self.app.scene("debrief"))
            return
        elif step == "console":  # nobody plays: the facilitator's own view is the only one
            self.app.push(self.app.scene("console"))
            return
        if (m.version, m.viewer) != self._shown:
            self.dirty = True
            # what is at stake is for the player's own sittings: not redone while the computers act
            if m.thinking is None and self.restake():
                return
            if self._bar_state() != self._bar_key:
                self.build_bar()
            self.refresh_log()

    def restake(self) -> bool:
        """Show what is at stake now: the buttons' words in place when their number is the same,
        else the whole screen rebuilt (the log below moves). Whether it was rebuilt."""
        items = self.stakes()
        labels = tr.stake_labels(items, self.fonts, self.cols()[2][1], self.app.geometry.scale)
        shown = self._stake_texts()
        if [t for _, t, _ in labels] == shown:
            return False
        if len(labels) == len(shown) and labels:
            for (name, text, _), item in zip(labels, items):
                self.widgets[name].set_text(text)
                self.widgets[name].set_tooltip(markup(tr.stake_tip(item)))
            return False
        self.rebuild()
        return True

    def _stake_texts(self) -> list[str]:
        return [self.widgets[f"stake:{k}"].text for k in range(tr.STAKES_SHOWN) if f"stake:{k}" in self.widgets]

    def uncovered(self) -> None:
        if self._shown is not None and self._shown[1] != self.match.viewer:
            self.rebuild()  # another player sits down: nothing of the previous view may show
            return
        super().uncovered()

    def refresh_log(self, force: bool = False) -> None:
        box = self.widgets.get("log")
        if box is None:
            return
        obs = self.match.obs()
        key = (len(obs.log), self.filter, self.page, obs.actor, self.full_log)
        force = force or self._log_key is None or self._log_key[3] != obs.actor
        now = time.monotonic()
        if key == self._log_key or (not force and self.match.thinking and now - self._log_time < LOG_REFRESH):
            return
        self._log_key = key
        self._log_time = now
        make = tp.log_html if self.full_log else tr.digest_html
        text, pages = make(obs, self.match.scenario, self.pal, self.filter, self.page)
        self.pages = pages
        box.set_text(text)
        for name, ok in (("older", self.page < pages - 1), ("newer", self.page > 0)):
            w = self.widgets.get(name)
            if w is not None:
                w.enable() if ok else w.disable()

    def busy(self) -> bool:
        return self.match is not None and self.match.thinking is not None

    # ------------------------------------------------------------------ drawing
    def report(self):
        """The latest report: the last resolution and the news since (the trends, and "Why")."""
        m = self.match
        key = (m.version, m.viewer)
        if getattr(self, "_report", (None,))[0] != key:
            obs = m.obs()
            turn = changes.latest_report_turn(obs.turn, m.session.over)
            self._report = (key, changes.report(m.scenario, obs.changes, obs.log, turn, obs.turn))
        return self._report[1]

    def paint(self, surface: pygame.Surface) -> None:
        m = self.match
        obs = m.obs()
        sc = m.scenario
        pal, f, s = self.pal, self.fonts, self.app.geometry.scale
        self._shown = (m.version, m.viewer)
        self.hovers = []
        # top bar: who you are and your score; the turn and phase; what you have left to spend
        y0 = self.y0()
        bar = 56 + y0
        pygame.draw.rect(surface, pal.bg_deep, (0, 0, surface.get_width(), self.u(bar)))
        me = obs.actor_view(obs.actor)
        k = [a.id for a in obs.actors].index(obs.actor)
        draw.seat(surface, f, (self.u(36), self.u(bar / 2)), self.u(18), pal.actor_colour(me.colour, k), me.short_name,
                  pal)
        centre = f"Turn {obs.turn} of {obs.turns}  ·  {words.long_date(obs.date)}"
        side = self.W / 2 - 62 - max(f.width(centre, 18, True), f.width(words.phase_text(obs), 13)) / 2 / s - 16
        r1 = f.draw(surface, f"You are {me.name}", (self.u(62), self.u(bar / 2)), 17, pal.ink, bold=True,
                    max_width=self.u(side), anchor="bottomleft")
        score = f"Your score now: {words.value(obs.score)} of 100"
        r2 = f.draw(surface, score, (self.u(62), self.u(bar / 2 + 2)), 13, pal.accent, bold=True,
                    max_width=self.u(side))
        self.hovers.append((r1.union(r2), words.score_explained(obs, sc)))
        cx = self.u(self.W / 2)
        rc = f.draw(surface, centre, (cx, self.u(6)), 18, pal.ink, bold=True, anchor="midtop")
        f.draw(surface, words.phase_text(obs), (cx, rc.bottom), 13, pal.accent, anchor="midtop")
        stats = [words.plural_s(obs.budget, "diplomatic action") + " left", f"political capital {obs.capital}"]
        right = self.u(self.W - 128)
        room = right - (cx + self.u(max(f.width(centre, 18, True), f.width(words.phase_text(obs), 13)) / 2 / s + 16))
        ra = f.draw(surface, stats[0], (right, self.u(bar / 2)), 13, pal.dim, anchor="bottomright", max_width=room)
        rb = f.draw(surface, stats[1], (right, self.u(bar / 2)), 13, pal.dim, anchor="topright", max_width=room)
        self.hovers.append((ra, ("Proposing, countering, a public statement and a private message each cost one "
                                 "diplomatic action; answering is free. You get "
                                 f"{obs.rules.diplomatic_actions} each turn.")))
        self.hovers.append((rb, moves.capital_text(obs)))
        (a_x, a_w), (b_x, b_w), (c_x, c_w) = self.cols()
        top = 64 + y0
        main_h = self.H - 72 - top
        # column A: the table and the positions
        ra = self.rect(a_x, top, a_w, main_h)
        draw.panel(surface, ra, pal, s)
        table_h = min(300, main_h * 0.5)
        self.seats, seat_hovers = tp.paint_table(surface, f, self.rect(a_x, top, a_w, table_h), obs, pal, s,
                                                 m.session.to_move)
        self.hovers += seat_hovers
        self.hovers += tp.paint_positions(surface, f, self.rect(a_x + 14, top + table_h + 4, a_w - 28,
                                                                main_h - table_h - 10), obs, pal, s, m.scenario)
        # column B: indicators and agreements
        rb = self.rect(b_x, top, b_w, main_h)
        draw.panel(surface, rb, pal, s)
        ind_h = self.indicators_height(obs)
        card = self.card_h()
        self.hovers += tr.paint_standing(surface, f, self.rect(b_x + 8, top + 8, b_w - 16, card - 8),
                                           self.standing(), pal, s)
        self.hovers += tp.paint_indicators(surface, f, self.rect(b_x + 14, top + 6 + card, b_w - 28, ind_h), obs,
                                           pal, s, changes.trends(self.report()))
        self.hovers += tp.paint_agreements(surface, f, self.rect(b_x + 14, top + 6 + card + ind_h + 52, b_w - 28,
                                                                 main_h - card - ind_h - 62), obs, sc, pal, s)
        # column C: what is at stake, then the digest or the log
        draw.heading(surface, f, "At stake now", (self.u(c_x), self.u(top + 4)), pal, size=13,
                     max_width=self.u(c_w))
        if not self.stakes():
            f.draw(surface, "Nothing pressing: no deadline, no proposal waiting, no ending near.",
                   (self.u(c_x), self.u(top + 4 + self.lh(13, True) + 6)), 13, pal.dim, max_width=self.u(c_w))
        log_y = top + getattr(self, "log_top", 0)
        title = "Full log" if self.full_log else "Round digest"
        draw.heading(surface, f, title, (self.u(c_x), self.u(log_y + 4)), pal, size=13,
                     max_width=self.u(c_w - 136 - 90))
        # the action bar
        pygame.draw.rect(surface, pal.bg_deep, (0, self.u(self.H - 68), surface.get_width(), self.u(68)))
        if not m.my_turn():
            who = m.session.to_move
            name = sc.actor(who).name if who else ""
            text = f"{words.subject(sc.actor(who), 'is')} thinking…" if m.thinking and who else f"Waiting for {name}"
            f.draw(surface, text, (self.u(self.W - 24), self.u(self.H - 38)), 16, pal.ink, anchor="midright",
                   max_width=self.u(self.W - 24 - self.bar_right))

    def draw_live(self, surface: pygame.Surface) -> None:
        m = self.match
        who = m.thinking
        if who and who in self.seats:
            x, y, r = self.seats[who]
            draw.spinner(surface, (x, y), r + self.u(7), self.t, self.pal.focus, max(2, self.u(3)))
        if who:
            w = min(self.fonts.width(f"{words.subject(m.scenario.actor(who), 'is')} thinking…", 16),
                    self.u(self.W - 24 - self.bar_right))
            draw.spinner(surface, (self.u(self.W - 40) - w, self.u(self.H - 38)), self.u(10), self.t,
                         self.pal.focus, max(2, self.u(3)))

    # ------------------------------------------------------------------ input
    def handle(self, intent: Intent) -> None:
        m = self.match
        app = self.app
        if intent.kind == "page":
            self.page = max(0, min(getattr(self, "pages", 1) - 1, self.page - intent.value))
            self.refresh_log(force=True)
            return
        if intent.kind != "press":
            return
        name = intent.name
        if m.viewer is None and name != "menu":  # nobody has taken a seat yet (a loaded game)
            return
        obs = m.obs()
        if name == "menu":
            app.push(app.scene("menu"))
        elif name.startswith("seat:"):
            app.push(app.scene("dossier", name.split(":", 1)[1]))
        elif name.startswith("stake:"):
            tr.act_on(self, self.stakes()[int(name.split(":", 1)[1])])
        elif name == "log_mode":
            self.full_log = not self.full_log
            self.page = 0
            self.rebuild()
        elif name.startswith("filter:"):
            self.filter = name.split(":", 1)[1]
            self.page = 0
            self.rebuild()
        elif name == "older":
            self.page += 1
            self.refresh_log(force=True)
        elif name == "newer":
            self.page = max(0, self.page - 1)
            self.refresh_log(force=True)
        elif name == "why":
            app.push(app.scene("resolution", self.report().turn, first=False))
        elif name == "brief":
            app.push(app.scene("brief", m.viewer, first=False))
        elif not m.my_turn():
            return
        elif name == "answer":
            app.push(app.scene("incoming"))
        elif name in ("propose", "statement", "message"):
            if name == "propose":
                app.push(app.scene("builder"))
            else:
                app.push(app.scene("speak", private=name == "message"))
        elif name == "actions":
            app.push(app.scene("actions"))
        elif name == "undo":
            if m.undo():
                app.toast("Your last action was taken back.")
        elif name == "end":
            if obs.phase == "actions":
                err = m.submit(ChooseMove(m.viewer, None)) or m.submit(EndPhase(m.viewer))
            else:
                err = m.submit(EndPhase(m.viewer))
            if err:
                app.toast(err)
