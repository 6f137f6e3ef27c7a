"""The debrief in words: what tipped the game into its ending, and what every actor really wanted.

Once a game is over nothing is private any more: the debrief reads the whole record (secret
breaches included) and reveals every actor's brief, goals and true positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.core.model import Ending, Personality, Scenario, Stance
from game.core.personality import this_game
from game.core.state import Agreement, Change, LogEntry
from game.present import agreements, words
from game.present.entries import cause_text


@dataclass(frozen=True)
class Push:
    """One cause's total push on an indicator over the game."""

    text: str
    delta: float
    turns: tuple[int, ...]
    actor: str | None


@dataclass(frozen=True)
class Tipping:
    """How an indicator the ending depends on got where it ended, and the biggest pushes that way."""

    indicator: str
    label: str
    start: float
    end: float
    pushes: tuple[Push, ...]


def _direction(condition: str, name: str) -> int:
    """+1 if the condition wants the name high (>, >=), -1 if low (<, <=), 0 if it cannot tell."""
    m = re.search(rf"\b{re.escape(name)}\s*(>=|<=|>|<)", condition)
    if m:
        return 1 if m.group(1).startswith(">") else -1
    m = re.search(rf"(>=|<=|>|<)\s*{re.escape(name)}\b", condition)
    if m:
        return -1 if m.group(1).startswith(">") else 1
    return 0


def what_tipped(sc: Scenario, ending: Ending | None, changes: Iterable[Change], start: dict[str, float],
                end: dict[str, float], top: int = 3) -> list[Tipping]:
    """For each indicator the ending's condition reads, the causes that pushed it the way the
    condition wanted (or the way it went), biggest first."""
    if ending is None or ending.condition is None:
        return []
    names = ending.condition.names
    changes = tuple(changes)
    out = []
    for ind in sc.indicators:
        if ind.id not in names:
            continue
        way = _direction(ending.condition.text, ind.id) or (1 if end[ind.id] >= start[ind.id] else -1)
        groups: dict[tuple, list] = {}
        for c in changes:
            if c.indicator != ind.id:
                continue
            key = (c.cause.kind, cause_text(c.cause, sc), c.cause.actor)
            g = groups.setdefault(key, [0.0, []])
            g[0] += c.delta
            if c.turn not in g[1]:
                g[1].append(c.turn)
        pushes = [Push(text, round(d, 6), tuple(turns), actor) for (_, text, actor), (d, turns) in groups.items()
                  if d * way > 0]
        pushes.sort(key=lambda p: -abs(p.delta))
        out.append(Tipping(ind.id, ind.label, start[ind.id], end[ind.id], tuple(pushes[:top])))
    return out


def turns_text(turns: Sequence[int]) -> str:
    """'turn 3', 'turns 2 and 5', 'turns 2, 3 and 4'."""
    if len(turns) == 1:
        return f"turn {turns[0]}"
    return "turns " + words.join([str(t) for t in turns])


def tipping_lines(sc: Scenario, tips: list[Tipping], viewer: str | None) -> list[str]:
    """'US–Russia tension rose from 45 to 92: +20 United States strikes … (turn 5, your move); …'."""
    lines = []
    for t in tips:
        way = "rose" if t.end > t.start else "fell" if t.end < t.start else "stayed"
        head = f"{t.label} {way} from {words.value(t.start)} to {words.value(t.end)}"
        if not t.pushes:
            lines.append(head + ".")
            continue
        parts = []
        for p in t.pushes:
            whose = ", your move" if viewer is not None and p.actor == viewer else ""
            parts.append(f"{words.delta_text(p.delta)} {p.text} ({turns_text(p.turns)}{whose})")
        lines.append(f"{head}. The biggest pushes: " + "; ".join(parts) + ".")
    return lines


def condition_facts(sc: Scenario, ending: Ending | None, log: Iterable[LogEntry],
                    agreements: dict[str, Agreement]) -> list[str]:
    """The agreements, events and moves the ending's condition reads, and when they happened."""
    if ending is None or ending.condition is None:
        return []
    names = ending.condition.names
    log = tuple(log)
    out = []
    for jm in sc.joint_moves:
        if jm.id in names:
            a = agreements.get(jm.id)
            if a is None or a.suspended:
                out.append(f"{jm.name}: {jm.variants[jm.status_quo].label} (nothing agreed in force).")
            else:
                when = "before the game" if a.since == 0 else f"in turn {a.since}"
                out.append(f"{jm.name}: {jm.variants[a.level].label}, agreed {when} by "
                           f"{words.join([sc.actor(p).name for p in a.parties])}.")
    for group, kind in ((sc.events, "news"), (sc.unilateral_moves, "move")):
        for item in group:
            if item.id not in names:
                continue
            seen = [e for e in log if e.kind == kind and e.ref == item.id and e.visible is None]
            label = item.headline if kind == "news" else item.name
            if seen:
                out.append(f"“{seen[0].text if kind == 'move' else label}” ({turns_text([e.turn for e in seen])}).")
            else:
                out.append(f"“{label}” never happened.")
    return out


# ---------------------------------------------------------------------------------------------
# every actor's hidden side, revealed


@dataclass(frozen=True)
class Revealed:
    """What one actor wanted, as its private brief and stances said."""

    actor: str
    name: str
    score: float
    objectives: tuple[str, ...]
    red_lines: tuple[str, ...]
    goals: tuple[str, ...]  # 'Civilian harm: low (weight 1.5)'
    wants: tuple[str, ...]  # 'No-fly zones: wanted Jointly enforced (cares a lot); said Deconfliction lines only'
    inclined: str = ""  # how the computer would have played it this game (see ``inclination``)


