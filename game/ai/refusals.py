"""What the actor learnt from its refused offers, and the check that an offer is not dominated.

Agents keep no memory: ``refused`` reads the refusals back from the observation (the proposals
the actor sent and their answers, and the log since), so that a deal refused is not offered again
until something that could change the answer has changed (rule 8.4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.ai.context import Context
from game.ai.fast import row_all, row_any, same_moves
from game.core.actions import Terms

if TYPE_CHECKING:
    from game.ai.negotiate import Deals

TINY = 1e-9


RESEND_TURNS = 1  # turns after a refusal from which the calendar's pressure alone is reason to ask again
_NEWS = {"agreement": "what is in force has changed", "collapsed": "an agreement has collapsed",
         "suspended": "an agreement was suspended", "restored": "an agreement was restored"}


def refused(ctx: Context) -> list[tuple[Terms, str | None]]:
    """The deals the actor offered that a party it needed refused, and those it refused itself, each
    with what has changed since
    (None: nothing that could change the answer, so offering it again would be asking to be refused).

    A refusal is an answer given in the circumstances of its day: what is in force and the refusers'
    stated positions. Either changing, or enough turns passing for the calendar to press
    (``RESEND_TURNS``), is reason enough to ask again; the news of one turn is not.
    """
    if "refused" in ctx._cache:
        return ctx._cache["refused"]
    obs = ctx.obs
    out: dict[Terms, str | None] = {}
    where: dict[str, int] | None = None  # log position of each proposal, read only when needed
    for p in obs.proposals:
        if p.sender != ctx.me:
            # a deal it refused itself is one it will not turn round and offer, in the same circumstances
            refusers = [ctx.me] if p.answer_of(ctx.me) in ("reject", "counter") else []
        else:
            refusers = [a for a, ans in p.answers if ans != "accept" and a in p.needed]
        if not refusers:
            continue
        change = None
        if obs.turn - p.turn >= RESEND_TURNS:
            change = "time is running short"
            start = None
        else:
            if where is None:
                where = {e.ref: i for i, e in enumerate(obs.log) if e.kind in ("proposal", "counter")
                         and e.turn == obs.turn}
            start = where.get(str(p.id))
        if start is not None:
            for e in obs.log[start + 1:]:
                if e.kind in _NEWS:
                    change = _NEWS[e.kind]
                elif e.kind == "statement" and e.actor in refusers:
                    change = f"{ctx.names[e.actor]} has stated a new position"
                if change is not None:
                    break
        if p.terms not in out or out[p.terms] is not None:
            out[p.terms] = change
    ctx._cache["refused"] = list(out.items())
    return ctx._cache["refused"]


def improve(ctx: Context, deals: Deals, allowed: np.ndarray, best: int) -> int:
    """The chosen deal, or a deal on the same moves that leaves the actor and every other needed party
    at least as well off by its estimates and one of them better (the best such by the objective):
    an offer should not be Pareto-dominated by another it could have made."""
    me = ctx.actor_index[ctx.me]
    parties = deals.needed[best].copy()
    parties[me] = True
    est = deals.est[:, parties]
    same = same_moves(deals.changed, best)
    better = same & allowed & row_all(est >= est[best][None, :] - TINY) & row_any(est > est[best][None, :] + 1e-4)
    if not better.any():
        return best
    idx = np.flatnonzero(better)
    return int(idx[int(np.argmax(deals.objective[idx]))])
