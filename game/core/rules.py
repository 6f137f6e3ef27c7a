"""The two questions of the rules: what is legal, and what happens.

    new_game(scenario, seed, rng)      the state before anyone acts (turn 1's news has fired)
    legal_actions(state, actor)        the actions open to an actor now
    check(state, action)               IllegalActionError naming what is wrong, or nothing
    apply(state, action, rng)          (new state, the log entries the action produced)

A turn runs news -> diplomacy (``rules.rounds`` rounds; each seat speaks in turn) -> answers
(every actor with unanswered proposals answers them) -> actions (each seat chooses in secret)
-> resolution and end check (``game.core.resolve``) -> the next turn's news. The phases with
no choices happen inside ``apply`` when the last seat ends the phase before them.

The facilitator's actions (pause, deadline, advance, inject, seat, reveal, rollback) go through
the same ``check`` and ``apply``; their rules are in ``game.core.facilitator``.
"""

from __future__ import annotations

import numpy as np

from game.core import agreements, facilitator, resolve
from game.core.actions import (
    FACILITATOR_ACTIONS,
    Accept,
    Action,
    ChooseMove,
    Counter,
    EndPhase,
    Message,
    Propose,
    Reject,
    SetCompliance,
    Statement,
    Terms,
)
from game.core.errors import IllegalActionError
from game.core.frozen import frozen_own
from game.core.model import Scenario
from game.core.offers import (
    _STATIC,  # noqa: F401  (the tests look in it)
    answers,
    counters,
    end_phase,
    has_parallel,
    offered,
    standing_of,
    static_actions,
)
from game.core.state import Agreement, LogEntry, Note, Orders, Proposal, State
from game.core.world import describe_terms, log, name

MAX_RECIPIENTS = 20


def new_game(scenario: Scenario, seed: int, rng: np.random.Generator) -> State:
    """The state at the start of turn 1, after its news."""
    ids = scenario.actor_ids
    agreements = {
        move: Agreement(move, level, scenario.joint_move(move).consent_for(level), since=0,
                        expires=scenario.joint_move(move).variants[level].term)
        for move, level in sorted(scenario.in_force.items())
        if level != scenario.joint_move(move).status_quo  # the status quo needs no agreement
    }
    state = State(
        scenario=scenario,
        seed=seed,
        turn=1,
        phase="diplomacy",
        round=1,
        queue=ids,
        indicators={i.id: float(i.start) for i in scenario.indicators},
        trust={a.id: {b: float(a.trust[b]) for b in ids if b != a.id} for a in scenario.actors},
        capital={a.id: a.capital for a in scenario.actors},
        stances={a.id: dict(a.stances) for a in scenario.actors},
        public={a.id: {m: s.public for m, s in a.stances.items()} for a in scenario.actors},
        agreements=agreements,
        made={},
        made_by={},
        happened={},
        budget={a: scenario.rules.diplomatic_actions for a in ids},
        proposals=(),
        orders={},
    )
    state.series = (dict(state.indicators),)
    resolve.news(state, rng)
    facilitator.record_start(state, rng)
    return state


# ---------------------------------------------------------------------------------------------
# legality


def needed_parties(scenario: Scenario, terms: Terms) -> tuple[str, ...]:
    """Every actor whose consent the terms need, in seat order."""
    return agreements.needed_parties(scenario, terms)


def _check_terms(state: State, terms: Terms) -> None:
    sc = state.scenario
    if not terms:
        raise IllegalActionError("a deal needs at least one joint move")
    moves = [m for m, _ in terms]
    if len(set(moves)) != len(moves):
        raise IllegalActionError("a deal names each joint move at most once")
    for move, level in terms:
        try:
            jm = sc.joint_move(move)
        except KeyError:
            raise IllegalActionError(f"'{move}' is not a joint move") from None
        if not 0 <= level < len(jm.variants):
            raise IllegalActionError(f"{jm.name} has no variant at level {level}")
    if not agreements.changes_something(state, terms):
        raise IllegalActionError("the deal changes nothing that is in force")