_STYLE = {"boulware": "held out for its price", "linear": "gave way steadily", "conceder": "gave way early"}
_DOING = {"boulware": "holding out for its price", "linear": "giving way steadily", "conceder": "giving way early"}


def inclination(usual: Personality, now: Personality) -> str:
    """'This game it held out for its price (usually it gives way steadily), took more risks than
    usual and kept its word about as usual': the personality of this game against the scenario's."""
    style = _STYLE.get(now.concession, now.concession)
    if now.concession != usual.concession:
        style += f" (usually it {_STYLE.get(usual.concession, usual.concession).replace('gave', 'gives').replace('held', 'holds')})"

    def moved(d: float, more: str, less: str, same: str) -> str:
        return same if abs(d) < 0.05 else (more if d > 0 else less) + " than usual"

    risk = moved(now.risk - usual.risk, "took more risks", "took fewer risks", "took risks as usual")
    loyalty = moved(now.loyalty - usual.loyalty, "kept its word more firmly", "kept its word less firmly",
                    "kept its word as usual")
    return f"This game it {style}, {risk} and {loyalty}." + _bounded(usual)


def _bounded(usual: Personality) -> str:
    """' The scenario lets its style range from holding out for its price to giving way steadily
    and fixes its loyalty at 0.30.': the bounds a format-1.1 scenario sets on the draw, or nothing."""
    parts = []
    if usual.concession_bounds is not None:
        lo, hi = usual.concession_bounds
        parts.append(f"fixes its style ({_DOING[lo]})" if lo == hi else
                     f"lets its style range from {_DOING[lo]} to {_DOING[hi]}")
    for trait, b in (("risk", usual.risk_bounds), ("loyalty", usual.loyalty_bounds)):
        if b is not None:
            parts.append(f"fixes its {trait} at {b[0]:.2f}" if b[0] == b[1] else
                         f"keeps its {trait} between {b[0]:.2f} and {b[1]:.2f}")
    if not parts:
        return ""
    return " The scenario " + (", ".join(parts[:-1]) + " and " if len(parts) > 1 else "") + parts[-1] + "."


def revealed(sc: Scenario, stances: dict[str, dict[str, Stance]], public: dict[str, dict[str, int]],
             scores: dict[str, float], seed: int | None = None) -> list[Revealed]:
    """Every actor's brief, goals and true positions (its stances as they stood at the end), and,
    given the game's seed, how it was inclined this game (rule 8.6)."""
    out = []
    for actor in sc.actors:
        goals = tuple(f"{sc.indicator(g.indicator).label}: {g.want} (weight {g.weight:g})" for g in actor.goals)
        wants = []
        for jm in sc.joint_moves:
            st = stances.get(actor.id, {}).get(jm.id)
            if st is None:
                continue
            said = public.get(actor.id, {}).get(jm.id, st.public)
            line = f"{jm.name}: wanted {jm.variants[st.ideal].label} ({words.salience_words(st.salience)})"
            if said != st.ideal:
                line += f"; said in public {jm.variants[said].label}"
            red = agreements.red_line_line(sc, actor, jm.id, you=False)  # format 1.1
            line += f"; red line: {red.split(': ', 1)[1]}" if red else ""
            wants.append(line)
        inclined = inclination(actor.personality, this_game(actor, seed)) if seed is not None else ""
        out.append(Revealed(actor.id, actor.name, scores.get(actor.id, 0.0), actor.objectives, actor.red_lines,
                            goals, tuple(wants), inclined))
    return out


def estimate_accuracy(guesses: dict[str, dict[str, dict]], stances: dict[str, dict[str, Stance]],
                      sc: Scenario) -> list[dict]:
    """How close the viewer's estimates came to each actor's true positions (for the debrief):
    per actor, per move it cared about, the estimated and true variant, how many steps apart,
    and the mean error as a share of each move's range (0: all right)."""
    out = []
    for actor in sc.actors:
        row = guesses.get(actor.id)
        if row is None:
            continue
        moves = []
        for jm in sc.joint_moves:
            st = stances.get(actor.id, {}).get(jm.id)
            g = row.get(jm.id)
            if st is None or g is None:
                continue
            span = max(1, len(jm.variants) - 1)
            moves.append({"move": jm.id, "name": jm.name, "estimated": jm.variants[g["level"]].label,
                          "true": jm.variants[st.ideal].label, "off_by": abs(g["level"] - st.ideal),
                          "error": round(abs(g["level"] - st.ideal) / span, 3), "chance": g["chance"]})
        if moves:
            mean = sum(m["error"] for m in moves) / len(moves)
            right = sum(1 for m in moves if m["off_by"] == 0)
            out.append({"actor": actor.id, "name": actor.name, "moves": moves, "mean_error": round(mean, 3),
                        "right": right,
                        "summary": f"{right} of {len(moves)} right; off by {100 * mean:.0f}% of a range on average"})
    return out


def estimate_lines(row: dict) -> list[str]:
    """The debrief's words for one actor's estimates: the tally, then each move guessed wrong."""
    out = [f"Your estimate of what it wanted: {row['summary']}"]
    for m in row["moves"]:
        if m["off_by"]:
            out.append(f"{m['name']}: you thought {m['estimated']}, it wanted {m['true']} "
                       f"({words.plural_s(m['off_by'], 'step')} off)")
    return out
