"""Exact shortcuts for the computer actors' arithmetic on many candidate deals at once.

numpy spends most of its time on the overhead of reducing a short last axis (a few actors or
moves) of a long array. These helpers give the very same numbers with fewer, cheaper calls:

- ``row_sum``: the sum of each row of a (P, K) float array with K < 8, starting from +0.0 and adding the columns from
  the left, which is the order numpy's own sum takes for so few terms (it switches to pairwise
  summation at 8, and then ``row_sum`` simply calls it), so every float is bit-identical;
- ``row_any``, ``row_all``, ``row_min``: the same for any, all and the minimum of each row;
- ``deal_structure``: what the candidate deals change and whose consent they need, which
  depends only on the candidates, the levels in force and the scenario's consent table, so it
  is remembered for those and shared by every actor and decision;
- ``pick`` and ``draw``: the deal search's choice among candidates, a softmax draw without
  ``Generator.choice``'s checks (the same index from the same one uniform draw);
- ``turn_start``: where a turn begins in the game's log (entries come in turn order), so that a
  scan for what matters since a turn skips the rest;
- ``matching``, ``touching`` and ``same_moves``: which candidates equal one of a few profiles (by
  a mixed-radix code per profile), which change any of a few moves, and which change the same
  moves as another (by the bits of one integer per candidate).
"""

from __future__ import annotations

import bisect
import operator

import numpy as np

try:  # the ufunc np.clip calls for floats (numpy >= 1.17), without the four Python calls around it
    from numpy._core.umath import clip
except ImportError:  # numpy 1.x
    try:
        from numpy.core.umath import clip
    except ImportError:  # pragma: no cover
        clip = np.clip

SEQUENTIAL = 8  # numpy sums fewer terms than this one after the other, left to right


def row_sum(a: np.ndarray) -> np.ndarray:
    """``a.sum(axis=1)`` of a 2-D array, bit for bit."""
    k = a.shape[1]
    if k == 0 or k >= SEQUENTIAL or a.dtype.kind != "f":
        return a.sum(axis=1)
    out = a[:, 0] + 0.0  # numpy starts from its identity, +0.0 (so a row of -0.0 sums to +0.0)
    for j in range(1, k):
        out += a[:, j]
    return out


def row_any(a: np.ndarray) -> np.ndarray:
    """``a.any(axis=1)`` of a 2-D boolean array."""
    if a.shape[1] == 0:
        return np.zeros(a.shape[0], dtype=bool)
    out = a[:, 0].copy()
    for j in range(1, a.shape[1]):
        out |= a[:, j]
    return out


def deal_parties(structure: dict, me: int, power: np.ndarray) -> dict:
    """What the deal search weighs for an actor (column ``me``) with these bargaining powers (A,):
    ``others`` (P, A) the other parties each deal needs, ``weights`` (P, A) the power of each party
    to it (the actor's own included) and ``total`` (P,) their sum, ``others_count`` (P,). Remembered
    with the structure (the same arrays each time, read-only)."""
    key = ("parties", me, power.tobytes())
    hit = structure["_by"].get(key)
    if hit is None:
        needed = structure["needed"]
        others = needed.copy()
        others[:, me] = False
        parties = needed.copy()
        parties[:, me] = True
        weights = parties * power[None, :]
        hit = {"others": others, "weights": weights, "total": row_sum(weights),
               "others_count": structure["parties"] - needed[:, me]}
        for arr in hit.values():
            arr.flags.writeable = False
        structure["_by"][key] = hit
    return hit


def row_min(a: np.ndarray) -> np.ndarray:
    """``a.min(axis=-1)``, column by column for a 2-D array (a minimum is exact in any order)."""
    if a.ndim != 2 or a.shape[1] == 0:
        return a.min(axis=-1)
    out = a[:, 0].copy()
    for j in range(1, a.shape[1]):
        np.minimum(out, a[:, j], out=out)
    return out


def row_all(a: np.ndarray) -> np.ndarray:
    """``a.all(axis=1)`` of a 2-D boolean array."""
    if a.shape[1] == 0:
        return np.ones(a.shape[0], dtype=bool)
    out = a[:, 0].copy()
    for j in range(1, a.shape[1]):
        out &= a[:, j]
    return out


