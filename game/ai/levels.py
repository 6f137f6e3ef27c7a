"""What sets the difficulty levels apart, beyond how they model the others (``beliefs``).

Each level is a ``negotiate.Style``; what each one does differently, in words a player can see:

- ``easy`` is a beginner. It takes the others' public positions at face value, gives way twice as
  fast as its personality would, picks loosely among good options, answers an offer only yes or
  no (``counters``), offers one move at a time (``packages``: it never proposes a package, so it
  finds no trade between moves; measured, this is what makes it clearly weaker than "normal" in
  most of Syria's seats), and is blind to levers (``levers``): it never links one deal to another,
  never warns in a message, and values a unilateral move without the pressure it puts on those
  who can veto a deal (so it makes no move for pressure's sake).
- ``normal`` reads the estimates the game shows (public positions refined by the offers and
  messages it received) and uses every lever.
- ``hard`` reads the others from everything they did, their answers included (``beliefs``), always
  takes the best option it sees, and claims its share: its own gain counts twice in the Nash
  product of its offers (``claim``). It also sees the deadline (``deadline``): on the last turn it
  expects, the others' aspirations have nearly reached their no-deal values, so it asks for more
  still; and, offered a deal while it can still make an offer of its own this turn, it holds out for
  what that offer would give it (``holds``, ``holds_for_share``).

Nothing here reads more than the observation: the deadline is the calendar and the horizon every
actor sees.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from game.ai.context import Context


def choose_move(ctx: Context, style, rng: np.random.Generator):
    """The unilateral move to make at this level (None: none): a softmax over the moves' values, doing
    nothing worth 0; a level blind to levers values a move without its pressure and without the
    credibility of carrying out a warning (it gives none)."""
    from game.ai import act  # act imports negotiate, which imports this module

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
    """Weight of the actor's own gain, against each other party's, in the Nash product of its offers:
    the level's ``claim``, times ``DEADLINE_CLAIM`` on the last turn the actor expects for a level that
    sees the deadline (the others' aspirations have nearly fallen to their no-deal values then, rule
    8.3, so an offer that leaves them anything at all should be taken at the last answers).
    """
    if style.deadline and ctx.obs.turn >= ctx.last_turn:
        return style.claim * DEADLINE_CLAIM
    return style.claim


def holds_for_share(ctx: Context, style) -> bool:
    """Whether the actor, offered a deal, holds out for what its own next offer would give it rather
    than take anything that meets its aspiration: on every turn, while it can still make that offer,
    for a level that holds out (``holds``: it knows the others' aspirations keep falling, so what its
    own offer claims they will take by the last answers). Measured: holding out only on the last
    turn made "hard" no stronger than "normal" in four seats of Syria's six (issue 16)."""
    obs = ctx.obs
    return style.holds and obs.phase == "diplomacy" and obs.budget > 0

