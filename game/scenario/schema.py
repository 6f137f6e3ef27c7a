"""The scenario file format, versions 1 and 1.1, as pydantic models.

Format 1.1 adds optional fields (marked "Format 1.1" in their descriptions): agreements with a
term, consent per variant, mediators and parallel agreements, suspension and return, red
lines, conditional consequences, bookkeeping indicators, living and summarised sources,
invented moves, plural actor names and personality bounds. A format-1 file is a format-1.1
file that uses none of them; ``crossref`` refuses 1.1 fields in a file that says ``format: 1``.

These models are the author-facing definition of a scenario: every field has a description
(shown by editors through the exported JSON Schema), unknown keys are rejected, and numbers
are range-checked. Cross-references between ids are checked in ``crossref``; expressions are
compiled in ``build``. The rules engine never sees these models, only ``game.core.model``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from game.scenario.schema_types import (
    Colour,
    EffectText,
    ExprText,
    Fraction,
    Id,
    IsoDate,
    Model,
    ScenarioId,
    ShortText,
    Text,
)

FORMAT_VERSION = 1.1
FORMATS = (1, 1.1)

class Source(Model):
    """An article or document the scenario is derived from."""

    id: Id = Field(description="Id used by quotes to cite this source.")
    title: ShortText = Field(description="The headline or title of the source.")
    outlet: ShortText = Field(description="Who published it, e.g. 'The Hill'.")
    date: IsoDate | None = Field(
        default=None, description="Publication date, YYYY-MM-DD (required unless `accessed` is given)."
    )
    accessed: IsoDate | None = Field(
        default=None,
        description="Format 1.1: for a living web page that changes, the date you read it, YYYY-MM-DD, "
        "instead of a publication date.",
    )
    own_summary: bool = Field(
        default=False,
        description="Format 1.1: `text` is your own summary of the source, not its words (when the "
        "original cannot be quoted); quotes citing it are shown as a summary, not as the source's words.",
    )
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
    mediator_trust: float = Field(
        default=5.0, ge=0, le=50,
        description="Format 1.1: trust the parties of a deal gain in each other when a mediator is party to it.",
    )


class Indicator(Model):
    """A bounded world variable, e.g. civilian harm or US–Russia tension."""

    id: Id = Field(description="Id, also the variable's name in expressions.")
    label: ShortText = Field(description="Name shown to players.")
    description: Text | None = Field(default=None, description="What it measures.")
    min: float = Field(default=0.0, ge=-1e6, le=1e6, description="Lowest value.")
    max: float = Field(default=100.0, ge=-1e6, le=1e6, description="Highest value.")
    start: float = Field(ge=-1e6, le=1e6, description="Value at the start of the game.")
    good: Literal["high", "low", "none"] = Field(
        description="Which direction is good for the world: high or low; format 1.1: none, for a "
        "bookkeeping count (days, tonnes, shipments) that is neither good nor bad and is left out of "
        "the shared outcome."
    )


class Brief(Model):
    """An actor's private role brief, shown only to the player in that seat."""

    objectives: list[Text] = Field(default_factory=list, max_length=20, description="What the actor wants.")
    red_lines: list[Text] = Field(default_factory=list, max_length=20, description="What it will not accept.")


class Goal(Model):
    """An objective over an indicator that counts toward an actor's score."""

    indicator: Id = Field(description="Id of the indicator.")
    want: Literal["high", "low"] = Field(description="Whether the actor wants it high or low.")
    weight: float = Field(default=1.0, gt=0, le=10, description="Relative weight among its goals.")


Style = Literal["boulware", "linear", "conceder"]


class Bounds(Model):
    """Format 1.1: the lowest and highest value a personality trait may take in a game."""

    min: Fraction = Field(description="The lowest value any game may draw, 0 to 1.")
    max: Fraction = Field(description="The highest value any game may draw, 0 to 1 (at least `min`).")


class StyleBounds(Model):
    """Format 1.1: the concession styles a game may draw, from `min` to `max` in the order
    boulware, linear, conceder."""

    min: Style = Field(description="The style that holds out longest any game may draw.")
    max: Style = Field(description="The style that gives way earliest any game may draw.")


class PersonalityBounds(Model):
    """Format 1.1: how far each game may move the actor's personality. A trait left out varies as
    usual (rule 8.6); a trait with bounds is drawn evenly between them every game."""

    concession: StyleBounds | None = Field(
        default=None, description="The styles a game may draw: it moves one step from the actor's "
        "style with chance 0.3 as usual, never outside these.",
    )
    risk: Bounds | None = Field(
        default=None, description="Each game draws `risk` evenly between min and max (instead of "
        "within 0.15 of the actor's value); min = max fixes it.",
    )
    loyalty: Bounds | None = Field(
        default=None, description="Each game draws `loyalty` evenly between min and max (instead of "
        "within 0.15 of the actor's value); min = max fixes it.",
    )


class Personality(Model):
    """How a computer actor negotiates."""

    concession: Style = Field(
        default="linear",
        description="boulware holds out until late; conceder gives way early; linear in between.",
    )
    risk: Fraction = Field(default=0.5, description="Appetite for risky unilateral moves, 0 to 1.")
    loyalty: Fraction = Field(
        default=0.5, description="How much it values keeping its word (weighs the shadow of the future)."
    )
    bounds: PersonalityBounds | None = Field(
        default=None,
        description="Format 1.1: the range within which each game may draw this actor's personality "
        "(rule 8.6); the values above must lie inside it.",
    )


