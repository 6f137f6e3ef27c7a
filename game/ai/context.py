"""What a computer actor derives from its observation before deciding: arrays and lookups.

A ``Context`` is built from one ``Observation`` for every decision (the agents keep no state
between calls). Its arrays are a pure function of part of the observation (``moment_key``):
the many decisions that see the same moment (the same actor, values, levels, trust and
calendar) share them, read-only, with the values computed from them (``Context.shared``), which
changes no number and no decision, only how often they are worked out. It turns the scenario's public description and the actor's private brief
into numpy arrays, one row per joint move and one column per level (padded to the longest move):

- ``close[m, l]``: closeness (0-1) of level l of move m to the actor's ideal;
- ``deltas[m, l, i]``: how variant l of move m moves indicator i each turn while in force,
  evaluated with the values the actor sees now;
- ``goal_slope[i]``: how much one point of indicator i adds to the actor's goal fulfilment;
- ``reliability[m, l]``: the chance, by the actor's trust, that every other obliged party of
  that variant keeps its duties;
- ``drift`` and ``horizon``: how the world has been moving apart from the agreements, and how
  many turns the actor expects before the calendar runs out or a crisis (an indicator near its
  bad end) ends the game.

Nothing here reads a ``State``: only the ``Observation`` passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.ai.fast import row_min
from game.core.errors import ExpressionError
from game.core.expr import Effect
from game.core.model import JointMove, UnilateralMove
from game.core.observe import Observation

CONCESSION_EXPONENT = {"boulware": 0.5, "linear": 1.0, "conceder": 2.0}


def trust_to_compliance(trust: float | np.ndarray) -> float | np.ndarray:
    """The chance an actor expects a party it trusts this much (0-100) to keep its duties."""
    return 0.5 + 0.5 * np.clip(trust, 0.0, 100.0) / 100.0


def effect_deltas(effects: tuple[Effect, ...], env: dict[str, float], index: dict[str, int],
                  size: int) -> np.ndarray:
    """Indicator changes (without clamping) of applying effects in order to a copy of env."""
    out = np.zeros(size)
    if not effects:
        return out
    local = dict(env)
    for effect in effects:
        try:
            new = float(effect.new_value(local))
        except ExpressionError:
            continue
        out[index[effect.target]] += new - local[effect.target]
        local[effect.target] = new
    return out


_STRUCTURE: dict[tuple, tuple[object, tuple]] = {}


def _structure(obs: Observation, actors: tuple[str, ...], width: int) -> tuple:
    """(consent (M, A), obliged (M, L, A), monitoring (M, L)): fixed for a scenario, so remembered."""
    key = (id(obs.joint_moves), actors)
    hit = _STRUCTURE.get(key)
    if hit is not None and hit[0] is obs.joint_moves:
        return hit[1]
    a_index = {a: i for i, a in enumerate(actors)}
    m_count = len(obs.joint_moves)
    consent = np.zeros((m_count, len(actors)), dtype=bool)
    obliged = np.zeros((m_count, width, len(actors)), dtype=bool)
    monitoring = np.zeros((m_count, width))
    for m, jm in enumerate(obs.joint_moves):
        for a in jm.consent:
            if a in a_index:
                consent[m, a_index[a]] = True
        for lvl, variant in enumerate(jm.variants):
            monitoring[m, lvl] = variant.monitoring
            for a in variant.obliged():
                if a in a_index:
                    obliged[m, lvl, a_index[a]] = True
    for arr in (consent, obliged, monitoring):
        arr.flags.writeable = False
    if len(_STRUCTURE) > 64:
        _STRUCTURE.clear()
    _STRUCTURE[key] = (obs.joint_moves, (consent, obliged, monitoring))
    return consent, obliged, monitoring


_DELTAS: dict[tuple, tuple[object, np.ndarray]] = {}


def variant_deltas(obs: Observation, width: int, index: dict[str, int]) -> np.ndarray:
    """Per-turn indicator changes of every variant (M, L, I), with the values seen now.

    A pure function of the observation, remembered for the values last seen (they change only
    when something happens), so that the many decisions of one phase share the work.
    """
    key = (id(obs.joint_moves), tuple(sorted(obs.env.items())))
    hit = _DELTAS.get(key)
    if hit is not None and hit[0] is obs.joint_moves:
        return hit[1]
    out = np.zeros((len(obs.joint_moves), width, len(index)))
    for m, jm in enumerate(obs.joint_moves):
        for lvl, variant in enumerate(jm.variants):
            out[m, lvl] = effect_deltas(variant.effects, obs.env, index, len(index))
    out.flags.writeable = False
    if len(_DELTAS) > 256:
        _DELTAS.clear()
    _DELTAS[key] = (obs.joint_moves, out)
    return out


CRISIS = 0.9  # share of the way to an indicator's bad end at which a crisis is expected to end the game
SHOCK = 25.0  # the largest one-off change (a unilateral move, a breach) the horizon is watched for
WINDOW = 2  # turns of history the actor reads the world's drift from


def observed_drift(obs: Observation, now: np.ndarray, deltas: np.ndarray, index: dict[str, int]) -> np.ndarray:
    """How the indicators moved per turn lately, less what the agreements in force did: the drift
    of events and of the others' moves, which the actor expects to go on (I,)."""
    series = obs.series
    j = max(0, len(series) - 1 - WINDOW)
    then = np.array([series[j].get(i.id, now[k]) for k, i in enumerate(obs.indicators)], dtype=float)
    span = max(1, len(series) - j)
    rate = (now - then) / span
    done = len(series) - 1 - j  # resolutions in the window
    for a in obs.agreements:
        if a.suspended or done == 0:
            continue
        acted = min(done, max(0, obs.turn - max(a.since, 1)))
        if acted > 0 and a.move in index:
            rate -= deltas[index[a.move], a.level] * acted / span
    return rate


