"""What ``observe`` remembers between steps, per scenario and actor, so that an observation costs
only what changed since the last one.

Three kinds of parts:

- what depends on the scenario alone (each actor's public face, the status quo of every joint
  move, the dates of the turns), worked out once per scenario;
- the actor's own record with this game's personality, once per game (seed);
- the records that only grow (the log, the indicator changes, the trust shifts, the messages) and
  the proposals, filtered for the actor: the last source and its filtered copy are kept, and when
  the new source begins with the old one (compared by value: the entries are frozen values) only
  the new entries are filtered. Anything else (another game of the same scenario, a rollback) is
  filtered whole, so a part is never reused unless it is what the plain reading would give;
- what the proposals and messages an actor saw make of their senders (``overrides``, for the
  estimates), read only for the new entries, and the actor's score (``score``), both remembered
  with the values they were made from (the keys of the entries, the stances, levels and
  indicators) and checked against them by value.

The memo lives on the scenario (``Scenario._memo``) and goes with it. Filtered tuples hold frozen
values and are shared between observations; dicts are never shared (``observe`` copies them).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from game.core.frozen import frozen, frozen_own  # noqa: F401  (observe makes its values with them)
from game.core.model import Actor, Scenario
from game.core.personality import this_game
from game.core.state import State

_FACE = ("id", "name", "short_name", "colour", "description", "capability", "playable", "plural", "mediator")


@dataclasses.dataclass(frozen=True)
class ScenarioParts:
    """What observations read from the scenario alone."""

    faces: tuple[tuple[str, dict[str, Any], dict[str, tuple[int, ...]]], ...]  # (actor, its face, public red lines)
    status_quo: dict[str, int]  # joint move -> level while nothing is agreed, in scenario order
    made_keys: dict[str, tuple[tuple[str, str], ...]]  # actor -> (unilateral move, key of State.made_by)
    start: dt.date
    turn_days: int
    dates: dict[int, str] = dataclasses.field(default_factory=dict)

    def date(self, turn: int) -> str:
        """Scenario.date_of_turn(turn).isoformat(), remembered."""
        found = self.dates.get(turn)
        if found is None:
            found = self.dates[turn] = (self.start + dt.timedelta(days=(turn - 1) * self.turn_days)).isoformat()
        return found


def scenario_parts(sc: Scenario) -> ScenarioParts:
    found = sc._memo.get("observe")
    if found is None:
        faces = tuple(
            (a.id, {k: getattr(a, k) for k in _FACE},
             {m: st.red_line.levels for m, st in sorted(a.stances.items())
              if st.red_line is not None and st.red_line.public})
            for a in sc.actors)
        made_keys = {a: tuple((um.id, f"{a}/{um.id}") for um in sc.unilateral_moves if a in um.actors)
                     for a in sc.actor_ids}
        found = sc._memo["observe"] = ScenarioParts(faces, {jm.id: jm.status_quo for jm in sc.joint_moves},
                                                    made_keys, sc.start, sc.turn_days)
    return found


def own_record(state: State, actor: str) -> dict[str, Any]:
    """The fields of the actor's record as it sees itself: the scenario's, with this game's
    personality (rule 8.6). The caller copies the dicts."""
    key = ("own", actor)
    found = state.scenario._memo.get(key)
    if found is None or found[0] != state.seed:
        me = state.scenario.actor(actor)
        mine = dataclasses.replace(me, personality=this_game(me, state.seed))
        found = state.scenario._memo[key] = (state.seed, {f.name: getattr(mine, f.name)
                                                          for f in dataclasses.fields(Actor)})
    return found[1]


def stated(state: State, other: str, make: Callable[[dict[str, int]], dict]) -> dict:
    """make(state.public[other]) (what anyone makes of an actor's statements, which change only
    when it makes one), remembered for the statements it was made from. The caller copies it."""
    key = ("stated", other)
    row = state.public[other]
    hit = state.scenario._memo.get(key)
    if hit is not None and hit[0] == row:
        return hit[1]
    out = make(row)
    state.scenario._memo[key] = (dict(row), out)
    return out


def _slots(state: State, actor: str) -> dict[str, tuple]:
    slots = state.scenario._memo.get(("seen", actor))
    if slots is None:
        slots = state.scenario._memo[("seen", actor)] = {}
    return slots


def _common(src: tuple, old: tuple) -> int:
    """How many first entries of src and old are the same (the records only grow, so usually all
    of old; a proposal answered or agreed is a new entry in its place, so the prefix stops there)."""
    n = len(old)
    if len(src) >= n and src[:n] == old:  # the old record, grown (identical entries compare fast)
        return n
    k, m = 0, min(n, len(src))
    while k < m and src[k] is old[k]:  # the same object: the same part made of it
        k += 1
    return k


def filtered(state: State, actor: str, name: str, src: tuple, keep: Callable[[Any, str], bool]) -> tuple:
    """tuple(x for x in src if keep(x, actor)), from the last one made for the entries src still
    shares with the source it was made from (keep depends on the entry and the actor alone)."""
    slots = _slots(state, actor)
    hit = slots.get(name)
    if hit is not None and hit[0] is src:
        return hit[1]
    if hit is None:
        k, out, idx = 0, (), ()
    else:
        old, out, idx = hit
        k = _common(src, old)
        if k < len(old):
            cut = bisect.bisect_left(idx, k)
            out, idx = out[:cut], idx[:cut]
    if k < len(src):
        new = [i for i in range(k, len(src)) if keep(src[i], actor)]
        if new:
            out = out + tuple(src[i] for i in new)
            idx = idx + tuple(new)
    slots[name] = (src, out, idx)
    return out


def mapped(state: State, actor: str, name: str, src: tuple, seen: Callable[[Any, str], Any]) -> tuple:
    """tuple(seen(x, actor) for x in src), from the last one made for the entries src still shares
    with the source it was made from (seen depends on the entry and the actor alone)."""
    slots = _slots(state, actor)
    hit = slots.get(name)
    if hit is not None and hit[0] is src:
        return hit[1]
    k, out = (0, ()) if hit is None else (_common(src, hit[0]), hit[1])
    if hit is not None and k < len(hit[0]):
        out = out[:k]
    if k < len(src):
        out = out + tuple(seen(x, actor) for x in src[k:])
    slots[name] = (src, out, None)
    return out


def overrides(state: State, actor: str, name: str, src: tuple, key: Callable[[Any, str], tuple | None],
              rows: Callable[[tuple], dict]) -> dict[str, dict]:
    """What the entries of src (proposals or notes the actor saw) make of their senders, in order:
    sender -> {move: value}, later entries overriding earlier ones (the caller never changes it).

    ``key(entry, actor)`` is what an entry contributes, (sender, what) or None, and ``rows(what)``
    its {move: value}. Remembered with the keys it was made from: when src begins with entries of
    the same keys (compared by value, so a proposal answered in its place still matches, and a
    rollback or another game does not) only the new entries are read; anything else is made anew."""
    slots = _slots(state, actor)
    hit = slots.get(name)
    if hit is not None and hit[0] is src:
        return hit[2]
    if hit is not None:
        old, keys, out = hit
        n = len(keys)
        if len(src) >= n and (src[:n] == old or all(
                a is b or key(a, actor) == k for a, b, k in zip(src, old, keys, strict=False))):
            start = n
        else:
            start, keys, out = 0, [], {}
    else:
        start, keys, out = 0, [], {}
    if start < len(src):
        for entry in src[start:]:
            k = key(entry, actor)
            keys.append(k)
            if k is not None:
                row = out.get(k[0])
                if row is None:
                    out[k[0]] = row = {}
                row.update(rows(k[1]))
    slots[name] = (src, keys, out)
    return out


def score(state: State, actor: str, levels: dict[str, int], make: Callable[[], float]) -> float:
    """make() (the actor's score now, from its stances, the levels of the moves and the indicators),
    remembered for the values it was made from: equal values, the same score."""
    slots = _slots(state, actor)
    stances, values = state.stances[actor], state.indicators
    hit = slots.get("score")
    if hit is not None and hit[0] == stances and hit[1] == levels and hit[2] == values:
        return hit[3]
    found = make()
    slots["score"] = (dict(stances), dict(levels), dict(values), found)
    return found
