"""The utility model: what a profile of joint-move levels is worth to an actor, as arrays.

An actor's value for the levels in force at the end of the game mirrors its score
(``game.core.scoring``): ``stance_weight`` x the salience-weighted closeness of each joint
move's level to its ideal, plus the rest x its goal fulfilment, where the indicators are
projected to the expected end of the game (``Context.project``): the world's recent drift plus
each variant's per-turn effects, over the turns expected to remain (fewer if an indicator would
reach its crisis edge first, so a deal that delays a crisis is worth the extra turns). Its value
for a *deal* is the expected value of the levels the deal would put in force, each changed move
held with the actor's trust that the other obliged parties keep their duties (with chance
1 - reliability a changed move stays where it is, each move apart from the others): the exact
expectation over which of its changed moves hold (``expected_grid``), so that two moves that reach
a goal only together are priced by the chance that both hold; against the no-deal value: the
levels in force now. (Where the profiles are too many to list, the changed rows' sub-deals are
listed instead, ``_expected_rows``.)

Every function takes many profiles at once, one per row, and works on whole arrays.
"""

from __future__ import annotations

import functools

import numpy as np

from game.ai.context import Context
from game.ai.fast import place_values
from game.core.actions import Terms, make_terms
from game.core.scoring import profile_grid

MAX_FULL_GRID = 20_000  # list every profile up to this many; beyond, single and paired changes
SMALL_BATCH = 64  # the values of batches up to this many profiles are remembered for the moment


def onehot(ctx: Context, profiles: np.ndarray) -> np.ndarray:
    """Each profile as indicator columns, one per (move, level) pair: shape (P, sum of sizes)."""
    profiles = np.asarray(profiles)
    out = np.zeros((profiles.shape[0], ctx.offsets[-1]))
    out[np.arange(profiles.shape[0])[:, None], ctx.offsets[None, :-1] + profiles] = 1.0
    return out


def _stacked(ctx: Context) -> np.ndarray:
    """Per (move, level) pair: [stance contribution, per-turn indicator deltas...], (S, 1 + I), if kept."""
    key = "stacked"
    if key not in ctx.shared:
        close, deltas = ctx.close, ctx.deltas
        total = ctx.salience.sum()
        stance = ctx.salience[:, None] * close / total if total > 0 else np.zeros_like(close)
        valid = np.arange(close.shape[1])[None, :] < ctx.sizes[:, None]
        ctx.shared[key] = np.concatenate([stance[valid][:, None], deltas[valid]], axis=1)
    return ctx.shared[key]


def values(ctx: Context, profiles: np.ndarray, discount: bool = True, x: np.ndarray | None = None
           ) -> np.ndarray:
    """The actor's value (0-1) of each profile of levels: shape (P, M) -> (P,).

    ``x``: the profiles' one-hot form, if already at hand. When every profile can be listed
    (``MAX_FULL_GRID``), the values of all of them are worked out once for the moment
    (``Context.shared``, a pure function of it) and every call looks its rows up there, so a profile
    has the same value whichever batch it comes in; else the values of small batches are remembered.
    """
    table = grid_values(ctx, discount)
    if table is not None:
        grid, radix = ctx.shared["grid"]
        if profiles is grid:
            return table.copy()
        if type(profiles) is np.ndarray and profiles.ndim == 2 and profiles.shape[0] == 1:
            return table[[int(profiles[0] @ radix)]]
        return table[np.asarray(profiles, dtype=np.int64) @ radix]
    cand = ctx.shared.get("candidates")
    if cand is not None and profiles is cand[0]:
        key = ("values", "candidates", discount)
    elif np.ndim(profiles) == 2 and len(profiles) <= SMALL_BATCH:
        rows = np.asarray(profiles, dtype=np.int64)
        key = ("values", rows.shape, rows.tobytes(), discount)
    else:
        return _values(ctx, profiles, discount, x)
    hit = ctx.shared.get(key)
    if hit is None:
        hit = _values(ctx, profiles, discount, x)
        hit.flags.writeable = False
        ctx.shared[key] = hit
    return hit.copy()


