"""Changing the world with causes: effects on indicators, trust, and the log.

Helpers shared by the rules and the resolution. Each works on a state the caller has already
cloned, and records what it changed and why.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.core.expr import Effect
from game.core.frozen import frozen_own
from game.core.state import PUBLIC, Cause, Change, LogEntry, State, TrustShift

TRUST_MIN, TRUST_MAX = 0.0, 100.0


def log(state: State, kind: str, text: str, actor: str | None = None,
        visible: Iterable[str] | None = PUBLIC, ref: str | None = None) -> LogEntry:
    # LogEntry(...) without the frozen dataclass's __init__ (an entry at nearly every step; it has no __post_init__)
    entry = frozen_own(LogEntry, {"turn": state.turn, "kind": kind, "text": text, "actor": actor,
                                  "visible": None if visible is None else frozenset(visible), "ref": ref})
    state.log = state.log + (entry,)
    return entry


def apply_effects(state: State, effects: Iterable[Effect], cause: Cause,
                  visible: Iterable[str] | None = PUBLIC) -> list[Change]:
    """Apply effects in order, each reading the values the previous ones left; clamp; record."""
    sc = state.scenario
    made: list[Change] = []
    for effect in effects:
        env = state.env_read()
        indicator = sc.indicator(effect.target)
        before = state.indicators[effect.target]
        after = round(indicator.clamp(effect.new_value(env)), 6)  # new_value is always finite (saturating)
        if after == before:
            continue
        state.indicators[effect.target] = after
        state._env_cache = None
        change = Change(state.turn, effect.target, before, after, cause,
                        None if visible is None else frozenset(visible))
        made.append(change)
    if made:
        state.changes = state.changes + tuple(made)
    return made


def shift_trust(state: State, actor: str, toward: str, delta: float, cause: Cause) -> float:
    """Move actor's trust toward another, within 0-100, and record why; the change made."""
    if actor == toward or delta == 0:
        return 0.0
    before = state.trust[actor][toward]
    after = round(min(TRUST_MAX, max(TRUST_MIN, before + delta)), 6)
    if after != before:
        state.trust[actor] = {**state.trust[actor], toward: after}  # a new row: rows are shared between states
        state.trust_changes = state.trust_changes + (TrustShift(state.turn, actor, toward, before, after, cause),)
    return after - before


def name(state: State, actor: str) -> str:
    return state.scenario.actor(actor).name


def describe_terms(state: State, terms) -> str:
    """'No-fly zone: jointly enforced; Ceasefire observers: guarantor monitors'."""
    parts = []
    for move, level in terms:
        jm = state.scenario.joint_move(move)
        parts.append(f"{jm.name}: {jm.variants[level].label}")
    return "; ".join(parts)
