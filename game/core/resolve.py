"""The phases without choices: news, resolution and the end check.

Resolution order, each step reading what the steps before it left:

1. Unilateral moves, in seat order: capital paid, effects, trust, agreements suspended or
   restored, then at most one chance outcome (one draw from the generator per move that has
   outcomes).
2. Agreements in force: each obliged party keeps or breaks its duties. A breach applies the
   duty's violation effects and is detected with chance ``base_detection`` plus the monitoring
   of every agreement in force (at most 1). A detected breach costs the breaker
   ``trust_loss_detected`` with every other party (half as much with everyone else) and the
   agreement collapses, with every other agreement made in the same deal; duties kept earn
   ``trust_gain_kept`` with every other party.
3. The variants still in force apply their effects.
4. Capital: every actor regains ``capital_per_turn`` (at most 100).
5. End check: the first ending (in file order) whose condition holds; endings marked
   ``at: end`` only once the calendar has run out, when one with no condition always holds.
6. Otherwise the next turn begins with its news: events due that turn, then triggered events
   whose condition holds, each happening with its chance.
"""

from __future__ import annotations

import numpy as np

from game.core import agreements as ag
from game.core.model import Ending, Event
from game.core.state import Cause, Orders, State
from game.core.world import apply_effects, log, name, shift_trust

CAPITAL_MAX = 100
CALENDAR_ENDING = Ending("calendar", "The calendar runs out", None, "end",
                         "Time ran out before the crisis reached any of its endings.")


def _draw(rng: np.random.Generator, chance: float) -> bool:
    """True with the given chance; draws from the generator only when the chance is uncertain."""
    if chance >= 1.0:
        return True
    if chance <= 0.0:
        return False
    return bool(rng.random() < chance)


def news(state: State, rng: np.random.Generator) -> None:
    """Fire the events of the current turn: those scheduled for it, then the triggered ones
    whose condition holds (each reading what the earlier ones left), in file order."""
    sc = state.scenario
    scheduled = [e for e in sc.events if e.turn is not None]
    triggered = [e for e in sc.events if e.turn is None]
    for event in scheduled + triggered:
        if event.turn is not None:
            due = event.turn == state.turn
        else:
            due = ((event.repeat or state.happened.get(event.id, 0) == 0)
                   and event.trigger is not None and event.trigger.truth(state.env_read()))
        if not due or not _draw(rng, event.chance):
            continue
        fire_event(state, event)


def fire_event(state: State, event: Event) -> None:
    """An event happens: its headline, effects, trust and stance changes."""
    state.happened[event.id] = state.happened.get(event.id, 0) + 1
    state._env_cache = None
    log(state, "news", event.headline, ref=event.id)
    cause = Cause("event", event.id, None, event.headline)
    apply_effects(state, event.effects, cause)
    for tc in event.trust:
        shift_trust(state, tc.actor, tc.toward, tc.delta, cause)
    for st in event.stances:
        current = state.stances[st.actor].get(st.move)
        if current is None:
            continue
        salience = current.salience if st.salience is None else min(1.0, max(0.0, current.salience + st.salience))
        ideal = current.ideal if st.ideal is None else st.ideal
        state.stances[st.actor] = {**state.stances[st.actor],  # a new row: rows are shared between states
                                   st.move: type(current)(ideal, round(salience, 6), current.public, current.quote)}
    ag.event_changes(state, event)


