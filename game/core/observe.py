"""What one actor may know: ``observe(state, actor)``.

Computer actors and the UI read observations only, never the state. An observation holds the
public world (indicators, agreements, the joint and unilateral moves, every actor's public
face and stated positions), the actor's own private brief and current stances, what it has
said and been told, the log entries it saw, and its legal actions. It holds no other actor's
ideals, saliences, red lines, goals, capital, trust, orders or messages.

Trust is the one exception by design: each actor sees how far the others trust it, as a
negotiator reads the room; it does not see their trust in one another.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from game.core.actions import Action
from game.core.model import Actor, Indicator, JointMove, Rules, Stance, UnilateralMove
from game.core.personality import this_game
from game.core.resolve import ending_of
from game.core.rules import legal_actions
from game.core.scoring import score
from game.core.state import Agreement, Cause, Change, LogEntry, Note, Phase, Proposal, State, TrustShift

HIDDEN_CAUSE = Cause("unknown", "", None, "causes not known to you")


@dataclass(frozen=True)
class ActorView:
    """What anyone may see of an actor."""

    id: str
    name: str
    short_name: str
    colour: str
    description: str
    capability: float
    playable: bool
    public: dict[str, int]  # joint move id -> stated level
    trust_in_you: float  # this actor's trust toward the observer (100 for the observer itself)
    plural: bool | None = None  # its name takes a plural verb (format 1.1; None: not said)
    mediator: bool = False
    red_lines: dict[str, tuple[int, ...]] = dataclasses.field(default_factory=dict)  # public ones only


@dataclass(frozen=True)
class Estimate:
    """The observer's estimate of another actor's position on a joint move."""

    level: float  # the variant it seems to want
    salience: float  # how much it seems to care (0.5 when nothing is known)
    basis: str  # "statement", "message", "proposal" or "none"


@dataclass(frozen=True)
class Observation:
    actor: str
    turn: int
    turns: int
    date: str
    phase: Phase
    round: int
    rounds: int
    waiting_for: str | None  # whose move it is
    rules: Rules
    indicators: tuple[Indicator, ...]
    values: dict[str, float]
    env: dict[str, float]  # every name an expression may read, with its value (all public)
    series: tuple[dict[str, float], ...]
    joint_moves: tuple[JointMove, ...]
    unilateral_moves: tuple[UnilateralMove, ...]
    levels: dict[str, int]  # effective level of every joint move
    agreements: tuple[Agreement, ...]  # in force or suspended
    actors: tuple[ActorView, ...]
    me: Actor  # own record: brief, goals, this game's personality (stances as at the start)
    stances: dict[str, Stance]  # own stances now
    capital: int
    budget: int
    trust: dict[str, float]  # own trust toward each other actor
    obligations: tuple[str, ...]  # joint moves whose agreements oblige the observer
    move_choice: str | None  # own unilateral move chosen this actions phase
    breaking: frozenset[str]  # own agreements it has chosen to break this phase
    proposals: tuple[Proposal, ...]  # those it sent or received
    # parallel signatures waiting for the other parties (public, format 1.1): (move, level, signers, proposal)
    signatures: tuple[tuple[str, int, tuple[str, ...], int], ...]
    notes: tuple[Note, ...]  # messages it sent or received
    log: tuple[LogEntry, ...]
    changes: tuple[Change, ...]
    trust_changes: tuple[TrustShift, ...]  # changes of its trust in others and of others' trust in it
    estimates: dict[str, dict[str, Estimate]]  # other actor -> joint move -> estimate
    times_made: dict[str, int]  # own unilateral moves: times made
    ending: str | None
    ending_title: str | None
    score: float  # own score if the game ended now
    legal: tuple[Action, ...]
    paused: bool = False  # the facilitator has paused the game (rule 10.2)
    deadline: int = 0  # seconds each phase may take (rule 10.3; 0: none)

    @property
    def my_turn(self) -> bool:
        return self.waiting_for == self.actor

    def actor_view(self, actor_id: str) -> ActorView:
        for view in self.actors:
            if view.id == actor_id:
                return view
        raise KeyError(actor_id)

    def open_to_me(self) -> list[Proposal]:
        """Proposals addressed to the observer that it has not yet answered."""
        return [p for p in self.proposals if p.status == "open" and self.actor in p.to
                and p.answer_of(self.actor) is None]


def estimates(state: State, actor: str) -> dict[str, dict[str, Estimate]]:
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


def observe(state: State, actor: str) -> Observation:
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
        estimates=estimates(state, actor),
        times_made={um.id: state.made_by.get(f"{actor}/{um.id}", 0) for um in sc.unilateral_moves
                    if actor in um.actors},
        ending=state.ending,
        ending_title=ending.title if ending else None,
        score=score(state, actor),
        legal=tuple(legal_actions(state, actor)),
        paused=state.console.paused,
        deadline=state.console.deadline,
    )
