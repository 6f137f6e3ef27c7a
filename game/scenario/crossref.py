"""Cross-reference checks: every id a scenario refers to exists and fits where it is used."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from game.core.errors import suggest
from game.core.model import RESERVED_NAMES, left_name
from game.scenario import hints
from game.scenario.schema import Model, Personality, Quote, Scenario

Loc = tuple[str | int, ...]
Found = list[tuple[Loc, str]]


def _hint(name: str, known: Iterable[str]) -> str:
    known = sorted(known)
    close = suggest(name, known)
    if close:
        return f" — did you mean '{close}'?"
    if len(known) <= 8:
        return f" — known: {', '.join(known)}" if known else ""
    return ""


def _ref(found: Found, loc: Loc, kind: str, name: str, known: Iterable[str]) -> None:
    known = set(known)
    if name not in known:
        found.append((loc, f"unknown {kind} '{name}'{_hint(name, known)}"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check(s: Scenario) -> Found:
    """Every cross-reference problem of a schema-valid scenario, as (field path, message)."""
    found: Found = []
    actors = [a.id for a in s.actors]
    moves = {m.id: m for m in s.joint_moves}
    sources = {src.id: src for src in s.sources}

    _unique(found, "sources", [x.id for x in s.sources], "source")
    _unique(found, "actors", actors, "actor")
    _unique(found, "endings", [x.id for x in s.endings], "ending")
    # indicators, joint moves, unilateral moves and events share the expression namespace
    seen: dict[str, str] = {}
    for group in ("indicators", "joint_moves", "unilateral_moves", "events"):
        for i, item in enumerate(getattr(s, group)):
            if item.id in RESERVED_NAMES:
                found.append(((group, i, "id"), f"'{item.id}' is a reserved name; choose another id"))
            elif item.id in seen:
                found.append(((group, i, "id"), (f"id '{item.id}' is already used in {seen[item.id]}; "
                              "indicators, moves and events need distinct ids")))
            else:
                seen[item.id] = group
    for i, jm in enumerate(s.joint_moves):
        if any(v.term for v in jm.variants) and left_name(jm.id) in seen:
            found.append((("joint_moves", i, "id"), (f"'{left_name(jm.id)}' (the turns left of this move's "
                          f"agreement) is already an id in {seen[left_name(jm.id)]}; rename one of them")))

    misquoted = 0

    def quote(loc: Loc, q: Quote | None) -> None:
        nonlocal misquoted
        if q is None:
            return
        _ref(found, (*loc, "source"), "source", q.source, sources)
        src = sources.get(q.source)
        if src is not None and src.text is not None and _squash(q.text) not in _squash(src.text):
            message = f"this quote is not found word for word in source '{q.source}'"
            misquoted += 1
            near = hints.nearest(q.text, src.text) if misquoted <= hints.MAX_NEAREST else None
            found.append(((*loc, "text"), f"{message}; {near}" if near else message))

    found += format_fields(s)
    for i, ind in enumerate(s.indicators):
        if ind.min >= ind.max:
            found.append((("indicators", i, "max"), f"max ({ind.max:g}) must be greater than min ({ind.min:g})"))
        elif not ind.min <= ind.start <= ind.max:
            found.append((("indicators", i, "start"), f"start {ind.start:g} is outside {ind.min:g}..{ind.max:g}"))

    for i, m in enumerate(s.joint_moves):
        _unique(found, ("joint_moves", i, "variants"), [v.id for v in m.variants], "variant")
        for j, a in enumerate(m.consent):
            _ref(found, ("joint_moves", i, "consent", j), "actor", a, actors)
        variant_ids = [v.id for v in m.variants]
        sq = m.status_quo or m.variants[0].id
        if m.status_quo is not None:
            _ref(found, ("joint_moves", i, "status_quo"), "variant", m.status_quo, variant_ids)
        for j, v in enumerate(m.variants):
            if v.id == sq and (v.obligations or v.effects):
                found.append((("joint_moves", i, "variants", j),
                              ("the status quo variant holds while nothing is agreed, so it cannot have "
                              "obligations or effects")))
            parties = list(dict.fromkeys([*m.consent, *v.extra_consent]))
            for k, ob in enumerate(v.obligations):
                if ob.actor not in parties:
                    found.append((("joint_moves", i, "variants", j, "obligations", k, "actor"),
                                  (f"'{ob.actor}' is obliged but is not in this move's consent list "
                                  f"({', '.join(parties)})")))
            for k, a in enumerate(v.extra_consent):
                _ref(found, ("joint_moves", i, "variants", j, "extra_consent", k), "actor", a, actors)
                if a in m.consent:
                    found.append((("joint_moves", i, "variants", j, "extra_consent", k),
                                  f"'{a}' is already in the move's consent list"))
            if v.id == sq and (v.term or v.extra_consent or v.suspended_effects):
                found.append((("joint_moves", i, "variants", j),
                              ("the status quo variant is no agreement: it cannot have a term, extra consent "
                              "or effects while suspended")))
        if m.parallel and not any(a.mediator for a in s.actors):
            found.append((("joint_moves", i, "parallel"),
                          "parallel agreements are signed with a mediator: mark an actor `mediator: true`"))
        _sourced(found, ("joint_moves", i), m.quote, m.invented)
        quote(("joint_moves", i, "quote"), m.quote)

    for i, a in enumerate(s.actors):
        _bounds(found, ("actors", i, "personality"), a.personality)
        for other in a.trust:
            _ref(found, ("actors", i, "trust", other), "actor", other, actors)
            if other == a.id:
                found.append((("actors", i, "trust", other), "an actor has no trust toward itself"))
        for other, value in a.trust.items():
            if not 0 <= value <= 100:
                found.append((("actors", i, "trust", other), f"trust must be 0 to 100, found {value:g}"))
        for j, g in enumerate(a.goals):
            _ref(found, ("actors", i, "goals", j, "indicator"), "indicator", g.indicator,
                 [x.id for x in s.indicators])
        for move_id, st in a.stances.items():
            loc: Loc = ("actors", i, "stances", move_id)
            if move_id not in moves:
                _ref(found, loc, "joint move", move_id, moves)
                continue
            vids = [v.id for v in moves[move_id].variants]
            _ref(found, (*loc, "ideal"), f"variant of '{move_id}'", st.ideal, vids)
            if st.public is not None:
                _ref(found, (*loc, "public"), f"variant of '{move_id}'", st.public, vids)
            if st.red_line is not None:
                for k, v in enumerate(st.red_line.variants):
                    _ref(found, (*loc, "red_line", "variants", k), f"variant of '{move_id}'", v, vids)
                    if v == st.ideal:
                        found.append(((*loc, "red_line", "variants", k),
                                      f"'{v}' is the actor's ideal: it cannot also be a red line"))
            quote((*loc, "quote"), st.quote)

    for i, u in enumerate(s.unilateral_moves):
        for j, a in enumerate(u.actors):
            _ref(found, ("unilateral_moves", i, "actors", j), "actor", a, actors)
        _trust_map(found, ("unilateral_moves", i, "trust"), u.trust, actors)
        total = 0.0
        for j, o in enumerate(u.outcomes):
            _trust_map(found, ("unilateral_moves", i, "outcomes", j, "trust"), o.trust, actors)
            total += o.chance
        if total > 1.0 + 1e-9:
            found.append((("unilateral_moves", i, "outcomes"), f"the chances add up to {total:g}; at most 1"))
        for j, c in enumerate(u.consequences):
            _trust_map(found, ("unilateral_moves", i, "consequences", j, "trust"), c.trust, actors)
            if c.breach is not None:
                _ref(found, ("unilateral_moves", i, "consequences", j, "breach"), "joint move", c.breach, moves)
        _sourced(found, ("unilateral_moves", i), u.quote, u.invented)
        if u.agreement is not None:
            ch = u.agreement
            if (ch.suspend is None) == (ch.restore is None):
                found.append((("unilateral_moves", i, "agreement"), "give exactly one of suspend or restore"))
            for key in ("suspend", "restore"):
                target = getattr(ch, key)
                if target is None:
                    continue
                _ref(found, ("unilateral_moves", i, "agreement", key), "joint move", target, moves)
                if target in moves:
                    parties = set(moves[target].consent).union(*(v.extra_consent for v in moves[target].variants))
                    for a in u.actors:
                        if a not in parties:
                            found.append((("unilateral_moves", i, "agreement", key),
                                          f"'{a}' can make this move but is not a party to '{target}'"))
        quote(("unilateral_moves", i, "quote"), u.quote)

    for move_id, variant_id in s.in_force.items():
        if move_id not in moves:
            _ref(found, ("in_force", move_id), "joint move", move_id, moves)
        else:
            _ref(found, ("in_force", move_id), f"variant of '{move_id}'", variant_id,
                 [v.id for v in moves[move_id].variants])

    start = _date(s.calendar.start)
    if start is None:
        found.append((("calendar", "start"), f"'{s.calendar.start}' is not a real date"))
    for i, src in enumerate(s.sources):
        if src.date is None and src.accessed is None:
            found.append((("sources", i), "give the publication `date`, or `accessed` for a living web page"))
        for key in ("date", "accessed"):
            value = getattr(src, key)
            if value is not None and _date(value) is None:
                found.append((("sources", i, key), f"'{value}' is not a real date"))
    for i, e in enumerate(s.events):
        kinds = sum(x is not None for x in (e.turn, e.date, e.trigger))
        if kinds != 1:
            found.append((("events", i), "give exactly one of turn, date (scheduled) or trigger (triggered)"))
        if e.turn is not None and e.turn > s.calendar.turns:
            found.append((("events", i, "turn"), f"turn {e.turn} is after the last turn ({s.calendar.turns})"))
        if e.date is not None:
            d = _date(e.date)
            if d is None:
                found.append((("events", i, "date"), f"'{e.date}' is not a real date"))
            elif start is not None:
                last = start + dt.timedelta(days=s.calendar.turns * s.calendar.turn_days - 1)
                if not start <= d <= last:
                    found.append((("events", i, "date"), (f"{e.date} is outside the calendar "
                                  f"({start.isoformat()} to {last.isoformat()})")))
        for j, t in enumerate(e.trust):
            _ref(found, ("events", i, "trust", j, "actor"), "actor", t.actor, actors)
            _ref(found, ("events", i, "trust", j, "toward"), "actor", t.toward, actors)
        for j, sc in enumerate(e.stances):
            _ref(found, ("events", i, "stances", j, "actor"), "actor", sc.actor, actors)
            _ref(found, ("events", i, "stances", j, "move"), "joint move", sc.move, moves)
            if sc.ideal is not None and sc.move in moves:
                _ref(found, ("events", i, "stances", j, "ideal"), f"variant of '{sc.move}'", sc.ideal,
                     [v.id for v in moves[sc.move].variants])
        if e.agreements is not None:
            for key in ("suspend", "restore", "end"):
                for j, target in enumerate(getattr(e.agreements, key)):
                    _ref(found, ("events", i, "agreements", key, j), "joint move", target, moves)
        quote(("events", i, "quote"), e.quote)

    if s.endings[-1].condition is not None:
        found.append((("endings", len(s.endings) - 1, "condition"),
                      "the last ending must have no condition, so every game has an ending"))
    for i, h in enumerate(s.debrief.history):
        if h.source is not None:
            _ref(found, ("debrief", "history", i, "source"), "source", h.source, sources)
        if h.date is not None and _date(h.date) is None:
            found.append((("debrief", "history", i, "date"), f"'{h.date}' is not a real date"))
    if not any(a.playable for a in s.actors):
        found.append((("actors",), "at least one actor must be playable"))
    return found


STYLES = ("boulware", "linear", "conceder")


def _bounds(found: Found, loc: Loc, p: Personality) -> None:
    """Format 1.1: each bound has min <= max, and the actor's own value lies within it."""
    if p.bounds is None:
        return
    for trait in ("concession", "risk", "loyalty"):
        b = getattr(p.bounds, trait)
        if b is None:
            continue
        here = (*loc, "bounds", trait)
        value = getattr(p, trait)
        if trait == "concession":
            lo, hi, at = STYLES.index(b.min), STYLES.index(b.max), STYLES.index(value)
            if lo > hi:
                found.append(((*here, "min"), (f"min '{b.min}' gives way later than max '{b.max}'; the order "
                              "is boulware, linear, conceder (swap them)")))
            elif not lo <= at <= hi:
                found.append(((*loc, "concession"), f"'{value}' is outside its bounds ({b.min} to {b.max})"))
        elif b.min > b.max:
            found.append(((*here, "min"), f"min {b.min:g} is above max {b.max:g}"))
        elif not b.min <= value <= b.max:
            found.append(((*loc, trait), (f"{trait} {value:g} is outside its bounds ({b.min:g} to {b.max:g}); "
                          f"write a {trait} between them")))