def _check_recipients(state: State, actor: str, to: tuple[str, ...], terms: Terms) -> None:
    ids = state.scenario.actor_ids
    if not to or len(to) > MAX_RECIPIENTS or len(set(to)) != len(to):
        raise IllegalActionError("a proposal goes to one or more different actors")
    for who in to:
        if who not in ids:
            raise IllegalActionError(f"'{who}' is not an actor")
        if who == actor:
            raise IllegalActionError("an actor does not send a proposal to itself")
    if agreements.parallel_move(state, terms) is not None:
        agreements.check_parallel(state, actor, to, terms)
        return
    missing = [a for a in needed_parties(state.scenario, terms) if a != actor and a not in to]
    if missing:
        raise IllegalActionError(
            f"the deal needs the consent of {', '.join(name(state, a) for a in missing)}: add them"
        )


def counter_recipients(state: State, actor: str, old: Proposal, terms: Terms) -> tuple[str, ...]:
    """Who a counter-proposal goes to: the proposal's sender and other parties, and any party the
    new terms need."""
    needed = () if agreements.parallel_move(state, terms) else needed_parties(state.scenario, terms)
    return tuple(a for a in state.scenario.actor_ids
                 if a != actor and (a == old.sender or a in old.to or a in needed))


def _recipients(state: State, actor: str, jm, level: int) -> tuple[str, ...]:
    """Whom a one-move deal of legal_actions goes to: the other parties (a parallel move: a
    mediator, or for a mediator one party)."""
    sc = state.scenario
    if jm.parallel:
        parties = [a for a in jm.consent_for(level) if not sc.actor(a).mediator]
        if sc.actor(actor).mediator:
            return tuple(a for a in parties if a != actor)[:1]
        if actor not in parties:
            return ()
        return tuple(a for a in agreements.mediators(sc) if a != actor)[:1]
    others = tuple(a for a in jm.consent_for(level) if a != actor)
    return others or tuple(a for a in sc.actor_ids if a != actor)[:1]


def _open_for(state: State, actor: str, number: int) -> Proposal:
    p = state.proposal(number)
    if p is None or p.status != "open":
        raise IllegalActionError(f"proposal #{number} is not open")
    if actor not in p.to:
        raise IllegalActionError(f"proposal #{number} is not addressed to {name(state, actor)}")
    if p.answer_of(actor) is not None:
        raise IllegalActionError(f"{name(state, actor)} has already answered proposal #{number}")
    return p


def move_available(state: State, actor: str, move_id: str) -> str | None:
    """Why a unilateral move is not open to an actor now, or None if it is."""
    sc = state.scenario
    try:
        um = sc.unilateral_move(move_id)
    except KeyError:
        return f"'{move_id}' is not a unilateral move"
    if actor not in um.actors:
        return f"{name(state, actor)} cannot make this move"
    if um.limit is not None and state.made_by.get(f"{actor}/{move_id}", 0) >= um.limit:
        return f"already made {um.limit} time(s), the most allowed"
    if state.capital[actor] < um.cost:
        return f"needs {um.cost} political capital, has {state.capital[actor]}"
    if um.suspend and (um.suspend not in state.agreements or state.agreements[um.suspend].suspended):
        return "there is no agreement in force to suspend"
    if um.restore and not (um.restore in state.agreements and state.agreements[um.restore].suspended):
        return "there is no suspended agreement to restore"
    if um.precondition is not None and not um.precondition.truth(state.env_read()):
        return f"needs {um.precondition.text}"
    return None


