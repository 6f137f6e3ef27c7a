"""Turn a validated schema model into the engine's frozen model, compiling every expression."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from game.core import model as m
from game.core.errors import ExpressionError
from game.core.expr import Effect, Expression, compile_condition, compile_effect
from game.scenario import schema as s
from game.scenario.crossref import Found, Loc


class _Compiler:
    """Compiles expressions, collecting every error with the field it stands in."""

    def __init__(self, readable: frozenset[str], writable: frozenset[str],
                 compiled: list[tuple[Loc, Expression | Effect]] | None = None) -> None:
        self.readable = readable
        self.writable = writable
        self.found: Found = []
        self.compiled = compiled  # when given, every compiled expression with its field, for load-time checks

    def _note(self, loc: Loc, text: str, err: ExpressionError) -> None:
        where = f" (at column {err.column} of '{text}')" if err.column else ""
        self.found.append((loc, f"{err.message}{where}"))

    def condition(self, loc: Loc, text: str | None) -> Expression | None:
        if text is None:
            return None
        try:
            expression = compile_condition(text, self.readable)
        except ExpressionError as err:
            self._note(loc, text, err)
            return None
        if self.compiled is not None:
            self.compiled.append((loc, expression))
        return expression

    def effects(self, loc: Loc, texts: Sequence[str]) -> tuple[Effect, ...]:
        out = []
        for i, text in enumerate(texts):
            try:
                out.append(compile_effect(text, self.readable, self.writable))
            except ExpressionError as err:
                self._note((*loc, i), text, err)
                continue
            if self.compiled is not None:
                self.compiled.append(((*loc, i), out[-1]))
        return tuple(out)


def expression_names(sc: s.Scenario) -> frozenset[str]:
    """The names expressions of this scenario may read."""
    ids = [i.id for i in sc.indicators] + [j.id for j in sc.joint_moves]
    ids += [u.id for u in sc.unilateral_moves] + [e.id for e in sc.events]
    ids += [m.left_name(j.id) for j in sc.joint_moves if any(v.term for v in j.variants)]
    return frozenset(ids) | (m.RESERVED_NAMES - {"true", "false"})


def _quote(q: s.Quote | None) -> m.Quote | None:
    return None if q is None else m.Quote(source=q.source, text=q.text)


def _red_line(comp: _Compiler, loc: Loc, move_id: str, red: s.RedLine | None, level) -> m.RedLine | None:
    if red is None:
        return None
    return m.RedLine(tuple(sorted(level(move_id, v) for v in red.variants)), red.public, red.cost,
                     comp.effects((*loc, "effects"), red.effects))


def build(sc: s.Scenario, content_hash: str = "",
          compiled: list[tuple[Loc, Expression | Effect]] | None = None) -> tuple[m.Scenario | None, Found]:
    """The engine's scenario and the expression problems found (scenario is None if any).

    ``compiled``, when given, receives every compiled condition and effect with its field path.
    """
    comp = _Compiler(expression_names(sc), frozenset(i.id for i in sc.indicators), compiled)
    rules = m.Rules(**sc.rules.model_dump())
    start = dt.date.fromisoformat(sc.calendar.start)
    moves = {j.id: j for j in sc.joint_moves}

    def level(move_id: str, variant_id: str) -> int:
        return [v.id for v in moves[move_id].variants].index(variant_id)

    joint = []
    for i, j in enumerate(sc.joint_moves):
        variants = []
        for k, v in enumerate(j.variants):
            loc: Loc = ("joint_moves", i, "variants", k)
            obligations = tuple(
                m.Obligation(o.actor, o.duty, comp.effects((*loc, "obligations", n, "violation"), o.violation))
                for n, o in enumerate(v.obligations)
            )
            variants.append(m.Variant(v.id, v.label, v.description or "", obligations,
                                      comp.effects((*loc, "effects"), v.effects), v.monitoring,
                                      term=v.term, extra_consent=tuple(v.extra_consent),
                                      suspended_effects=comp.effects((*loc, "suspended_effects"),
                                                                     v.suspended_effects)))
        joint.append(m.JointMove(
            id=j.id, name=j.name, description=j.description, consent=tuple(j.consent),
            status_quo=level(j.id, j.status_quo) if j.status_quo else 0,
            variants=tuple(variants), quote=_quote(j.quote), invented=j.invented, parallel=j.parallel,
        ))

    actor_ids = [a.id for a in sc.actors]
    actors = []
    for ai, a in enumerate(sc.actors):
        trust = {o: float(a.trust.get(o, rules.default_trust)) for o in actor_ids if o != a.id}
        stances = {
            mid: m.Stance(ideal=level(mid, st.ideal), salience=st.salience,
                          public=level(mid, st.public or st.ideal), quote=_quote(st.quote),
                          red_line=_red_line(comp, ("actors", ai, "stances", mid, "red_line"), mid, st.red_line,
                                             level))
            for mid, st in a.stances.items()
        }
        actors.append(m.Actor(
            id=a.id, name=a.name, short_name=a.short_name or a.name, colour=a.colour,
            description=a.description, capability=a.capability, playable=a.playable,
            capital=a.capital, capital_per_turn=a.capital_per_turn,
            objectives=tuple(a.brief.objectives), red_lines=tuple(a.brief.red_lines),
            goals=tuple(m.Goal(g.indicator, g.want, g.weight) for g in a.goals),
            trust=trust, personality=_personality(a.personality), stances=stances,
            plural=a.plural, mediator=a.mediator, guarantee=a.guarantee,
        ))

    unilateral = []
    for i, u in enumerate(sc.unilateral_moves):
        loc = ("unilateral_moves", i)
        outcomes = tuple(
            m.Outcome(o.chance, o.headline, comp.effects((*loc, "outcomes", n, "effects"), o.effects), dict(o.trust))
            for n, o in enumerate(u.outcomes)
        )
        unilateral.append(m.UnilateralMove(
            id=u.id, name=u.name, description=u.description, actors=tuple(u.actors), headline=u.headline,
            precondition=comp.condition((*loc, "precondition"), u.precondition), cost=u.cost, limit=u.limit,
            effects=comp.effects((*loc, "effects"), u.effects), trust=dict(u.trust),
            suspend=u.agreement.suspend if u.agreement else None,
            restore=u.agreement.restore if u.agreement else None,
            outcomes=outcomes, quote=_quote(u.quote),
            consequences=tuple(
                m.Consequence(comp.condition((*loc, "consequences", n, "condition"), c.condition),
                              comp.effects((*loc, "consequences", n, "effects"), c.effects), dict(c.trust), c.breach)
                for n, c in enumerate(u.consequences)
            ),
            package=bool(u.agreement and u.agreement.package), invented=u.invented,
        ))

    events = []
    for i, e in enumerate(sc.events):
        loc = ("events", i)
        events.append(m.Event(
            id=e.id, headline=e.headline, text=e.text or "",
            turn=e.turn if e.turn is not None else (m.turn_of_date(start, sc.calendar.turn_days, dt.date.fromisoformat(e.date)) if e.date else None),
            trigger=comp.condition((*loc, "trigger"), e.trigger), chance=e.chance, repeat=e.repeat,
            effects=comp.effects((*loc, "effects"), e.effects),
            trust=tuple(m.TrustChange(t.actor, t.toward, t.delta) for t in e.trust),
            stances=tuple(
                m.StanceChange(c.actor, c.move, c.salience, level(c.move, c.ideal) if c.ideal else None)
                for c in e.stances
            ),
            quote=_quote(e.quote),
            suspend=tuple(e.agreements.suspend) if e.agreements else (),
            restore=tuple(e.agreements.restore) if e.agreements else (),
            end=tuple(e.agreements.end) if e.agreements else (),
        ))

    endings = tuple(
        m.Ending(e.id, e.title, comp.condition(("endings", i, "condition"), e.condition), e.at, e.text)
        for i, e in enumerate(sc.endings)
    )
    if comp.found:
        return None, comp.found
    d = sc.debrief
    return m.Scenario(
        id=sc.id, title=sc.title, summary=sc.summary,
        sources=tuple(m.Source(x.id, x.title, x.outlet, x.date or "", x.url, x.author, x.accessed, x.own_summary)
                      for x in sc.sources),
        start=start, turn_days=sc.calendar.turn_days, turns=sc.calendar.turns, rules=rules,
        indicators=tuple(m.Indicator(x.id, x.label, x.min, x.max, x.start, x.good, x.description or "")
                         for x in sc.indicators),
        actors=tuple(actors), joint_moves=tuple(joint), unilateral_moves=tuple(unilateral),
        in_force={mid: level(mid, vid) for mid, vid in sc.in_force.items()},
        events=tuple(events), endings=endings,
        debrief=m.Debrief(
            history=tuple(m.HistoryItem(h.text, h.date, h.source, h.reference) for h in d.history),
            learning_objectives=tuple(d.learning_objectives),
            discussion_questions=tuple(d.discussion_questions),
        ),
        content_hash=content_hash,
    ), []


def _personality(p: s.Personality) -> m.Personality:
    """The actor's personality and, in format 1.1, the bounds each game draws it within."""
    b = p.bounds

    def pair(x):
        return None if x is None else (x.min, x.max)

    return m.Personality(p.concession, p.risk, p.loyalty,
                         pair(b.concession) if b else None, pair(b.risk) if b else None,
                         pair(b.loyalty) if b else None)
