"""What can ever happen in a scenario: the range of every name, and which moves and events are dead.

Starts from the widest ranges (an indicator anywhere within its bounds, every move and event
possible) and narrows them until nothing changes: a unilateral move whose precondition can never
hold is dead, so its count stays 0 and its effects move nothing; an indicator that only dead things
change stays at its start value; and so on. Every step is sound, so what this calls dead is dead.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.author.intervals import Interval, evaluate, narrow, parse, truth
from game.core import model as m
from game.core.expr import Effect
from game.core.expr_parse import Node


@dataclass(frozen=True)
class Reach:
    """The result of the analysis: ranges of names and what can never happen."""

    domains: dict[str, Interval]
    moved_by: dict[str, tuple[str, ...]]  # indicator id -> ids of what can change it
    dead_moves: dict[str, str]  # unilateral move id -> why it can never be made
    dead_events: dict[str, str]  # event id -> why it can never happen
    names: frozenset[str]

    def at_end(self, turns: int) -> dict[str, Interval]:
        """The ranges when the calendar has run out (for endings checked at the end)."""
        return {**self.domains, "turn": Interval.point(turns), "turns_left": Interval.point(0)}


def names_of(sc: m.Scenario) -> frozenset[str]:
    """The names this scenario's expressions may read."""
    ids = [x.id for group in (sc.indicators, sc.joint_moves, sc.unilateral_moves, sc.events) for x in group]
    ids += [m.left_name(j.id) for j in sc.joint_moves if any(v.term for v in j.variants)]
    return frozenset(ids) | (m.RESERVED_NAMES - {"true", "false"})


def condition_truth(node: Node, dom: dict[str, Interval]) -> bool | None:
    """Whether a condition always holds, never holds, or depends (None), under these ranges."""
    t = truth(evaluate(node, dom))
    if t is None and narrow(node, dom) is None:
        return False
    return t


def max_capital(a: m.Actor, turns: int) -> int:
    """The most political capital the actor can have in the last turn's actions phase."""
    return min(100, a.capital + a.capital_per_turn * (turns - 1))


def analyse(sc: m.Scenario) -> Reach:
    """Narrow every range until nothing changes."""
    names = names_of(sc)
    trees = {}
    for u in sc.unilateral_moves:
        if u.precondition is not None:
            trees[u.id] = parse(u.precondition.text, names)
    for e in sc.events:
        if e.trigger is not None:
            trees[e.id] = parse(e.trigger.text, names)
    dead_moves: dict[str, str] = {}
    dead_events: dict[str, str] = {e.id: "its chance is 0" for e in sc.events if e.chance <= 0}
    for u in sc.unilateral_moves:
        if all(max_capital(sc.actor(a), sc.turns) < u.cost for a in u.actors):
            dead_moves[u.id] = (
                f"it costs {u.cost} political capital, more than any actor who may make it ever has"
            )
    while True:
        moved_by = _movers(sc, dead_moves, dead_events)
        dom = _domains(sc, moved_by, dead_moves, dead_events)
        changed = False
        for u in sc.unilateral_moves:
            if u.id not in dead_moves and u.id in trees and condition_truth(trees[u.id], dom) is False:
                dead_moves[u.id] = "its precondition can never hold"
                changed = True
        for e in sc.events:
            if e.id not in dead_events and e.id in trees and condition_truth(trees[e.id], dom) is False:
                dead_events[e.id] = "its trigger can never hold"
                changed = True
        if not changed:
            return Reach(dom, moved_by, dead_moves, dead_events, names)


def _movers(
    sc: m.Scenario, dead_moves: dict[str, str], dead_events: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {i.id: [] for i in sc.indicators}

    def add(effects: tuple[Effect, ...], who: str) -> None:
        for eff in effects:
            if not _no_change(eff) and who not in found[eff.target]:
                found[eff.target].append(who)

    for j in sc.joint_moves:
        for v in j.variants:
            add(v.effects, j.id)
            for ob in v.obligations:
                add(ob.violation, j.id)
    for u in sc.unilateral_moves:
        if u.id not in dead_moves:
            add(u.effects, u.id)
            for o in u.outcomes:
                add(o.effects, u.id)
    for e in sc.events:
        if e.id not in dead_events:
            add(e.effects, e.id)
    return {k: tuple(v) for k, v in found.items()}


def _no_change(eff: Effect) -> bool:
    """An effect like 'x += 0' or 'x *= 1', which changes nothing."""
    text = eff.expression.text.strip()
    return (eff.op in ("+=", "-=") and text in ("0", "0.0")) or (
        eff.op in ("*=", "/=") and text in ("1", "1.0")
    )


def _domains(
    sc: m.Scenario,
    moved_by: dict[str, tuple[str, ...]],
    dead_moves: dict[str, str],
    dead_events: dict[str, str],
) -> dict[str, Interval]:
    dom: dict[str, Interval] = {}
    for ind in sc.indicators:
        dom[ind.id] = Interval(ind.min, ind.max) if moved_by[ind.id] else Interval.point(ind.start)
    for j in sc.joint_moves:
        dom[j.id] = Interval(0, len(j.variants) - 1, True)
        if any(v.term for v in j.variants):
            dom[m.left_name(j.id)] = Interval(0, sc.turns, True)
    for u in sc.unilateral_moves:
        per_actor = min(u.limit or sc.turns, sc.turns)
        dom[u.id] = Interval(0, 0 if u.id in dead_moves else per_actor * len(u.actors), True)
    for e in sc.events:
        most = sc.turns if (e.turn is None and e.repeat) else 1
        dom[e.id] = Interval(0, 0 if e.id in dead_events else most, True)
    dom["turn"] = Interval(1, sc.turns, True)
    dom["turns"] = Interval.point(sc.turns)
    dom["turns_left"] = Interval(0, sc.turns - 1, True)
    dom["agreements"] = Interval(0, len(sc.joint_moves), True)
    return dom
