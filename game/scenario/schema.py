"""The scenario file format, version 1, as pydantic models.

These models are the author-facing definition of a scenario: every field has a description
(shown by editors through the exported JSON Schema), unknown keys are rejected, and numbers
are range-checked. Cross-references between ids are checked in ``crossref``; expressions are
compiled in ``build``. The rules engine never sees these models, only ``game.core.model``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

FORMAT_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$"),
    Field(
        description="An id: lower-case letters, digits and _, starting with a letter "
        "(at most 40 characters). Ids are also the names used in expressions."
    ),
]
ScenarioId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,59}$"),
    Field(description="The scenario's id: lower-case letters, digits, - and _."),
]
IsoDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"),
    Field(description='A date written YYYY-MM-DD in quotes, e.g. "2017-07-05".'),
]
Colour = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$"),
    Field(description='A colour as "#rrggbb", e.g. "#3b6fb6".'),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ExprText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=500),
    Field(description="An expression, e.g. `tension > 60 and turn >= 3`."),
]
EffectText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=500),
    Field(description="An effect on an indicator, e.g. `humanitarian_access += 10`."),
]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class Model(BaseModel):
    """Base of every scenario model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Model):
    """An article or document the scenario is derived from."""

    id: Id = Field(description="Id used by quotes to cite this source.")
    title: ShortText = Field(description="The headline or title of the source.")
    outlet: ShortText = Field(description="Who published it, e.g. 'The Hill'.")
    date: IsoDate = Field(description="Publication date, YYYY-MM-DD.")
    url: str | None = Field(default=None, max_length=500, description="Web address, if any.")
    author: ShortText | None = Field(default=None, description="Author(s), if known.")
    text: str | None = Field(
        default=None,
        max_length=200_000,
        description="Optional: the passages of the source you quote, pasted verbatim. "
        "When present, every quote citing this source must appear in it word for word.",
    )


class Quote(Model):
    """A short verbatim quote from a source: where a position or a move comes from."""

    source: Id = Field(description="Id of the source quoted (see `sources`).")
    text: Text = Field(description="The sentence quoted, word for word.")


class Calendar(Model):
    """When the crisis starts and how long a turn is."""

    start: IsoDate = Field(description="Date of the first turn, YYYY-MM-DD.")
    turn_days: int = Field(ge=1, le=365, description="Days that one turn stands for.")
    turns: int = Field(ge=1, le=50, description="Number of turns before the calendar runs out.")


class Rules(Model):
    """Tunable rule constants; every field has a sensible default."""

    diplomatic_actions: int = Field(
        default=3, ge=1, le=10, description="Proposals, statements and messages per seat per turn."
    )
    rounds: int = Field(
        default=2, ge=1, le=5, description="Rounds of diplomacy per turn (each seat speaks once a round)."
    )
    base_detection: Fraction = Field(
        default=0.3, description="Chance that a violation is detected without any monitoring."
    )
    trust_gain_kept: float = Field(
        default=3.0, ge=0, le=50, description="Trust gained toward a party for each turn it keeps an agreement."
    )
    trust_loss_detected: float = Field(
        default=20.0, ge=0, le=100, description="Trust lost toward a party whose violation is detected."
    )
    default_trust: float = Field(
        default=50.0, ge=0, le=100, description="Trust between actors when `trust` does not say."
    )
    stance_weight: Fraction = Field(
        default=0.6, description="Share of an actor's score that comes from its stances (the rest from its goals)."
    )


class Indicator(Model):
    """A bounded world variable, e.g. civilian harm or US–Russia tension."""

    id: Id = Field(description="Id, also the variable's name in expressions.")
    label: ShortText = Field(description="Name shown to players.")
    description: Text | None = Field(default=None, description="What it measures.")
    min: float = Field(default=0.0, ge=-1e6, le=1e6, description="Lowest value.")
    max: float = Field(default=100.0, ge=-1e6, le=1e6, description="Highest value.")
    start: float = Field(ge=-1e6, le=1e6, description="Value at the start of the game.")
    good: Literal["high", "low"] = Field(description="Which direction is good for the world: high or low.")


class Brief(Model):
    """An actor's private role brief, shown only to the player in that seat."""

    objectives: list[Text] = Field(default_factory=list, max_length=20, description="What the actor wants.")
    red_lines: list[Text] = Field(default_factory=list, max_length=20, description="What it will not accept.")


class Goal(Model):
    """An objective over an indicator that counts toward an actor's score."""

    indicator: Id = Field(description="Id of the indicator.")
    want: Literal["high", "low"] = Field(description="Whether the actor wants it high or low.")
    weight: float = Field(default=1.0, gt=0, le=10, description="Relative weight among its goals.")


class Personality(Model):
    """How a computer actor negotiates."""

    concession: Literal["boulware", "linear", "conceder"] = Field(
        default="linear",
        description="boulware holds out until late; conceder gives way early; linear in between.",
    )
    risk: Fraction = Field(default=0.5, description="Appetite for risky unilateral moves, 0 to 1.")
    loyalty: Fraction = Field(
        default=0.5, description="How much it values keeping its word (weighs the shadow of the future)."
    )


