"""A warning heard: what the threatened move would cost the listener, so that a threat can change
an answer (issue 16, item 3).

A party that has warned the actor in a back-channel message that it could make a unilateral move
(``Note.warn``), and has not made it since, makes it once the actor refuses its deal (rule 8.5:
a warning is a promise). So when that party's offer comes, refusing it risks the move: the actor
weighs the move's expected effects on its own value (its effects and chance outcomes on the
indicators it is scored on, kept to the end of the game, and an agreement it suspends or
restores), times the chance that the warner keeps its word (its trust in the warner, as for any
duty). That expected harm lowers the actor's aspiration for the warner's deal; it never lowers
the floor: no deal below no deal is taken under threat.
"""

from __future__ import annotations

import numpy as np

from game.ai.context import Context, effect_deltas, trust_to_compliance
from game.ai.fast import turn_start
from game.ai.utility import no_deal_value, values
from game.core.model import UnilateralMove


def _goal_change(ctx: Context, once: np.ndarray) -> float:
    if ctx.stance_weight >= 1.0:
        return 0.0
    idx = np.arange(len(ctx.moves))
    per_turn = ctx.deltas[idx, ctx.levels].sum(axis=0)
    return (1.0 - ctx.stance_weight) * float(ctx.goal_value(ctx.project(per_turn, once))
                                             - ctx.goal_value(ctx.project(per_turn)))


def effect_on(ctx: Context, um: UnilateralMove) -> float:
    """The expected change of the actor's value if another actor makes ``um`` now."""
    env = ctx.obs.env
    index = {k: i for i, k in enumerate(ctx.indicator_ids)}
    base = effect_deltas(um.effects, env, index, len(index))
    after = dict(env)
    for k, i in index.items():
        after[k] = env[k] + base[i]
    rest = 1.0 - sum(o.chance for o in um.outcomes)
    out = max(0.0, rest) * _goal_change(ctx, base)
    for o in um.outcomes:
        out += o.chance * _goal_change(ctx, base + effect_deltas(o.effects, after, index, len(index)))
    target = um.suspend or um.restore
    if target is not None and target in ctx.move_index:
        m = ctx.move_index[target]
        row = ctx.levels.copy()
        held = [a for a in ctx.obs.agreements if a.move == target]
        if um.suspend and held and not held[0].suspended:
            row[m] = ctx.moves[m].status_quo
        elif um.restore and held and held[0].suspended:
            row[m] = held[0].level
        out += float(values(ctx, row[None, :], discount=False)[0]) - no_deal_value(ctx)
    return out


def pending_warnings(ctx: Context, sender: str) -> list[UnilateralMove]:
    """The moves ``sender`` warned the actor of and has not made since."""
    me = ctx.me
    heard = [n.turn for n in ctx.obs.notes if n.warn is not None and n.sender == sender and n.to == me]
    if not heard:
        return []  # no warning heard from it: the log need not be read
    # the last turn it made each move, from the turn of the first warning on (the log comes in turn
    # order): an earlier one can make no warning void
    log = ctx.obs.log
    made = {}
    for e in log[turn_start(log, min(heard)):]:
        if e.kind == "move" and e.actor == sender and e.ref:
            made[e.ref] = e.turn
    moves = {um.id: um for um in ctx.obs.unilateral_moves}
    out = []
    for n in ctx.obs.notes:
        if n.sender == sender and n.to == ctx.me and n.warn in moves and made.get(n.warn, -1) < n.turn \
                and moves[n.warn] not in out:
            out.append(moves[n.warn])
    return out


def threat_cost(ctx: Context, sender: str) -> float:
    """What refusing ``sender``'s deal is expected to cost the actor through the moves it was warned
    of (>= 0): the worst of them, times the chance the warner keeps its word."""
    warned = pending_warnings(ctx, sender)
    if not warned:
        return 0.0
    harm = max(0.0, -min(effect_on(ctx, um) for um in warned))
    return float(trust_to_compliance(ctx.obs.trust.get(sender, ctx.obs.rules.default_trust))) * harm
