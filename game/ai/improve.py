"""Deals that are not dominated (issue 16, item 7): before an offer or a counter is sent, it is
compared with the other deals on the same moves.

Everything here uses the actor's own value (``Deals.g``, with the trust discount) and its
*estimates* of the others (``Deals.est``, from the observation only): it never reads another
actor's true stances or goals. ``improve`` replaces the chosen deal, if a deal on the same moves
or on some of them would leave every party to the chosen one at least as well off and one of
them better by the estimates, by the best such deal (the largest sum of the parties' estimated
gains, which no other such deal can dominate in its turn).

Two further steps were tried and measured worse by the others' true values (see
``docs/decisions.md``): moving to the best estimated Nash product among the deals that keep the
sender's gain, and having an actor that would take an offer counter with a deal better for it
that its estimates say is no worse for the others. The estimates see stances, not goals, so both
traded real value for estimated value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.ai.context import Context
from game.ai.fast import change_bits, row_all, row_any

if TYPE_CHECKING:
    from game.ai.negotiate import Deals

TINY = 1e-9
BETTER = 1e-4  # a gain this much larger counts as better (estimates are rough below it)


def _parties(ctx: Context, deals: Deals, row: int) -> np.ndarray:
    """Every party whose consent the deal needs, the actor included (A,)."""
    parties = deals.needed[row].copy()
    parties[ctx.actor_index[ctx.me]] = True
    return parties


def _within(deals: Deals, changed: np.ndarray) -> np.ndarray:
    """Deals changing these moves or some of them and no other (P,)."""
    bits = change_bits(deals.changed)  # one integer per deal, remembered for the candidates
    if bits is None:
        return ~row_any(deals.changed & ~changed[None, :]) & row_any(deals.changed)
    mask = int(change_bits(np.asarray(changed, dtype=bool)[None, :])[0])
    return ((bits | mask) == mask) & (bits != 0)


def dominating(ctx: Context, deals: Deals, allowed: np.ndarray, row: int) -> np.ndarray:
    """Deals in ``allowed`` on the moves of deal ``row`` (or some of them) that leave every party to
    ``row`` at least as well off by the actor's estimates and one of them better (P,)."""
    parties = _parties(ctx, deals, row)
    idx = np.flatnonzero(_within(deals, deals.changed[row]) & allowed)  # the few deals worth comparing
    est = deals.est[idx][:, parties]
    ref = deals.est[row, parties][None, :]
    out = np.zeros(len(deals.est), dtype=bool)
    out[idx] = row_all(est >= ref - TINY) & row_any(est > ref + BETTER)
    return out


def improve(ctx: Context, deals: Deals, allowed: np.ndarray, best: int) -> int:
    """The deal to send instead of ``best``: if a deal on its moves (or some of them) is better for
    one party to it and worse for none by the estimates, the best such (see the module's docstring)."""
    better = dominating(ctx, deals, allowed, best)
    if better.any():
        idx = np.flatnonzero(better)
        total = deals.est[idx][:, _parties(ctx, deals, best)].sum(axis=1)
        best = int(idx[int(np.argmax(total))])
    return best