_STRUCTURE: dict[tuple, tuple[object, object, dict]] = {}


def deal_structure(profiles: np.ndarray, levels: np.ndarray, consent: np.ndarray) -> dict:
    """For candidate profiles (P, M), with these levels in force and consent table (M, A):

    ``changed`` (P, M) the moves each deal changes, ``any_change`` (P,), ``moves`` (P,) how many
    it changes, ``needed`` (P, A) whose consent it needs and ``parties`` (P,) how many. Read-only arrays, remembered.
    """
    key = (id(profiles), levels.tobytes(), id(consent))
    hit = _STRUCTURE.get(key)
    if hit is not None and hit[0] is profiles and hit[1] is consent:
        return hit[2]
    changed = profiles != levels[None, :]
    # counts of at most a few moves: exact in floating point, so the product is the boolean one
    needed = (changed.astype(float) @ consent.astype(float)) > 0
    out = {"changed": changed, "any_change": row_any(changed), "moves": changed.sum(axis=1), "needed": needed,
           "parties": needed.sum(axis=1)}
    for arr in out.values():
        arr.flags.writeable = False
    out["_by"] = {}  # what is derived from it for an actor (see deal_parties)
    if len(_STRUCTURE) > 64:
        _STRUCTURE.clear()
    _STRUCTURE[key] = (profiles, consent, out)
    return out


_CODES: dict[int, tuple[object, bytes, np.ndarray]] = {}
TABLE = 1 << 20  # profiles up to this many are looked up in a table of flags, one per code


def place_values(sizes) -> np.ndarray | None:
    """The place value of each move in a profile's code (None if codes could overflow); remembered
    for the sizes (read-only)."""
    key = np.asarray(sizes).tobytes()
    if key in _RADIX:
        return _RADIX[key]
    if float(np.prod(np.asarray(sizes, dtype=np.float64))) >= 2.0 ** 62:
        out = None
    else:
        out = np.concatenate([np.cumprod(sizes[::-1])[::-1][1:], [1]]).astype(np.int64)
        out.flags.writeable = False
    if len(_RADIX) > 64:
        _RADIX.clear()
    _RADIX[key] = out
    return out


_RADIX: dict[bytes, np.ndarray | None] = {}


def profile_codes(profiles: np.ndarray, radix: np.ndarray) -> np.ndarray:
    """One integer per profile (P,): equal profiles, equal codes. Remembered for a read-only
    candidates array (the full grid is one object per scenario)."""
    hit = _CODES.get(id(profiles))
    if hit is not None and hit[0] is profiles and hit[1] == radix.tobytes():
        return hit[2]
    codes = profiles.astype(np.int64) @ radix
    if not profiles.flags.writeable:
        if len(_CODES) > 64:
            _CODES.clear()
        _CODES[id(profiles)] = (profiles, radix.tobytes(), codes)
    return codes