class RedLine(Model):
    """Format 1.1: variants of a joint move an actor will never accept."""

    variants: list[Id] = Field(min_length=1, max_length=8, description="Ids of the variants it will never accept.")
    public: bool = Field(
        default=False, description="Whether it says so in public (everyone sees the red line) or keeps it private."
    )
    cost: int = Field(
        default=0, ge=0, le=100,
        description="Political capital the actor loses if an agreement it is party to crosses the red line.",
    )
    effects: list[EffectText] = Field(
        default_factory=list, max_length=20, description="Effects on indicators when it crosses the red line."
    )


class Stance(Model):
    """What an actor wants on one joint move."""

    ideal: Id = Field(description="Id of the variant the actor privately wants.")
    salience: Fraction = Field(description="How much the actor cares about this move, 0 to 1.")
    public: Id | None = Field(
        default=None, description="Id of the variant it states in public (defaults to its ideal)."
    )
    quote: Quote = Field(description="The source sentence this stance comes from.")
    red_line: RedLine | None = Field(
        default=None, description="Format 1.1: variants the actor will never accept (the computer never "
        "proposes or accepts them; a person is warned first and pays the cost if they do)."
    )


class Actor(Model):
    """A state or faction with a seat at the table."""

    id: Id = Field(description="Id, used everywhere the actor is named.")
    name: ShortText = Field(description="Full name, e.g. 'United States'.")
    short_name: Annotated[str, StringConstraints(min_length=1, max_length=16)] | None = Field(
        default=None, description="Short name for tight spaces (defaults to the name)."
    )
    plural: bool | None = Field(
        default=None,
        description="Format 1.1: true when the name is plural ('Syrian rebel groups'), so sentences say "
        "'Syrian rebel groups propose'; false keeps it singular. Omitted: guessed from the name (a last "
        "word that is a lowercase plural noun).",
    )
    mediator: bool = Field(
        default=False,
        description="Format 1.1: a mediator with no stake in the outcome. It can propose, carry "
        "back-channel messages and guarantee deals; when it is party to a deal, the other parties "
        "gain `rules.mediator_trust` trust in each other. Where it is in a consent list it signs "
        "(parallel moves need one) but never blocks for want of a stance.",
    )
    guarantee: Fraction = Field(
        default=0.0,
        description="Format 1.1: how much it adds to the chance that a breach of an agreement it is "
        "party to is detected (a guarantor watching).",
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
    term: int | None = Field(
        default=None, ge=1, le=50,
        description="Format 1.1: turns the agreement lasts; it lapses after that unless renewed (a "
        "proposal of the same terms). None: it lasts until replaced or broken.",
    )
    extra_consent: list[Id] = Field(
        default_factory=list, max_length=20,
        description="Format 1.1: actors whose consent this variant needs on top of the move's "
        "consent list (a carve-out that needs the sanctioning states).",
    )
    suspended_effects: list[EffectText] = Field(
        default_factory=list, max_length=20,
        description="Format 1.1: effects applied each turn while the agreement is suspended.",
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
    quote: Quote | None = Field(
        default=None, description="The source sentence this move comes from (required unless `invented`)."
    )
    invented: bool = Field(
        default=False,
        description="Format 1.1: a move you invented for play, with no source; the debrief says so.",
    )
    parallel: bool = Field(
        default=False,
        description="Format 1.1: parallel agreements. Each party in the consent list signs separately "
        "with a mediator (an actor with `mediator: true`); the move is in force once every party has "
        "signed the same variant, and the log says who signed with whom.",
    )


class AgreementChange(Model):
    """A unilateral move's effect on an agreement."""

    suspend: Id | None = Field(default=None, description="Id of a joint move whose agreement the mover suspends.")
    restore: Id | None = Field(default=None, description="Id of a joint move whose suspended agreement the mover restores.")
    package: bool = Field(
        default=False,
        description="Format 1.1: suspend or restore, with it, every agreement made in the same deal.",
    )


class Consequence(Model):
    """Format 1.1: effects of a unilateral move that happen only while a condition holds."""

    condition: ExprText = Field(description="When the consequence applies, read as the move resolves.")
    effects: list[EffectText] = Field(default_factory=list, max_length=20, description="Effects on indicators.")
    trust: dict[Id, float] = Field(
        default_factory=dict, description="Change of each listed actor's trust toward the mover."
    )
    breach: Id | None = Field(
        default=None,
        description="Id of a joint move: the move counts as the mover breaking its duties under that "
        "agreement (detected as any breach is).",
    )


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
    consequences: list[Consequence] = Field(
        default_factory=list, max_length=10,
        description="Format 1.1: effects, trust changes and breaches that apply only while a condition holds.",
    )
    quote: Quote | None = Field(
        default=None, description="The source sentence this move comes from (required unless `invented`)."
    )
    invented: bool = Field(
        default=False,
        description="Format 1.1: a move you invented for play, with no source; the debrief says so.",
    )


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


class AgreementEvent(Model):
    """Format 1.1: what an event does to agreements."""

    suspend: list[Id] = Field(default_factory=list, max_length=20, description="Joint moves whose agreements it suspends.")
    restore: list[Id] = Field(default_factory=list, max_length=20, description="Joint moves whose suspended agreements it restores.")
    end: list[Id] = Field(default_factory=list, max_length=20, description="Joint moves whose agreements it ends.")


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
    agreements: AgreementEvent | None = Field(
        default=None, description="Format 1.1: agreements the event suspends, restores or ends."
    )
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

    format: Literal[1, 1.1] = Field(
        description="Version of the scenario format: 1, or 1.1 for the fields marked 'Format 1.1'."
    )
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