@dataclass
class Context:
    """Arrays and lookups for one decision of one actor, derived from its observation only."""

    obs: Observation
    me: str
    moves: tuple[JointMove, ...]
    move_index: dict[str, int]
    sizes: np.ndarray  # (M,) number of variants
    offsets: np.ndarray  # (M + 1,) first one-hot column of each move (see utility.onehot)
    span: np.ndarray  # (M,) float, at least 1
    levels: np.ndarray  # (M,) levels in force now
    actors: tuple[str, ...]  # every actor, in seat order
    actor_index: dict[str, int]
    names: dict[str, str]
    consent: np.ndarray  # (M, A) bool
    obliged: np.ndarray  # (M, L, A) bool
    monitoring: np.ndarray  # (M, L)
    ideal: np.ndarray  # (M,) own ideal (0 where no stance)
    salience: np.ndarray  # (M,) own salience (0 where no stance)
    close: np.ndarray  # (M, L) own closeness to the ideal
    stance_weight: float  # effective share of stances in the actor's value
    indicator_ids: tuple[str, ...]
    ind_now: np.ndarray  # (I,)
    ind_min: np.ndarray
    ind_max: np.ndarray
    goal_slope: np.ndarray  # (I,) goal fulfilment per indicator point
    goal_base: float
    deltas: np.ndarray  # (M, L, I) per-turn effects of each variant
    remaining: float  # resolutions expected to come, this turn's included (the crisis may end it sooner)
    reliability: np.ndarray  # (M, L) chance every other obliged party complies, by own trust
    drift: np.ndarray  # (I,) per-turn drift of the world outside the agreements (see observed_drift)
    edge: np.ndarray  # (I,) crisis edge of each indicator (``CRISIS`` of the way to its bad end)
    bad_high: np.ndarray  # (I,) bool: the indicator's bad end is its high end
    calendar_left: int  # resolutions left on the calendar, this turn's included
    watched: np.ndarray  # indices of the indicators that could reach their crisis edge before the calendar ends
    last_turn: int  # the turn the actor expects the game to end on
    _cache: dict = field(default_factory=dict, repr=False)  # this decision's
    shared: dict = field(default_factory=dict, repr=False)  # every decision's that sees the same moment
    common: dict = field(default_factory=dict, repr=False)  # every actor's that sees the same world (see _world)

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, obs: Observation) -> Context:
        """The context of one decision. Its arrays are a pure function of the parts of the observation
        that ``moment_key`` lists, so decisions that see the same moment share them (read-only) and
        share ``shared``, the cache of what depends on them alone (see utility)."""
        key = moment_key(obs)
        hit = _MOMENTS.pop(key, None)  # put back last: the least recently used moment is forgotten first
        if hit is None or hit[0] is not obs.joint_moves or hit[1] is not obs.indicators:
            while len(_MOMENTS) >= MOMENTS_KEPT:
                del _MOMENTS[next(iter(_MOMENTS))]
            hit = (obs.joint_moves, obs.indicators, _derive(cls, obs, key), {})
        _MOMENTS[key] = hit
        ctx = object.__new__(cls)  # what the dataclass's __init__ does, without its overhead on ~40 fields
        ctx.__dict__.update(hit[2])
        ctx.obs, ctx._cache, ctx.shared = obs, {}, hit[3]
        return ctx

    # ------------------------------------------------------------------ small lookups
    @property
    def name(self) -> str:
        return self.names[self.me]

    def move(self, move_id: str) -> JointMove:
        return self.moves[self.move_index[move_id]]

    def phrase(self, m: int, level: int) -> str:
        """'Southwest ceasefire: Ceasefire' for move index m at a level."""
        jm = self.moves[m]
        return f"{jm.name}: {jm.variants[int(level)].label}"

    def progress(self, ahead: int = 0) -> float:
        """How far through the game the negotiation is, 0 (start) to 1 (last answers)."""
        obs = self.obs
        rounds = max(1, obs.rounds)
        sub = 1.0 if obs.phase in ("answers", "actions", "over") else min(obs.round - 1, rounds) / rounds
        horizon = max(1, self.last_turn)
        t = (obs.turn - 1 + sub) / horizon + ahead / (rounds * horizon)
        return float(min(1.0, max(0.0, t)))

    def concession(self, ahead: int = 0, pace: float = 1.0) -> float:
        """Share of its best gain the actor has given up by now (0: none, 1: all); ``pace`` > 1
        gives way faster than its personality alone would (the "easy" level)."""
        e = CONCESSION_EXPONENT.get(self.obs.me.personality.concession, 1.0) * pace
        return float(self.progress(ahead) ** (1.0 / e))

    def profile_of(self, terms) -> np.ndarray:
        """The levels in force if these terms were agreed now."""
        p = self.levels.copy()
        for move, level in terms:
            p[self.move_index[move]] = level
        return p

    def goal_value(self, end_values: np.ndarray) -> np.ndarray:
        """Goal fulfilment (0-1) of projected indicator values, shape (..., I) -> (...)."""
        return self.goal_base + end_values @ self.goal_slope

    def horizon(self, per_turn: np.ndarray, once: np.ndarray | float = 0.0) -> np.ndarray:
        """Resolutions expected before the game ends, for each row of per-turn changes (P, I) -> (P,).

        The calendar's, or fewer if an indicator, moving with the world's drift plus these changes,
        would reach its crisis edge first (the observation does not say which conditions end the
        game: scenarios end crises when an indicator nears its bad end). At least this turn's.
        """
        cap = float(self.calendar_left)
        w = self.watched
        if w.size == 0:
            shape = np.shape(per_turn)[:-1]
            return np.full(shape, cap) if shape else np.float64(cap)
        per_turn = np.asarray(per_turn)
        if per_turn.ndim == 1 or (per_turn.ndim == 2 and len(per_turn) == 1 and np.ndim(once) <= 1):
            return self._horizon_one(per_turn, once, cap)
        if per_turn.ndim == 2 and not np.ndim(once) and once == 0.0:
            return self._horizon_rows(per_turn, cap)
        raw_w, drift_w, bad, edge_w, sign, gap0, ahead0 = self._watch()
        rate = drift_w + per_turn[..., w]
        toward = rate * sign > 1e-9  # moving toward the bad end (sign: +1 where that is the high end)
        if np.ndim(once) or once != 0.0:
            now = raw_w + (np.asarray(once)[..., w] if np.ndim(once) else once)
            gap = np.where(bad, edge_w - now, now - edge_w)
            ahead = gap > 0
        else:  # no one-off change: the gaps of the moment
            gap, ahead = gap0, ahead0
        turns = np.divide(gap, np.abs(rate), out=np.full(np.broadcast(gap, rate).shape, np.inf),
                          where=toward & ahead)
        if not ahead.all():
            turns = np.where(ahead, turns, 0.0)  # a one-off change that crosses the edge brings the crisis now
        return np.clip(row_min(turns), min(1.0, cap), cap)

    def _horizon_rows(self, per_turn: np.ndarray, cap: float) -> np.ndarray:
        """``horizon`` of many rows with no one-off change, one watched indicator at a time: the same
        operations on the same numbers (every watched indicator is short of its edge now)."""
        hit = self.common.get("watch_columns")
        if hit is None:
            _, drift, _, _, sign, gap, _ = self._watch()
            hit = tuple(zip(self.watched.tolist(), drift, sign.tolist(), gap, strict=True))
            self.common["watch_columns"] = hit
        best = None
        for k, drift, sign, gap in hit:
            rate = per_turn[:, k] + drift
            toward = rate > 1e-9 if sign > 0 else rate < -1e-9  # rate * sign > 1e-9, sign being +1 or -1
            turns = np.full(len(rate), np.inf)
            np.divide(gap, np.abs(rate, out=rate), out=turns, where=toward)
            best = turns if best is None else np.minimum(best, turns, out=best)
        return np.clip(best, min(1.0, cap), cap, out=best)

    def _horizon_one(self, per_turn: np.ndarray, once: np.ndarray | float, cap: float) -> np.ndarray:
        """``horizon`` of one row of per-turn changes, in plain floats: the same operations, one
        indicator at a time (so the same numbers), without numpy's overhead on a few values."""
        hit = self.common.get("watch_floats")
        if hit is None:
            raw, drift, bad, edge, sign, gap, _ = self._watch()
            hit = tuple(zip(self.watched.tolist(), raw.tolist(), drift.tolist(), bad.tolist(), edge.tolist(),
                            sign.tolist(), gap.tolist(), strict=True))
            self.common["watch_floats"] = hit
        row = (per_turn[0] if per_turn.ndim == 2 else per_turn).tolist()
        shift = np.asarray(once).tolist() if np.ndim(once) else None
        best = float("inf")
        for k, raw, drift, bad, edge, sign, gap, in hit:
            rate = drift + row[k]
            if shift is not None or once != 0.0:
                now = raw + (shift[k] if shift is not None else float(once))
                gap = edge - now if bad else now - edge
            if gap <= 0:
                best = min(best, 0.0)  # a one-off change that crosses the edge brings the crisis now
            elif rate * sign > 1e-9:
                best = min(best, gap / abs(rate))
        out = min(max(best, min(1.0, cap)), cap)
        return np.array([out]) if per_turn.ndim == 2 else np.float64(out)

    def _watch(self) -> tuple:
        """The watched indicators' values, drift, bad end, edge and gap to it now (see ``horizon``):
        the same for every actor of a world, so remembered with it (``common``), as its forms for one
        row and for many rows are."""
        hit = self.common.get("watch")
        if hit is None:
            w = self.watched
            bad = self.bad_high[w]
            raw = self.ind_now[w]
            now = raw + 0.0  # as a one-off change of 0.0 leaves it
            edge = self.edge[w]
            gap = np.where(bad, edge - now, now - edge)
            hit = (raw, self.drift[w], bad, edge, np.where(bad, 1.0, -1.0), gap, gap > 0)
            self.common["watch"] = hit
        return hit

    def project(self, per_turn: np.ndarray, once: np.ndarray | float = 0.0) -> np.ndarray:
        """Indicator values at the expected end: the world's drift and these per-turn changes applied
        over the resolutions expected (``horizon``), after a one-off change ``once``."""
        r = self.horizon(per_turn, once)
        out = self.drift + per_turn
        if out.ndim == 0 or np.ndim(r) == 0 or np.ndim(once) > 1:
            return np.clip(self.ind_now + once + r[..., None] * out, self.ind_min, self.ind_max)
        # in place, the same operations on the same numbers (a sum and a product in either order are
        # equal; np.clip, not maximum and minimum, which may give the other zero where x equals a bound)
        out *= r[..., None]
        out += self.ind_now + once
        return np.clip(out, self.ind_min, self.ind_max, out=out)

    def projected_goal(self, per_turn: np.ndarray, once: np.ndarray | float = 0.0, alike: dict | None = None
                       ) -> np.ndarray:
        """``goal_value(project(per_turn, once))`` for rows of per-turn changes (P, I) -> (P,), the
        same numbers, working out only the indicators the actor has a goal on: the others weigh 0 in
        the goal, so they are left at 0.0 (a product with a zero slope is a zero either way, and a zero
        term changes no sum but the sign of a zero one)."""
        per_turn = np.asarray(per_turn)
        if per_turn.ndim != 2 or np.ndim(once) > 1:
            return self.goal_value(self.project(per_turn, once))
        cols = self.shared.get("goal_columns")
        if cols is None:
            cols = self.shared["goal_columns"] = [
                (k, self.drift[k], self.ind_min[k], self.ind_max[k]) for k in np.flatnonzero(self.goal_slope).tolist()]
        # ``alike``: a dict shared by the actors whose per-turn rows are these very numbers (see
        # utility.grid_values): the horizon and each projected column are theirs too, worked out once
        hit = alike.get("horizon") if alike is not None else None
        if hit is None:
            hit = self.horizon(per_turn, once)
            if alike is not None:
                alike["horizon"] = hit
        r = hit
        base = self.ind_now + once
        end = np.zeros(per_turn.shape)
        for k, drift, low, high in cols:
            col = alike.get(k) if alike is not None else None
            if col is None:
                col = per_turn[:, k] + drift  # as project: (drift + per_turn) * r + (ind_now + once), clipped
                col *= r
                col += base[k]
                np.clip(col, low, high, out=col)
                if alike is not None:
                    col.flags.writeable = False
                    alike[k] = col
            end[:, k] = col
        return self.goal_value(end)

    def available(self, um: UnilateralMove) -> bool:
        """Whether the actor could make this unilateral move now (the rules' test, from the observation)."""
        obs = self.obs
        if self.me not in um.actors:
            return False
        if um.limit is not None and obs.times_made.get(um.id, 0) >= um.limit:
            return False
        if obs.capital < um.cost:
            return False
        agreements = {a.move: a for a in obs.agreements}
        if um.suspend and (um.suspend not in agreements or agreements[um.suspend].suspended):
            return False
        if um.restore and not (um.restore in agreements and agreements[um.restore].suspended):
            return False
        if um.precondition is not None:
            try:
                return um.precondition.truth(obs.env)
            except ExpressionError:
                return False
        return True

    def indicator_label(self, k: int) -> str:
        return self.obs.indicators[k].label


