"""What a computer actor believes the others want, learnt only from its observation.

Each belief is a probability over the variants of every joint move (where the other's ideal
lies) and an estimated salience. How much the actor reads into what it sees depends on the
difficulty:

- ``easy``: the others' public stances only, each taken at face value, salience 0.5;
- ``normal``: the engine's estimate in the observation (public stances, refined by what the
  others proposed or wrote to the actor);
- ``hard``: a Bayesian-style update from behaviour as well: the deals others proposed and
  counter-proposed (each read as a compromise its sender prefers to what is in force, not as its
  ideal), the back-channel messages they sent, and which deals they accepted or refused, with
  salience rising for the moves they keep raising.

The result is a table ``value[j, m, l]``: the estimated contribution of level l of move m to
actor j's value (stance closeness only: the others' goals are private).
"""

from __future__ import annotations

import numpy as np

from game.ai.context import Context

PRIOR_SHARPNESS = 1.5  # log-odds lost per level away from a public stance (hard level)
EMPTY_SALIENCE = 0.0  # a move another actor has stated nothing on
PROPOSAL_PULL = 0.1  # log-odds per level toward the variant another actor offered (hard level)
NOTE_PULL = 1.5  # the same for a variant another actor said in private it could live with


def _closeness_of(ctx: Context, belief: np.ndarray) -> np.ndarray:
    """Expected closeness (J, M, L) of each level to an ideal drawn from the belief (J, M, L)."""
    width = belief.shape[2]
    lv = np.arange(width)
    dist = np.abs(lv[:, None] - lv[None, :]) / ctx.span[:, None, None]  # (M, L, K)
    close = 1.0 - dist
    return np.einsum("jmk,mlk->jml", belief, close)


def _point_belief(ctx: Context, level: np.ndarray) -> np.ndarray:
    """Expected closeness table for point estimates level (J, M) (may be fractional)."""
    width = ctx.close.shape[1]
    lv = np.arange(width)[None, None, :]
    return 1.0 - np.abs(lv - level[:, :, None]) / ctx.span[None, :, None]


def others(ctx: Context) -> list[str]:
    return [a for a in ctx.actors if a != ctx.me]


