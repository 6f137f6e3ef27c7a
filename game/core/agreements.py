"""Agreements of format 1.1: terms and renewal, consent per variant, mediators, parallel
signatures, red lines, suspension and return, events that change agreements, and the
consequences and breaches tied to unilateral moves.

``rules`` and ``resolve`` call these; each works on a state the caller has already cloned. A
format-1 scenario uses none of what they add, so they change nothing in its games.
"""

from __future__ import annotations

import dataclasses

from game.core.actions import Terms
from game.core.errors import IllegalActionError
from game.core.model import JointMove, Scenario
from game.core.state import Agreement, Cause, Orders, Proposal, State
from game.core.world import apply_effects, describe_terms, log, name, shift_trust


def needed_parties(scenario: Scenario, terms: Terms) -> tuple[str, ...]:
    """Every actor whose consent the terms need (the move's list and the variant's own), in seat order."""
    needed = {a for move, level in terms for a in scenario.joint_move(move).consent_for(level)}
    return tuple(a for a in scenario.actor_ids if a in needed)


def mediators(scenario: Scenario) -> tuple[str, ...]:
    """Ids of the scenario's mediators, in seat order."""
    return tuple(a.id for a in scenario.actors if a.mediator)


def is_renewal(state: State, move: str, level: int) -> bool:
    """Whether proposing this level renews an agreement with a term that is in force at it."""
    agreement = state.agreements.get(move)
    return (agreement is not None and not agreement.suspended and agreement.level == level
            and agreement.expires is not None and agreement.since < state.turn)


def changes_something(state: State, terms: Terms) -> bool:
    """A deal changes something in force, or renews an agreement with a term."""
    return any(level != state.level(move) or is_renewal(state, move, level) for move, level in terms)


def parallel_move(state: State, terms: Terms) -> JointMove | None:
    """The parallel joint move of a deal, if it has one."""
    for move, _ in terms:
        jm = state.scenario.joint_move(move)
        if jm.parallel:
            return jm
    return None


def parallel_needed(state: State, actor: str, to: tuple[str, ...], terms: Terms) -> tuple[str, ...]:
    """Who must accept a deal on a parallel move: everyone in it, each party signing for itself."""
    return tuple(a for a in state.scenario.actor_ids if a == actor or a in to)


def check_parallel(state: State, actor: str, to: tuple[str, ...], terms: Terms) -> None:
    """A parallel move is signed alone, between one or more of its parties and a mediator."""
    jm = parallel_move(state, terms)
    if jm is None:
        return
    if len(terms) > 1:
        raise IllegalActionError(f"{jm.name} is signed separately: propose it on its own")
    level = terms[0][1]
    parties = set(jm.consent_for(level))
    sc = state.scenario
    people = (actor, *to)
    if not any(sc.actor(a).mediator for a in people):
        raise IllegalActionError(f"{jm.name} is signed with a mediator: add one")
    outsiders = [a for a in people if a not in parties and not sc.actor(a).mediator]
    if outsiders:
        raise IllegalActionError(f"{name(state, outsiders[0])} is not a party to {jm.name}")
    if not any(a in parties and not sc.actor(a).mediator for a in people):
        raise IllegalActionError(f"{jm.name} needs at least one of its parties")
    signed = {a for s in state.signatures if s[0] == jm.id and s[1] == level for a in s[2]}
    again = [a for a in people if a in signed]
    if again:
        raise IllegalActionError(f"{name(state, again[0])} has already signed {jm.name}: "
                                 f"{jm.variants[level].label}; it waits for the others")


def parallel_ok(state: State, actor: str, to: tuple[str, ...], terms: Terms) -> bool:
    """Whether a deal on a parallel move may be sent as it stands."""
    try:
        check_parallel(state, actor, to, terms)
    except IllegalActionError:
        return False
    return True


