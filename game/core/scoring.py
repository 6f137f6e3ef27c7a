"""Scores, the shared outcome, and the Nash bargaining solution over the joint moves.

An actor's score (0-100) is ``stance_weight`` x its stance closeness plus the rest x its goals:

- stance closeness: for each joint move it has a stance on, 1 - |level in force - ideal| /
  (variants - 1), averaged with its saliences as weights;
- goals: for each goal, how far the indicator sits toward the end the actor wants (0 at the
  wrong bound, 1 at the right one), averaged with the goals' weights.

An actor with no stances (or no goals) scores on the other part alone.

The Nash bargaining solution is the profile of joint-move levels that maximises the product of
the gains in stance closeness over the disagreement point (the levels in force when the game
began) of the parties whose consent it needs, each gain measured as a share of that party's
whole utility range, among profiles that leave none of them worse off (see ``nash_index``). It is
computed from the stances the scores use: the state's current ones (``nash_deal``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.model import Goal, Scenario, Stance
from game.core.state import State

MAX_PROFILES = 1 << 20


def stance_closeness(stances: dict[str, Stance], levels: dict[str, int], scenario: Scenario) -> float | None:
    """Salience-weighted closeness (0-1) of the levels to the ideals; None with no salience."""
    total = weight = 0.0
    for move, stance in stances.items():
        span = len(scenario.joint_move(move).variants) - 1
        close = 1.0 - abs(levels[move] - stance.ideal) / span if span else 1.0
        total += stance.salience * close
        weight += stance.salience
    return total / weight if weight > 0 else None


def goal_score(goals: tuple[Goal, ...], values: dict[str, float], scenario: Scenario) -> float | None:
    """Weighted 0-1 fulfilment of goals over indicators; None without goals."""
    total = weight = 0.0
    for goal in goals:
        ind = scenario.indicator(goal.indicator)
        span = ind.max - ind.min
        frac = (values[goal.indicator] - ind.min) / span if span else 0.5
        total += goal.weight * (frac if goal.want == "high" else 1.0 - frac)
        weight += goal.weight
    return total / weight if weight > 0 else None


def blend(stance: float | None, goals: float | None, stance_weight: float) -> float:
    """The 0-100 score from its two parts."""
    if stance is None and goals is None:
        return 50.0
    if stance is None:
        value = goals
    elif goals is None:
        value = stance
    else:
        value = stance_weight * stance + (1.0 - stance_weight) * goals
    return round(100.0 * min(1.0, max(0.0, value)), 2)


def score(state: State, actor: str) -> float:
    """An actor's score now, 0-100."""
    sc = state.scenario
    levels = {jm.id: state.level(jm.id) for jm in sc.joint_moves}
    stance = stance_closeness(state.stances[actor], levels, sc)
    goals = goal_score(sc.actor(actor).goals, state.indicators, sc)
    return blend(stance, goals, sc.rules.stance_weight)


def scores(state: State) -> dict[str, float]:
    return {a: score(state, a) for a in state.scenario.actor_ids}


def shared_outcome(state: State) -> float:
    """How well the world fares, 0-100: the mean goodness of every indicator (bookkeeping counts,
    which are neither good nor bad, are left out)."""
    sc = state.scenario
    counted = [i for i in sc.indicators if not i.bookkeeping]
    if not counted:
        return 50.0
    values = [i.goodness(state.indicators[i.id]) for i in counted]
    return round(100.0 * sum(values) / len(values), 2)


# ---------------------------------------------------------------------------------------------
# arrays: profiles of levels and utilities over them


def profile_grid(sizes: list[int]) -> np.ndarray:
    """Every profile of levels, one row each: shape (product of sizes, len(sizes))."""
    if not sizes:
        return np.zeros((1, 0), dtype=np.int8)
    grids = np.meshgrid(*[np.arange(n, dtype=np.int8) for n in sizes], indexing="ij")
    return np.stack([g.ravel() for g in grids], axis=1)


