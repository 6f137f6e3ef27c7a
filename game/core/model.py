"""A scenario as the rules see it: frozen values with compiled expressions.

``game.scenario`` builds these from a validated file; the engine, the computer actors and
the UI read them. Nothing here knows about YAML, pydantic or any particular country.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from game.core.expr import Effect, Expression

_T = TypeVar("_T")

RESERVED_NAMES = frozenset({"turn", "turns", "turns_left", "agreements", "true", "false"})
LEFT_SUFFIX = "_left"


def left_name(move_id: str) -> str:
    """The expression name of the turns left of a joint move's agreement (format 1.1 terms)."""
    return move_id + LEFT_SUFFIX


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    outlet: str
    date: str
    url: str | None = None
    author: str | None = None
    accessed: str | None = None  # a living page: the date the author read it (format 1.1)
    own_summary: bool = False  # its text is the author's summary, not the source's words


@dataclass(frozen=True)
class Quote:
    source: str
    text: str


@dataclass(frozen=True)
class Rules:
    diplomatic_actions: int = 3
    rounds: int = 2
    base_detection: float = 0.3
    trust_gain_kept: float = 3.0
    trust_loss_detected: float = 20.0
    default_trust: float = 50.0
    stance_weight: float = 0.6
    mediator_trust: float = 5.0


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    min: float
    max: float
    start: float
    good: Literal["high", "low", "none"]  # none: a bookkeeping count, neither good nor bad
    description: str = ""

    @property
    def bookkeeping(self) -> bool:
        """A count with no good or bad direction, left out of the shared outcome."""
        return self.good == "none"

    def clamp(self, value: float) -> float:
        """The value kept within the indicator's bounds."""
        return min(self.max, max(self.min, value))

    def goodness(self, value: float) -> float:
        """0 (worst) to 1 (best) for the world."""
        span = self.max - self.min
        if self.good == "none":
            return 0.5
        frac = (value - self.min) / span if span else 0.5
        return frac if self.good == "high" else 1.0 - frac


@dataclass(frozen=True)
class Goal:
    indicator: str
    want: Literal["high", "low"]
    weight: float = 1.0


@dataclass(frozen=True)
class Personality:
    """A negotiating style (rule 8.6). The bounds (format 1.1) say how far a game may move it:
    ``(lowest, highest)`` for risk and loyalty, ``(holds out longest, gives way earliest)`` for the
    concession style; None varies the trait as usual."""

    concession: Literal["boulware", "linear", "conceder"] = "linear"
    risk: float = 0.5
    loyalty: float = 0.5
    concession_bounds: tuple[str, str] | None = None
    risk_bounds: tuple[float, float] | None = None
    loyalty_bounds: tuple[float, float] | None = None


@dataclass(frozen=True)
class RedLine:
    """Variants an actor will never accept (format 1.1), and what crossing them costs it."""

    levels: tuple[int, ...]
    public: bool = False
    cost: int = 0
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Stance:
    ideal: int  # level of the ideal variant
    salience: float
    public: int  # level of the publicly stated variant
    quote: Quote | None = None
    red_line: RedLine | None = None

    def forbids(self, level: int) -> bool:
        """Whether the level is one of the actor's red lines."""
        return self.red_line is not None and level in self.red_line.levels


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    short_name: str
    colour: str
    description: str
    capability: float
    playable: bool
    capital: int
    capital_per_turn: int
    objectives: tuple[str, ...]
    red_lines: tuple[str, ...]
    goals: tuple[Goal, ...]
    trust: dict[str, float]  # toward every other actor (filled in with the default)
    personality: Personality
    stances: dict[str, Stance]  # joint move id -> stance (moves it cares nothing for are absent)
    plural: bool | None = None  # the name takes a plural verb (format 1.1); None: the screens guess
    mediator: bool = False  # no stake, no veto: proposes, carries messages, guarantees
    guarantee: float = 0.0  # added to the detection of breaches of agreements it is party to

    def red_line(self, move: str) -> RedLine | None:
        """Its red line on a joint move (fixed for the game: events change stances, not red lines)."""
        stance = self.stances.get(move)
        return None if stance is None else stance.red_line

    def verb(self, singular: str, plural: str) -> str:
        """The verb that agrees with the actor's name: 'proposes' or 'propose'."""
        return plural if self.plural is True else singular


@dataclass(frozen=True)
class Obligation:
    actor: str
    duty: str
    violation: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Variant:
    id: str
    label: str
    description: str
    obligations: tuple[Obligation, ...]
    effects: tuple[Effect, ...]
    monitoring: float
    term: int | None = None  # turns it lasts before it lapses (format 1.1)
    extra_consent: tuple[str, ...] = ()  # parties it needs on top of the move's consent list
    suspended_effects: tuple[Effect, ...] = ()  # applied each turn while suspended

    def obliged(self) -> tuple[str, ...]:
        """Ids of the actors this variant obliges, in order, without repeats."""
        return self._obliged

    @functools.cached_property
    def _obliged(self) -> tuple[str, ...]:  # asked at every step: worked out once (the variant is frozen)
        return tuple(dict.fromkeys(o.actor for o in self.obligations))