def check(state: State, action: Action) -> None:
    """Raise IllegalActionError, with the reason, unless the action is legal now."""
    sc = state.scenario
    actor = action.actor
    if isinstance(action, FACILITATOR_ACTIONS):
        facilitator.check(state, action)
        return
    if actor not in sc.actor_ids:
        raise IllegalActionError(f"'{actor}' is not an actor")
    if state.phase == "over":
        raise IllegalActionError("the game is over")
    if state.console.paused:
        raise IllegalActionError("the facilitator has paused the game")
    if state.to_move != actor:
        who = state.to_move
        raise IllegalActionError(f"it is {name(state, who) if who else 'nobody'}'s turn, not {name(state, actor)}'s")
    phase = state.phase
    if isinstance(action, EndPhase):
        return
    if phase in ("diplomacy", "answers"):
        if isinstance(action, (Accept, Reject)):
            _open_for(state, actor, action.proposal)
            return
        if phase == "answers":
            raise IllegalActionError("after the last round, proposals can only be accepted or rejected")
        if isinstance(action, (Propose, Counter, Statement, Message)) and state.budget[actor] <= 0:
            raise IllegalActionError(f"{name(state, actor)} has no diplomatic actions left this turn")
        if isinstance(action, Propose):
            _check_terms(state, action.terms)
            _check_recipients(state, actor, action.to, action.terms)
            return
        if isinstance(action, Counter):
            p = _open_for(state, actor, action.proposal)
            _check_terms(state, action.terms)
            if action.terms == p.terms:
                raise IllegalActionError("a counter-proposal must change the terms")
            if agreements.parallel_move(state, action.terms) is not None:
                agreements.check_parallel(state, actor, counter_recipients(state, actor, p, action.terms),
                                          action.terms)
            return
        if isinstance(action, (Statement, Message)):
            try:
                jm = sc.joint_move(action.move)
            except KeyError:
                raise IllegalActionError(f"'{action.move}' is not a joint move") from None
            if not 0 <= action.level < len(jm.variants):
                raise IllegalActionError(f"{jm.name} has no variant at level {action.level}")
            if isinstance(action, Message):
                if action.to not in sc.actor_ids or action.to == actor:
                    raise IllegalActionError("a message goes to one other actor")
                if action.via is not None and (action.via not in sc.actor_ids or not sc.actor(action.via).mediator
                                               or action.via in (actor, action.to)):
                    raise IllegalActionError("a message is carried only by a mediator other than its sender "
                                             "and recipient")
                if action.warn is not None:
                    why = move_available(state, actor, action.warn)
                    if why:
                        raise IllegalActionError(f"a warning must name a move the sender could make: {why}")
            return
        raise IllegalActionError("that is not an action of the diplomacy phase")
    # actions phase
    if isinstance(action, ChooseMove):
        if action.move is not None:
            why = move_available(state, actor, action.move)
            if why:
                raise IllegalActionError(why)
        return
    if isinstance(action, SetCompliance):
        if action.move not in {a.move for a in state.obligations(actor)}:
            raise IllegalActionError(f"no agreement in force obliges {name(state, actor)} on '{action.move}'")
        return
    raise IllegalActionError("that is not an action of the actions phase")


def legal_actions(state: State, actor: str) -> list[Action]:
    """The actions open to an actor now (empty when it is not its turn to move).

    Deals are listed one joint move at a time; a deal over several moves is just as legal
    (``check`` accepts it) but there are too many to list.
    """
    if state.to_move != actor or state.console.paused:
        return []
    sc = state.scenario
    out: list[Action] = []
    if state.phase in ("diplomacy", "answers"):
        open_to_me = [p for p in state.proposals if p.status == "open" and actor in p.to
                      and p.answer_of(actor) is None]
        for p in open_to_me:
            out += answers(sc, actor, p.id)  # Accept, Reject
        if state.phase == "diplomacy" and state.budget[actor] > 0:
            standing = standing_of(state)
            for p in open_to_me:  # each change of one level of the deal (terms already in order)
                out += counters(state, actor, p, standing)
            if not has_parallel(sc):  # every one-move deal, statement and message, remembered
                out += offered(sc, actor, standing, state.public[actor])
                out.append(end_phase(sc, actor))
                return out
            offers, messages = static_actions(sc, actor)
            stated = state.public[actor]
            for o in offers:
                jm = o.move
                current = state.level(jm.id)
                if jm.parallel or agreements.is_renewal(state, jm.id, current):
                    for level, p in enumerate(o.proposals):
                        if level != current or agreements.is_renewal(state, jm.id, level):
                            if p is not None:
                                out.append(p)
                                continue
                            # a parallel move: its recipients and whether it may be signed depend on the state
                            to = _recipients(state, actor, jm, level)
                            if to and agreements.parallel_ok(state, actor, to, ((jm.id, level),)):
                                out.append(Propose(actor, to, ((jm.id, level),)))
                else:  # the usual case: every level but the one in force
                    out += o.proposals_but[current]
                public = stated.get(jm.id)
                out += o.statements_but.get(public, o.statements)
            out += messages
    elif state.phase == "actions":
        orders = state.orders.get(actor, Orders())
        out.append(ChooseMove(actor, None))
        for um in sc.unilateral_moves:
            if move_available(state, actor, um.id) is None:
                out.append(ChooseMove(actor, um.id))
        for a in state.obligations(actor):
            out.append(SetCompliance(actor, a.move, a.move in orders.breaks))
    out.append(end_phase(sc, actor))
    return out