def stance_arrays(scenario: Scenario, stances: dict[str, dict[str, Stance]], actors: list[str]
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ideal, salience, span) arrays of shape (A, M), (A, M), (M,) in scenario move order."""
    moves = scenario.joint_moves
    ideal = np.zeros((len(actors), len(moves)))
    salience = np.zeros((len(actors), len(moves)))
    for i, a in enumerate(actors):
        for j, jm in enumerate(moves):
            st = stances[a].get(jm.id)
            if st is not None:
                ideal[i, j] = st.ideal
                salience[i, j] = st.salience
    span = np.array([max(1, len(jm.variants) - 1) for jm in moves], dtype=float)
    return ideal, salience, span


def move_tables(sizes: list[int], ideal: np.ndarray, salience: np.ndarray, span: np.ndarray) -> list[np.ndarray]:
    """For each move, an (n_levels, A) table: what each level adds to each actor's closeness (0-1)."""
    weight = salience.sum(axis=1)
    weight = np.where(weight > 0, weight, 1.0)
    return [salience[:, j] * (1.0 - np.abs(np.arange(n)[:, None] - ideal[None, :, j]) / span[j]) / weight
            for j, n in enumerate(sizes)]


def utilities(profiles: np.ndarray, ideal: np.ndarray, salience: np.ndarray, span: np.ndarray) -> np.ndarray:
    """Stance closeness of every profile for every actor: shape (P, A), values 0-1."""
    sizes = [int(n) + 1 for n in span]  # a move with n variants has span n - 1
    return _utilities(profiles, move_tables(sizes, ideal, salience, span), ideal.shape[0])


def _utilities(profiles: np.ndarray, tables: list[np.ndarray], actors: int) -> np.ndarray:
    # One table lookup per move: memory (P, A), not (P, A, M), so a million profiles stay cheap.
    out = np.zeros((len(profiles), actors))
    for j, table in enumerate(tables):
        out += table[profiles[:, j]]
    return out


def extra_consent_array(scenario: Scenario, actors: list[str]) -> np.ndarray | None:
    """(M, L, A) booleans: whom each variant needs on top of its move's list (format 1.1), or None
    when no variant needs anyone more."""
    moves = scenario.joint_moves
    if not any(v.extra_consent for jm in moves for v in jm.variants):
        return None
    width = max(len(jm.variants) for jm in moves)
    out = np.zeros((len(moves), width, len(actors)), dtype=bool)
    for m, jm in enumerate(moves):
        for lv, v in enumerate(jm.variants):
            for a in v.extra_consent:
                out[m, lv, actors.index(a)] = True
    return out


def consent_matrix(scenario: Scenario, actors: list[str]) -> np.ndarray:
    """(M, A) booleans: whether each joint move needs each actor's consent."""
    return np.array([[a in jm.consent for a in actors] for jm in scenario.joint_moves], dtype=bool).reshape(
        len(scenario.joint_moves), len(actors))


# ---------------------------------------------------------------------------------------------
# the Nash deal


@dataclass(frozen=True)
class _Judged:
    """Every profile of a batch judged: feasible or not, its value, parties and changes."""

    mean: np.ndarray  # geometric mean of the normalised gains (log), -inf where not feasible
    count: np.ndarray  # parties whose gains count
    changes: np.ndarray  # moves changed from the disagreement point

    def best(self) -> int | None:
        """Row with the largest mean; ties go to more parties, then to fewer changed moves."""
        top = self.mean.max(initial=-np.inf)
        if not np.isfinite(top):
            return None
        near = np.flatnonzero(self.mean >= top - 1e-9)
        order = np.lexsort((self.changes[near], -self.count[near]))
        return int(near[order[0]])

    def key(self, row: int) -> tuple[float, int, int]:
        """Sort key of one row (larger is better): mean, parties, fewer changes."""
        return (float(self.mean[row]), int(self.count[row]), -int(self.changes[row]))


