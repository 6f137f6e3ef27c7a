"""How a context's arrays are derived from an observation, and remembered (see ``context``).

What a context holds comes in three parts, each a pure function of part of the observation and
remembered for it: what the scenario and the actor's stances and goals fix (``_fixed``), what every
actor sees alike at one state of the world (``_world``: levels, values, per-turn effects, drift,
watched indicators, turns expected) and the actor's own moment (``moment_key``: its trust, hence the
reliability of every variant). The caches are bounded and hold the scenario objects they are keyed
on, so an id is never reused while it is a key.
"""

from __future__ import annotations

import numpy as np

from game.core.errors import ExpressionError
from game.core.expr import Effect
from game.core.observe import Observation


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


# ---------------------------------------------------------------------------------------------
# the arrays of a moment, remembered

_MOMENTS: dict[int, tuple[tuple, object, object, dict, dict]] = {}  # hash of a moment_key -> (key, ...)
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
    env, values, levels, trust = obs.env, obs.values, obs.levels, obs.trust
    fixed = _fixed_key(obs)
    then = series[j] if series else None
    return (fixed, obs.turn, obs.turns, obs.phase == "over", tuple(env), tuple(env.values()), tuple(values),
            tuple(values.values()), tuple(levels), tuple(levels.values()), len(series),
            (tuple(then), tuple(then.values())) if then is not None else None,
            tuple([(a.move, a.level, a.since, a.suspended) for a in obs.agreements]),
            tuple(trust), tuple(trust.values()), obs.rules.default_trust)


_FIXED_KEYS: dict[str, tuple] = {}  # actor -> (what its fixed part was made of, the part)


def _fixed_key(obs: Observation) -> tuple:
    """The first part of ``moment_key``: the scenario, the actor, the actors' ids and names, the
    stance weight, the actor's stances and goals. Remembered per actor for the very objects it was
    made of (held by the entry; the stances and goals compared by value), as they rarely change."""
    stances, goals = obs.stances, obs.me.goals
    ids, names = tuple([v.id for v in obs.actors]), tuple([v.name for v in obs.actors])
    made_of = (ids, names, obs.rules.stance_weight, tuple(stances.items()), goals)
    hit = _FIXED_KEYS.get(obs.actor)
    if hit is not None and hit[0] is obs.joint_moves and hit[1] is obs.indicators and hit[2] == made_of:
        return hit[3]
    fixed = (id(obs.joint_moves), id(obs.indicators), obs.actor, ids, names, obs.rules.stance_weight, tuple(stances),
             tuple([st.ideal for st in stances.values()]), tuple([st.salience for st in stances.values()]),
             tuple([g.indicator for g in goals]), tuple([g.want for g in goals]), tuple([g.weight for g in goals]))
    if len(_FIXED_KEYS) > 256:
        _FIXED_KEYS.clear()
    _FIXED_KEYS[obs.actor] = (obs.joint_moves, obs.indicators, made_of, fixed)
    return fixed


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
