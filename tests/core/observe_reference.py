"""The plain reading of ``observe``: the observation made straight from the state, with nothing
remembered between steps (as ``game.core.observe`` was before it remembered parts). The tests
hold the engine's observation equal to this one over whole seeded games."""

from __future__ import annotations

import dataclasses

from game.core.observe import HIDDEN_CAUSE, ActorView, Estimate, Observation
from game.core.personality import this_game
from game.core.resolve import ending_of
from game.core.rules import legal_actions
from game.core.scoring import score
from game.core.state import Change, State


def plain_estimates(state: State, actor: str) -> dict[str, dict[str, Estimate]]:
    """Estimates of the others from what the observer has seen: their public statements, then
    refined by what they told it in private and the deals they proposed to it."""
    # one pass over the proposals, then one over the notes: each actor's row is refined in the same
    # order as if its own were read one by one (later proposals and notes override earlier ones)
    out: dict[str, dict[str, Estimate]] = {
        other: {m: Estimate(float(lvl), 0.5, "statement") for m, lvl in state.public[other].items()}
        for other in state.scenario.actor_ids if other != actor}
    for p in state.proposals:
        if p.sender != actor and actor in p.to:
            row = out[p.sender]
            for m, lvl in p.terms:
                row[m] = Estimate(float(lvl), 0.6, "proposal")
    for note in state.notes:
        if note.to == actor and note.sender != actor:
            out[note.sender][note.move] = Estimate(float(note.level), 0.6, "message")
    return out


def _public_red_lines(state: State, actor: str) -> dict[str, tuple[int, ...]]:
    """The red lines an actor has declared in public: joint move -> levels."""
    return {m: st.red_line.levels for m, st in sorted(state.scenario.actor(actor).stances.items())
            if st.red_line is not None and st.red_line.public}


def plain_observe(state: State, actor: str) -> Observation:
    """Exactly what ``actor`` may know now, with its legal actions."""
    sc = state.scenario
    me = sc.actor(actor)
    views = tuple(
        ActorView(a.id, a.name, a.short_name, a.colour, a.description, a.capability, a.playable,
                  dict(state.public[a.id]), 100.0 if a.id == actor else state.trust[a.id][actor],
                  a.plural, a.mediator, _public_red_lines(state, a.id))
        for a in sc.actors
    )
    orders = state.orders.get(actor)
    ending = ending_of(state)
    changes = tuple(c if c.visible is None or actor in c.visible else
                    Change(c.turn, c.indicator, c.before, c.after, HIDDEN_CAUSE, None)
                    for c in state.changes)
    return Observation(
        actor=actor,
        turn=state.turn,
        turns=sc.turns,
        date=sc.date_of_turn(state.turn).isoformat(),
        phase=state.phase,
        round=state.round,
        rounds=sc.rules.rounds,
        waiting_for=state.to_move,
        rules=sc.rules,
        indicators=sc.indicators,
        values=dict(state.indicators),
        env=state.env(),
        series=tuple(dict(values) for values in state.series),
        joint_moves=sc.joint_moves,
        unilateral_moves=sc.unilateral_moves,
        levels={jm.id: state.level(jm.id) for jm in sc.joint_moves},
        agreements=tuple(state.agreements[m] for m in sorted(state.agreements)),
        actors=views,
        me=dataclasses.replace(me, trust=dict(me.trust), stances=dict(me.stances),
                               personality=this_game(me, state.seed)),  # varied per game (rule 8.6)
        stances=dict(state.stances[actor]),
        capital=state.capital[actor],
        budget=state.budget.get(actor, 0),
        trust=dict(state.trust[actor]),
        obligations=tuple(a.move for a in state.obligations(actor)),
        move_choice=orders.move if orders else None,
        breaking=orders.breaks if orders else frozenset(),
        proposals=tuple(p for p in state.proposals if actor in p.visible_to()),
        signatures=state.signatures,
        notes=tuple(n for n in state.notes if actor in (n.sender, n.to)),
        log=tuple(e for e in state.log if e.visible is None or actor in e.visible),  # seen_by(actor)
        changes=changes,
        trust_changes=tuple(t for t in state.trust_changes if actor in (t.actor, t.toward)),
        estimates=plain_estimates(state, actor),
        times_made={um.id: state.made_by.get(f"{actor}/{um.id}", 0) for um in sc.unilateral_moves
                    if actor in um.actors},
        ending=state.ending,
        ending_title=ending.title if ending else None,
        score=score(state, actor),
        legal=tuple(legal_actions(state, actor)),
        paused=state.console.paused,
        deadline=state.console.deadline,
    )