def put_in_force(state: State, p: Proposal) -> None:
    """A deal every needed party accepted: its agreements (or parallel signatures) take effect."""
    sc = state.scenario
    jm = parallel_move(state, p.terms)
    if jm is not None:
        _sign(state, p, jm)
        return
    signers = set(p.accepted_by())
    with_mediators = tuple(a for a in sc.actor_ids if a in signers and sc.actor(a).mediator)
    for move, level in p.terms:
        move_jm = sc.joint_move(move)
        if level == move_jm.status_quo:
            state.agreements.pop(move, None)
        else:
            state.agreements[move] = _agreement(state, move_jm, level, move_jm.consent_for(level), p.id,
                                                with_mediators)
    state._env_cache = None
    parties = _and([name(state, a) for a in p.needed if a not in with_mediators])
    via = f", mediated by {_and([name(state, a) for a in with_mediators])}" if with_mediators else ""
    log(state, "agreement", f"Agreement (#{p.id}) between {parties}{via}: {describe_terms(state, p.terms)}",
        ref=str(p.id))
    _mediated_trust(state, [a for a in p.needed if a not in with_mediators], with_mediators, p)
    for move, level in p.terms:
        red_line_crossings(state, [a for a in p.needed if a not in with_mediators], move, level)


def _agreement(state: State, jm: JointMove, level: int, parties: tuple[str, ...], proposal: int,
               with_mediators: tuple[str, ...], signed: tuple[tuple[str, ...], ...] = ()) -> Agreement:
    term = jm.variants[level].term
    expires = state.turn + term - 1 if term else None
    return Agreement(jm.id, level, parties, state.turn, False, proposal, expires, signed, with_mediators)


def _sign(state: State, p: Proposal, jm: JointMove) -> None:
    """A parallel signature: the parties in the deal sign with the mediator; once every party of the
    variant has signed it, it is in force."""
    sc = state.scenario
    level = p.terms[0][1]
    people = set(p.accepted_by())
    with_mediators = tuple(a for a in sc.actor_ids if a in people and sc.actor(a).mediator)
    signers = tuple(a for a in sc.actor_ids if a in people and a not in with_mediators)
    state.signatures = state.signatures + ((jm.id, level, signers, p.id),)
    label = jm.variants[level].label
    log(state, "signed", f"{_and([name(state, a) for a in signers])} "
        f"{_verb(state, signers, 'signs', 'sign')} {jm.name}: {label} with "
        f"{_and([name(state, a) for a in with_mediators])} (#{p.id})", signers[0], ref=str(p.id))
    mine = [s for s in state.signatures if s[0] == jm.id and s[1] == level]
    have = {a for s in mine for a in s[2]}
    needed = [a for a in jm.consent_for(level) if not sc.actor(a).mediator]
    if not set(needed) <= have:
        waiting = [name(state, a) for a in needed if a not in have]
        log(state, "signed", f"{jm.name}: {label} waits for the signature of {_and(waiting)}", ref=jm.id)
        return
    state.signatures = tuple(s for s in state.signatures if s[0] != jm.id)
    groups = tuple(s[2] for s in mine)
    deals = {s[3] for s in mine}
    all_mediators = tuple(a for a in sc.actor_ids if sc.actor(a).mediator and any(
        a in (q.sender, *q.to) for q in state.proposals if q.id in deals))
    if level == jm.status_quo:
        state.agreements.pop(jm.id, None)
    else:
        state.agreements[jm.id] = _agreement(state, jm, level, tuple(needed), p.id, all_mediators, groups)
    state._env_cache = None
    parts = []
    for s in mine:
        q = state.proposal(s[3])
        with_whom = [name(state, a) for a in sc.actor_ids if sc.actor(a).mediator and q is not None
                     and a in (q.sender, *q.to)]
        parts.append(f"by {_and([name(state, a) for a in s[2]])} with {_and(with_whom)} (#{s[3]})")
    log(state, "agreement", f"{jm.name}: {label} is in force, signed separately: {'; '.join(parts)}",
        ref=str(p.id))
    _mediated_trust(state, needed, all_mediators, p)
    red_line_crossings(state, needed, jm.id, level)


def _mediated_trust(state: State, parties: list[str], with_mediators: tuple[str, ...], p: Proposal) -> None:
    gain = state.scenario.rules.mediator_trust
    if not with_mediators or gain <= 0:
        return
    cause = Cause("agreement", str(p.id), with_mediators[0],
                  f"{_and([name(state, a) for a in with_mediators])} mediated the deal")
    for a in parties:
        for b in parties:
            if a != b:
                shift_trust(state, a, b, gain, cause)