# ---------------------------------------------------------------------------------------------
# applying


def apply(state: State, action: Action, rng: np.random.Generator,
          checked: bool = False) -> tuple[State, list[LogEntry]]:
    """The state after an action, and the log entries it produced. The given state is unchanged.
    ``checked``: the caller has just run ``check(state, action)`` on this very state (the session
    does, for a computer's action), so it is not run twice."""
    if not checked:
        check(state, action)
    new = state.clone(env_base=True)  # the state given is never changed
    before = len(new.log)
    new.step += 1
    actor = action.actor
    if isinstance(action, FACILITATOR_ACTIONS):
        new = facilitator.apply(state, new, action, rng)
        return new, [new.log[-1]]  # a rollback's state has another log: its last line is the note
    if isinstance(action, Propose):
        new.budget[actor] -= 1
        _propose(new, actor, action.to, action.terms, action.reason)
    elif isinstance(action, Accept):
        _answer(new, actor, action.proposal, "accept", action.reason)
    elif isinstance(action, Reject):
        _answer(new, actor, action.proposal, "reject", action.reason)
    elif isinstance(action, Counter):
        new.budget[actor] -= 1
        old = new.proposal(action.proposal)
        _answer(new, actor, action.proposal, "counter", action.reason)
        to = counter_recipients(new, actor, old, action.terms)
        _propose(new, actor, to, action.terms, action.reason, counter_of=old.id)
    elif isinstance(action, Statement):
        new.budget[actor] -= 1
        new.public[actor] = {**new.public[actor], action.move: action.level}  # a new row (rows are shared)
        jm = new.scenario.joint_move(action.move)
        says = new.scenario.actor(actor).verb("states it supports", "state they support")
        text = f"{name(new, actor)} {says} {jm.name}: {jm.variants[action.level].label}"
        log(new, "statement", _with_reason(text, action.reason), actor, ref=action.move)
    elif isinstance(action, Message):
        new.budget[actor] -= 1
        jm = new.scenario.joint_move(action.move)
        text = (f"{name(new, actor)} to {name(new, action.to)}, privately: we could live with "
                f"{jm.name}: {jm.variants[action.level].label}")
        if action.warn:
            text += f"; otherwise we may resort to: {new.scenario.unilateral_move(action.warn).name}"
        seen_by: tuple[str, ...] = (actor, action.to)
        if action.via:
            text += f" (carried by {name(new, action.via)})"
            seen_by += (action.via,)
        new.notes = new.notes + (Note(new.turn, actor, action.to, action.move, action.level, action.warn),)
        log(new, "message", _with_reason(text, action.reason), actor, visible=seen_by, ref=action.move)
    elif isinstance(action, ChooseMove):
        orders = new.orders.setdefault(actor, Orders())
        orders.move = action.move
        orders.reasons = orders.reasons + ((action.reason,) if action.reason else ())
    elif isinstance(action, SetCompliance):
        orders = new.orders.setdefault(actor, Orders())
        orders.breaks = (orders.breaks - {action.move}) if action.keep else (orders.breaks | {action.move})
        orders.reasons = orders.reasons + ((action.reason,) if action.reason else ())
    elif isinstance(action, EndPhase):
        _end_phase(new, actor, rng)
        if new.turn != state.turn and new.phase != "over":  # a new turn began with its news
            facilitator.fire_pending(new)
            facilitator.record_start(new, rng)
    return new, list(new.log[before:])


def _with_reason(text: str, reason: str) -> str:
    return f"{text} ({reason})" if reason else text


def _propose(state: State, actor: str, to: tuple[str, ...], terms: Terms, reason: str,
             counter_of: int | None = None) -> None:
    if agreements.parallel_move(state, terms) is not None:
        needed = agreements.parallel_needed(state, actor, to, terms)
    else:
        needed = needed_parties(state.scenario, terms)
    p = _proposal(state.next_proposal, state.turn, actor, to, terms, needed, (), "open", counter_of, reason)
    state.next_proposal += 1
    state.proposals = state.proposals + (p,)
    me = state.scenario.actor(actor)
    verb = me.verb("counters with", "counter with") if counter_of else me.verb("proposes", "propose")
    text = f"{name(state, actor)} {verb} #{p.id} to {', '.join(name(state, a) for a in to)}: {describe_terms(state, terms)}"
    log(state, "counter" if counter_of else "proposal", _with_reason(text, reason), actor,
        visible=p.visible_to(), ref=str(p.id))
    _settle(state, p)


