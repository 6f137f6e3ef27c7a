"""What a deal would do, computed by the game itself (never left to a reason's words).

``changes_to_force``: what the terms change in what is in force (raises, lowers, ends an
agreement, starts one). ``changes_to_proposal``: what a counter-proposal changes in the
proposal it answers (lowered, raised, dropped, added). ``preview``: the viewer's score if
the deal is agreed against if it is not, counting each turn's effects of what is in force over
the turns left (agreements work every turn, rule 5.4), with the indicators otherwise as they
stand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.core.actions import Terms
from game.core.errors import ExpressionError
from game.core.model import Scenario
from game.core.observe import Observation
from game.core.scoring import blend, goal_score, stance_closeness
from game.present import words

Kind = Literal["raises", "lowers", "ends", "starts", "keeps", "dropped", "added"]


@dataclass(frozen=True)
class TermChange:
    """One change a deal makes to one joint move."""

    move: str
    kind: Kind
    before: str  # the variant's label before (in force, or in the proposal answered)
    after: str  # the variant's label after

    @property
    def harmful_to_force(self) -> bool:
        """Whether it weakens or ends something in force."""
        return self.kind in ("lowers", "ends")


def _label(sc: Scenario, move: str, level: int) -> str:
    return words.variant_label(sc, move, level)


def changes_to_force(obs: Observation, sc: Scenario, terms: Terms) -> list[TermChange]:
    """For each term, what it does to the variant in force now."""
    out = []
    agreed = {a.move for a in obs.agreements if not a.suspended}
    for move, level in terms:
        now = obs.levels[move]
        jm = sc.joint_move(move)
        before, after = _label(sc, move, now), _label(sc, move, level)
        if level == now:
            kind: Kind = "keeps"
        elif level == jm.status_quo and move in agreed:
            kind = "ends"
        elif move not in agreed and now == jm.status_quo:
            kind = "starts"
        else:
            kind = "raises" if level > now else "lowers"
        out.append(TermChange(move, kind, before, after))
    return out


def changes_to_proposal(sc: Scenario, asked: Terms, offered: Terms) -> list[TermChange]:
    """What a counter-proposal changes in the terms it answers, move by move in scenario order."""
    a, o = dict(asked), dict(offered)
    out = []
    for jm in sc.joint_moves:
        m = jm.id
        if m in a and m in o:
            if a[m] != o[m]:
                out.append(TermChange(m, "raises" if o[m] > a[m] else "lowers", _label(sc, m, a[m]),
                                      _label(sc, m, o[m])))
        elif m in a:
            out.append(TermChange(m, "dropped", _label(sc, m, a[m]), ""))
        elif m in o:
            out.append(TermChange(m, "added", "", _label(sc, m, o[m])))
    return out


def force_text(sc: Scenario, c: TermChange) -> str:
    """'Ends the agreement in force (Ceasefire)', 'Raises it from None': one change in words."""
    return {"raises": f"Raises it from {c.before} (in force now)",
            "lowers": f"Lowers it from {c.before} (in force now)",
            "ends": f"Ends the agreement in force ({c.before})",
            "starts": f"A new agreement: nothing is agreed on it now ({c.before})",
            "keeps": "Keeps what is in force",
            "dropped": "", "added": ""}[c.kind]


def proposal_text(sc: Scenario, c: TermChange, asked_id: int) -> str:
    """'Lowered from No-fly over de-escalation zones (#3)': one change from the terms answered."""
    return {"raises": f"Raised from {c.before} (#{asked_id})",
            "lowers": f"Lowered from {c.before} (#{asked_id})",
            "dropped": f"Dropped: #{asked_id} asked for {c.before}",
            "added": f"Added: not in #{asked_id}",
            "ends": "", "starts": "", "keeps": ""}[c.kind]


def summary(sc: Scenario, changes: list[TermChange], asked_id: int | None = None) -> str:
    """Every change in one sentence, for a log line or a tooltip ('' when nothing changes)."""
    parts = []
    for c in changes:
        name = sc.joint_move(c.move).name
        if c.kind == "dropped":
            parts.append(f"drops {name} ({c.before})")
        elif c.kind == "added":
            parts.append(f"adds {name}: {c.after}")
        elif c.kind == "ends":
            parts.append(f"ends the agreement in force on {name} ({c.before})")
        elif c.kind in ("raises", "lowers"):
            parts.append(f"{c.kind} {name} from {c.before} to {c.after}")
        elif c.kind == "starts":
            parts.append(f"starts an agreement on {name}: {c.after}")
    if not parts:
        return ""
    head = f"Compared with #{asked_id}, it " if asked_id is not None else "It "
    return head + "; ".join(parts) + "."


# ---------------------------------------------------------------------------------------------
# previews


@dataclass(frozen=True)
class Preview:
    """The viewer's score now, and at the end with and without a deal."""

    now: float
    without: float  # at the end, if what is in force now stays
    with_deal: float  # at the end, if the deal is agreed now
    turns: int  # how many turns of effects are counted

    @property
    def gain(self) -> float:
        return self.with_deal - self.without


def effect_turns(obs: Observation) -> int:
    """How many more times the agreements in force will apply their effects (this turn's included)."""
    if obs.phase == "over":
        return 0
    return max(0, obs.turns - obs.turn + 1)


