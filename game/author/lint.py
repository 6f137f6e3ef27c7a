"""``lint``: logic checks beyond ``validate``, each finding an error or a warning with advice.

A scenario that validates can still never play as its author meant: an ending no game can reach,
a move nobody can ever make, an actor who must consent to a deal but wants nothing from it. Every
finding names the field, says what is wrong in plain words and what to change. Errors are things
that can never work (exit 1); warnings are things that probably do not do what the author meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from game.author.intervals import Interval, compare_truth, comparisons, evaluate, narrow, parse, truth
from game.author.reach import Reach, analyse, condition_truth, max_capital
from game.core import model as m
from game.core.errors import Problem
from game.core.expr import Effect
from game.core.expr_parse import Node
from game.scenario.safe_yaml import Document, format_path

Loc = tuple[str | int, ...]
Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One thing lint found: its level, the check that found it, where, and what to do."""

    level: Level
    check: str
    loc: Loc
    message: str

    def problem(self, doc: Document) -> Problem:
        """As a located line, in the same form as validate's."""
        line, col = doc.locate(self.loc)
        return Problem(doc.filename, line, col, format_path(self.loc), f"{self.level}: {self.message}")


def lint(sc: m.Scenario) -> list[Finding]:
    """Every finding for a scenario that validates, in the order of the file's sections."""
    reach = analyse(sc)
    out: list[Finding] = []
    out += _indicators(sc, reach)
    out += _actors(sc, reach)
    out += _joint_moves(sc, reach)
    out += _unilateral(sc, reach)
    out += _events(sc, reach)
    out += _endings(sc, reach)
    out += _quotes(sc)
    return out


# ------------------------------------------------------------------------------------------
# describing ranges for people


def _level_names(j: m.JointMove) -> str:
    return ", ".join(f"{i} = '{v.label}'" for i, v in enumerate(j.variants))


def describe(name: str, sc: m.Scenario, reach: Reach, dom: dict[str, Interval]) -> str:
    """What values a name can take, and why, in words an author understands."""
    iv = dom.get(name)
    if iv is None:
        return ""
    if name in ("turn", "turns_left"):
        return f"{name} is {iv.text()}" + (" when the calendar has run out" if iv.is_point else "")
    if name == "turns":
        return f"turns is {iv.text()}"
    if name == "agreements":
        return f"agreements counts agreements in force: {iv.text()}"
    kind = sc._by_id.get(name)
    if isinstance(kind, m.Indicator):
        if not reach.moved_by[name]:
            return f"nothing ever changes '{name}', so it stays at its start value {iv.text()}"
        return f"'{name}' stays within its bounds, {iv.text()}"
    if isinstance(kind, m.JointMove):
        return f"the levels of '{name}' are {iv.text()} ({_level_names(kind)})"
    if isinstance(kind, m.UnilateralMove):
        if name in reach.dead_moves:
            return f"'{name}' can never be made ({reach.dead_moves[name]}), so it stays 0"
        return f"'{name}' counts how often it is made: {iv.text()}"
    if isinstance(kind, m.Event):
        if name in reach.dead_events:
            return f"'{name}' can never happen ({reach.dead_events[name]}), so it stays 0"
        return f"'{name}' counts how often it happens: {iv.text()}"
    return ""


def render(node: Node) -> str:
    """An expression tree written back as text, for quoting a part of a condition."""
    k, a = node.kind, node.args
    if k == "num":
        v = node.value
        return f"{v:g}" if isinstance(v, float) else str(v)
    if k == "bool":
        return "true" if node.value else "false"
    if k == "name":
        return str(node.value)
    if k == "unary":
        return f"{node.value}{render(a[0])}"
    if k == "not":
        return f"not {render(a[0])}"
    if k in ("and", "or"):
        return f"({render(a[0])} {k} {render(a[1])})"
    if k == "if":
        return f"({render(a[0])} if {render(a[1])} else {render(a[2])})"
    if k == "compare":
        parts = [render(a[0])]
        for op, x in zip(node.value, a[1:], strict=True):  # type: ignore[call-overload]
            parts += [op, render(x)]
        return " ".join(parts)
    if k == "binary":
        return f"({render(a[0])} {node.value} {render(a[1])})"
    return f"{node.value}({', '.join(render(x) for x in a)})"


def _names_in(node: Node) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.kind == "name" and n.value not in found:
            found.append(str(n.value))
        stack.extend(n.args)
    return sorted(found)