class Stance(Model):
    """What an actor wants on one joint move."""

    ideal: Id = Field(description="Id of the variant the actor privately wants.")
    salience: Fraction = Field(description="How much the actor cares about this move, 0 to 1.")
    public: Id | None = Field(
        default=None, description="Id of the variant it states in public (defaults to its ideal)."
    )
    quote: Quote = Field(description="The source sentence this stance comes from.")


class Actor(Model):
    """A state or faction with a seat at the table."""

    id: Id = Field(description="Id, used everywhere the actor is named.")
    name: ShortText = Field(description="Full name, e.g. 'United States'.")
    short_name: Annotated[str, StringConstraints(min_length=1, max_length=16)] | None = Field(
        default=None, description="Short name for tight spaces (defaults to the name)."
    )
    colour: Colour = Field(description="Colour of its seat.")
    description: Text = Field(description="Who it is, for every player to read.")
    capability: Fraction = Field(description="Military and political weight, 0 to 1.")
    playable: bool = Field(default=True, description="Whether a human may take this seat.")
    capital: int = Field(default=10, ge=0, le=100, description="Political capital at the start.")
    capital_per_turn: int = Field(default=3, ge=0, le=100, description="Political capital regained each turn.")
    brief: Brief = Field(default_factory=Brief, description="Private role brief.")
    goals: list[Goal] = Field(default_factory=list, max_length=20, description="Scored objectives over indicators.")
    trust: dict[Id, float] = Field(
        default_factory=dict, description="Trust toward each other actor, 0 to 100 (missing: rules.default_trust)."
    )
    personality: Personality = Field(default_factory=Personality, description="Computer negotiating style.")
    stances: dict[Id, Stance] = Field(
        default_factory=dict, description="For each joint move id, what this actor wants."
    )


class Obligation(Model):
    """A duty a variant places on one party."""

    actor: Id = Field(description="Id of the obliged actor (must be one of the move's consenting parties).")
    duty: Text = Field(description="What it must do, in plain words.")
    violation: list[EffectText] = Field(
        default_factory=list,
        max_length=20,
        description="Effects applied each turn the actor violates this duty (detected or not).",
    )


class Variant(Model):
    """One version of a joint move, from weakest to strongest."""

    id: Id = Field(description="Id, unique within the move.")
    label: ShortText = Field(description="Name shown to players.")
    description: Text | None = Field(default=None, description="What it means in practice.")
    obligations: list[Obligation] = Field(default_factory=list, max_length=20, description="Who must do what.")
    effects: list[EffectText] = Field(
        default_factory=list, max_length=20, description="Effects applied each turn while it is in force."
    )
    monitoring: Fraction = Field(
        default=0.0, description="How much it adds to the chance that any violation is detected."
    )


class JointMove(Model):
    """A mechanism that takes effect only by agreement."""

    id: Id = Field(description="Id; in expressions, the level (0-based) of the variant in force.")
    name: ShortText = Field(description="Name shown to players.")
    description: Text = Field(description="What the mechanism is.")
    consent: list[Id] = Field(min_length=1, max_length=20, description="Ids of the actors whose consent it needs.")
    status_quo: Id | None = Field(
        default=None,
        description="Id of the variant that holds while nothing is agreed (defaults to the first). "
        "It cannot have obligations or effects.",
    )
    variants: list[Variant] = Field(min_length=2, max_length=8, description="Variants, weakest first.")
    quote: Quote = Field(description="The source sentence this move comes from.")


class AgreementChange(Model):
    """A unilateral move's effect on an agreement."""

    suspend: Id | None = Field(default=None, description="Id of a joint move whose agreement the mover suspends.")
    restore: Id | None = Field(default=None, description="Id of a joint move whose suspended agreement the mover restores.")


class Outcome(Model):
    """A chance outcome of a unilateral move."""

    chance: Fraction = Field(description="Probability of this outcome, 0 to 1.")
    headline: ShortText = Field(description="News headline when it happens; {actor} is replaced by the mover's name.")
    effects: list[EffectText] = Field(default_factory=list, max_length=20, description="Effects when it happens.")
    trust: dict[Id, float] = Field(
        default_factory=dict, description="Change of each listed actor's trust toward the mover."
    )


class UnilateralMove(Model):
    """Something one actor can do alone."""

    id: Id = Field(description="Id; in expressions, how many times it has been made.")
    name: ShortText = Field(description="Name shown to players.")
    description: Text = Field(description="What it is.")
    actors: list[Id] = Field(min_length=1, description="Ids of the actors who can make it.")
    headline: ShortText = Field(description="News headline; {actor} is replaced by the mover's name.")
    precondition: ExprText | None = Field(default=None, description="Condition that must hold to make it.")
    cost: int = Field(default=0, ge=0, le=100, description="Political capital it costs.")
    limit: int | None = Field(default=None, ge=1, le=50, description="Times each actor may make it per game.")
    effects: list[EffectText] = Field(default_factory=list, max_length=20, description="Effects on indicators.")
    trust: dict[Id, float] = Field(
        default_factory=dict, description="Change of each listed actor's trust toward the mover, -100 to 100."
    )
    agreement: AgreementChange | None = Field(default=None, description="Suspend or restore an agreement.")
    outcomes: list[Outcome] = Field(
        default_factory=list, max_length=8, description="Chance outcomes; at most one happens (chances sum to 1 at most)."
    )
    quote: Quote = Field(description="The source sentence this move comes from.")