@dataclass(frozen=True)
class JointMove:
    id: str
    name: str
    description: str
    consent: tuple[str, ...]
    status_quo: int  # level that holds while nothing is agreed
    variants: tuple[Variant, ...]
    quote: Quote | None = None
    invented: bool = False  # no source: invented for play (format 1.1)
    parallel: bool = False  # each party signs separately with a mediator

    def consent_for(self, level: int) -> tuple[str, ...]:
        """Every actor whose consent this variant needs: the move's list, then the variant's own."""
        extra = self.variants[level].extra_consent if 0 <= level < len(self.variants) else ()
        return tuple(dict.fromkeys(self.consent + extra))

    def level_of(self, variant_id: str) -> int:
        """Level (0-based index) of a variant id."""
        for i, v in enumerate(self.variants):
            if v.id == variant_id:
                return i
        raise KeyError(variant_id)


@dataclass(frozen=True)
class Outcome:
    chance: float
    headline: str
    effects: tuple[Effect, ...]
    trust: dict[str, float]


@dataclass(frozen=True)
class Consequence:
    """Effects of a unilateral move that happen only while a condition holds (format 1.1)."""

    condition: Expression
    effects: tuple[Effect, ...]
    trust: dict[str, float]
    breach: str | None = None  # joint move whose duties the move breaks


@dataclass(frozen=True)
class UnilateralMove:
    id: str
    name: str
    description: str
    actors: tuple[str, ...]
    headline: str
    precondition: Expression | None
    cost: int
    limit: int | None
    effects: tuple[Effect, ...]
    trust: dict[str, float]
    suspend: str | None
    restore: str | None
    outcomes: tuple[Outcome, ...]
    quote: Quote | None = None
    consequences: tuple[Consequence, ...] = ()
    package: bool = False  # suspend / restore the whole deal the agreement came in
    invented: bool = False


@dataclass(frozen=True)
class TrustChange:
    actor: str
    toward: str
    delta: float


@dataclass(frozen=True)
class StanceChange:
    actor: str
    move: str
    salience: float | None
    ideal: int | None


@dataclass(frozen=True)
class Event:
    id: str
    headline: str
    text: str
    turn: int | None  # scheduled turn (a date is converted to its turn when loading)
    trigger: Expression | None
    chance: float
    repeat: bool
    effects: tuple[Effect, ...]
    trust: tuple[TrustChange, ...]
    stances: tuple[StanceChange, ...]
    quote: Quote | None = None
    suspend: tuple[str, ...] = ()  # joint moves whose agreements it suspends (format 1.1)
    restore: tuple[str, ...] = ()
    end: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    condition: Expression | None
    at: Literal["any", "end"]
    text: str


@dataclass(frozen=True)
class HistoryItem:
    text: str
    date: str | None = None
    source: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class Debrief:
    history: tuple[HistoryItem, ...]
    learning_objectives: tuple[str, ...]
    discussion_questions: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    summary: str
    sources: tuple[Source, ...]
    start: dt.date
    turn_days: int
    turns: int
    rules: Rules
    indicators: tuple[Indicator, ...]
    actors: tuple[Actor, ...]
    joint_moves: tuple[JointMove, ...]
    unilateral_moves: tuple[UnilateralMove, ...]
    in_force: dict[str, int]  # joint move id -> level in force at the start
    events: tuple[Event, ...]
    endings: tuple[Ending, ...]
    debrief: Debrief
    content_hash: str = ""  # sha256 of the file's bytes, for saves
    # lookups built once, derived from the tuples above
    _by_id: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    # the engine's per-scenario memo (game.core.observe_cache); never part of the value
    _memo: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        table: dict[str, object] = {}
        for group in (self.indicators, self.actors, self.joint_moves, self.unilateral_moves, self.events):
            for item in group:
                table[item.id] = item
        object.__setattr__(self, "_by_id", table)
        for attr, group in (("_actors", self.actors), ("_joint", self.joint_moves),
                            ("_unilateral", self.unilateral_moves), ("_indicators", self.indicators)):
            object.__setattr__(self, attr, {item.id: item for item in group if table[item.id] is item})
        object.__setattr__(self, "_actor_ids", tuple(a.id for a in self.actors))

    def _get(self, item_id: str, kind: type[_T]) -> _T:
        item = self._by_id.get(item_id)
        if not isinstance(item, kind):
            raise KeyError(item_id)
        return item

    # one table per kind: a lookup is one dict access (the rules make hundreds of thousands a game)
    def actor(self, actor_id: str) -> Actor:
        """The actor with this id."""
        return self._actors[actor_id]  # type: ignore[attr-defined]

    def joint_move(self, move_id: str) -> JointMove:
        """The joint move with this id."""
        return self._joint[move_id]  # type: ignore[attr-defined]

    def unilateral_move(self, move_id: str) -> UnilateralMove:
        """The unilateral move with this id."""
        return self._unilateral[move_id]  # type: ignore[attr-defined]

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id."""
        return self._indicators[indicator_id]  # type: ignore[attr-defined]

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return self._actor_ids  # type: ignore[attr-defined]

    def date_of_turn(self, turn: int) -> dt.date:
        """The calendar date on which a (1-based) turn begins."""
        return self.start + dt.timedelta(days=(turn - 1) * self.turn_days)

    def turn_of_date(self, date: dt.date) -> int:
        """The 1-based turn during which a date falls (may be outside 1..turns)."""
        return turn_of_date(self.start, self.turn_days, date)


def turn_of_date(start: dt.date, turn_days: int, date: dt.date) -> int:
    """The 1-based turn during which a date falls, for a calendar starting on start."""
    return (date - start).days // turn_days + 1