def _why(parts: Iterable[Node], sc: m.Scenario, reach: Reach, dom: dict[str, Interval]) -> str:
    """'`x >= 3`: the levels of 'x' are 0 to 2 (...)' for each part."""
    out = []
    for part in parts:
        said = [d for d in (describe(n, sc, reach, dom) for n in _names_in(part)) if d]
        out.append(f"'{render(part)}', where {' and '.join(said)}" if said else f"'{render(part)}'")
    return "; ".join(out)


@dataclass(frozen=True)
class _Verdict:
    whole: bool | None
    never: tuple[Node, ...]
    always: tuple[Node, ...]
    node: Node


def _judge(text: str, reach: Reach, dom: dict[str, Interval]) -> _Verdict:
    node = parse(text, reach.names)
    atoms = comparisons(node)
    return _Verdict(
        condition_truth(node, dom),
        tuple(a for a in atoms if compare_truth(a, dom) is False),
        tuple(a for a in atoms if compare_truth(a, dom) is True),
        node,
    )


def _never_reason(v: _Verdict, sc: m.Scenario, reach: Reach, dom: dict[str, Interval]) -> str:
    if v.never:
        return "it can never hold: " + _why(v.never, sc, reach, dom)
    return "its parts can never hold together: " + _why(comparisons(v.node), sc, reach, dom)


def _part_findings(
    loc: Loc, v: _Verdict, sc: m.Scenario, reach: Reach, dom: dict[str, Interval]
) -> list[Finding]:
    """Parts of a condition that never or always hold, when the whole is not already reported."""
    out = []
    for part in v.never:
        out.append(
            Finding(
                "error",
                "part-never-holds",
                loc,
                f"the part {_why([part], sc, reach, dom)}, can never hold; change its number or "
                "what it compares, or remove it",
            )
        )
    for part in v.always:
        if part is v.node:
            continue
        out.append(
            Finding(
                "warning",
                "part-always-holds",
                loc,
                f"the part {_why([part], sc, reach, dom)}, always holds, so it adds nothing; "
                "change its number or remove it",
            )
        )
    return out


# ------------------------------------------------------------------------------------------
# the checks, section by section


def _indicators(sc: m.Scenario, reach: Reach) -> list[Finding]:
    out = []
    for i, ind in enumerate(sc.indicators):
        if reach.moved_by[ind.id]:
            continue
        only_dead = _moved_only_by_dead(sc, reach, ind.id)
        why = (
            f"only {only_dead}, which can never happen, changes it"
            if only_dead
            else "no variant, unilateral move or event has an effect on it"
        )
        out.append(
            Finding(
                "warning",
                "indicator-unmoved",
                ("indicators", i, "id"),
                f"'{ind.label}' never changes: {why}, so it stays at {ind.start:g} all game. "
                f"Add an effect such as '{ind.id} += 5' where something should move it, or remove it",
            )
        )
    return out


def _moved_only_by_dead(sc: m.Scenario, reach: Reach, indicator: str) -> str:
    names = [
        u.id
        for u in sc.unilateral_moves
        if u.id in reach.dead_moves
        and any(e.target == indicator for e in u.effects + tuple(x for o in u.outcomes for x in o.effects))
    ]
    names += [
        e.id for e in sc.events if e.id in reach.dead_events and any(x.target == indicator for x in e.effects)
    ]
    return ", ".join(f"'{n}'" for n in names)


def _actors(sc: m.Scenario, reach: Reach) -> list[Finding]:
    out = []
    for i, a in enumerate(sc.actors):
        for j, g in enumerate(a.goals):
            if not reach.moved_by[g.indicator]:
                out.append(
                    Finding(
                        "warning",
                        "goal-unmovable",
                        ("actors", i, "goals", j, "indicator"),
                        f"{a.name}'s goal on '{g.indicator}' can never change its score: nothing "
                        f"moves '{g.indicator}'. Give something an effect on it, or drop this goal",
                    )
                )
    return out