def project(sc: Scenario, env: dict[str, float], levels: dict[str, int], turns: int,
            lasts: dict[str, int] | None = None) -> dict[str, float]:
    """The indicators after ``turns`` turns of the effects of the variants in force at these levels
    (clamped each time, as in resolution); nothing else is assumed to happen. ``lasts``: for
    agreements with a term (format 1.1), how many of those turns each still works."""
    env = dict(env)
    env.update(levels)
    bounds = {i.id: i for i in sc.indicators}
    start_turn = int(env.get("turn", 1))
    for k in range(turns):
        env["turn"] = start_turn + k
        env["turns_left"] = sc.turns - env["turn"]
        for jm in sc.joint_moves:
            level = levels[jm.id]
            if level == jm.status_quo:  # no agreement: the status quo works no effects
                continue
            if lasts is not None and k >= lasts.get(jm.id, turns):  # its term is over
                continue
            for effect in jm.variants[level].effects:
                try:
                    new = effect.new_value(env)
                except ExpressionError:
                    continue
                env[effect.target] = round(bounds[effect.target].clamp(float(new)), 6)
    return {i.id: env[i.id] for i in sc.indicators}


def score_at(obs: Observation, sc: Scenario, levels: dict[str, int], values: dict[str, float]) -> float:
    """The viewer's score (0-100) with these levels in force and these indicator values."""
    stance = stance_closeness(obs.stances, levels, sc)
    goals = goal_score(obs.me.goals, values, sc)
    return blend(stance, goals, obs.rules.stance_weight)


def preview(obs: Observation, sc: Scenario, terms: Terms) -> Preview:
    """The viewer's score now, and at the end with the deal and without it."""
    turns = effect_turns(obs)
    now_levels = dict(obs.levels)
    deal_levels = dict(now_levels)
    deal_levels.update(dict(terms))
    lasts_now = {a.move: a.left(obs.turn) or 0 for a in obs.agreements if a.expires is not None}
    lasts_deal = {m: k for m, k in lasts_now.items() if m not in dict(terms)}
    for move, level in terms:
        term = sc.joint_move(move).variants[level].term
        if term:
            lasts_deal[move] = term
    without = score_at(obs, sc, _lapsed(sc, now_levels, lasts_now, turns),
                       project(sc, obs.env, now_levels, turns, lasts_now))
    with_deal = score_at(obs, sc, _lapsed(sc, deal_levels, lasts_deal, turns),
                         project(sc, obs.env, deal_levels, turns, lasts_deal))
    return Preview(score_at(obs, sc, now_levels, obs.values), without, with_deal, turns)


def _lapsed(sc: Scenario, levels: dict[str, int], lasts: dict[str, int], turns: int) -> dict[str, int]:
    """The levels at the end, once the agreements whose term ends before then have lapsed."""
    return {m: (sc.joint_move(m).status_quo if lasts.get(m, turns) < turns else lv) for m, lv in levels.items()}


def preview_text(p: Preview) -> tuple[str, str]:
    """The preview in words: a headline ('+6 for you by the end') and how it was worked out."""
    w, d = round(p.without), round(p.with_deal)
    head = f"Your score by the end: {d} with this deal, {w} without ({words.sign(d - w)})"
    if p.turns:
        how = (f"Counting {words.plural_s(p.turns, 'turn')} of the effects of what would be in force; "
               f"nothing else assumed. Your score now: {round(p.now)}.")
    else:
        how = f"Your score now: {round(p.now)}."
    return head, how


# ---------------------------------------------------------------------------------------------
# a proposal as the viewer answering it sees it


@dataclass(frozen=True)
class Row:
    """One joint move of a proposal: in force now, proposed, what the viewer wants, what changes."""

    move: str
    name: str
    in_force: str
    proposed: str  # '' when a counter drops the move
    you_want: str  # '' when the viewer has no position on it
    notes: tuple[tuple[str, str], ...]  # (text, tone): tone is 'warn' for what weakens or drops, else 'info'


def proposal_title(sc: Scenario, p) -> str:
    """'Proposal #3 from Syrian rebel groups', 'Counter-proposal #4 from Russia'."""
    kind = "Counter-proposal" if p.counter_of else "Proposal"
    return f"{kind} #{p.id} from {sc.actor(p.sender).name}"


def answered(obs: Observation, p):
    """The proposal a counter-proposal answers, if the viewer can see it."""
    if not p.counter_of:
        return None
    return next((q for q in obs.proposals if q.id == p.counter_of), None)


def proposal_rows(obs: Observation, sc: Scenario, p) -> list[Row]:
    """Every joint move the proposal (or the one it answers) names, with every change spelt out:
    what it does to what is in force, and, for a counter, what it changes in the terms answered."""
    asked = answered(obs, p)
    force = {c.move: c for c in changes_to_force(obs, sc, p.terms)}
    versus = {c.move: c for c in changes_to_proposal(sc, asked.terms, p.terms)} if asked else {}
    terms = dict(p.terms)
    moves = [jm.id for jm in sc.joint_moves if jm.id in terms or jm.id in versus]
    rows = []
    for m in moves:
        jm = sc.joint_move(m)
        st = obs.stances.get(m)
        notes = []
        if m in force and force[m].kind != "keeps":
            c = force[m]
            notes.append((force_text(sc, c), "warn" if c.harmful_to_force else "info"))
        if m in versus:
            c = versus[m]
            notes.append((proposal_text(sc, c, asked.id), "warn" if c.kind in ("lowers", "dropped") else "info"))
        rows.append(Row(m, jm.name, _label(sc, m, obs.levels[m]), _label(sc, m, terms[m]) if m in terms else "",
                        _label(sc, m, st.ideal) if st else "", tuple(notes)))
    return rows


def duties_text(obs: Observation, sc: Scenario, terms: Terms) -> str:
    """What the terms would oblige the viewer to do, in the scenario's own (third-person) words."""
    duties = []
    for move, level in terms:
        for o in sc.joint_move(move).variants[level].obligations:
            if o.actor == obs.actor:
                duties.append(o.duty.rstrip("."))
    if not duties:
        return ""
    return f"What it asks of {obs.me.name} (you): " + "; ".join(duties) + "."
