"""What moved the world, and why: one account of indicator changes that every screen reads.

The game is cut into *reports*, each covering what happens between one sitting at the table and
the next: report ``k`` is the resolution of turn ``k`` and then the news that opens turn
``k + 1``; report 0 is the news that opened the game. Every recorded change falls in exactly
one report, so the table's trend, the resolution screen, "Why did the indicators change?" and
the transcript give the same numbers: the table's trend is the latest report's change, and
the report lists its causes.

Whether a change is good or bad is said for a viewer (``leaning``): by the viewer's own goal
on the indicator where it has one, else by the indicator's own good direction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from game.core.model import Goal, Indicator, Scenario
from game.core.state import Change, LogEntry
from game.present import words
from game.present.entries import cause_text

Verdict = Literal["good", "bad", "none"]

# log kinds that resolution writes (news belongs to the report before the turn it opens)
RESOLUTION_KINDS = frozenset({"move", "outcome", "kept", "violation", "detected", "suspended", "restored",
                              "collapsed", "trust", "ending", "lapsed"})


@dataclass(frozen=True)
class Share:
    """One cause's share of an indicator's change in a report."""

    text: str
    delta: float
    kind: str  # agreement, violation, move, outcome, event, unknown
    actor: str | None


@dataclass(frozen=True)
class Movement:
    """One indicator's change over a report, with every cause's share, in the order they came."""

    indicator: str
    label: str
    before: float
    after: float
    causes: tuple[Share, ...]

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class Report:
    """What happened between two sittings at the table."""

    turn: int  # the turn whose resolution it covers (0: only the opening news)
    news_turn: int | None  # the turn whose opening news it includes, if that turn has begun
    movements: tuple[Movement, ...]  # indicators that moved, in scenario order
    events: tuple[LogEntry, ...]  # what happened, in order: the resolution's entries, then the news

    def movement(self, indicator: str) -> Movement | None:
        return next((m for m in self.movements if m.indicator == indicator), None)

    @property
    def title(self) -> str:
        return "The opening news" if self.turn == 0 else f"Turn {self.turn} resolved"


def in_report(change: Change, turn: int) -> bool:
    """Whether a change falls in report ``turn``: that turn's resolution, or the next turn's news."""
    news = change.cause.kind == "event"
    return (change.turn == turn and not news and turn > 0) or (change.turn == turn + 1 and news)


def latest_report_turn(turn: int, over: bool) -> int:
    """The report a table in ``turn`` shows the trend of: the last resolution and the news since."""
    return turn if over else turn - 1


def movements(scenario: Scenario, changes: Iterable[Change]) -> tuple[Movement, ...]:
    """The changes grouped by indicator (scenario order), each cause's share summed."""
    by_ind: dict[str, list[Change]] = {i.id: [] for i in scenario.indicators}
    for c in changes:
        if c.indicator in by_ind:
            by_ind[c.indicator].append(c)
    out = []
    for ind in scenario.indicators:
        mine = by_ind[ind.id]
        if not mine:
            continue
        shares: dict[tuple, float] = {}
        for c in mine:
            key = (cause_text(c.cause, scenario), c.cause.kind, c.cause.actor)
            shares[key] = shares.get(key, 0.0) + c.delta
        causes = tuple(Share(text, round(d, 6), kind, actor) for (text, kind, actor), d in shares.items())
        out.append(Movement(ind.id, ind.label, mine[0].before, mine[-1].after, causes))
    return tuple(out)


def report(scenario: Scenario, changes: Iterable[Change], log: Iterable[LogEntry], turn: int,
           current_turn: int) -> Report:
    """Report ``turn``: every indicator that moved in it, with its causes, and what happened."""
    log = tuple(log)
    news_turn = turn + 1 if turn + 1 <= current_turn else None
    events = tuple(e for e in log if (e.turn == turn and e.kind in RESOLUTION_KINDS)) + \
        tuple(e for e in log if e.kind == "news" and e.turn == news_turn)
    return Report(turn, news_turn, movements(scenario, (c for c in changes if in_report(c, turn))), events)


def trends(rep: Report) -> dict[str, float]:
    """Each indicator's change in a report (the table's arrows)."""
    return {m.indicator: m.delta for m in rep.movements}


# ---------------------------------------------------------------------------------------------
# good or bad, for whom


@dataclass(frozen=True)
class Leaning:
    """Which way a viewer wants an indicator to go, and whether that is the viewer's own goal."""

    want: Literal["high", "low", "none"]  # none: a bookkeeping count (format 1.1)
    mine: bool  # False: the viewer has no goal on it, so the indicator's own good direction is used

    @property
    def note(self) -> str:
        """What the colours of this indicator mean, for a legend or a tooltip."""
        more = "higher" if self.want == "high" else "lower"
        if self.want == "none":
            return "A count (bookkeeping): neither higher nor lower is better."
        if self.mine:
            return f"Your goal: {more} is better for you."
        return f"Not one of your goals: coloured by what is better for the world ({more})."


def leaning(goals: Sequence[Goal], ind: Indicator) -> Leaning:
    """The viewer's leaning on an indicator: its goal's direction (weights summed), else the indicator's."""
    pull = sum(g.weight if g.want == "high" else -g.weight for g in goals if g.indicator == ind.id)
    if pull:
        return Leaning("high" if pull > 0 else "low", True)
    return Leaning(ind.good, False)


def verdict(lean: Leaning, delta: float) -> Verdict:
    """Whether a change is good or bad from where the viewer stands (changes below ½ are none)."""
    if abs(delta) < 0.5 or lean.want == "none":  # a bookkeeping count is neither good nor bad
        return "none"
    return "good" if (delta > 0) == (lean.want == "high") else "bad"


def goodness(lean: Leaning, value: float, ind: Indicator) -> float:
    """How good a value is for the viewer, 0 to 1 (the gauge's colour)."""
    span = ind.max - ind.min
    frac = (value - ind.min) / span if span else 0.5
    if lean.want == "none":
        return 0.5
    return frac if lean.want == "high" else 1.0 - frac


def movement_line(m: Movement) -> str:
    """'Civilian harm 60 to 62 (+2)': the same words and numbers on every screen."""
    return f"{m.label} {words.value(m.before)} to {words.value(m.after)} ({words.delta_text(m.delta)})"