def _joint_moves(sc: m.Scenario, reach: Reach) -> list[Finding]:
    out = []
    for i, j in enumerate(sc.joint_moves):
        consenting = [(("joint_moves", i, "consent", k), who) for k, who in enumerate(j.consent)]
        consenting += [(("joint_moves", i, "variants", n, "extra_consent", k), who)
                       for n, v in enumerate(j.variants) for k, who in enumerate(v.extra_consent)]
        for loc, who in consenting:
            actor = sc.actor(who)
            if j.id not in actor.stances and not actor.mediator:
                at = sc.actor_ids.index(who)
                out.append(
                    Finding(
                        "warning",
                        "consent-without-stance",
                        loc,
                        f"{actor.name} must agree to deals on '{j.name}' but has no stance on it; the "
                        "computer playing it accepts every such deal, so it stands for nothing. "
                        f"Give it a stance (actors[{at}].stances.{j.id}: ideal, salience, quote), mark it "
                        "`mediator: true` if it has no stake, or take it out of this consent list",
                    )
                )
        out += _format_1_1(sc, i, j)
        wanted = _wanted_levels(sc, j)
        for k, v in enumerate(j.variants):
            if k == j.status_quo or k in wanted:
                continue
            side = "stronger" if k > j.status_quo else "weaker"
            out.append(
                Finding(
                    "warning",
                    "variant-unwanted",
                    ("joint_moves", i, "variants", k, "id"),
                    f"no actor wants '{v.label}' or anything {side}, and no event changes that, so "
                    "nobody has a reason to propose it. Make it some actor's ideal (or an event's "
                    "new ideal), or remove the variant",
                )
            )
    return out


def _format_1_1(sc: m.Scenario, i: int, j: m.JointMove) -> list[Finding]:
    """Terms, red lines and parallel signatures that cannot play as written."""
    out = []
    for k, v in enumerate(j.variants):
        if v.term and v.term >= sc.turns:
            out.append(Finding("warning", "term-outlasts-calendar", ("joint_moves", i, "variants", k, "term"),
                               f"'{v.label}' lasts {v.term} turns but the game has {sc.turns}: it can never "
                               "lapse, so renewal never matters. Shorten the term or drop it"))
    if j.parallel and len([a for a in j.consent if not sc.actor(a).mediator]) < 2:
        out.append(Finding("warning", "parallel-alone", ("joint_moves", i, "parallel"),
                           f"'{j.name}' is signed separately, but fewer than two of its parties are not "
                           "mediators: there is nothing to sign in parallel. Drop `parallel`"))
    for a_index, a in enumerate(sc.actors):
        st = a.stances.get(j.id)
        if st is None or st.red_line is None:
            continue
        if all(st.forbids(k) for k in range(len(j.variants)) if k != j.status_quo):
            out.append(Finding("warning", "red-line-everything",
                               ("actors", a_index, "stances", j.id, "red_line", "variants"),
                               f"{a.name}'s red lines cover every variant of '{j.name}' but the status quo: "
                               "no agreement on it can ever be signed by the computer. Leave one open"))
    return out


def _wanted_levels(sc: m.Scenario, j: m.JointMove) -> set[int]:
    """Levels some actor's ideal reaches (now or after an event), counted from the status quo."""
    ideals = [a.stances[j.id].ideal for a in sc.actors if j.id in a.stances]
    ideals += [c.ideal for e in sc.events for c in e.stances if c.move == j.id and c.ideal is not None]
    sq = j.status_quo
    return {k for k in range(len(j.variants)) for x in ideals if (sq < k <= x) or (x <= k < sq)}


def _gate(
    sc: m.Scenario,
    reach: Reach,
    loc: Loc,
    text: str,
    never: tuple[str, str, str],
    always: tuple[str, str, str],
) -> list[Finding]:
    """Findings of a precondition or trigger: it never holds (error), always holds (warning), or a part
    of it does; ``never`` and ``always`` are (check, words before the reason, words after it)."""
    dom = reach.domains
    v = _judge(text, reach, dom)
    if v.whole is False:
        return [Finding("error", never[0], loc, never[1] + _never_reason(v, sc, reach, dom) + never[2])]
    if v.whole is True:
        why = _why(v.always or (v.node,), sc, reach, dom)
        return [Finding("warning", always[0], loc, always[1] + why + always[2])]
    return _part_findings(loc, v, sc, reach, dom)


def _unilateral(sc: m.Scenario, reach: Reach) -> list[Finding]:
    out = []
    for i, u in enumerate(sc.unilateral_moves):
        loc: Loc = ("unilateral_moves", i)
        if all(max_capital(sc.actor(a), sc.turns) < u.cost for a in u.actors):
            most = max(max_capital(sc.actor(a), sc.turns) for a in u.actors)
            out.append(
                Finding(
                    "error",
                    "move-never",
                    (*loc, "cost"),
                    f"nobody can ever make '{u.name}': it costs {u.cost} political capital, and the "
                    f"most any actor who may make it ever has is {most}. Lower the cost, or raise "
                    "those actors' capital or capital_per_turn",
                )
            )
        if u.precondition is not None:
            never = (
                "move-never",
                f"nobody can ever make '{u.name}': ",
                ". Change the precondition, or remove the move",
            )
            always = (
                "precondition-always",
                "this precondition always holds, so it restricts nothing: ",
                ". Fix it or remove it",
            )
            out += _gate(sc, reach, (*loc, "precondition"), u.precondition.text, never, always)
    return out


