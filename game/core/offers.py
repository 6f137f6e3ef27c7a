"""The one-move proposals, statements and back-channel messages an actor may make: they depend on
the scenario alone, so ``legal_actions`` (``game.core.rules``) gets them from here, made once per
scenario and actor."""

from __future__ import annotations

import itertools
import weakref
from dataclasses import dataclass

from game.core import agreements
from game.core.actions import Accept, Counter, EndPhase, Message, Propose, Reject, Statement, Terms
from game.core.frozen import frozen
from game.core.model import JointMove, Scenario
from game.core.state import Proposal, State


# The proposals of one move, statements and back-channel messages an actor may make depend on
# the scenario alone (legal_actions then leaves out the levels already in force or stated); they
# are listed at every diplomatic step, so they are made once per scenario and actor (actions are
# frozen values), with the lists that leave out each level. Keyed by id: a finalizer drops a
# scenario's entries before its id can be reused.
@dataclass(frozen=True)
class _Offers:
    """One joint move's one-move proposals and statements of an actor."""

    move: JointMove
    proposals: tuple[Propose | None, ...]  # by level; None for a parallel move (built from the state)
    statements: tuple[Statement, ...]  # by level
    proposals_but: tuple[tuple[Propose, ...], ...]  # [level]: the proposals of every other level
    statements_but: dict[int | None, tuple[Statement, ...]]  # [level stated]: the other statements


_STATIC: dict[tuple[int, str], tuple[tuple[_Offers, ...], tuple[Message, ...]]] = {}


def static_actions(sc: Scenario, actor: str) -> tuple[tuple[_Offers, ...], tuple[Message, ...]]:
    key = (id(sc), actor)
    found = _STATIC.get(key)
    if found is None:
        if not any(k[0] == key[0] for k in _STATIC):
            weakref.finalize(sc, _forget_static, key[0])
        offers = []
        for jm in sc.joint_moves:
            levels = range(len(jm.variants))
            first_other = tuple(a for a in sc.actor_ids if a != actor)[:1]
            proposals = tuple(
                None if jm.parallel else
                Propose(actor, tuple(a for a in jm.consent_for(level) if a != actor) or first_other, ((jm.id, level),))
                for level in levels)
            statements = tuple(Statement(actor, jm.id, level) for level in levels)
            but = {None: statements} | {lvl: tuple(st for level, st in enumerate(statements) if level != lvl)
                                        for lvl in levels}
            offers.append(_Offers(jm, proposals, statements,
                                  tuple(tuple(p for level, p in enumerate(proposals) if level != lvl) for lvl in levels),
                                  but))
        messages = tuple(Message(actor, other, jm.id, level)
                         for other, jm in itertools.product(sc.actor_ids, sc.joint_moves) if other != actor
                         for level in range(len(jm.variants)))
        found = _STATIC[key] = (tuple(offers), messages)
    return found


def _forget_static(scenario_id: int) -> None:
    for key in [k for k in _STATIC if k[0] == scenario_id]:
        del _STATIC[key]


def counter_terms(sc: Scenario, terms: Terms) -> tuple[tuple[Terms, bool], ...]:
    """The terms of every counter-proposal that changes one level of a deal, in order, each with
    whether it names a parallel move (such a deal is not countered). Remembered per deal's terms."""
    table = sc._memo.setdefault("counter_terms", {})
    found = table.get(terms)
    if found is None:
        if len(table) > 4096:
            table.clear()
        current = dict(terms)
        out = []
        for move, level in terms:
            for other in range(len(sc.joint_move(move).variants)):
                if other != level:
                    new = tuple(sorted({**current, move: other}.items()))
                    out.append((new, any(sc.joint_move(m).parallel for m, _ in new)))
        found = table[terms] = tuple(out)
    return found


def standing_of(state: State) -> tuple[tuple[int, bool], ...]:
    """(effective level, whether proposing it renews an agreement) of every joint move, in
    scenario order: all that whether a deal changes something depends on."""
    turn = state.turn
    out = []
    for jm in state.scenario.joint_moves:
        a = state.agreements.get(jm.id)
        if a is None or a.suspended:
            out.append((jm.status_quo, False))
        else:  # agreements.is_renewal at the level in force
            out.append((a.level, a.expires is not None and a.since < turn))
    return tuple(out)


def counters(state: State, actor: str, p: Proposal, standing: tuple) -> tuple[Counter, ...]:
    """The counter-proposals of legal_actions to one proposal: each change of one level of its terms
    that changes something in force (agreements.changes_something). Remembered per scenario for
    what they are made of (the actor, the proposal's number and terms, and the standing of every
    joint move), so a rollback or another game finds only what it would make itself."""
    table = state.scenario._memo.setdefault("counters", {})
    key = (actor, p.id, p.terms, standing)
    found = table.get(key)
    if found is None:
        if len(table) > 4096:
            table.clear()
        found = table[key] = tuple(
            frozen(Counter, {"actor": actor, "proposal": p.id, "terms": terms, "reason": ""})
            for terms, parallel in counter_terms(state.scenario, p.terms)
            if not parallel and agreements.changes_something(state, terms))
    return found


def has_parallel(sc: Scenario) -> bool:
    """Whether any joint move of the scenario is signed in parallel (format 1.1)."""
    found = sc._memo.get("has_parallel")
    if found is None:
        found = sc._memo["has_parallel"] = any(jm.parallel for jm in sc.joint_moves)
    return found


def end_phase(sc: Scenario, actor: str) -> EndPhase:
    """EndPhase(actor), the one frozen value per scenario and actor."""
    key = ("end_phase", actor)
    found = sc._memo.get(key)
    if found is None:
        found = sc._memo[key] = EndPhase(actor)
    return found


def offered(sc: Scenario, actor: str, standing: tuple, stated: dict[str, int]) -> tuple:
    """The one-move proposals, statements and messages legal_actions lists in diplomacy, for a
    scenario without parallel moves: each move's proposals but the level in force (all of them
    when proposing it renews an agreement), its statements but the one stated, then the messages.
    Remembered per scenario for what it is made of: the actor, the standing of every move and
    the actor's statements (by value)."""
    table = sc._memo.setdefault("offered", {})
    key = (actor, standing, tuple(stated.items()))
    found = table.get(key)
    if found is None:
        if len(table) > 4096:
            table.clear()
        offers, messages = static_actions(sc, actor)
        out: list = []
        for o, (current, renews) in zip(offers, standing, strict=True):
            out += o.proposals if renews else o.proposals_but[current]
            out += o.statements_but.get(stated.get(o.move.id), o.statements)
        found = table[key] = (*out, *messages)
    return found


def answers(sc: Scenario, actor: str, number: int) -> tuple[Accept, Reject]:
    """(Accept(actor, number), Reject(actor, number)), made once per scenario, actor and number."""
    table = sc._memo.setdefault("answers", {})
    key = (actor, number)
    found = table.get(key)
    if found is None:
        if len(table) > 4096:
            table.clear()
        found = table[key] = (Accept(actor, number), Reject(actor, number))
    return found
