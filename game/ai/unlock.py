"""What a unilateral move does to the deals still to be made: the delayed value of a move that changes
what is in force (issue 16, item 3).

A move that suspends, restores or breaks an agreement changes the levels in force, so it changes
every party's no-deal value: a blocker that loses an agreement it valued may now take a package
that gives it back together with what the mover wants, and a move that ends an agreement the
others needed may close deals that were open. ``surplus`` is the most the actor can expect from a
deal from given levels in force: over every candidate deal that meets its aspiration at the next
turn's talks and that every other party it needs is estimated to prefer to those levels (its estimates of the others, from
the observation only), its own gain times the chance that those parties accept
(``negotiate.ACCEPT_CHANCE`` each). ``unlock`` is the change of that surplus the move brings,
for the turns left after this one (a deal can be made at the next turn's talks at the earliest).
A move that only changes the indicators changes nobody's stances, so its unlock value is 0; its
effects are valued where they act (``act.move_value``).
"""

from __future__ import annotations

import numpy as np

from game.ai.beliefs import belief_table, estimated_gains
from game.ai.context import Context
from game.ai.fast import deal_structure, row_any, subset_sums
from game.ai.negotiate import ACCEPT_CHANCE, MARGIN
from game.ai.utility import candidates, values

TINY = 1e-9
LEVEL = "normal"  # the moves' values read the others as the game's estimates show them


def _tables(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(profiles (P, M), own value of each (P,), estimated value of each to every actor (P, A)),
    once per decision."""
    key = ("unlock_tables",)
    if key not in ctx._cache:
        # a pure function of the moment and the beliefs (see beliefs.belief_table): shared for them
        shared_key = ("unlock_tables", belief_table(ctx, LEVEL)[1].tobytes())
        hit = ctx.shared.get(shared_key)
        if hit is None:
            profiles, x = candidates(ctx)
            own = values(ctx, profiles, False, x)
            est = estimated_gains(ctx, LEVEL, profiles, x)
            for arr in (own, est):
                arr.flags.writeable = False
            hit = ctx.shared[shared_key] = (profiles, own, est)
        ctx._cache[key] = hit
    return ctx._cache[key]


def surplus(ctx: Context, base: np.ndarray) -> float:
    """The most the actor can expect to gain over the levels ``base`` from a deal it would offer at the
    next turn's talks and that the parties it needs are estimated to take (see the module's
    docstring): the deal must meet its aspiration then (``Context.concession``), as its offers do."""
    profiles, own, est = _tables(ctx)
    structure = deal_structure(profiles, base, ctx.consent)  # remembered for these levels
    me = ctx.actor_index[ctx.me]
    others, chance = _of_structure(structure, me)
    now = float(values(ctx, base[None, :], False)[0])
    gain = own - now
    # the most it could gain on each move alone, from these levels: what its aspiration is a share of
    which, lvl, valid, at = _single_rows(ctx)
    rows = np.repeat(base[None, :], len(which), axis=0)
    rows[at, which] = np.where(valid, lvl, base[which])
    single = np.where(valid, values(ctx, rows, False) - now, 0.0).reshape(len(ctx.moves), -1)
    best = np.maximum(single.max(axis=1), 0.0)
    asp = (1.0 - ctx.concession()) * subset_sums(structure["changed"], best)
    rel = est - estimated_gains(ctx, LEVEL, base[None, :])[0][None, :]
    ok = structure["any_change"] & (gain > TINY) & (gain >= asp - TINY) & ~row_any(others & (rel <= MARGIN))
    if not ok.any():
        return 0.0
    return float((gain * chance)[ok].max())


def _of_structure(structure: dict, me: int) -> tuple[np.ndarray, np.ndarray]:
    """(the other parties (P, A) each deal needs, the chance ``ACCEPT_CHANCE`` ** their number (P,)):
    what ``surplus`` reads of the candidates' structure for an actor, remembered with it."""
    key = ("unlock", me)
    hit = structure["_by"].get(key)
    if hit is None:
        needed = structure["needed"]
        others = needed.copy()
        others[:, me] = False
        chance = ACCEPT_CHANCE ** (structure["parties"] - needed[:, me])
        for arr in (others, chance):
            arr.flags.writeable = False
        hit = structure["_by"][key] = (others, chance)
    return hit


def _single_rows(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(move, level, whether the move has that level, row) of each row of the table of single changes
    (M x width rows), remembered for the moment."""
    hit = ctx.shared.get("single_rows")
    if hit is None:
        m_count, width = len(ctx.moves), ctx.close.shape[1]
        which = np.repeat(np.arange(m_count), width)
        lvl = np.tile(np.arange(width), m_count)
        hit = ctx.shared["single_rows"] = (which, lvl, lvl < ctx.sizes[which], np.arange(len(which)))
        for arr in hit:
            arr.flags.writeable = False
    return hit


def unlock(ctx: Context, after: np.ndarray) -> float:
    """The change of ``surplus`` that putting the levels ``after`` in force now would bring, for the
    turns left after this one."""
    if (after == ctx.levels).all() or ctx.calendar_left <= 1:
        return 0.0
    key = ("surplus_now",)
    if key not in ctx._cache:
        ctx._cache[key] = surplus(ctx, ctx.levels)
    share = (ctx.calendar_left - 1) / ctx.calendar_left
    return share * (surplus(ctx, after) - ctx._cache[key])