class TrustChange(Model):
    """A change of one actor's trust toward another."""

    actor: Id = Field(description="Whose trust changes.")
    toward: Id = Field(description="Toward whom.")
    delta: float = Field(ge=-100, le=100, description="Change, -100 to 100.")


class StanceChange(Model):
    """A change an event makes to an actor's stance."""

    actor: Id = Field(description="Id of the actor.")
    move: Id = Field(description="Id of the joint move.")
    salience: float | None = Field(default=None, ge=-1, le=1, description="Added to the salience (kept in 0..1).")
    ideal: Id | None = Field(default=None, description="New ideal variant id.")


class Event(Model):
    """News: scheduled on a turn or date, or triggered by a condition with a chance each turn."""

    id: Id = Field(description="Id; in expressions, how many times it has happened.")
    headline: ShortText = Field(description="The news headline.")
    text: Text | None = Field(default=None, description="The story under the headline.")
    turn: int | None = Field(default=None, ge=1, le=50, description="Scheduled: the turn it happens on.")
    date: IsoDate | None = Field(default=None, description="Scheduled: the date it happens on (within that turn).")
    trigger: ExprText | None = Field(default=None, description="Triggered: condition checked at each turn's news.")
    chance: Fraction = Field(default=1.0, description="Chance it happens when due or triggered.")
    repeat: bool = Field(default=False, description="Whether a triggered event can happen more than once.")
    effects: list[EffectText] = Field(default_factory=list, max_length=20, description="Effects on indicators.")
    trust: list[TrustChange] = Field(default_factory=list, max_length=40, description="Trust changes.")
    stances: list[StanceChange] = Field(default_factory=list, max_length=40, description="Stance changes.")
    quote: Quote | None = Field(default=None, description="The source sentence behind it, if any.")


class Ending(Model):
    """A named outcome. Endings are checked in file order after each turn."""

    id: Id = Field(description="Id of the ending.")
    title: ShortText = Field(description="Title shown at the debrief.")
    condition: ExprText | None = Field(default=None, description="When it holds (none: always).")
    at: Literal["any", "end"] = Field(
        default="any", description="any: checked after every turn; end: only when the calendar runs out."
    )
    text: Text = Field(description="Debrief text for this ending.")


class HistoryItem(Model):
    """Something that actually happened, with where it is reported."""

    date: IsoDate | None = Field(default=None, description="When it happened.")
    text: Text = Field(description="What happened.")
    source: Id | None = Field(default=None, description="Id of a source that reports it.")
    reference: ShortText | None = Field(
        default=None, description="Where else it is reported, if not among the sources."
    )


class Debrief(Model):
    """What a class discusses after the game."""

    history: list[HistoryItem] = Field(min_length=1, max_length=50, description="What actually happened.")
    learning_objectives: list[Text] = Field(min_length=1, max_length=20, description="What students should learn.")
    discussion_questions: list[Text] = Field(min_length=1, max_length=30, description="Questions for the class.")


class Scenario(Model):
    """A crisis to negotiate: everything the engine knows about it."""

    format: Literal[1] = Field(description="Version of the scenario format; this is version 1.")
    id: ScenarioId = Field(description="Unique id of the scenario.")
    title: ShortText = Field(description="Title shown on the scenario card.")
    summary: Text = Field(description="A paragraph setting the scene.")
    sources: list[Source] = Field(min_length=1, max_length=50, description="Where the scenario comes from.")
    calendar: Calendar = Field(description="Start date, turn length and number of turns.")
    rules: Rules = Field(default_factory=Rules, description="Rule constants (all optional).")
    indicators: list[Indicator] = Field(min_length=1, max_length=30, description="World variables.")
    actors: list[Actor] = Field(min_length=2, max_length=12, description="The seats at the table.")
    joint_moves: list[JointMove] = Field(min_length=1, max_length=20, description="Mechanisms needing agreement.")
    unilateral_moves: list[UnilateralMove] = Field(
        default_factory=list, max_length=60, description="What one actor can do alone."
    )
    in_force: dict[Id, Id] = Field(
        default_factory=dict,
        description="Agreements already in force at the start: joint move id -> variant id "
        "(the parties are the move's consenting actors).",
    )
    events: list[Event] = Field(default_factory=list, max_length=100, description="Scheduled and triggered news.")
    endings: list[Ending] = Field(
        min_length=1, max_length=30, description="Outcomes, checked in order; the last must have no condition."
    )
    debrief: Debrief = Field(description="History, learning objectives and discussion questions.")