def _judge(util: np.ndarray, disagreement: np.ndarray, unit: np.ndarray, profiles: np.ndarray,
           d_profile: np.ndarray, consent: np.ndarray, cares: np.ndarray,
           extra: np.ndarray | None = None) -> _Judged:
    # Gains as shares of each party's utility range (best minus worst outcome): rescaling a
    # party's utilities (same preferences) rescales its gain and its range alike, so no choice
    # depends on the scale. See docs/decisions.md for why the range and not the best gain.
    gains = (util - disagreement[None, :]) / unit[None, :]
    changed = (profiles != d_profile[None, :]).astype(np.int32)
    needed = (changed @ consent.astype(np.int32)) > 0
    if extra is not None:  # format 1.1: the variants a profile picks may need more parties
        picked = extra[np.arange(profiles.shape[1])[None, :], profiles.astype(np.intp)]  # (P, M, A)
        needed |= (picked & changed.astype(bool)[:, :, None]).any(axis=1)
    interested = needed & ((changed @ cares.astype(np.int32)) > 0)
    count = interested.sum(axis=1)
    ok = (count > 0) & ~(needed & (gains < -1e-9)).any(axis=1) & ~(interested & (gains <= 1e-9)).any(axis=1)
    logs = np.where(interested, np.log(np.maximum(gains, 1e-12)), 0.0).sum(axis=1)
    mean = np.where(ok, logs / np.maximum(count, 1), -np.inf)
    return _Judged(mean, count, changed.sum(axis=1))


def _unit(best: np.ndarray, worst: np.ndarray) -> np.ndarray:
    """Each party's utility range; 1 where it is indifferent to everything (it then never gains)."""
    unit = best - worst
    return np.where(unit > 1e-12, unit, 1.0)


def nash_index(util: np.ndarray, disagreement: np.ndarray, profiles: np.ndarray,
               d_profile: np.ndarray, consent: np.ndarray, cares: np.ndarray,
               unit: np.ndarray | None = None) -> int | None:
    """Row of util that is the Nash bargaining deal among its veto players, or None.

    A profile's veto players are the consenting parties of the moves it changes; ``cares``
    (M, A) says who has a stance on each move. A profile is feasible when no veto player loses
    and every veto player who cares about a changed move gains. Each gain is divided by that
    party's utility range (``unit``: its best minus its worst outcome; by default measured over
    the rows), so the choice does not depend on the scale of anyone's utilities. Among feasible
    profiles the one with the largest geometric mean of those players' normalised gains wins
    (the Nash product, made comparable between deals with different numbers of parties); ties
    go to more parties, then to fewer changed moves.
    """
    if unit is None:
        unit = _unit(util.max(axis=0), util.min(axis=0))
    return _judge(util, disagreement, unit, profiles, d_profile, consent, cares).best()


@dataclass(frozen=True)
class NashDeal:
    levels: dict[str, int]  # joint move id -> level
    gains: dict[str, float]  # actor id -> gain in stance closeness (0-1) over the disagreement point
    changed: tuple[str, ...]  # joint moves it changes from the disagreement point


def nash_deal(state: State) -> NashDeal:
    """The Nash deal with the stances the scores use now (events change them), from the start."""
    return nash_solution(state.scenario, state.stances)


def nash_solution(scenario: Scenario, stances: dict[str, dict[str, Stance]] | None = None,
                  start: dict[str, int] | None = None) -> NashDeal:
    """The Nash bargaining deal over the joint moves, from the levels in force at the start.

    ``stances`` default to the scenario's starting ones; pass the current ones (``nash_deal``)
    to judge the game as it ended. Moves nobody cares about stay as they are (changing one helps
    no one). When the moves left have at most MAX_PROFILES profiles every one is judged;
    otherwise a local search explores them (``_Search.local``).
    """
    stances = stances if stances is not None else {a.id: dict(a.stances) for a in scenario.actors}
    moves = scenario.joint_moves
    base = {jm.id: jm.status_quo for jm in moves}
    base.update(scenario.in_force if start is None else start)
    actors = list(scenario.actor_ids)
    d_profile = np.array([base[jm.id] for jm in moves], dtype=np.int8)
    sizes = [len(jm.variants) for jm in moves]
    ideal, salience, span = stance_arrays(scenario, stances, actors)
    search = _Search(d_profile, sizes, move_tables(sizes, ideal, salience, span),
                     consent_matrix(scenario, actors), (salience > 0).T, extra_consent_array(scenario, actors))
    cared = [j for j in range(len(moves)) if search.cares[j].any()]
    if int(np.prod([sizes[j] for j in cared], dtype=np.int64)) <= MAX_PROFILES:
        chosen = search.exact(cared)
    else:
        chosen = search.local(cared, salience.sum(axis=0))
    levels = {jm.id: int(chosen[j]) for j, jm in enumerate(moves)}
    u = _utilities(chosen[None, :], search.tables, len(actors))[0]
    gains = {a: round(float(u[i] - search.d[i]), 6) for i, a in enumerate(actors) if stances[a]}
    changed = tuple(jm.id for jm in moves if levels[jm.id] != base[jm.id])
    return NashDeal(levels, gains, changed)


