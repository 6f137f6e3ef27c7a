"""Words the window shows, computed from observations and the scenario (no pygame here)."""

from __future__ import annotations

import datetime as dt
import math
import re

from game.core.actions import Terms
from game.core.errors import ExpressionError
from game.core.expr import Effect
from game.core.model import Scenario, UnilateralMove
from game.core.observe import Observation
from game.core.scoring import blend, goal_score, stance_closeness

# the label of each kind of log entry, as every renderer shows it
KIND_LABEL = {
    "signed": "SIGNED", "lapsed": "TERM OVER", "red_line": "RED LINE",  # format 1.1
    "news": "NEWS", "proposal": "PROPOSAL", "counter": "COUNTER", "accept": "ACCEPTED", "reject": "REFUSED",
    "statement": "STATEMENT", "message": "PRIVATE", "agreement": "AGREEMENT", "expired": "LAPSED",
    "move": "MOVE", "outcome": "OUTCOME", "kept": "KEPT", "violation": "BREACH", "detected": "CAUGHT",
    "suspended": "SUSPENDED", "restored": "RESTORED", "collapsed": "COLLAPSED", "trust": "TRUST", "ending": "ENDING",
    "facilitator": "FACILITATOR",
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
        if name in happenings:
            count = {">=": f"at least {times(n)}", ">": f"more than {times(n)}", "<=": f"at most {times(n)}",
                     "<": f"fewer than {times(n)}", "==": f"exactly {times(n)}", "!=": f"not exactly {times(n)}"}
            return f"“{happenings[name]}” {count[op]}"
        return m.group(0)

    labels = {i.id: i.label for i in scenario.indicators}
    labels.update({"turns_left": "turns left", "agreements": "agreements in force"})
    text = _NAME.sub(lambda m: labels.get(m.group(0), m.group(0)), text)
    return _COMPARE.sub(compare, text)


def times(n: int) -> str:
    """'once', 'twice', '3 times' (never 'time(s)')."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def plural_s(n: float, word: str, many: str | None = None) -> str:
    """'1 turn', '3 turns', '1 diplomatic action' (many: an irregular plural)."""
    return f"{num(n)} {word if n == 1 else (many or word + 's')}"


def value(x: float) -> str:
    """An indicator's value as every screen shows it: a whole number, halves rounded away from zero."""
    return str(math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1))


def delta_text(d: float) -> str:
    """A change as every screen shows it: '+5', '−3', '+0.4' (one decimal below 1), '0'."""
    return sign(d, 1 if abs(d) < 1 else 0)


# Lowercase words that end in s and still take a singular verb.
_SINGULAR_S = frozenset({"news", "politics", "physics", "economics", "series", "species", "means"})


def is_plural(actor) -> bool:
    """Whether an actor's name takes a plural verb ('Syrian rebel groups propose').

    The one place that decides it: an explicit ``plural`` on the actor wins; until the scenario
    format has one, a name whose last word is a lowercase plural noun counts as plural
    ('rebel groups', 'armed forces'), while proper names stay singular ('United States').
    """
    flag = getattr(actor, "plural", None)
    if isinstance(flag, bool):
        return flag
    name = actor if isinstance(actor, str) else getattr(actor, "name", "")
    words_ = name.split()
    if not words_:
        return False
    last = words_[-1].strip(".,;:()\"'’")
    if not last or not last.isalpha() or not last.endswith("s") or last.lower() in _SINGULAR_S:
        return False
    return last[0].islower() and not last.endswith(("ss", "us", "is"))


_PRONOUNS = {"its": "their", "it": "they", "itself": "themselves"}
_IRREGULAR = {"is": "are", "has": "have", "was": "were", "does": "do", "its": "their", "it": "they",
              "itself": "themselves"}


def verb(actor, singular: str) -> str:
    """The verb (or pronoun) in the form the actor's name takes: 'proposes' or 'propose',
    'is' or 'are', 'its' or 'their'. Several words are each put in the right form."""
    if not is_plural(actor):
        return singular
    out = []
    for i, w in enumerate(singular.split(" ")):
        verb_here = i == 0 or out[-1] == "they"  # the first word, and a verb whose subject is 'it'
        out.append(_plural_word(w) if verb_here else _PRONOUNS.get(w, w))
    return " ".join(out)


def _plural_word(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


def subject(actor, singular: str) -> str:
    """'Syrian rebel groups propose', 'Russia proposes': the actor's name and its verb."""
    name = actor if isinstance(actor, str) else actor.name
    return f"{name} {verb(actor, singular)}"


def when_text(text: str, scenario: Scenario) -> str:
    """A condition as the end of 'only possible …': 'after “…”', 'when Civilian harm > 60'."""
    said = expr_text(text, scenario)
    return said if said.startswith(("after ", "before ")) else f"when {said}"


def join(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


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


def score_explained(obs: Observation, scenario: Scenario) -> str:
    """What the viewer's score is made of, in one tooltip."""
    share = round(100 * obs.rules.stance_weight)
    goals = ", ".join(f"{scenario.indicator(g.indicator).label} {g.want}" for g in obs.me.goals)
    text = (f"Your score if the game ended now (0–100): {share}% how close the agreements in force are to "
            f"the variants you want (weighted by how much you care)")
    if goals:
        text += f", {100 - share}% how your goals on the indicators stand ({goals})"
    return text + ". Deals, moves and news move it; the debrief compares everyone's."


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
