"""Deals that are not dominated (issue 16, item 7): before an offer or a counter is sent, it is
compared with the other deals on the same moves.

Everything here uses the actor's own value (``Deals.g``, with the trust discount) and its
*estimates* of the others (``Deals.est``, from the observation only): it never reads another
actor's true stances or goals. ``improve`` replaces the chosen deal, if a deal on the same moves
or on some of them would leave every party to the chosen one at least as well off and one of
them better by the estimates, by the best such deal (the largest sum of the parties' estimated
gains, which no other such deal can dominate in its turn).

The sender's estimates see the others' stances, never their goals, so a deal can still be
dominated by the others' true values: in Syria the United States offers Russia deconfliction lines
with the southwest ceasefire, reading Russia's stance (lines), while Russia's goals make no-fly over
the zones with the ceasefire better for both. The one who knows is the recipient: ``counter_better``
lets an actor that would take an offer counter instead with the deal on the same moves that is
clearly better for it (``GAIN``), or about as good by expectation (``NEAR``) and clearly better if
every term is kept (the acceptor's own risk is then a tie it breaks toward the deal worth more to
all if kept), and no worse for any other party to the offer, the sender
included, as far as it can tell: by its estimates, or because every term it changes moves toward
(or keeps) what that party has publicly said it wants. The public word counts because the
estimates of the sender have just been drawn toward its offer, which is a compromise: the United
States offering lines says it prefers lines to nothing, not that it prefers lines to the zones it
publicly backs. It asks only
while it can still counter this turn; otherwise it signs.

Moving the sender to the best estimated Nash product among the deals that keep its own gain was
tried and measured worse by the others' true values (see ``docs/decisions.md``): it traded real
value for estimated value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.ai.context import Context
from game.ai.fast import bits_of, change_bits, matching, row_all, row_any

if TYPE_CHECKING:
    from game.ai.negotiate import Deals

TINY = 1e-9
BETTER = 1e-4  # a gain this much larger counts as better (estimates are rough below it)
GAIN = 0.005  # how much more a counter must be worth to a recipient that would take the offer as it is
NEAR = 0.001  # a counter worth this little less by expectation is about as good, if clearly better kept


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
    mask = bits_of(changed)
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


def counter_better(ctx: Context, deals: Deals, allowed: np.ndarray, offered: np.ndarray, parties: np.ndarray
                   ) -> int | None:
    """For an offer the actor would take (levels ``offered``, parties ``parties`` (A,), the sender
    among them): the deal in ``allowed`` on the same moves that is worth at least ``GAIN`` more to the
    actor and, by its estimates, no less to any other party, the best such for the actor; None if
    there is none (see the module's docstring)."""
    scope = offered != ctx.levels
    me = ctx.actor_index[ctx.me]
    row = np.flatnonzero(matching(deals.profiles, ctx.sizes, offered[None, :]))
    if row.size == 0:
        return None
    at = int(row[0])
    ref = deals.est[at]
    # the few deals on the same moves worth more to it: clearly more by expectation, or about as much
    # by expectation (``NEAR``) and clearly more if every term is kept; only they are compared with the
    # others' views
    better = (deals.g > deals.g[at] + GAIN) | ((deals.g >= deals.g[at] - NEAR) & (deals.u > deals.u[at] + GAIN))
    idx = np.flatnonzero(_exactly(deals, scope) & allowed & better)
    ok = np.ones(idx.size, dtype=bool)
    for k in np.flatnonzero(parties):
        if k != me and ok.any():
            ok &= (deals.est[idx, k] >= ref[k] - TINY) | _toward_public(ctx, deals.profiles[idx], offered, ctx.actors[k])
    if not ok.any():
        return None
    idx = idx[ok]
    return int(idx[int(np.argmax(deals.g[idx]))])


def _exactly(deals: Deals, changed: np.ndarray) -> np.ndarray:
    """Deals changing exactly these moves (P,)."""
    bits = change_bits(deals.changed)  # one integer per deal, remembered for the candidates
    if bits is None:
        return row_all(deals.changed == changed[None, :])
    return bits == bits_of(changed)


def _toward_public(ctx: Context, profiles: np.ndarray, offered: np.ndarray, who: str) -> np.ndarray:
    """Deals (K,) of the ``profiles`` (K, M) whose every level that differs from ``offered`` lies no farther
    than the offered one from what ``who`` publicly backs on that move (False where it has said nothing
    on such a move)."""
    public = ctx.obs.actor_view(who).public
    stated = np.array([jm.id in public for jm in ctx.moves])
    target = np.array([public.get(jm.id, 0) for jm in ctx.moves])
    diff = profiles != offered[None, :]
    closer = np.abs(profiles - target[None, :]) <= np.abs(offered - target)[None, :]
    return ~(diff & ~(stated[None, :] & closer)).any(axis=1)