def grid_values(ctx: Context, discount: bool) -> np.ndarray | None:
    """The values of every profile (read-only, in ``profile_grid`` order, so row = the profile's
    mixed-radix code), worked out once for the moment; None when there are too many to list."""
    key = ("grid_values", discount)
    hit = ctx.shared.get(key, False)
    if hit is False:
        sizes = tuple(int(s) for s in ctx.sizes)
        if int(np.prod(np.array(sizes, dtype=np.float64))) > MAX_FULL_GRID:
            hit = None
        else:
            ctx.shared["grid"] = (_full_grid(sizes), place_values(np.array(sizes, dtype=np.int64)))
            if discount:  # the exact expectation over which changed moves hold, from the values if kept
                hit = expected_grid(ctx, grid_values(ctx, False))
            else:
                hit = _values(ctx, _full_grid(sizes), False, _full_grid_onehot(sizes), alike=True)
            hit.flags.writeable = False
        ctx.shared[key] = hit
    return hit


def _holding(ctx: Context) -> np.ndarray:
    """The chance each level of each move holds once agreed (M, L): its reliability, 1 in force now."""
    r = ctx.reliability.copy()
    r[np.arange(len(ctx.moves)), ctx.levels] = 1.0
    return r


def expected_grid(ctx: Context, kept: np.ndarray) -> np.ndarray:
    """The expected value of every profile (``profile_grid`` order) from ``kept``, its value if every
    changed move holds: each move m apart, level l holds with chance r[m, l] and otherwise stays at
    the level in force. Mixing along one move's axis at a time (the level in force holds surely, so
    its slice is left as it is) sums, over every set of changed moves that hold, the value of that
    set times its chance: the exact expectation, one pass per move."""
    sizes = tuple(int(s) for s in ctx.sizes)
    r = _holding(ctx)
    v = np.asarray(kept, dtype=np.float64).reshape(sizes)
    for m, n in enumerate(sizes):
        shape = [1] * len(sizes)
        shape[m] = n
        hold = r[m, :n].reshape(shape)
        now = np.take(v, [int(ctx.levels[m])], axis=m)
        v = hold * v + (1.0 - hold) * now
    return v.reshape(-1)


def _expected_rows(ctx: Context, profiles: np.ndarray) -> np.ndarray:
    """``expected_grid`` for a batch of profiles when the grid is too large to list: each row's
    value over every set of its changed moves that hold, weighted by that set's chance (P,)."""
    profiles = np.asarray(profiles, dtype=np.int64)
    r = _holding(ctx)
    idx = np.arange(len(ctx.moves))
    out = np.zeros(len(profiles))
    changed = profiles != ctx.levels[None, :]
    counts = changed.sum(axis=1)
    for k in np.unique(counts):
        rows = np.flatnonzero(counts == k)
        sub = profiles[rows]
        cols = np.nonzero(changed[rows])[1].reshape(len(rows), int(k))  # (n, k) the changed moves
        hold = r[cols, np.take_along_axis(sub, cols, axis=1)]  # (n, k)
        masks = ((np.arange(2 ** int(k))[:, None] >> np.arange(int(k))[None, :]) & 1).astype(bool)  # (S, k)
        chance = np.where(masks[None, :, :], hold[:, None, :], 1.0 - hold[:, None, :]).prod(axis=2)  # (n, S)
        chosen = np.where(masks[None, :, :], np.take_along_axis(sub, cols, axis=1)[:, None, :],
                          ctx.levels[cols][:, None, :])  # (n, S, k): each set's levels of the changed moves
        held = np.repeat(sub[:, None, :], len(masks), axis=1)  # (n, S, M)
        held[np.arange(len(rows))[:, None, None], np.arange(len(masks))[None, :, None], cols[:, None, :]] = chosen
        worth = _values(ctx, held.reshape(-1, len(idx)), False, None).reshape(len(rows), len(masks))
        out[rows] = (chance * worth).sum(axis=1)
    return out


