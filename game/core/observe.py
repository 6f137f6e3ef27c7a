"""What one actor may know: ``observe(state, actor)``.

Computer actors and the UI read observations only, never the state. An observation holds the
public world (indicators, agreements, the joint and unilateral moves, every actor's public
face and stated positions), the actor's own private brief and current stances, what it has
said and been told, the log entries it saw, and its legal actions. It holds no other actor's
ideals, saliences, red lines, goals, capital, trust, orders or messages. A lean observation
(``observe(state, actor, lean=True)``, for the computer actor, which declares it reads none of
them) leaves out the legal actions, the score and the change records; the screens and the
network always get the full one.

Trust is the one exception by design: each actor sees how far the others trust it, as a
negotiator reads the room; it does not see their trust in one another.

An observation is made at every step of every game, so it is made from parts remembered per
scenario and actor (``game.core.observe_memo``): what depends on the scenario alone is worked
out once, and the records that only grow (the log, the changes, the messages) are filtered for
the new entries only. Every part is checked against the state by value before it is reused, and
every mutable part (a dict) is a fresh copy in each observation: editing one observation changes
no other, nor the state. ``tests/core/test_observe_memo.py`` proves it the same as the plain
reading of the state over whole seeded games.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from game.core import observe_memo as memo
from game.core.actions import Action
from game.core.model import Actor, Indicator, JointMove, Rules, Stance, UnilateralMove
from game.core.resolve import ending_of
from game.core.rules import legal_actions
from game.core.scoring import blend, goal_score, stance_closeness
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
    score: float | None  # own score if the game ended now (None in a lean observation)
    legal: tuple[Action, ...]  # () in a lean observation
    paused: bool = False  # the facilitator has paused the game (rule 10.2)
    deadline: int = 0  # seconds each phase may take (rule 10.3; 0: none)
    lean: bool = False  # made for a reader that reads none of LEFT_OUT: those fields are empty

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
    return _estimates(state, actor, memo.filtered(state, actor, "proposals", state.proposals, _seen_proposal),
                      memo.filtered(state, actor, "notes", state.notes, _seen_note))


_ESTIMATES: dict[tuple, Estimate] = {}  # (level, salience, basis) -> the one frozen value


def _estimate(level: int, salience: float, basis: str) -> Estimate:
    key = (level, salience, basis)
    found = _ESTIMATES.get(key)
    if found is None:
        found = _ESTIMATES[key] = Estimate(float(level), salience, basis)
    return found


_PROPOSED: dict[tuple, dict[str, Estimate]] = {}  # a deal's terms -> what its sender seems to want


def _proposed(terms: tuple[tuple[str, int], ...]) -> dict[str, Estimate]:
    found = _PROPOSED.get(terms)
    if found is None:
        if len(_PROPOSED) > 4096:
            _PROPOSED.clear()
        found = _PROPOSED[terms] = {m: _estimate(lvl, 0.6, "proposal") for m, lvl in terms}
    return found


def _estimates(state: State, actor: str, proposals: tuple[Proposal, ...],
               notes: tuple[Note, ...]) -> dict[str, dict[str, Estimate]]:
    # the statements first; then each proposal and message to the observer, in order, overrides
    # (the proposals and notes it may see: those it sent are left out here); what the proposals
    # and the notes make of each sender is remembered and read only for the new ones
    by_proposal = memo.overrides(state, actor, "proposed", proposals, _proposal_key, _proposed)
    by_note = memo.overrides(state, actor, "told", notes, _note_key, _told)
    out = {}
    for other in state.scenario.actor_ids:
        if other != actor:
            row = dict(memo.stated(state, other, _stated))
            more = by_proposal.get(other)
            if more:
                row.update(more)
            more = by_note.get(other)
            if more:
                row.update(more)
            out[other] = row
    return out


def _proposal_key(p: Proposal, actor: str) -> tuple | None:
    return (p.sender, p.terms) if p.sender != actor and actor in p.to else None


def _note_key(note: Note, actor: str) -> tuple | None:
    return (note.sender, (note.move, note.level)) if note.to == actor and note.sender != actor else None


def _told(said: tuple[str, int]) -> dict[str, Estimate]:
    return {said[0]: _estimate(said[1], 0.6, "message")}


def _stated(row: dict[str, int]) -> dict[str, Estimate]:
    """What anyone makes of an actor's public statements, before what it said to them alone."""
    return {m: _estimate(lvl, 0.5, "statement") for m, lvl in row.items()}


def _seen_proposal(p: Proposal, actor: str) -> bool:
    return p.sender == actor or actor in p.to  # actor in p.visible_to(), without building the set


def _seen_note(n: Note, actor: str) -> bool:
    return actor == n.sender or actor == n.to


def _seen_entry(e: LogEntry, actor: str) -> bool:
    return e.visible is None or actor in e.visible  # e.seen_by(actor)