def matching(profiles: np.ndarray, sizes: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Which of the profiles (P, M) equal one of the rows (K, M), every level below its move's size."""
    radix = place_values(sizes)
    if radix is None:
        return (profiles[:, None, :] == rows[None, :, :]).all(axis=2).any(axis=1)
    codes = profile_codes(profiles, radix)
    wanted = np.asarray(rows, dtype=np.int64) @ radix
    count = int(radix[0] * sizes[0]) if len(radix) else 1
    if count > TABLE:
        return np.isin(codes, wanted)
    table = np.zeros(count, dtype=bool)
    table[wanted] = True
    return table[codes]


_BITS: dict[int, tuple[object, np.ndarray]] = {}


def change_bits(changed: np.ndarray) -> np.ndarray | None:
    """The moves each row of ``changed`` (P, M) changes, as the bits of one integer (None beyond 62
    moves). Remembered for a read-only array (the candidates' structure is one per levels)."""
    if changed.shape[1] > 62:
        return None
    hit = _BITS.get(id(changed))
    if hit is not None and hit[0] is changed:
        return hit[1]
    bits = changed.astype(np.int64) @ (np.int64(1) << np.arange(changed.shape[1], dtype=np.int64))
    if not changed.flags.writeable:
        if len(_BITS) > 64:
            _BITS.clear()
        _BITS[id(changed)] = (changed, bits)
    return bits


SUBSETS = SEQUENTIAL - 1  # up to this many moves, sums over the moves a deal changes are looked up by its bits


def subset_sums(changed: np.ndarray, per_move: np.ndarray) -> np.ndarray:
    """``row_sum(changed * per_move[None, :])`` for a read-only ``changed`` (P, M) and per-move
    values (M,), bit for bit: each row's sum depends only on which moves it changes, so it is worked
    out once for each of the 2^M sets of moves, by the very same operations, and looked up by the
    row's bits (``change_bits``)."""
    m_count = changed.shape[1]
    bits = change_bits(changed) if m_count <= SUBSETS else None
    if bits is None or changed.flags.writeable or len(changed) <= 1 << m_count:
        return row_sum(changed * per_move[None, :])
    every = _subsets(m_count)
    return row_sum(every * per_move[None, :])[bits]


_SUBSETS: dict[int, np.ndarray] = {}


def _subsets(m_count: int) -> np.ndarray:
    """Every set of m_count moves as a row of flags (2^M, M), row b holding the moves of b's bits."""
    hit = _SUBSETS.get(m_count)
    if hit is None:
        codes = np.arange(1 << m_count, dtype=np.int64)
        hit = ((codes[:, None] >> np.arange(m_count, dtype=np.int64)[None, :]) & 1).astype(bool)
        hit.flags.writeable = False
        _SUBSETS[m_count] = hit
    return hit


def bits_of(moves: np.ndarray) -> int:
    """The moves marked in ``moves`` (M,) bool as the bits of one integer, as ``change_bits`` codes a
    row (a few moves: plain Python is quickest)."""
    bits = 0
    for m, flag in enumerate(np.asarray(moves, dtype=bool).tolist()):
        if flag:
            bits |= 1 << m
    return bits


def touching(changed: np.ndarray, moves: np.ndarray) -> np.ndarray:
    """Which rows of ``changed`` (P, M) change any of the moves marked in ``moves`` (M,) bool."""
    bits = change_bits(changed)
    if bits is None:
        return row_any(changed[:, np.flatnonzero(moves)])
    return (bits & bits_of(moves)) != 0


def same_moves(changed: np.ndarray, row: int) -> np.ndarray:
    """Which rows of ``changed`` (P, M) change exactly the moves that row ``row`` changes."""
    bits = change_bits(changed)
    if bits is None:
        return row_all(changed == changed[row][None, :])
    return bits == bits[row]


def pick(objective: np.ndarray, allowed: np.ndarray, tau: float, rng: np.random.Generator) -> int | None:
    """Index of the chosen candidate: softmax over the objective at temperature tau (0: best)."""
    idx = np.flatnonzero(allowed)
    if idx.size == 0:
        return None
    vals = objective[idx]
    if tau <= 0:
        return int(idx[int(np.argmax(vals))])
    w = np.exp((vals - vals.max()) / tau)
    return int(idx[draw(w / w.sum(), rng)])


def draw(p: np.ndarray, rng: np.random.Generator) -> int:
    """``rng.choice(len(p), p=p)`` for probabilities ``p`` that are valid by construction, without its
    checks: the same index from the same one uniform draw (numpy's own method, its cumulative sum)."""
    cdf = p.cumsum()
    cdf /= cdf[-1]
    return int(cdf.searchsorted(rng.random(), side="right"))


_turn_of = operator.attrgetter("turn")


def turn_start(log, turn: int) -> int:
    """The index of the first entry of ``log`` from ``turn`` on (entries come in turn order)."""
    return bisect.bisect_left(log, turn, key=_turn_of)


def caches() -> tuple[dict, ...]:
    """Everything the computer actors remember between decisions: contexts of past moments, what
    an actor's stances fix, beliefs, candidates' structures and codes."""
    from game.ai import beliefs, moment, refusals

    return (moment._MOMENTS, moment._FIXED, moment._FIXED_KEYS, moment._WORLD, moment._STRUCTURE, moment._DELTAS, beliefs._LEARNT, beliefs._GAINS,
            _STRUCTURE, _CODES, _BITS, _RADIX, _SUBSETS, refusals._REFUSERS)


def forget() -> None:
    """Drop everything the computer actors remember: it changes no decision, only what is worked out again."""
    for cache in caches():
        cache.clear()