def _values(ctx: Context, profiles: np.ndarray, discount: bool, x: np.ndarray | None, alike: bool = False
            ) -> np.ndarray:
    if discount:
        return _expected_rows(ctx, profiles)
    x = onehot(ctx, profiles) if x is None else x
    stacked = _stacked(ctx)
    common = None
    if alike:
        # the full grid without the trust discount: every actor of this world multiplies the same
        # one-hot rows by the same per-turn effects (its own closeness is another column, and a
        # column of a product is worked out from its own column alone), so its rows of per-turn
        # changes are the same numbers for all, and so are their horizon and projections: those are
        # worked out once for the world (``Context.common``), keyed by the effects' very bytes
        common = ctx.common.setdefault(("grid_goal", stacked.shape, stacked[:, 1:].tobytes()), {})
    return _finish(ctx, x @ stacked, common)


def _finish(ctx: Context, parts: np.ndarray, common: dict | None = None) -> np.ndarray:
    """Values from each profile's [stance contribution, per-turn indicator deltas...] (P, 1 + I)."""
    if "has_stance" not in ctx.shared:
        ctx.shared["has_stance"] = bool(ctx.salience.sum() > 0)
    out = ctx.stance_weight * parts[:, 0] if ctx.shared["has_stance"] else np.zeros(len(parts))
    if ctx.stance_weight < 1.0:
        out = out + (1.0 - ctx.stance_weight) * ctx.projected_goal(parts[:, 1:], alike=common)
    return out


def no_deal_value(ctx: Context) -> float:
    """The value of the levels in force now (the same with or without the trust discount)."""
    key = "no_deal"
    if key not in ctx.shared:
        ctx.shared[key] = float(values(ctx, ctx.levels[None, :], discount=False)[0])
    return ctx.shared[key]


def gains(ctx: Context, profiles: np.ndarray, discount: bool = True, x: np.ndarray | None = None
          ) -> np.ndarray:
    """Value of each profile over the no-deal value."""
    return values(ctx, profiles, discount, x) - no_deal_value(ctx)


def terms_gain(ctx: Context, terms: Terms, discount: bool = False) -> float:
    """What agreeing these terms now is worth to the actor over no deal."""
    table = grid_values(ctx, discount)
    if table is None:
        return float(gains(ctx, ctx.profile_of(terms)[None, :], discount)[0])
    # the row of ``ctx.profile_of(terms)`` in the table (as ``values`` finds it), in plain integers
    hit = ctx.shared.get("grid_code")
    if hit is None:
        radix, now = ctx.shared["grid"][1].tolist(), ctx.levels.tolist()
        hit = ctx.shared["grid_code"] = (sum(r * lv for r, lv in zip(radix, now, strict=True)), radix, now)
    code, radix, now = hit
    for m, level in {ctx.move_index[move]: int(level) for move, level in terms}.items():
        code += (level - now[m]) * radix[m]
    return float(table[code]) - no_deal_value(ctx)


def move_gains(ctx: Context, profile: np.ndarray, discount: bool = True) -> np.ndarray:
    """Per changed move: the gain of changing that move alone to its level in the profile (M,)."""
    table = grid_values(ctx, discount)
    if table is not None:  # each row's code from the levels' own, as ``values`` would find it
        radix = ctx.shared["grid"][1]
        codes = (np.asarray(profile).astype(np.int64, copy=False) - ctx.levels) * radix + int(ctx.levels @ radix)
        out = table[codes] - no_deal_value(ctx)
        out[profile == ctx.levels] = 0.0
        return out
    rows = np.repeat(ctx.levels[None, :], len(ctx.moves), axis=0)
    idx = np.arange(len(ctx.moves))
    rows[idx, idx] = profile
    out = gains(ctx, rows, discount)
    out[profile == ctx.levels] = 0.0
    return out


