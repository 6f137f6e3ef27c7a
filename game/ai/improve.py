"""Deals that are not dominated (issue 16, item 7): an offer, a counter or an acceptance is first
compared with the other deals on the same moves.

Everything here uses the actor's own value (``Deals.g``, with the trust discount) and its
*estimates* of the others (``Deals.est``, from the observation only): it never reads another
actor's true stances or goals.

- ``improve`` (before an offer or a counter is sent): the chosen deal is replaced by the deal on
  the same moves (the same joint moves changed, any levels) with the largest estimated Nash
  product (``Deals.objective``) among those that are at least as good for the sender; then, if a
  deal on those moves or on some of them would still leave every party to the chosen one at least
  as well off and one of them better, by the estimates, the best such deal (the largest sum of the
  parties' estimated gains, which no other such deal can dominate in its turn).
- ``better_than_offer`` (before an acceptance): a deal on the same moves that the answering actor
  values clearly more (``GAIN``) and that leaves every other party whose consent the offer needs
  at least as well off by its estimates; the actor counters with it rather than take a deal that
  leaves value on the table for both (``negotiate.answer``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.ai.beliefs import estimated_gains
from game.ai.context import Context
from game.core.actions import make_terms

if TYPE_CHECKING:
    from game.ai.negotiate import Deals

TINY = 1e-9
BETTER = 1e-4  # a gain this much larger counts as better (estimates are rough below it)
HOLDS_OUT = "holds out for "  # how a refusal names the variant it holds out for (negotiate.reject_reason)
GAIN = 0.005  # how much more a deal must be worth to an actor before it counters an offer it would take


def _parties(ctx: Context, deals: Deals, row: int) -> np.ndarray:
    """Every party whose consent the deal needs, the actor included (A,)."""
    parties = deals.needed[row].copy()
    parties[ctx.actor_index[ctx.me]] = True
    return parties


def _within(deals: Deals, changed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(deals changing exactly these moves, deals changing some of them and no other), each (P,)."""
    same = (deals.changed == changed[None, :]).all(axis=1)
    inside = ~(deals.changed & ~changed[None, :]).any(axis=1) & deals.changed.any(axis=1)
    return same, inside


def dominating(ctx: Context, deals: Deals, allowed: np.ndarray, row: int) -> np.ndarray:
    """Deals in ``allowed`` on the moves of deal ``row`` (or some of them) that leave every party to
    ``row`` at least as well off by the actor's estimates and one of them better (P,)."""
    parties = _parties(ctx, deals, row)
    _, inside = _within(deals, deals.changed[row])
    est = deals.est[:, parties]
    ref = est[row][None, :]
    return inside & allowed & (est >= ref - TINY).all(axis=1) & (est > ref + BETTER).any(axis=1)


def improve(ctx: Context, deals: Deals, allowed: np.ndarray, best: int) -> int:
    """The deal to send instead of ``best``: the best estimated Nash product on the same moves that
    keeps the sender's own gain, then no deal on those moves that every party prefers by the
    estimates (see the module's docstring)."""
    same, _ = _within(deals, deals.changed[best])
    keeps = same & allowed & (deals.g >= deals.g[best] - TINY)
    keeps[best] = True
    idx = np.flatnonzero(keeps)
    best = int(idx[int(np.argmax(deals.objective[idx]))])
    better = dominating(ctx, deals, allowed, best)
    if better.any():
        idx = np.flatnonzero(better)
        total = deals.est[idx][:, _parties(ctx, deals, best)].sum(axis=1)
        best = int(idx[int(np.argmax(total))])
    return best


def better_than_offer(ctx: Context, level: str, deals: Deals, allowed: np.ndarray, offer: np.ndarray,
                      g_offer: float, needed: tuple[str, ...], sender: str) -> int | None:
    """A deal in ``allowed`` on the offer's moves (or some of them) worth at least ``GAIN`` more to the
    actor than the offer, that no other party whose consent the offer needs is estimated to like
    less; the one with the best estimated Nash product, or None.

    The sender's own offer may be a concession the estimates read as its wish, so a deal on the same
    moves that gives back part of it (each level between the offer's and the sender's stated
    position) also counts as no worse for the sender.
    """
    scope = offer != ctx.levels
    same, inside = _within(deals, scope)
    ok = inside & allowed & (deals.g >= g_offer + GAIN)
    if not ok.any():
        return None
    est_offer = estimated_gains(ctx, level, offer[None, :])[0]
    for a in needed:
        if a == ctx.me:
            continue
        k = ctx.actor_index[a]
        fine = deals.est[:, k] >= est_offer[k] - TINY
        if a == sender:
            fine |= same & _toward(ctx, deals.profiles, offer, a)
        ok &= fine
    if not ok.any():
        return None
    idx = np.flatnonzero(ok)
    return int(idx[int(np.argmax(deals.objective[idx]))])


def _toward(ctx: Context, profiles: np.ndarray, offer: np.ndarray, actor: str) -> np.ndarray:
    """Whether each profile lies, on every move, between the offer's level and the actor's stated
    (public) position, the offer's level where it stated none (P,)."""
    public = ctx.obs.actor_view(actor).public
    stated = np.array([public.get(jm.id, -1) for jm in ctx.moves])
    has = stated >= 0
    lo = np.where(has, np.minimum(offer, stated), offer)
    hi = np.where(has, np.maximum(offer, stated), offer)
    return ((profiles >= lo[None, :]) & (profiles <= hi[None, :])).all(axis=1)


def held_to(ctx: Context, p) -> bool:
    """Whether the actor is bound to take offer ``p`` as it stands: it offered these very terms itself,
    or, this turn or the last, it refused a deal saying it holds out for exactly these terms (a
    hold-out is a promise, rule 8.3)."""
    obs = ctx.obs
    if any(q.sender == ctx.me and q.terms == p.terms and q.id != p.id for q in obs.proposals):
        return True
    by_id = {str(q.id): q for q in obs.proposals}
    for e in obs.log:
        if e.kind != "reject" or e.actor != ctx.me or obs.turn - e.turn > 1 or HOLDS_OUT not in e.text:
            continue
        q = by_id.get(e.ref or "")
        if q is None:
            continue
        label = e.text.rsplit(HOLDS_OUT, 1)[1].rstrip(").…")
        if not label:
            continue
        for move, lvl in q.terms:
            for k, v in enumerate(ctx.move(move).variants):
                if k != lvl and v.label.startswith(label) and make_terms({**dict(q.terms), move: k}) == p.terms:
                    return True
    return False