def resolve_turn(state: State, rng: np.random.Generator) -> None:
    sc = state.scenario
    rules = sc.rules
    orders = {a: state.orders.get(a, Orders()) for a in sc.actor_ids}
    # 1. unilateral moves; preconditions were checked when chosen, against the same state
    for actor in sc.actor_ids:
        move_id = orders[actor].move
        if move_id is None:
            continue
        um = sc.unilateral_move(move_id)
        state.capital[actor] -= um.cost
        state.made[um.id] = state.made.get(um.id, 0) + 1
        key = f"{actor}/{um.id}"
        state.made_by[key] = state.made_by.get(key, 0) + 1
        state._env_cache = None
        headline = um.headline.replace("{actor}", name(state, actor))
        log(state, "move", headline, actor, ref=um.id)
        move_cause = Cause("move", um.id, actor, headline)
        apply_effects(state, um.effects, move_cause)
        for other, delta in sorted(um.trust.items()):
            shift_trust(state, other, actor, delta, move_cause)
        ag.consequences(state, actor, um, orders, move_cause)
        if um.suspend:
            ag.set_suspended(state, um.suspend, True, actor, um.package)
        if um.restore:
            ag.set_suspended(state, um.restore, False, actor, um.package)
        state._env_cache = None
        if um.outcomes:
            roll = float(rng.random())
            edge = 0.0
            for outcome in um.outcomes:
                edge += outcome.chance
                if roll < edge:
                    said = outcome.headline.replace("{actor}", name(state, actor))
                    log(state, "outcome", said, actor, ref=um.id)
                    outcome_cause = Cause("outcome", um.id, actor, said)
                    apply_effects(state, outcome.effects, outcome_cause)
                    for other, delta in sorted(outcome.trust.items()):
                        shift_trust(state, other, actor, delta, outcome_cause)
                    break
    # 2. agreements: duties kept or broken, breaches detected
    active = state.in_force()
    watched = rules.base_detection + sum(sc.joint_move(a.move).variants[a.level].monitoring for a in active)
    collapsed: set[str] = set()
    for agreement in active:
        jm = sc.joint_move(agreement.move)
        variant = jm.variants[agreement.level]
        detection = min(1.0, watched + ag.guarantee(state, agreement))
        tied = [p for p in agreement.parties if agreement.move in orders[p].tied and p not in variant.obliged()]
        for actor in (*variant.obliged(), *tied):
            me = sc.actor(actor)
            others = [p for p in agreement.parties if p != actor]
            kept = Cause("agreement", jm.id, actor, f"{name(state, actor)} {me.verb('kept its', 'kept their')} "
                         f"word on {jm.name}")
            if agreement.move not in orders[actor].breaks:
                for other in others:
                    shift_trust(state, other, actor, rules.trust_gain_kept, kept)
                continue
            duties = [o for o in variant.obligations if o.actor == actor]
            text = f"{name(state, actor)} {me.verb('breaks its', 'break their')} duties under {jm.name}"
            if agreement.move in orders[actor].tied:
                text += f" by its move ({sc.unilateral_move(orders[actor].move).name})" if not me.plural else \
                    f" by their move ({sc.unilateral_move(orders[actor].move).name})"
            detected = _draw(rng, detection)
            log(state, "violation", text, actor, visible=None if detected else (actor,), ref=jm.id)
            effects = [e for o in duties for e in o.violation]
            apply_effects(state, effects, Cause("violation", jm.id, actor, text),
                          visible=None if detected else (actor,))
            if not detected:  # the others believe it kept its word, as it seems to them
                for other in others:
                    shift_trust(state, other, actor, rules.trust_gain_kept, kept)
                continue
            caught = (f"{name(state, actor)} {me.verb('is', 'are')} caught breaking {jm.name}"
                      + (f": {'; '.join(o.duty for o in duties)}" if duties else ""))
            log(state, "detected", caught, actor, ref=jm.id)
            for other in sc.actor_ids:
                if other != actor:
                    loss = rules.trust_loss_detected * (1.0 if other in others else 0.5)
                    shift_trust(state, other, actor, -loss, Cause("violation", jm.id, actor, caught))
            collapsed.add(agreement.move)
    # a package stands or falls together: the other moves agreed in the same deal collapse with it
    deals = {state.agreements[m].proposal for m in collapsed if state.agreements[m].proposal is not None}
    with_it = {a.move for a in state.agreements.values() if a.proposal in deals} - collapsed
    for move in sorted(collapsed | with_it):
        jm = sc.joint_move(move)
        del state.agreements[move]
        text = f"The agreement on {jm.name} collapses"
        if move in with_it:
            text += ": it was part of the same deal as a broken one"
        log(state, "collapsed", text, ref=move)
    state._env_cache = None
    # 3. variants in force apply their effects
    for agreement in state.in_force():
        jm = sc.joint_move(agreement.move)
        variant = jm.variants[agreement.level]
        apply_effects(state, variant.effects, Cause("agreement", jm.id, None, f"{jm.name}: {variant.label}"))
    ag.suspended_effects(state)
    ag.lapse(state)
    # 4. capital
    for actor in sc.actors:
        state.capital[actor.id] = min(CAPITAL_MAX, state.capital[actor.id] + actor.capital_per_turn)
    state.series = state.series + (dict(state.indicators),)
    # 5. end check
    ending = end_check(state)
    if ending is not None:
        state.ending = ending.id
        state.phase = "over"
        state.queue = ()
        log(state, "ending", ending.title, ref=ending.id)
        return
    # 6. the next turn
    state.turn += 1
    state.phase = "diplomacy"
    state.round = 1
    state.queue = sc.actor_ids
    state.budget = {a: rules.diplomatic_actions for a in sc.actor_ids}
    state.orders = {}
    state._env_cache = None
    news(state, rng)


def end_check(state: State) -> Ending | None:
    """The ending reached now, if any."""
    sc = state.scenario
    last = state.turn >= sc.turns
    env = state.env_read()
    for ending in sc.endings:
        if ending.at == "end" and not last:
            continue
        if ending.condition is None:
            if last:
                return ending
            continue
        if ending.condition.truth(env):
            return ending
    return CALENDAR_ENDING if last else None


def ending_of(state: State) -> Ending | None:
    """The Ending record of a finished game."""
    if state.ending is None:
        return None
    for ending in state.scenario.endings:
        if ending.id == state.ending:
            return ending
    return CALENDAR_ENDING