class _Search:
    """Finding the Nash deal among profiles that differ from the disagreement point on some moves."""

    CHUNK = 1 << 16  # profiles judged at once: bounds memory, whatever the grid's size
    CORE = 1 << 16  # profiles of the most-cared-about moves listed to start the local search
    ROUNDS = 100  # local search steps at most (each one strictly improves)

    def __init__(self, d_profile: np.ndarray, sizes: list[int], tables: list[np.ndarray],
                 consent: np.ndarray, cares: np.ndarray, extra: np.ndarray | None = None) -> None:
        self.d_profile, self.sizes, self.tables = d_profile, sizes, tables
        self.consent, self.cares, self.extra = consent, cares, extra
        actors = consent.shape[1]
        self.d = _utilities(d_profile[None, :], tables, actors)[0]
        # utilities add up move by move, so the best and worst outcomes take each move's extremes
        best = np.sum([t.max(axis=0) for t in tables], axis=0) if tables else np.zeros(actors)
        worst = np.sum([t.min(axis=0) for t in tables], axis=0) if tables else np.zeros(actors)
        self.unit = _unit(best, worst)

    def judge(self, profiles: np.ndarray) -> _Judged:
        util = _utilities(profiles, self.tables, len(self.d))
        return _judge(util, self.d, self.unit, profiles, self.d_profile, self.consent, self.cares, self.extra)

    def _with(self, moves: list[int], grid: np.ndarray, around: np.ndarray) -> np.ndarray:
        full = np.repeat(around[None, :], len(grid), axis=0)
        full[:, moves] = grid
        return full

    def exact(self, moves: list[int], around: np.ndarray | None = None) -> np.ndarray:
        """The best profile changing only the given moves (all their combinations, in chunks)."""
        around = self.d_profile if around is None else around
        grid = profile_grid([self.sizes[j] for j in moves])
        best, best_key = around, None
        for start in range(0, len(grid), self.CHUNK):
            batch = self._with(moves, grid[start:start + self.CHUNK], around)
            judged = self.judge(batch)
            row = judged.best()
            if row is not None and (best_key is None or _better(judged.key(row), best_key)):
                best, best_key = batch[row], judged.key(row)
        return best.copy()

    def local(self, moves: list[int], weight: np.ndarray) -> np.ndarray:
        """A local search for scenarios with too many profiles to list.

        It starts from the best profile of the most-cared-about moves (every combination of as
        many of them as CORE allows, the rest as at the start), then repeatedly takes
        the best change of one or two moves at once, so that trades between two moves (each
        party gives way on one to win the other) are found even where no single change helps.
        """
        ranked = sorted(moves, key=lambda j: -weight[j])
        core: list[int] = []
        for j in ranked:
            if np.prod([self.sizes[k] for k in [*core, j]], dtype=np.int64) <= self.CORE:
                core.append(j)
        current = self.exact(sorted(core))
        judged = self.judge(current[None, :])
        key = judged.key(0) if judged.best() is not None else None
        for _ in range(self.ROUNDS):
            batch = self._neighbours(current, moves)
            judged = self.judge(batch)
            row = judged.best()
            if row is None or (key is not None and not _better(judged.key(row), key)):
                break
            current, key = batch[row].copy(), judged.key(row)
        return current

    def _neighbours(self, current: np.ndarray, moves: list[int]) -> np.ndarray:
        """Every profile that differs from current in one or two of the moves."""
        rows = []
        for a, j in enumerate(moves):
            single = self._with([j], np.arange(self.sizes[j], dtype=np.int8)[:, None], current)
            rows.append(single)
            for k in moves[a + 1:]:
                rows.append(self._with([j, k], profile_grid([self.sizes[j], self.sizes[k]]), current))
        return np.concatenate(rows) if rows else current[None, :]


def _better(new: tuple[float, int, int], old: tuple[float, int, int]) -> bool:
    """Whether a judged key beats another: a larger mean (beyond rounding), then the tie-breaks."""
    if new[0] > old[0] + 1e-9:
        return True
    return new[0] >= old[0] - 1e-9 and new[1:] > old[1:]
