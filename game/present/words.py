"""Words the window shows, computed from observations and the scenario (no pygame here)."""

from __future__ import annotations

import datetime as dt
import re

from game.core.actions import Terms
from game.core.errors import ExpressionError
from game.core.expr import Effect
from game.core.model import Scenario, UnilateralMove
from game.core.observe import Observation
from game.core.scoring import blend, goal_score, stance_closeness

# the label of each kind of log entry, as every renderer shows it
KIND_LABEL = {
    "news": "NEWS", "proposal": "PROPOSAL", "counter": "COUNTER", "accept": "ACCEPTED", "reject": "REFUSED",
    "statement": "STATEMENT", "message": "PRIVATE", "agreement": "AGREEMENT", "expired": "LAPSED",
    "move": "MOVE", "outcome": "OUTCOME", "kept": "KEPT", "violation": "BREACH", "detected": "CAUGHT",
    "suspended": "SUSPENDED", "restored": "RESTORED", "collapsed": "COLLAPSED", "trust": "TRUST", "ending": "ENDING",
}


def long_date(iso: str | dt.date) -> str:
    """'Wed 5 Jul 2017'."""
    d = dt.date.fromisoformat(iso) if isinstance(iso, str) else iso
    return f"{d:%a} {d.day} {d:%b %Y}"


def date_span(scenario: Scenario) -> str:
    start = scenario.start
    end = scenario.date_of_turn(scenario.turns) + dt.timedelta(days=scenario.turn_days - 1)
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def length(scenario: Scenario) -> str:
    days = scenario.turn_days
    return f"{scenario.turns} turns of {days} day{'s' if days != 1 else ''}"


def phase_text(obs: Observation) -> str:
    if obs.phase == "diplomacy":
        return f"Diplomacy, round {obs.round} of {obs.rounds}"
    if obs.phase == "answers":
        return "Last answers to proposals"
    if obs.phase == "actions":
        return "Actions: moves and compliance, in secret"
    return "The game is over"


def sign(x: float, digits: int = 0) -> str:
    """'+5', '−3' (a real minus), '0'."""
    if round(x, digits) == 0:
        return "0"
    text = f"{abs(x):.{digits}f}"
    return ("+" if x > 0 else "−") + text


def num(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def effect_delta(effect: Effect, env: dict[str, float]) -> float | None:
    """How much an effect would move its indicator now (None if it cannot be worked out)."""
    try:
        return effect.new_value(env) - env[effect.target]
    except (ExpressionError, KeyError):
        return None


def effects_text(effects, scenario: Scenario, env: dict[str, float]) -> list[str]:
    """'Civilian harm −5' for each effect, worked out against the current values."""
    out = []
    local = dict(env)
    for e in effects:
        label = scenario.indicator(e.target).label if e.target in {i.id for i in scenario.indicators} else e.target
        delta = effect_delta(e, local)
        if delta is None:
            out.append(f"{label}: {e.text}")
            continue
        local[e.target] = local.get(e.target, 0.0) + delta
        out.append(f"{label} {sign(delta)}")
    return out


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COMPARE = re.compile(r"\b([a-z][a-z0-9_]*)\s*(>=|<=|==|!=|>|<)\s*(\d+)\b")


def expr_text(text: str, scenario: Scenario) -> str:
    """An expression as players read it: 'air_safety >= 1' becomes 'Air-safety memorandum:
    Restored or stronger', 'chemical_attack >= 1' becomes 'after “Reports of ...”'."""
    moves = {jm.id: jm for jm in scenario.joint_moves}
    happenings = {um.id: um.name for um in scenario.unilateral_moves}
    happenings.update({ev.id: ev.headline for ev in scenario.events})

    def compare(m: re.Match) -> str:
        name, op, n = m.group(1), m.group(2), int(m.group(3))
        jm = moves.get(name)
        if jm is not None and 0 <= n < len(jm.variants):
            label = jm.variants[n].label
            words_for = {">=": f"{label} or stronger", "<=": f"{label} or weaker", "==": label,
                         "!=": f"not {label}", ">": f"stronger than {label}", "<": f"weaker than {label}"}
            return f"{jm.name}: {words_for[op]}"
        if name in happenings and (op, n) in ((">=", 1), (">", 0)):
            return f"after “{happenings[name]}”"
        if name in happenings and (op, n) in (("==", 0), ("<", 1)):
            return f"before any “{happenings[name]}”"
        return m.group(0)

    labels = {i.id: i.label for i in scenario.indicators}
    labels.update({"turns_left": "turns left", "agreements": "agreements in force"})
    text = _NAME.sub(lambda m: labels.get(m.group(0), m.group(0)), text)
    return _COMPARE.sub(compare, text)


def trust_text(move: UnilateralMove, scenario: Scenario) -> list[str]:
    return [f"{scenario.actor(a).name} {sign(d)}" for a, d in sorted(move.trust.items())]


def levels_with(obs: Observation, terms: Terms) -> dict[str, int]:
    levels = dict(obs.levels)
    levels.update(dict(terms))
    return levels


def my_score_if(obs: Observation, scenario: Scenario, terms: Terms) -> float:
    """The viewer's own score if these terms were in force now (indicators as they are)."""
    stance = stance_closeness(obs.stances, levels_with(obs, terms), scenario)
    goals = goal_score(obs.me.goals, obs.values, scenario)
    return blend(stance, goals, obs.rules.stance_weight)


def my_score_now(obs: Observation, scenario: Scenario) -> float:
    stance = stance_closeness(obs.stances, dict(obs.levels), scenario)
    goals = goal_score(obs.me.goals, obs.values, scenario)
    return blend(stance, goals, obs.rules.stance_weight)


def estimated_gain(obs: Observation, scenario: Scenario, other: str, terms: Terms) -> float:
    """The viewer's estimate of how much another actor gains from the terms (its closeness, −1..1)."""
    row = obs.estimates.get(other, {})
    total = weight = 0.0
    for jm in scenario.joint_moves:
        est = row.get(jm.id)
        if est is None:
            continue
        span = max(1, len(jm.variants) - 1)
        now = obs.levels[jm.id]
        new = dict(terms).get(jm.id, now)
        gain = (abs(now - est.level) - abs(new - est.level)) / span
        total += est.salience * gain
        weight += est.salience
    return total / weight if weight else 0.0


def likely_answer(gain: float) -> str:
    """The viewer's guess at an answer from an estimated gain."""
    if gain > 0.04:
        return "likely to accept"
    if gain > -0.04:
        return "could go either way"
    return "likely to refuse"


def salience_words(s: float) -> str:
    if s >= 0.8:
        return "cares a great deal"
    if s >= 0.55:
        return "cares a lot"
    if s >= 0.3:
        return "cares somewhat"
    return "cares little"


def trust_words(t: float) -> str:
    if t >= 70:
        return "high"
    if t >= 45:
        return "fair"
    if t >= 20:
        return "low"
    return "very low"


def variant_label(scenario: Scenario, move: str, level: int) -> str:
    jm = scenario.joint_move(move)
    return jm.variants[level].label if 0 <= level < len(jm.variants) else "?"


def terms_lines(scenario: Scenario, terms: Terms) -> list[str]:
    return [f"{scenario.joint_move(m).name}: {variant_label(scenario, m, lv)}" for m, lv in terms]
