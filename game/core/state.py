"""The state of one game: everything the rules know, and the records they keep.

A ``State`` is treated as a value: the rules never change one they are given; they clone it
(``State.clone`` copies the containers that change) and return the new one. Records that only
grow (the log, the indicator changes) are tuples shared between states, and so are the rows of
the trust, stance and public-position tables: a rule that changes a row puts a changed copy in
the new state's table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from game.core.actions import Terms
from game.core.model import Scenario, Stance, left_name

Phase = Literal["diplomacy", "answers", "actions", "over"]
PUBLIC = None  # LogEntry.visible for what everyone sees


@dataclass(frozen=True)
class Agreement:
    """A joint move's variant in force, agreed by the move's consenting parties."""

    move: str
    level: int
    parties: tuple[str, ...]
    since: int  # the turn it was agreed (0: in force before the game began)
    suspended: bool = False
    proposal: int | None = None  # the proposal that made it, if any
    expires: int | None = None  # the last turn it works, if it has a term (format 1.1)
    signed: tuple[tuple[str, ...], ...] = ()  # parallel agreements: who signed together
    mediators: tuple[str, ...] = ()  # mediators party to it

    def left(self, turn: int) -> int | None:
        """Turns it still works counting this one (None: no term)."""
        return None if self.expires is None else max(0, self.expires - turn + 1)


@dataclass(frozen=True)
class Proposal:
    """A deal offered by one actor to others during diplomacy."""

    id: int
    turn: int
    sender: str
    to: tuple[str, ...]
    terms: Terms
    needed: tuple[str, ...]  # every party whose consent the terms need
    answers: tuple[tuple[str, str], ...] = ()  # (actor, "accept" | "reject" | "counter")
    status: Literal["open", "agreed", "refused", "expired"] = "open"
    counter_of: int | None = None
    reason: str = ""

    def answer_of(self, actor: str) -> str | None:
        for who, answer in self.answers:
            if who == actor:
                return answer
        return None

    def accepted_by(self) -> tuple[str, ...]:
        """The actors whose consent the deal has: the sender and every acceptance."""
        return (self.sender,) + tuple(a for a, ans in self.answers if ans == "accept")

    def visible_to(self) -> frozenset[str]:
        return frozenset((self.sender, *self.to))


@dataclass(frozen=True)
class Cause:
    """Why something changed: the kind of cause, its id in the scenario and who made it."""

    kind: Literal["agreement", "violation", "move", "outcome", "event", "unknown"]
    id: str
    actor: str | None
    text: str


@dataclass(frozen=True)
class Change:
    """One change of one indicator, with its cause."""

    turn: int
    indicator: str
    before: float
    after: float
    cause: Cause
    visible: frozenset[str] | None = PUBLIC  # None: the cause is public

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class TrustShift:
    """One change of one actor's trust toward another, with its cause. Seen by both."""

    turn: int
    actor: str
    toward: str
    before: float
    after: float
    cause: Cause

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class LogEntry:
    """One line of the game's record: news, diplomacy, moves, resolution, the ending."""

    turn: int
    kind: str  # news, proposal, accept, reject, counter, statement, message, agreement,
    #            expired, move, outcome, kept, violation, detected, suspended, restored,
    #            collapsed, trust, ending
    text: str
    actor: str | None = None
    visible: frozenset[str] | None = PUBLIC  # None: everyone; else only these actors
    ref: str | None = None  # the scenario id or proposal number it refers to

    def seen_by(self, actor: str) -> bool:
        return self.visible is None or actor in self.visible


@dataclass(frozen=True)
class Note:
    """A back-channel message: seen only by its sender and its recipient."""

    turn: int
    sender: str
    to: str
    move: str
    level: int
    warn: str | None = None


@dataclass
class Orders:
    """One actor's secret choices in the actions phase."""

    move: str | None = None
    breaks: frozenset[str] = frozenset()  # joint moves whose duties it breaks
    tied: frozenset[str] = frozenset()  # of those, breaches its unilateral move made (format 1.1)
    done: bool = False
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Console:
    """What the facilitator has set (rules 10.x): it changes how the game runs, not the world."""

    paused: bool = False
    deadline: int = 0  # seconds each phase may take (0: none); the window keeps the clock
    advanced: tuple[int, str, int] | None = None  # (turn, phase, round) that "advance now" ended
    stand_in: frozenset[str] = frozenset()  # seats the computer plays until that phase ends
    pending: tuple = ()  # injected events (game.core.facilitator.Injection) for the next news
    revealed: tuple[tuple[str, str], ...] = ()  # (seat, part) shown on the debrief
    branch: int = 1  # 1 + the rollbacks so far


@dataclass(frozen=True)
class TurnStart:
    """The state at the start of a turn (after its news) and the generator's state then: where
    a rollback returns to."""

    turn: int
    state: State
    rng: dict


