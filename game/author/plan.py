"""What a new scenario will hold, before it is written out: a plain plan, then ``write`` makes text.

Two planners fill it: ``starter_plan`` (a small placeholder crisis, every part to be rewritten)
and ``game.author.draft.article_plan`` (the same parts guessed from a news article). One writer,
``game.author.writer``, turns either into YAML with a comment on every part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

LEVELS = ("none", "limited", "full")


@dataclass
class Cite:
    """A quote: the sentence cited, word for word, and why the program chose it."""

    text: str
    why: str = ""


@dataclass
class StancePlan:
    ideal: int  # 0..2, an index into LEVELS
    salience: float
    quote: Cite


@dataclass
class ActorPlan:
    id: str
    name: str
    description: str
    capability: float
    stances: dict[str, StancePlan] = field(default_factory=dict)
    goals: tuple[tuple[str, str], ...] = (("tension", "low"), ("progress", "high"))
    note: str = ""  # what the program found, for the comment above the actor


@dataclass
class MovePlan:
    id: str
    name: str
    description: str
    consent: list[str]
    quote: Cite
    labels: tuple[str, str, str] = ("No agreement", "A limited version", "The full version")


@dataclass
class UnilateralPlan:
    id: str
    name: str
    description: str
    actors: list[str]
    headline: str
    quote: Cite
    trust: dict[str, int] = field(default_factory=dict)
    effect: str = "tension += 6"


@dataclass
class EventPlan:
    id: str
    headline: str
    text: str
    date: dt.date
    quote: Cite


@dataclass
class Plan:
    id: str
    title: str
    summary: str
    source_title: str
    outlet: str
    source_date: dt.date
    url: str | None
    source_text: str
    start: dt.date
    turns: int
    actors: list[ActorPlan]
    moves: list[MovePlan]
    unilateral: list[UnilateralPlan]
    events: list[EventPlan]
    history: list[tuple[dt.date | None, str]]
    from_article: str | None = None  # the article's file name, for a draft
    found: list[str] = field(default_factory=list)  # lines of "what the program found"
    date_note: str = ""


_SOURCE = (
    "Replace this text with the passages of your article that the scenario quotes, pasted word for word. "
    "The Coastal Times reported on Monday that fishing boats from Northport and Southport were again "
    'crowding the same waters. "We will not give up waters our grandparents fished," said Northport\'s '
    'harbour master. "We are ready to share the bay if the catch is counted fairly," Southport\'s mayor said. '
    "The regional fisheries board offered to count the catch at both harbours and publish the figures. "
    "Last year a patrol boat from Northport seized two Southport boats, and talks broke down for a month. "
    "A storm is expected at the end of the month."
)


def starter_plan(title: str, today: dt.date) -> Plan:
    """A small placeholder crisis that validates and plays, for an author to rewrite part by part."""
    src = _SOURCE
    north = ActorPlan(
        "northport",
        "Northport",
        "TODO: who is this actor, in one or two sentences every player may read?",
        0.6,
        {
            "fishing_rights": StancePlan(0, 0.8, Cite("We will not give up waters our grandparents fished")),
            "catch_count": StancePlan(
                1, 0.4, Cite("Last year a patrol boat from Northport seized two Southport boats")
            ),
        },
    )
    south = ActorPlan(
        "southport",
        "Southport",
        "TODO: who is this actor?",
        0.4,
        {
            "fishing_rights": StancePlan(
                2, 0.7, Cite("We are ready to share the bay if the catch is counted fairly")
            ),
            "catch_count": StancePlan(2, 0.6, Cite("if the catch is counted fairly")),
        },
    )
    board = ActorPlan(
        "board",
        "Fisheries board",
        "TODO: who is this actor? A mediator, here.",
        0.2,
        {
            "fishing_rights": StancePlan(
                1,
                0.5,
                Cite(
                    "The regional fisheries board offered to count the catch at both harbours and publish the figures"
                ),
            ),
            "catch_count": StancePlan(
                2, 0.9, Cite("offered to count the catch at both harbours and publish the figures")
            ),
        },
        goals=(("tension", "low"),),
    )
    return Plan(
        id="my_scenario",
        title=title,
        summary="TODO: a paragraph that sets the scene: where, when, who, and what "
        "they disagree about. Players read it first.",
        source_title="TODO: the headline of your article",
        outlet="TODO: who published it",
        source_date=today,
        url=None,
        source_text=src,
        start=today,
        turns=5,
        actors=[north, south, board],
        moves=[
            MovePlan(
                "fishing_rights",
                "Fishing rights",
                "TODO: what the mechanism is, in plain words.",
                ["northport", "southport"],
                Cite("We are ready to share the bay if the catch is counted fairly"),
                ("Each keeps its waters", "Shared fishing days", "One shared bay"),
            ),
            MovePlan(
                "catch_count",
                "Counting the catch",
                "TODO: what the mechanism is.",
                ["northport", "southport", "board"],
                Cite("The regional fisheries board offered to count the catch at both harbours"),
                ("Nobody counts", "Each harbour counts its own", "The board counts at both harbours"),
            ),
        ],
        unilateral=[
            UnilateralPlan(
                "seize_boats",
                "Seize boats",
                "TODO: what the move is.",
                ["northport"],
                "{actor} seizes fishing boats in the disputed waters",
                Cite("Last year a patrol boat from Northport seized two Southport boats"),
                {"southport": -15, "board": -5},
            )
        ],
        events=[
            EventPlan(
                "storm",
                "A storm closes the bay",
                "TODO: the story under the headline.",
                today + dt.timedelta(days=14),
                Cite("A storm is expected at the end of the month."),
            )
        ],
        history=[(None, "TODO: what really happened after the article, with a source.")],
    )