def red_line_crossings(state: State, parties: list[str] | tuple[str, ...], move: str, level: int) -> None:
    """Each party whose red line the agreement crosses pays its declared cost."""
    jm = state.scenario.joint_move(move)
    for actor in parties:
        red = state.scenario.actor(actor).red_line(move)
        if red is None or level not in red.levels:
            continue
        text = (f"{name(state, actor)} {_verb(state, (actor,), 'crosses its', 'cross their')} red line: "
                f"{jm.name}: {jm.variants[level].label}")
        log(state, "red_line", text, actor, ref=move)
        if red.cost:
            state.capital[actor] = max(0, state.capital[actor] - red.cost)
        apply_effects(state, red.effects, Cause("agreement", move, actor, text))


def crosses_red_line(state: State, actor: str, terms: Terms) -> list[tuple[str, int]]:
    """The (move, level) pairs of a deal that cross the actor's own red lines."""
    out = []
    for move, level in terms:
        red = state.scenario.actor(actor).red_line(move)
        if red is not None and level in red.levels:
            out.append((move, level))
    return out


def set_suspended(state: State, move: str, flag: bool, actor: str | None, package: bool = False) -> None:
    """Suspend (or restore) the agreement on a move, and with ``package`` every agreement of its deal."""
    sc = state.scenario
    first = state.agreements.get(move)
    if first is None or first.suspended == flag:
        return
    moves = [move]
    if package and first.proposal is not None:
        moves = [m for m, a in sorted(state.agreements.items()) if a.proposal == first.proposal]
    for m in moves:
        a = state.agreements[m]
        if a.suspended == flag:
            continue
        state.agreements[m] = dataclasses.replace(a, suspended=flag)
        words = "is suspended" if flag else "is back in force"
        log(state, "suspended" if flag else "restored", f"{sc.joint_move(m).name} {words}", actor, ref=m)
    state._env_cache = None


def event_changes(state: State, event) -> None:
    """What an event does to agreements: suspend, restore, end."""
    for move in event.suspend:
        set_suspended(state, move, True, None)
    for move in event.restore:
        set_suspended(state, move, False, None)
    for move in event.end:
        if state.agreements.pop(move, None) is not None:
            log(state, "collapsed", f"The agreement on {state.scenario.joint_move(move).name} ends", ref=move)
            state._env_cache = None


def consequences(state: State, actor: str, um, orders: dict[str, Orders], cause: Cause) -> None:
    """A move's conditional consequences: those whose condition holds now apply, and a breach tied
    to the move counts as the mover breaking that agreement."""
    for c in um.consequences:
        if not c.condition.truth(state.env_read()):
            continue
        apply_effects(state, c.effects, cause)
        for other, delta in sorted(c.trust.items()):
            shift_trust(state, other, actor, delta, cause)
        a = state.agreements.get(c.breach) if c.breach else None
        if a is not None and not a.suspended and actor in a.parties:
            orders[actor].breaks = orders[actor].breaks | {c.breach}
            orders[actor].tied = orders[actor].tied | {c.breach}


def suspended_effects(state: State) -> None:
    """Suspended agreements apply their variant's effects while suspended."""
    sc = state.scenario
    for jm in sc.joint_moves:
        a = state.agreements.get(jm.id)
        if a is None or not a.suspended:
            continue
        variant = jm.variants[a.level]
        apply_effects(state, variant.suspended_effects,
                      Cause("agreement", jm.id, None, f"{jm.name}: {variant.label} (suspended)"))


def lapse(state: State) -> None:
    """Agreements whose term ends this turn lapse (after working this turn)."""
    sc = state.scenario
    for move, a in sorted(state.agreements.items()):
        if a.expires is not None and a.expires <= state.turn:
            del state.agreements[move]
            log(state, "lapsed", f"The agreement on {sc.joint_move(move).name} lapses: its term is over",
                ref=move)
            state._env_cache = None


def guarantee(state: State, a: Agreement) -> float:
    """What the guarantors party to an agreement add to the detection of its breaches."""
    sc = state.scenario
    return sum(sc.actor(x).guarantee for x in dict.fromkeys((*a.parties, *a.mediators)))


def _verb(state: State, actors, singular: str, plural: str) -> str:
    if len(actors) == 1:
        return state.scenario.actor(actors[0]).verb(singular, plural)
    return plural


def _and(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