# ---------------------------------------------------------------------------------------------
# the arrays of a moment, remembered

_MOMENTS: dict[tuple, tuple[object, object, dict, dict]] = {}
# moments remembered at most (more than a turn's worth in Syria; each holds up to a few MB of evaluated
# candidates), the least recently used forgotten first
MOMENTS_KEPT = 32


def moment_key(obs: Observation) -> tuple:
    """Everything ``Context.build`` reads from an observation: equal keys, equal arrays. Its first
    part is what stays fixed for an actor while its stances do (see ``_fixed``). A mapping enters as
    its keys and its values, two flat tuples (the same information as its items, in far fewer
    objects: a key is made for every decision)."""
    series = obs.series
    j = max(0, len(series) - 1 - WINDOW)
    stances, goals, env, values, levels, trust = obs.stances, obs.me.goals, obs.env, obs.values, obs.levels, obs.trust
    fixed = (id(obs.joint_moves), id(obs.indicators), obs.actor, tuple([v.id for v in obs.actors]),
             tuple([v.name for v in obs.actors]), obs.rules.stance_weight, tuple(stances),
             tuple([st.ideal for st in stances.values()]), tuple([st.salience for st in stances.values()]),
             tuple([g.indicator for g in goals]), tuple([g.want for g in goals]), tuple([g.weight for g in goals]))
    then = series[j] if series else None
    return (fixed, obs.turn, obs.turns, obs.phase == "over", tuple(env), tuple(env.values()), tuple(values),
            tuple(values.values()), tuple(levels), tuple(levels.values()), len(series),
            (tuple(then), tuple(then.values())) if then is not None else None,
            tuple([(a.move, a.level, a.since, a.suspended) for a in obs.agreements]),
            tuple(trust), tuple(trust.values()), obs.rules.default_trust)


