"""What sets the difficulty levels apart, beyond how they model the others (``beliefs``).

- ``easy`` is blind to levers: it sees what a unilateral move does to its goals, the agreements
  it touches and the trust it costs, but not the pressure it puts on those who can veto a deal,
  and it neither warns in its messages nor links one deal to another (``negotiate.Style.levers``).
- ``hard`` ...
"""

from __future__ import annotations

import dataclasses

import numpy as np

from game.ai import act
from game.ai.context import Context


def choose_move(ctx: Context, style, rng: np.random.Generator) -> act.MoveValue | None:
    """The unilateral move to make at this level (None: none): a softmax over the moves' values, doing
    nothing worth 0; a level blind to levers values a move without its pressure and without the
    credibility of carrying out a warning (it gives none)."""
    if style.levers:
        return act.choose_move(ctx, style.move_tau, rng)
    options = [dataclasses.replace(o, value=o.value - o.pressure - (act.CREDIBILITY if o.warned else 0.0),
                                   pressure=0.0, target=None, warned=None) for o in act.move_values(ctx)]
    if not options:
        return None
    vals = np.array([0.0] + [o.value for o in options])
    if style.move_tau <= 0:
        k = int(np.argmax(vals))
    else:
        w = np.exp((vals - vals.max()) / style.move_tau)
        k = int(rng.choice(len(vals), p=w / w.sum()))
    return None if k == 0 else options[k - 1]


DEADLINE_CLAIM = 4.0  # weight of its own gain in its offers on the last turn, for a level that sees the deadline


def claim(ctx: Context, style) -> float:
    """Weight of the actor's own gain, against each other party's, in the Nash product of its offers.

    On the last turn the actor expects, the others' aspirations have nearly fallen to their no-deal
    values (rule 8.3): a level that sees the deadline asks for more of the gain then, since an offer
    that leaves the others anything at all should be taken at the last answers.
    """
    if style.deadline and ctx.obs.turn >= ctx.last_turn:
        return style.claim * DEADLINE_CLAIM
    return style.claim


def holds_for_share(ctx: Context, style) -> bool:
    """Whether the actor, offered a deal, holds out for what its own next offer would give it rather
    than take anything that meets its aspiration: on the last turn, while it can still make that
    offer, for a level that sees the deadline."""
    obs = ctx.obs
    return style.deadline and obs.turn >= ctx.last_turn and obs.phase == "diplomacy" and obs.budget > 0