@dataclass
class State:
    scenario: Scenario
    seed: int
    turn: int
    phase: Phase
    round: int  # 1-based round of diplomacy (answers phase: rounds + 1)
    queue: tuple[str, ...]  # who speaks or chooses next, in order; queue[0] is to move
    indicators: dict[str, float]
    trust: dict[str, dict[str, float]]  # trust[a][b]: a's trust toward b
    capital: dict[str, int]
    stances: dict[str, dict[str, Stance]]  # private, current (events may change them)
    public: dict[str, dict[str, int]]  # stated public position: actor -> move -> level
    agreements: dict[str, Agreement]  # joint move id -> agreement (present or suspended)
    made: dict[str, int]  # unilateral move id -> times made (by anyone)
    made_by: dict[str, int]  # "actor/move" -> times made by that actor
    happened: dict[str, int]  # event id -> times happened
    budget: dict[str, int]  # diplomatic actions left this turn
    proposals: tuple[Proposal, ...]
    orders: dict[str, Orders]
    notes: tuple[Note, ...] = ()
    # parallel agreements not yet complete (format 1.1): (move, level, signers, proposal number)
    signatures: tuple[tuple[str, int, tuple[str, ...], int], ...] = ()
    log: tuple[LogEntry, ...] = ()
    changes: tuple[Change, ...] = ()
    trust_changes: tuple[TrustShift, ...] = ()
    series: tuple[dict[str, float], ...] = ()  # indicator values at the start and after each turn
    ending: str | None = None
    step: int = 0  # actions applied so far
    next_proposal: int = 1
    console: Console = field(default_factory=Console)
    starts: tuple[TurnStart, ...] = ()  # one per turn of the current branch, oldest first
    _env_cache: dict | None = field(default=None, repr=False, compare=False)
    # what the env of the state this one was cloned from was made of, and that env: reused by
    # env_read when this state's values are still equal to those (by value: see env_read)
    _env_base: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def to_move(self) -> str | None:
        return self.queue[0] if self.queue and self.phase != "over" else None

    def clone(self, env_base: bool = False) -> State:
        """A copy the rules may change. ``env_base``: the caller never changes self again (``apply``
        with the state it was given), so the copy may reuse self's env while its values equal self's."""
        new = _shallow(self)
        new.indicators = dict(self.indicators)
        # trust, stances and public positions: a new table of the same rows; the rules replace a row
        # they change (world.shift_trust, a statement, an event's stances), never write into one
        new.trust = dict(self.trust)
        new.capital = dict(self.capital)
        new.stances = dict(self.stances)
        new.public = dict(self.public)
        new.agreements = dict(self.agreements)
        new.made = dict(self.made)
        new.made_by = dict(self.made_by)
        new.happened = dict(self.happened)
        new.budget = dict(self.budget)
        new.orders = {a: _shallow(o) for a, o in self.orders.items()}
        # the rules change the clone's own tables, never self's: they stay what self's env was made of
        new._env_base = None if self._env_cache is None or not env_base else (
            self.indicators, self.agreements, self.made, self.happened, self.turn, self._env_cache)
        new._env_cache = None
        return new

    def level(self, move: str) -> int:
        """The effective level of a joint move: its agreement, or the status quo."""
        agreement = self.agreements.get(move)
        if agreement is None or agreement.suspended:
            return self.scenario.joint_move(move).status_quo
        return agreement.level

    def turns_left_of(self, move: str) -> int:
        """Turns the agreement on a move still works, counting this one: 0 with none; for one with no
        term, the turns left in the game."""
        agreement = self.agreements.get(move)
        if agreement is None:
            return 0
        left = agreement.left(self.turn)
        return self.scenario.turns - self.turn + 1 if left is None else left

    def in_force(self) -> list[Agreement]:
        """Agreements in force and not suspended, in scenario order."""
        out = []
        for jm in self.scenario.joint_moves:
            a = self.agreements.get(jm.id)
            if a is not None and not a.suspended:
                out.append(a)
        return out

    def env(self) -> dict[str, float]:
        """The names an expression may read, with their current values."""
        return dict(self.env_read())

    def env_read(self) -> dict[str, float]:
        """``env()`` without the copy, for the rules' own expressions: read it, never change it."""
        if self._env_cache is not None:
            return self._env_cache
        base = self._env_base
        if base is not None:  # the env is made of these alone (and the scenario): equal values, equal env
            if (self.turn == base[4] and self.indicators == base[0] and self.agreements == base[1]
                    and self.made == base[2] and self.happened == base[3]):
                self._env_cache = base[5]
                return base[5]
            self._env_base = None
        sc = self.scenario
        env: dict[str, float] = dict(self.indicators)
        in_force = 0  # len(self.in_force()), counted on the way
        for jm in sc.joint_moves:  # self.level(jm.id)
            agreement = self.agreements.get(jm.id)
            if agreement is None or agreement.suspended:
                env[jm.id] = jm.status_quo
            else:
                env[jm.id] = agreement.level
                in_force += 1
        for um in sc.unilateral_moves:
            env[um.id] = self.made.get(um.id, 0)
        for ev in sc.events:
            env[ev.id] = self.happened.get(ev.id, 0)
        env["turn"] = self.turn
        env["turns"] = sc.turns
        env["turns_left"] = sc.turns - self.turn
        env["agreements"] = in_force
        for move, name in _with_terms(sc):
            env[name] = self.turns_left_of(move)
        self._env_cache = env
        return env

    def obligations(self, actor: str) -> list[Agreement]:
        """Agreements in force whose variant obliges this actor."""
        out = []
        for a in self.in_force():
            variant = self.scenario.joint_move(a.move).variants[a.level]
            if actor in variant.obliged():
                out.append(a)
        return out

    def proposal(self, number: int) -> Proposal | None:
        for p in self.proposals:
            if p.id == number:
                return p
        return None


def _shallow(obj):
    """copy.copy(obj) for a plain dataclass instance, without copy's generic machinery."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    return new


def _with_terms(sc: Scenario) -> tuple[tuple[str, str], ...]:
    """(joint move, its turns-left name) for each move with a variant that has a term, in order."""
    found = sc._memo.get("terms")
    if found is None:
        found = sc._memo["terms"] = tuple((jm.id, left_name(jm.id)) for jm in sc.joint_moves
                                          if any(v.term for v in jm.variants))
    return found