def _frozen(value):
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    return value


_FIXED: dict[tuple, tuple[object, object, dict]] = {}


def _fixed(obs: Observation, key: tuple) -> dict:
    """What a context holds that depends only on the scenario, the actor, its goals and its stances."""
    hit = _FIXED.get(key)
    if hit is not None and hit[0] is obs.joint_moves and hit[1] is obs.indicators:
        return hit[2]
    moves = obs.joint_moves
    actors = tuple(v.id for v in obs.actors)
    m_count = len(moves)
    sizes = np.array([len(jm.variants) for jm in moves], dtype=np.int64)
    width = int(sizes.max()) if m_count else 1
    span = np.maximum(1, sizes - 1).astype(float)
    consent, obliged, monitoring = _structure(obs, actors, width)
    ideal = np.zeros(m_count)
    salience = np.zeros(m_count)
    for m, jm in enumerate(moves):
        st = obs.stances.get(jm.id)
        if st is not None:
            ideal[m] = st.ideal
            salience[m] = st.salience
    lv = np.arange(width)[None, :]
    close = 1.0 - np.abs(lv - ideal[:, None]) / span[:, None]
    # indicators and goals
    inds = obs.indicators
    ind_ids = tuple(i.id for i in inds)
    i_index = {i: k for k, i in enumerate(ind_ids)}
    ind_min = np.array([i.min for i in inds], dtype=float)
    ind_max = np.array([i.max for i in inds], dtype=float)
    slope = np.zeros(len(inds))
    base = 0.0
    total = sum(g.weight for g in obs.me.goals)
    for g in obs.me.goals:
        k = i_index[g.indicator]
        width_i = ind_max[k] - ind_min[k]
        if width_i <= 0:
            base += g.weight * 0.5 / total
            continue
        if g.want == "high":
            slope[k] += g.weight / (total * width_i)
            base -= g.weight * ind_min[k] / (total * width_i)
        else:
            slope[k] -= g.weight / (total * width_i)
            base += g.weight * ind_max[k] / (total * width_i)
    has_stance = salience.sum() > 0
    has_goals = total > 0
    if has_stance and has_goals:
        sw = obs.rules.stance_weight
    else:
        sw = 1.0 if has_stance else 0.0
    bad_high = np.array([i.good == "low" for i in inds], dtype=bool)
    edge = np.where(bad_high, ind_min + CRISIS * (ind_max - ind_min), ind_max - CRISIS * (ind_max - ind_min))
    out = {"me": obs.actor, "moves": moves, "move_index": {jm.id: m for m, jm in enumerate(moves)},
           "sizes": sizes, "offsets": np.concatenate([[0], np.cumsum(sizes)]), "span": span, "actors": actors,
           "actor_index": {a: i for i, a in enumerate(actors)}, "names": {v.id: v.name for v in obs.actors},
           "consent": consent, "obliged": obliged, "monitoring": monitoring, "ideal": ideal,
           "salience": salience, "close": close, "stance_weight": float(sw), "indicator_ids": ind_ids,
           "ind_min": ind_min, "ind_max": ind_max, "goal_slope": slope, "goal_base": float(base),
           "edge": edge, "bad_high": bad_high, "i_index": i_index, "width": width}
    for value in out.values():
        _frozen(value)
    if len(_FIXED) > 64:
        _FIXED.clear()
    _FIXED[key] = (obs.joint_moves, obs.indicators, out)
    return out


