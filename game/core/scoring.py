"""Scores, the shared outcome, and the Nash bargaining solution over the joint moves.

An actor's score (0-100) is ``stance_weight`` x its stance closeness plus the rest x its goals:

- stance closeness: for each joint move it has a stance on, 1 - |level in force - ideal| /
  (variants - 1), averaged with its saliences as weights;
- goals: for each goal, how far the indicator sits toward the end the actor wants (0 at the
  wrong bound, 1 at the right one), averaged with the goals' weights.

An actor with no stances (or no goals) scores on the other part alone.

The Nash bargaining solution is the profile of joint-move levels that maximises the product of
the gains in stance closeness over the disagreement point (the levels in force when the game
began) of the parties whose consent it needs, among profiles that leave none of them worse off
(see ``nash_index``). The arrays here are
shared with the computer actors, which evaluate many deals at once the same way.
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
    """How well the world fares, 0-100: the mean goodness of every indicator."""
    sc = state.scenario
    if not sc.indicators:
        return 50.0
    values = [i.goodness(state.indicators[i.id]) for i in sc.indicators]
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


def utilities(profiles: np.ndarray, ideal: np.ndarray, salience: np.ndarray, span: np.ndarray) -> np.ndarray:
    """Stance closeness of every profile for every actor: shape (P, A), values 0-1."""
    close = 1.0 - np.abs(profiles[:, None, :] - ideal[None, :, :]) / span[None, None, :]
    weight = salience.sum(axis=1)
    weight = np.where(weight > 0, weight, 1.0)
    return (close * salience[None, :, :]).sum(axis=2) / weight[None, :]


def consent_matrix(scenario: Scenario, actors: list[str]) -> np.ndarray:
    """(M, A) booleans: whether each joint move needs each actor's consent."""
    return np.array([[a in jm.consent for a in actors] for jm in scenario.joint_moves], dtype=bool).reshape(
        len(scenario.joint_moves), len(actors))


def nash_index(util: np.ndarray, disagreement: np.ndarray, profiles: np.ndarray,
               d_profile: np.ndarray, consent: np.ndarray, cares: np.ndarray) -> int | None:
    """Row of util that is the Nash bargaining deal among its veto players, or None.

    A profile's veto players are the consenting parties of the moves it changes; ``cares``
    (M, A) says who has a stance on each move. A profile is feasible when no veto player loses
    and every veto player who cares about a changed move gains. Among feasible profiles the
    one with the largest geometric mean of those players' gains wins (the Nash product, made
    comparable between deals with different numbers of parties); ties go to more parties.
    """
    gains = util - disagreement[None, :]
    changed = profiles != d_profile[None, :]
    needed = (changed.astype(np.int32) @ consent.astype(np.int32)) > 0
    interested = needed & ((changed.astype(np.int32) @ cares.astype(np.int32)) > 0)
    count = interested.sum(axis=1)
    ok = (count > 0) & ~(needed & (gains < -1e-9)).any(axis=1) & ~(interested & (gains <= 1e-9)).any(axis=1)
    if not ok.any():
        return None
    logs = np.where(interested, np.log(np.maximum(gains, 1e-12)), 0.0).sum(axis=1)
    mean = np.where(ok, logs / np.maximum(count, 1), -np.inf)
    best_value = mean.max()
    near = np.flatnonzero(ok & (mean >= best_value - 1e-9))
    return int(near[np.argmax(count[near])])


@dataclass(frozen=True)
class NashDeal:
    levels: dict[str, int]  # joint move id -> level
    gains: dict[str, float]  # actor id -> gain in stance closeness (0-1) over the disagreement point
    changed: tuple[str, ...]  # joint moves it changes from the disagreement point


def nash_solution(scenario: Scenario, stances: dict[str, dict[str, Stance]] | None = None,
                  start: dict[str, int] | None = None) -> NashDeal:
    """The Nash bargaining deal over the joint moves, from the levels in force at the start."""
    stances = stances if stances is not None else {a.id: dict(a.stances) for a in scenario.actors}
    moves = scenario.joint_moves
    base = {jm.id: jm.status_quo for jm in moves}
    base.update(scenario.in_force if start is None else start)
    actors = list(scenario.actor_ids)
    d_profile = np.array([[base[jm.id] for jm in moves]])
    sizes = [len(jm.variants) for jm in moves]
    ideal, salience, span = stance_arrays(scenario, stances, actors)
    if int(np.prod(sizes, dtype=np.int64)) <= MAX_PROFILES:
        profiles = profile_grid(sizes)
    else:  # too many to list: search move by move from the disagreement point
        profiles = _coordinate_profiles(d_profile[0], sizes, ideal, salience, span,
                                        consent_matrix(scenario, actors), (salience > 0).T)
    util = utilities(profiles, ideal, salience, span)
    d = utilities(d_profile, ideal, salience, span)[0]
    consent = consent_matrix(scenario, actors)
    best = nash_index(util, d, profiles, d_profile[0], consent, (salience > 0).T)
    chosen = d_profile[0] if best is None else profiles[best]
    levels = {jm.id: int(chosen[j]) for j, jm in enumerate(moves)}
    u = utilities(chosen[None, :], ideal, salience, span)[0]
    gains = {a: round(float(u[i] - d[i]), 6) for i, a in enumerate(actors) if stances[a]}
    changed = tuple(jm.id for jm in moves if levels[jm.id] != base[jm.id])
    return NashDeal(levels, gains, changed)


def _coordinate_profiles(start: np.ndarray, sizes: list[int], ideal, salience, span, consent, cares
                         ) -> np.ndarray:
    """Profiles visited by improving one move at a time (for scenarios with very many moves)."""
    d = utilities(start[None, :], ideal, salience, span)[0]
    current = start.copy()
    seen = [current.copy()]
    for _ in range(4):
        for j, n in enumerate(sizes):
            cands = np.repeat(current[None, :], n, axis=0)
            cands[:, j] = np.arange(n)
            seen.extend(cands)
            best = nash_index(utilities(cands, ideal, salience, span), d, cands, start, consent, cares)
            if best is not None:
                current = cands[best].copy()
    return np.array(seen, dtype=np.int8)