def _public(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    ids = others(ctx)
    level = np.zeros((len(ids), len(ctx.moves)))
    sal = np.full((len(ids), len(ctx.moves)), EMPTY_SALIENCE)
    for j, a in enumerate(ids):
        public = ctx.obs.actor_view(a).public
        for m, jm in enumerate(ctx.moves):
            if jm.id in public:
                level[j, m] = public[jm.id]
                sal[j, m] = 0.5
    return level, sal


def _estimates(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """``_public``, then the game's estimate wherever there is one: built in plain lists, row by row
    (the stated positions, then the estimates over them), and made arrays once."""
    ids = others(ctx)
    width = len(ctx.moves)
    level = [[0.0] * width for _ in ids]
    sal = [[EMPTY_SALIENCE] * width for _ in ids]
    index = ctx.move_index
    for j, a in enumerate(ids):
        at, weight = level[j], sal[j]
        for move, lvl in ctx.obs.actor_view(a).public.items():
            m = index.get(move)
            if m is not None:
                at[m], weight[m] = lvl, 0.5
        for move, est in ctx.obs.estimates.get(a, {}).items():
            m = index.get(move)
            if m is not None:
                at[m], weight[m] = est.level, est.salience
    shape = (len(ids), width)
    return np.array(level, dtype=float).reshape(shape), np.array(sal, dtype=float).reshape(shape)


_LEARNT: dict[tuple, tuple[object, tuple[np.ndarray, np.ndarray]]] = {}


def _learnt(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Beliefs (J, M, L) over ideals and saliences (J, M), updated from behaviour.

    A pure function of what the observation shows, remembered for the evidence last seen (it
    changes only when someone proposes, answers, writes or states a position). The key holds every
    part of a proposal that ``_update`` reads, its terms included: proposal numbers start again in
    every game of a scenario, so without the terms a game would read another game's offers (the
    same seed then gave another game after other games in the same process).
    """
    obs = ctx.obs
    key = (id(obs.joint_moves), ctx.me, tuple(ctx.levels.tolist()),
           tuple((p.id, p.sender, p.terms, p.answers, p.status) for p in obs.proposals),
           tuple((n.sender, n.to, n.move, n.level) for n in obs.notes),
           tuple(tuple(sorted(v.public.items())) for v in obs.actors))
    hit = _LEARNT.get(key)
    if hit is not None and hit[0] is obs.joint_moves:
        return hit[1]
    out = _update(ctx)
    for arr in out:
        arr.flags.writeable = False
    if len(_LEARNT) > 512:
        _LEARNT.clear()
    _LEARNT[key] = (obs.joint_moves, out)
    return out


def _update(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    ids = others(ctx)
    j_of = {a: j for j, a in enumerate(ids)}
    level, sal = _public(ctx)
    width = ctx.close.shape[1]
    lv = np.arange(width)
    valid = lv[None, :] < ctx.sizes[:, None]  # (M, L)
    dist_prior = np.abs(lv[None, None, :] - level[:, :, None]) / ctx.span[None, :, None]
    logb = np.where(valid[None], -PRIOR_SHARPNESS * dist_prior * ctx.span[None, :, None], -np.inf)
    # what an actor says or offers in private is firmer evidence than its public posture
    mentions = np.zeros_like(sal)

    def near(j: int, m: int, level_: int, strength: float) -> None:
        logb[j, m] += -strength * np.abs(lv - level_)

    for p in ctx.obs.proposals:
        if p.sender in j_of:
            j = j_of[p.sender]
            for move, lvl in p.terms:
                m = ctx.move_index[move]
                # an offer is a compromise, not an ideal: it says the sender prefers it to what is in
                # force, so its ideal lies on the offer's side of the levels then in force
                base = int(ctx.levels[m]) if ctx.levels[m] != lvl else ctx.moves[m].status_quo
                if base != lvl:
                    logb[j, m] += np.log(np.where(np.abs(lv - lvl) <= np.abs(lv - base), 1.0, 0.2))
                near(j, m, lvl, PROPOSAL_PULL)
                mentions[j, m] += 1
        for who, answer in p.answers:
            if who not in j_of:
                continue
            j = j_of[who]
            weight = 1.0 / len(p.terms)  # a package is refused or taken as a whole
            for move, lvl in p.terms:
                m = ctx.move_index[move]
                jm = ctx.moves[m]
                base = int(ctx.levels[m]) if ctx.levels[m] != lvl else jm.status_quo
                if base == lvl:
                    continue
                improves = np.abs(lv - lvl) < np.abs(lv - base)
                same = np.abs(lv - lvl) == np.abs(lv - base)
                if answer == "accept":
                    # taking a variant a step past its ideal is common once time presses
                    like = np.where(improves, 1.0, np.where(same, 0.85, 0.35))
                else:  # nobody refuses its ideal; it may want more than offered, or the other way
                    beyond = np.sign(lv - lvl) == np.sign(lvl - base)
                    like = np.where(lv == lvl, 0.15, np.where(beyond | ~improves, 1.0, 0.6))
                logb[j, m] += weight * np.log(like)
    for note in ctx.obs.notes:
        if note.sender in j_of and note.to == ctx.me:
            j = j_of[note.sender]
            m = ctx.move_index[note.move]
            near(j, m, note.level, NOTE_PULL)  # a variant it could live with: near its ideal, not it
            mentions[j, m] += 1
    logb -= logb.max(axis=2, keepdims=True)
    belief = np.where(valid[None], np.exp(logb), 0.0)
    belief /= belief.sum(axis=2, keepdims=True)
    sal = np.where((sal == 0) & (mentions > 0), 0.3, sal)
    sal = np.minimum(0.9, sal + 0.08 * np.minimum(mentions, 4))
    return belief, sal


def belief_table(ctx: Context, level: str) -> tuple[list[str], np.ndarray]:
    """(other actor ids, value[j, m, l]): estimated stance value of each level to each other actor."""
    key = ("beliefs", level)
    if key in ctx._cache:
        return ctx._cache[key]
    ids = others(ctx)
    evidence = None
    if level != "hard":  # a pure function of the moment and what it reads: remembered for the moment
        obs = ctx.obs
        # each mapping as its keys and its values (flat tuples made by list displays: a key per decision)
        evidence = ("beliefs", level, tuple([(v.id, tuple(v.public), tuple(v.public.values())) for v in obs.actors]),
                    tuple([(a, tuple(row), tuple([e.level for e in row.values()]),
                            tuple([e.salience for e in row.values()])) for a, row in obs.estimates.items()])
                    if level == "normal" else None)
        if evidence in ctx.shared:
            ctx._cache[key] = ctx.shared[evidence]
            return ctx._cache[key]
    if level == "hard":
        belief, sal = _learnt(ctx)
        close = _closeness_of(ctx, belief)
    else:
        point, sal = _public(ctx) if level == "easy" else _estimates(ctx)
        close = _point_belief(ctx, point)
    total = sal.sum(axis=1, keepdims=True)
    weight = np.where(total > 0, sal / np.where(total > 0, total, 1.0), 0.0)
    table = ctx.obs.rules.stance_weight * weight[:, :, None] * close
    out = (ids, table)
    if evidence is not None:
        table.flags.writeable = False
        ctx.shared[evidence] = out
    ctx._cache[key] = out
    return out


def estimated_ideals(ctx: Context, level: str) -> np.ndarray:
    """The level each other actor seems to want most on each move, (J, M), read-only when remembered."""
    _, table = belief_table(ctx, level)
    memo = ctx.shared.setdefault("ideals", {}) if not table.flags.writeable else None
    hit = memo.get(id(table)) if memo is not None else None
    if hit is not None and hit[0] is table:  # a read-only table of the moment: its argmax remembered
        return hit[1]
    width = table.shape[2]
    valid = np.arange(width)[None, :] < ctx.sizes[:, None]
    out = np.where(valid[None], table, -np.inf).argmax(axis=2)
    if memo is not None:
        out.flags.writeable = False
        memo[id(table)] = (table, out)
    return out


def estimated_gains(ctx: Context, level: str, profiles: np.ndarray, x: np.ndarray | None = None
                    ) -> np.ndarray:
    """Estimated gain of each profile over the levels in force for every actor (P, A); own column 0.

    ``x``: the profiles' one-hot form (``utility.onehot``), if already at hand. For a read-only
    batch (the candidates, see ``utility.candidates``) the result is remembered for the beliefs, the
    levels in force and the actor, which stay the same over many moments of a game (``_GAINS``).
    """
    profiles = np.asarray(profiles)
    if profiles.flags.writeable or profiles.shape[0] <= 1:
        ids, table = belief_table(ctx, level)
        return _estimated_gains(ctx, ids, table, profiles, x)
    return remembered_gains(ctx, level, profiles, x)[0].copy()


# estimated gains of the candidates remembered, the least recently used forgotten first
_GAINS: dict[tuple, tuple[np.ndarray, np.ndarray, dict]] = {}
GAINS_KEPT = 48  # a few per actor: each with its logs holds about 0.3 MB in Syria


def remembered_gains(ctx: Context, level: str, profiles: np.ndarray, x: np.ndarray | None = None
                     ) -> tuple[np.ndarray, dict]:
    """``estimated_gains`` of a read-only batch of profiles (the candidates), read-only, with a dict
    in which callers keep what they derive from the others' columns alone (the same for as long)."""
    ids, table = belief_table(ctx, level)
    if profiles.flags.writeable:  # a batch that may change: worked out, not remembered
        out = _estimated_gains(ctx, ids, table, profiles, x)
        out.flags.writeable = False
        return out, {}
    key = (id(profiles), ctx.me, tuple(ctx.actors), ctx.levels.tobytes(), ctx.sizes.tobytes(), table.shape,
           table.tobytes())
    hit = _GAINS.pop(key, None)  # put back last: the least recently used is forgotten first
    if hit is None or hit[0] is not profiles:
        while len(_GAINS) >= GAINS_KEPT:
            del _GAINS[next(iter(_GAINS))]
        out = _estimated_gains(ctx, ids, table, profiles, x)
        out.flags.writeable = False
        hit = (profiles, out, {})
    _GAINS[key] = hit
    return hit[1], hit[2]


def _estimated_gains(ctx: Context, ids: list[str], table: np.ndarray, profiles: np.ndarray,
                     x: np.ndarray | None) -> np.ndarray:
    """``estimated_gains`` worked out."""
    if x is None:
        x = np.zeros((profiles.shape[0], ctx.offsets[-1]))
        x[np.arange(profiles.shape[0])[:, None], ctx.offsets[None, :-1] + profiles] = 1.0
    valid = np.arange(table.shape[2])[None, :] < ctx.sizes[:, None]
    cols = [ctx.actor_index[a] for a in ids]
    if profiles.shape[0] < 2:  # a single row is a vector product, whose sums may depend on its width
        stacked = np.ascontiguousarray(table[:, valid].T)
        now = table[:, np.arange(len(ctx.moves)), ctx.levels].sum(axis=1)
        out = np.zeros((profiles.shape[0], len(ctx.actors)))
        out[:, cols] = x @ stacked - now[None, :]
        return out
    # (S, A) with a column of zeros for the actor itself, so that the product is the result, in place:
    # each column of a matrix product of one-hot rows is its own column's sums, added in the same order
    # whatever the other columns (tested bit for bit), and the actor's own column stays 0.0
    stacked = np.zeros((int(np.count_nonzero(valid)), len(ctx.actors)))
    stacked[:, cols] = table[:, valid].T
    idx = np.arange(len(ctx.moves))
    now = np.zeros(len(ctx.actors))
    now[cols] = table[:, idx, ctx.levels].sum(axis=1)  # (J,) into (A,)
    out = x @ stacked
    out -= now
    return out


def reading(ctx: Context) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(other actor ids, belief (J, M, L) over where each one's ideal lies, salience (J, M)): the
    ``hard`` level's reading of the observation, for players' dossiers as much as for decisions."""
    belief, sal = _learnt(ctx)
    return others(ctx), belief, sal