def _derive(cls, obs: Observation, key: tuple) -> dict:
    """The fields of a context (all but the observation and the caches), derived afresh."""
    fixed = _fixed(obs, key[0])
    me, a_index = fixed["me"], fixed["actor_index"]
    a_count = len(fixed["actors"])
    world = _world(cls, obs, key, fixed)
    # reliability: every other obliged party complies
    q = np.ones(a_count)
    for a, i in a_index.items():
        if a != me:  # trust_to_compliance, in plain floats (the same operations)
            q[i] = 0.5 + 0.5 * min(max(float(obs.trust.get(a, obs.rules.default_trust)), 0.0), 100.0) / 100.0
    logq = np.log(q)
    reliability = np.exp((fixed["obliged"] * logq[None, None, :]).sum(axis=2))
    _frozen(reliability)
    values = {k: v for k, v in fixed.items() if k not in ("i_index", "width")}
    values.update(world)
    values["reliability"] = reliability
    return values


_WORLD: dict[tuple, tuple[object, object, dict]] = {}
WORLDS_KEPT = 16  # each holds a few hundred kB of projections (see utility._values)


def world_key(key: tuple) -> tuple:
    """The part of a moment's key (``moment_key``) that is the same for every actor: the scenario,
    the calendar, the values, levels, agreements and the drift's window of the series (not the
    actor, its stances, goals or trust)."""
    return key[0][:2] + key[1:13]