def single_gains(ctx: Context, discount: bool = True) -> np.ndarray:
    """Gain of changing each move alone to each level, everything else as it is (M, L); -inf where
    a move has no such level. Computed once per decision."""
    key = ("single", discount)
    if key in ctx.shared:
        return ctx.shared[key]
    m_count, width = len(ctx.moves), ctx.close.shape[1]
    rows = np.repeat(ctx.levels[None, :], m_count * width, axis=0)
    which = np.repeat(np.arange(m_count), width)
    lvl = np.tile(np.arange(width), m_count)
    valid = lvl < ctx.sizes[which]
    rows[np.arange(len(rows)), which] = np.where(valid, lvl, ctx.levels[which])
    out = np.where(valid, gains(ctx, rows, discount), -np.inf).reshape(m_count, width)
    out.flags.writeable = False
    ctx.shared[key] = out
    return out


def best_single_gains(ctx: Context, discount: bool = True) -> np.ndarray:
    """For each move, the most the actor could gain by changing that move alone (>= 0), (M,)."""
    key = ("best_single", discount)
    if key not in ctx.shared:
        out = np.maximum(single_gains(ctx, discount).max(axis=1), 0.0)
        out.flags.writeable = False
        ctx.shared[key] = out
    return ctx.shared[key]


def best_levels(ctx: Context, discount: bool = True) -> np.ndarray:
    """For each move, the level the actor would pick with everything else as it is, (M,)."""
    return single_gains(ctx, discount).argmax(axis=1)


# ---------------------------------------------------------------------------------------------
# candidate deals


@functools.lru_cache(maxsize=16)
def _full_grid(sizes: tuple[int, ...]) -> np.ndarray:
    grid = profile_grid(list(sizes)).astype(np.int64)
    grid.flags.writeable = False
    return grid


def _local_grid(levels: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Profiles that change one or two moves from the given levels."""
    rows = []
    m_count = len(sizes)
    for m in range(m_count):
        for lv in range(sizes[m]):
            if lv != levels[m]:
                r = levels.copy()
                r[m] = lv
                rows.append(r)
    singles = np.array(rows, dtype=np.int64).reshape(-1, m_count)
    out = [singles]
    for a in range(m_count):
        for b in range(a + 1, m_count):
            la = [x for x in range(sizes[a]) if x != levels[a]]
            lb = [x for x in range(sizes[b]) if x != levels[b]]
            if not la or not lb:
                continue
            block = np.repeat(levels[None, :], len(la) * len(lb), axis=0)
            block[:, a] = np.repeat(la, len(lb))
            block[:, b] = np.tile(lb, len(la))
            out.append(block)
    return np.concatenate(out, axis=0)


@functools.lru_cache(maxsize=16)
def _full_grid_onehot(sizes: tuple[int, ...]) -> np.ndarray:
    grid = _full_grid(sizes)
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    out = np.zeros((len(grid), offsets[-1]))
    out[np.arange(len(grid))[:, None], offsets[None, :-1] + grid] = 1.0
    out.flags.writeable = False
    return out


def candidates(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Every deal the actor considers this decision: (profiles it would put in force, their one-hot form).

    All profiles when there are at most ``MAX_FULL_GRID``, else every change of one or two moves.
    The levels in force now (no deal) may be among them: it changes nothing, and callers skip it.
    """
    key = "candidates"
    if key in ctx.shared:
        return ctx.shared[key]
    sizes = tuple(int(s) for s in ctx.sizes)
    total = int(np.prod(np.array(sizes, dtype=np.float64)))
    if total <= MAX_FULL_GRID:
        out = (_full_grid(sizes), _full_grid_onehot(sizes))
    else:
        profiles = _local_grid(ctx.levels, ctx.sizes)
        x = onehot(ctx, profiles)
        profiles.flags.writeable = False
        x.flags.writeable = False
        out = (profiles, x)
    ctx.shared[key] = out
    return out


def terms_of(ctx: Context, profile: np.ndarray) -> Terms:
    """The terms of the deal that would put this profile in force (its changed moves)."""
    return make_terms({ctx.moves[m].id: int(profile[m]) for m in np.flatnonzero(profile != ctx.levels)})