def _events(sc: m.Scenario, reach: Reach) -> list[Finding]:
    out = []
    for i, e in enumerate(sc.events):
        loc: Loc = ("events", i)
        if e.chance <= 0:
            out.append(
                Finding(
                    "warning",
                    "event-never",
                    (*loc, "chance"),
                    f"'{e.headline}' never happens: its chance is 0. Raise the chance, or remove the event",
                )
            )
        for k, c in enumerate(e.stances):
            if c.move not in sc.actor(c.actor).stances:
                out.append(
                    Finding(
                        "warning",
                        "event-stance-ignored",
                        (*loc, "stances", k),
                        f"this changes {sc.actor(c.actor).name}'s stance on '{c.move}', but it has none, "
                        "so nothing happens. Give the actor a stance on that move, or remove this change",
                    )
                )
        if e.trigger is not None:
            when = "every turn" if e.repeat else "on the first turn"
            never = (
                "event-never",
                f"'{e.headline}' can never happen: ",
                ". Change the trigger, or remove the event",
            )
            always = (
                "trigger-always",
                f"this trigger always holds, so the event is due {when}: ",
                ". If that is what you mean, schedule it with 'turn:' instead; otherwise fix the condition",
            )
            out += _gate(sc, reach, (*loc, "trigger"), e.trigger.text, never, always)
    return out


def _endings(sc: m.Scenario, reach: Reach) -> list[Finding]:
    out = []
    last = len(sc.endings) - 1
    end_dom = reach.at_end(sc.turns)
    boxes: list[tuple[m.Ending, Node | None]] = []
    for i, e in enumerate(sc.endings):
        loc: Loc = ("endings", i)
        dom = end_dom if e.at == "end" else reach.domains
        v = _judge(e.condition.text, reach, dom) if e.condition is not None else None
        later = sc.endings[i + 1 :]
        catch_all = v is None or v.whole is True
        if i < last and catch_all:
            cut = [x.id for x in later if x.at == "end" or x.condition is None]
            why = (
                "has no condition"
                if v is None
                else f"has a condition that always holds ({_why(v.always or (v.node,), sc, reach, dom)})"
            )
            if v is not None and e.at == "any":
                out.append(
                    Finding(
                        "error",
                        "ending-catch-all",
                        (*loc, "condition"),
                        f"'{e.title}' {why}, so every game ends here after its first turn and no "
                        "ending after it can be reached. Fix the condition, or move it to the end",
                    )
                )
            elif cut:
                out.append(
                    Finding(
                        "error",
                        "ending-catch-all",
                        loc if v is None else (*loc, "condition"),
                        f"'{e.title}' {why}, so every game that reaches the last turn ends here: "
                        f"the endings after it that are checked then ({', '.join(cut)}) can never be "
                        "reached. Give it a condition, or move it to the end of the list",
                    )
                )
            else:
                out.append(
                    Finding(
                        "warning",
                        "ending-catch-all",
                        loc,
                        f"'{e.title}' {why}, so on the last turn every game ends here before the "
                        "endings after it are checked. Give it a condition, or move it to the end",
                    )
                )
        elif v is not None and v.whole is False:
            out.append(
                Finding(
                    "error",
                    "ending-unreachable",
                    (*loc, "condition"),
                    f"'{e.title}' can never be reached: {_never_reason(v, sc, reach, dom)}. "
                    "Change the condition, or remove the ending",
                )
            )
        elif v is not None:
            shadow = _shadowed_by(e, v.node, boxes, dom)
            if shadow is not None:
                out.append(
                    Finding(
                        "error",
                        "ending-shadowed",
                        (*loc, "condition"),
                        f"'{e.title}' can never be reached: whenever its condition holds, the earlier "
                        f"ending '{shadow.title}' ({shadow.condition.text if shadow.condition else ''}) "
                        "holds too and is checked first. Put this ending before it, or make the "
                        "conditions differ",
                    )
                )
            else:
                out += _part_findings((*loc, "condition"), v, sc, reach, dom)
        if not catch_all:  # a catch-all is reported once, not again for every ending it hides
            boxes.append((e, v.node if v is not None else None))
    return out


