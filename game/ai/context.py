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
from game.ai.moment import (
    _FIXED,
    _MOMENTS,
    _WORLD,
    CRISIS,
    MOMENTS_KEPT,
    SHOCK,
    WINDOW,
    _derive,
    effect_deltas,
    moment_key,
    observed_drift,
    trust_to_compliance,
    variant_deltas,
    world_key,
)
from game.core.errors import ExpressionError
from game.core.model import JointMove, UnilateralMove
from game.core.observe import Observation

CONCESSION_EXPONENT = {"boulware": 0.5, "linear": 1.0, "conceder": 2.0}
# what other modules read here, derived and remembered in ``moment``
__all__ = [
    "CONCESSION_EXPONENT",
    "CRISIS",
    "SHOCK",
    "WINDOW",
    "_FIXED",
    "_MOMENTS",
    "_WORLD",
    "Context",
    "effect_deltas",
    "moment_key",
    "observed_drift",
    "trust_to_compliance",
    "variant_deltas",
    "world_key",
]


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
        # remembered by the key's hash, worked out once (a tuple does not keep its hash, and this one
        # has a hundred parts): the entry holds the key itself, compared on a hit; two keys of one
        # hash are never both kept, the later one replaces the other (a miss, never a wrong hit)
        code = hash(key)
        hit = _MOMENTS.pop(code, None)  # put back last: the least recently used moment is forgotten first
        if hit is None or hit[1] is not obs.joint_moves or hit[2] is not obs.indicators or hit[0] != key:
            while len(_MOMENTS) >= MOMENTS_KEPT:
                del _MOMENTS[next(iter(_MOMENTS))]
            hit = (key, obs.joint_moves, obs.indicators, _derive(cls, obs, key), {})
        _MOMENTS[code] = hit
        ctx = object.__new__(cls)  # what the dataclass's __init__ does, without its overhead on ~40 fields
        ctx.__dict__.update(hit[3])
        ctx.obs, ctx._cache, ctx.shared = obs, {}, hit[4]
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

    def concession(self, ahead: int = 0, pace: float = 1.0, clock: float = 1.0) -> float:
        """Share of its best gain the actor has given up by now (0: none, 1: all); ``pace`` > 1
        gives way faster than its personality alone would; ``clock`` < 1 reads less of the calendar
        as gone than has gone (a level that misreads the deadline)."""
        e = CONCESSION_EXPONENT.get(self.obs.me.personality.concession, 1.0) * pace
        return float((self.progress(ahead) * clock) ** (1.0 / e))

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