def _replace(state: State, p: Proposal) -> None:
    proposals = state.proposals
    i = p.id - 1  # numbered from 1 in order (each number once: _propose), so usually found in its place
    if 0 <= i < len(proposals) and proposals[i].id == p.id:
        state.proposals = (*proposals[:i], p, *proposals[i + 1:])
        return
    state.proposals = tuple(p if q.id == p.id else q for q in proposals)


def _answer(state: State, actor: str, number: int, answer: str, reason: str) -> None:
    p = state.proposal(number)
    p = _proposal(p.id, p.turn, p.sender, p.to, p.terms, p.needed, p.answers + ((actor, answer),),
                  p.status, p.counter_of, p.reason)
    _replace(state, p)
    me = state.scenario.actor(actor)
    verbs = {"accept": me.verb("accepts", "accept"), "reject": me.verb("rejects", "reject"),
             "counter": me.verb("rejects", "reject")}
    text = f"{name(state, actor)} {verbs[answer]} #{p.id}"
    log(state, "accept" if answer == "accept" else "reject", _with_reason(text, reason), actor,
        visible=p.visible_to(), ref=str(p.id))
    _settle(state, p)


def _settle(state: State, p: Proposal) -> None:
    """Make the deal an agreement once every needed party accepts; close it once one refuses."""
    accepted = set(p.accepted_by())
    refused = {a for a, ans in p.answers if ans != "accept"}
    if refused & set(p.needed):
        _replace(state, _with_status(p, "refused"))
        return
    if not set(p.needed) <= accepted:
        return
    _replace(state, _with_status(p, "agreed"))
    agreements.put_in_force(state, p)
    # other open proposals that no longer change anything lapse
    for q in state.proposals:
        if q.status == "open" and not agreements.changes_something(state, q.terms):
            _replace(state, _with_status(q, "expired"))


def _with_status(p: Proposal, status: str) -> Proposal:
    return _proposal(p.id, p.turn, p.sender, p.to, p.terms, p.needed, p.answers, status, p.counter_of, p.reason)


def _proposal(number: int, turn: int, sender: str, to: tuple[str, ...], terms: Terms, needed: tuple[str, ...],
              answers: tuple[tuple[str, str], ...], status: str, counter_of: int | None, reason: str) -> Proposal:
    """Proposal(...) with every field given, made without the frozen dataclass's __init__ (a
    proposal is made or remade at most steps of a game; Proposal has no __post_init__)."""
    return frozen_own(Proposal, {"id": number, "turn": turn, "sender": sender, "to": to, "terms": terms,
                                 "needed": needed, "answers": answers, "status": status,
                                 "counter_of": counter_of, "reason": reason})


def _end_phase(state: State, actor: str, rng: np.random.Generator) -> None:
    sc = state.scenario
    if state.phase == "actions":
        state.orders.setdefault(actor, Orders()).done = True
    state.queue = state.queue[1:]
    if state.queue:
        return
    if state.phase == "diplomacy" and state.round < sc.rules.rounds:
        state.round += 1
        state.queue = sc.actor_ids
        return
    if state.phase == "diplomacy":
        state.phase = "answers"
        state.round = sc.rules.rounds + 1
        state.queue = tuple(a for a in sc.actor_ids if any(
            p.status == "open" and a in p.to and p.answer_of(a) is None for p in state.proposals))
        if state.queue:
            return
    if state.phase == "answers":
        for p in state.proposals:
            if p.status == "open":
                _replace(state, _with_status(p, "expired"))
                log(state, "expired", f"Proposal #{p.id} lapses without every needed answer",
                    visible=p.visible_to(), ref=str(p.id))
        state.phase = "actions"
        state.queue = sc.actor_ids
        state.orders = {a: Orders() for a in sc.actor_ids}
        return
    # the last seat has chosen: resolve the turn
    resolve.resolve_turn(state, rng)