def _unique(found: Found, loc: Loc | str, ids: list[str], kind: str) -> None:
    base: Loc = (loc,) if isinstance(loc, str) else loc
    first: dict[str, int] = {}
    for i, x in enumerate(ids):
        if x in first:
            found.append(((*base, i, "id"), f"{kind} id '{x}' is used twice (first at index {first[x]})"))
        else:
            first[x] = i


def _trust_map(found: Found, loc: Loc, mapping: dict[str, float], actors: list[str]) -> None:
    for who, delta in mapping.items():
        _ref(found, (*loc, who), "actor", who, actors)
        if not -100 <= delta <= 100:
            found.append(((*loc, who), f"a trust change must be -100 to 100, found {delta:g}"))


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _sourced(found: Found, loc: Loc, q: Quote | None, invented: bool) -> None:
    if q is None and not invented:
        found.append(((*loc, "quote"), ("give the source sentence (`quote`), or mark a move you invented "
                      "for play `invented: true`")))


def format_fields(s: Scenario) -> Found:
    """Fields of format 1.1 used in a file that says ``format: 1``: one message each."""
    if s.format != 1:
        return []
    found: Found = []

    def walk(node: object, loc: Loc) -> None:
        if isinstance(node, Model):
            for key in sorted(node.model_fields_set):
                info = type(node).model_fields[key]
                value = getattr(node, key)
                if (info.description or "").startswith("Format 1.1") and value != info.default \
                        and value not in ([], {}, None, False):
                    found.append(((*loc, key), f"'{key}' is format 1.1: write `format: 1.1` at the top"))
                walk(value, (*loc, key))
            if getattr(node, "good", None) == "none":
                found.append(((*loc, "good"), "`good: none` is format 1.1: write `format: 1.1` at the top"))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, (*loc, i))
        elif isinstance(node, dict):
            for key, item in node.items():
                walk(item, (*loc, key))

    walk(s, ())
    return found