def _world(cls, obs: Observation, key: tuple, fixed: dict) -> dict:
    """What a context holds that is the same for every actor seeing the same world (``world_key``):
    the levels, values, per-turn effects, drift, the watched indicators and the turns expected to
    remain. Remembered for it (read-only), so the actors of one moment work it out once."""
    wkey = world_key(key)
    hit = _WORLD.get(wkey)
    if hit is not None and hit[0] is obs.joint_moves and hit[1] is obs.indicators:
        return hit[2]
    moves = fixed["moves"]
    m_count = len(moves)
    bad_high, edge, inds = fixed["bad_high"], fixed["edge"], obs.indicators
    levels = np.array([obs.levels[jm.id] for jm in moves], dtype=np.int64)
    ind_now = np.array([obs.values[i] for i in fixed["indicator_ids"]], dtype=float)
    deltas = variant_deltas(obs, fixed["width"], fixed["i_index"])
    drift = observed_drift(obs, ind_now, deltas, fixed["move_index"])
    calendar_left = max(0, obs.turns - obs.turn + 1) if obs.phase != "over" else 0
    # the fastest any agreement could push each indicator toward its edge, plus a one-off shock
    push = np.where(bad_high, np.maximum(deltas, 0).max(axis=1).sum(axis=0),
                    -np.minimum(deltas, 0).min(axis=1).sum(axis=0)) if m_count else np.zeros(len(inds))
    toward = np.where(bad_high, drift, -drift) + push
    gap = np.where(bad_high, edge - ind_now, ind_now - edge)
    watched = np.flatnonzero((gap > 0) & (gap <= SHOCK + np.maximum(toward, 0) * calendar_left))
    for arr in (levels, ind_now, drift, watched):
        _frozen(arr)
    out = {"levels": levels, "ind_now": ind_now, "deltas": deltas, "remaining": float(calendar_left),
           "drift": drift, "calendar_left": calendar_left, "watched": watched, "last_turn": obs.turns,
           "common": {}}
    # the horizon reads none of the actor's own fields: a context of these values alone works it out
    ctx = object.__new__(cls)
    ctx.__dict__.update(fixed)
    ctx.__dict__.update(out)
    ctx.obs, ctx._cache, ctx.shared = obs, {}, {}
    idx = np.arange(m_count)
    now_turn = deltas[idx, levels].sum(axis=0)[None, :] if m_count else np.zeros((1, len(inds)))
    remaining = float(ctx.horizon(now_turn)[0])
    out.update(remaining=remaining,
               last_turn=min(obs.turns, obs.turn - 1 + max(1, int(np.ceil(remaining - 1e-9)))))
    while len(_WORLD) >= WORLDS_KEPT:
        del _WORLD[next(iter(_WORLD))]
    _WORLD[wkey] = (obs.joint_moves, obs.indicators, out)
    return out