def _shadowed_by(
    e: m.Ending, node: Node, earlier: list[tuple[m.Ending, Node | None]], dom: dict[str, Interval]
) -> m.Ending | None:
    """An earlier ending checked whenever this one is and holding wherever this one's condition does."""
    box = narrow(node, dom)
    if box is None:
        return None
    for prev, prev_node in earlier:
        if prev_node is None or not (prev.at == "any" or e.at == "end"):
            continue
        if truth(evaluate(prev_node, box)) is True:
            return prev
    return None


def _squash(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "of",
        "on",
        "the",
        "to",
        "in",
        "for",
        "with",
        "by",
        "at",
        "from",
        "its",
        "over",
        "into",
    ]
)


def _words(*texts: str) -> frozenset[str]:
    return frozenset(w for t in texts for w in _squash(t).split() if w not in _SMALL)


def _mentions(quote: str, subject: frozenset[str]) -> bool:
    """Whether the quote names the subject: a word of it, or its stem ('Iran' in 'Iranian')."""
    said = _squash(quote).split()
    for w in subject:
        stem = w if len(w) < 4 else w[: max(4, len(w) - 2)]
        if any(q == w or (len(w) >= 4 and q.startswith(stem)) for q in said):
            return True
    return False


def _quotes(sc: m.Scenario) -> list[Finding]:
    """The same sentence cited for positions that share no actor or move with its first use, and that
    it does not even name."""

    def actor_words(*ids: str) -> frozenset[str]:
        return _words(*(x for a in ids for x in (sc.actor(a).name, sc.actor(a).short_name)))

    def move_words(*ids: str) -> frozenset[str]:
        return _words(*(sc.joint_move(x).name for x in ids))

    def touched(effects: Iterable[Effect]) -> frozenset[str]:  # what its effects move counts as its subject
        return _words(*(sc.indicator(e.target).label for e in effects))

    uses: list[tuple[Loc, m.Quote, frozenset[str], frozenset[str], str]] = []
    for i, a in enumerate(sc.actors):
        for mid, st in a.stances.items():
            if st.quote is not None:
                uses.append(
                    (
                        ("actors", i, "stances", mid, "quote", "text"),
                        st.quote,
                        frozenset({f"actor:{a.id}", f"move:{mid}"}),
                        actor_words(a.id) | move_words(mid),
                        f"{a.name}'s stance on '{mid}'",
                    )
                )
    for i, j in enumerate(sc.joint_moves):
        if j.quote is not None:
            uses.append(
                (
                    ("joint_moves", i, "quote", "text"),
                    j.quote,
                    frozenset({f"move:{j.id}"}),
                    move_words(j.id),
                    f"the joint move '{j.id}'",
                )
            )
    for i, u in enumerate(sc.unilateral_moves):
        if u.quote is not None:
            moves = [x for x in (u.suspend, u.restore) if x]
            tags = {f"actor:{a}" for a in u.actors} | {f"move:{x}" for x in moves} | {f"um:{u.id}"}
            uses.append(
                (
                    ("unilateral_moves", i, "quote", "text"),
                    u.quote,
                    frozenset(tags),
                    actor_words(*u.actors) | move_words(*moves) | _words(u.name) | touched(u.effects),
                    f"the unilateral move '{u.id}'",
                )
            )
    for i, e in enumerate(sc.events):
        if e.quote is not None:
            actors = {c.actor for c in e.stances} | {t.actor for t in e.trust} | {t.toward for t in e.trust}
            moves = {c.move for c in e.stances}
            tags = {f"move:{x}" for x in moves} | {f"actor:{x}" for x in actors} | {f"event:{e.id}"}
            uses.append(
                (
                    ("events", i, "quote", "text"),
                    e.quote,
                    frozenset(tags),
                    actor_words(*sorted(actors))
                    | move_words(*sorted(moves))
                    | _words(e.headline)
                    | touched(e.effects),
                    f"the event '{e.id}'",
                )
            )
    out = []
    first: dict[tuple[str, str], list[tuple[frozenset[str], str]]] = {}
    for loc, q, tags, words, what in uses:
        seen = first.setdefault((q.source, _squash(q.text)), [])
        if seen and not any(tags & t for t, _ in seen) and not _mentions(q.text, words):
            out.append(
                Finding(
                    "warning",
                    "quote-repeated",
                    loc,
                    f"this is the sentence already quoted for {seen[0][1]}; it shares no actor or move "
                    f"with {what} and does not name them. Quote the sentence that says this position",
                )
            )
        seen.append((tags, what))
    return out