def _seen_shift(t: TrustShift, actor: str) -> bool:
    return actor == t.actor or actor == t.toward


def _seen_change(c: Change, actor: str) -> Change:
    if c.visible is None or actor in c.visible:
        return c
    return Change(c.turn, c.indicator, c.before, c.after, HIDDEN_CAUSE, None)


@dataclass(frozen=True)
class Glance:
    """The little a random baseline reads of an observation: whose turn it is, and the legal
    actions (``glance(state, actor)``: the same fields as ``observe`` gives, at a fraction of the cost)."""

    actor: str
    phase: Phase
    waiting_for: str | None
    legal: tuple[Action, ...]


def glance(state: State, actor: str) -> Glance:
    """``observe(state, actor)`` cut down to the fields of ``Glance``, equal to them."""
    return Glance(actor, state.phase, state.to_move, tuple(legal_actions(state, actor)))


LEFT_OUT = ("changes", "trust_changes", "score", "legal")  # what a lean observation leaves empty


def observe(state: State, actor: str, lean: bool = False) -> Observation:
    """Exactly what ``actor`` may know now, with its legal actions.

    ``lean``: for a reader that declares it reads none of ``LEFT_OUT`` (the computer actor, whose
    decisions read neither its legal actions nor its score nor the change records): those fields
    are left empty (``()``, the score None) and not worked out, and ``lean`` says so; every other
    field is what the full observation holds. The screens and the network get the full one."""
    sc = state.scenario
    fixed = memo.scenario_parts(sc)
    me = sc.actor(actor)
    trust = state.trust
    public = state.public
    views = []
    for a, face, red in fixed.faces:  # each a new dict: the face, then what this observer sees of it
        view = face.copy()
        view["public"] = public[a].copy()
        view["trust_in_you"] = 100.0 if a == actor else trust[a][actor]
        view["red_lines"] = red.copy()
        views.append(memo.frozen_own(ActorView, view))
    orders = state.orders.get(actor)
    ending = ending_of(state)
    levels = dict(fixed.status_quo)
    obligations = []  # state.obligations(actor), read on the way: agreements in force, in scenario order
    agreements = state.agreements
    for jm in sc.joint_moves:
        agreement = agreements.get(jm.id)
        if agreement is not None and not agreement.suspended:
            levels[jm.id] = agreement.level
            if actor in jm.variants[agreement.level].obliged():
                obligations.append(jm.id)
    proposals = memo.filtered(state, actor, "proposals", state.proposals, _seen_proposal)
    notes = memo.filtered(state, actor, "notes", state.notes, _seen_note)
    own = memo.own_record(state, actor)  # own record with this game's personality (rule 8.6)
    return memo.frozen_own(Observation, {
        "actor": actor,
        "turn": state.turn,
        "turns": sc.turns,
        "date": fixed.date(state.turn),
        "phase": state.phase,
        "round": state.round,
        "rounds": sc.rules.rounds,
        "waiting_for": state.to_move,
        "rules": sc.rules,
        "indicators": sc.indicators,
        "values": dict(state.indicators),
        "env": state.env(),
        "series": tuple(dict(values) for values in state.series),
        "joint_moves": sc.joint_moves,
        "unilateral_moves": sc.unilateral_moves,
        "levels": levels,
        "agreements": tuple(state.agreements[m] for m in sorted(state.agreements)),
        "actors": tuple(views),
        "me": memo.frozen_own(Actor, {**own, "trust": dict(own["trust"]), "stances": dict(own["stances"])}),
        "stances": dict(state.stances[actor]),
        "capital": state.capital[actor],
        "budget": state.budget.get(actor, 0),
        "trust": dict(trust[actor]),
        "obligations": tuple(obligations),
        "move_choice": orders.move if orders else None,
        "breaking": orders.breaks if orders else frozenset(),
        "proposals": proposals,
        "signatures": state.signatures,
        "notes": notes,
        "log": memo.filtered(state, actor, "log", state.log, _seen_entry),
        "changes": () if lean else memo.mapped(state, actor, "changes", state.changes, _seen_change),
        "trust_changes": () if lean else memo.filtered(state, actor, "trust_changes", state.trust_changes,
                                                       _seen_shift),
        "estimates": _estimates(state, actor, proposals, notes),
        "times_made": {um: state.made_by.get(key, 0) for um, key in fixed.made_keys[actor]},
        "ending": state.ending,
        "ending_title": ending.title if ending else None,
        "score": None if lean else memo.score(state, actor, levels, lambda: blend(  # score(state, actor)
            stance_closeness(state.stances[actor], levels, sc), goal_score(me.goals, state.indicators, sc),
            sc.rules.stance_weight)),
        "legal": () if lean else tuple(legal_actions(state, actor)),
        "paused": state.console.paused,
        "deadline": state.console.deadline,
        "lean": lean,
    })
