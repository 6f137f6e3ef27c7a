"""Baseline computer actors to measure ours against.

- ``RandomAgent``: a uniform choice among the legal actions, ending its phase a quarter of the
  time so that games finish.
- ``HardlinerAgent``: never concedes. It proposes only its ideal variant of one move at a time
  and accepts only deals whose every term it has a stance on is at its ideal.
- ``ConcederAgent``: accepts anything better than no deal (by its undiscounted value) and
  offers the deal with the best estimated Nash product that gains it anything at all.

The hardliner and the conceder keep every agreement and make no unilateral moves: they differ
from ours in how they negotiate. Like ours, they follow format 1.1's rules (red lines, mediators,
separate signatures) through ``format_rules``, so that they can play every scenario.
"""

from __future__ import annotations

import numpy as np

from game.ai import negotiate
from game.ai import reasons as why
from game.ai.context import Context
from game.ai.format_rules import after as fit_format
from game.ai.format_rules import before as format_first
from game.ai.utility import terms_gain, terms_of
from game.core.actions import Accept, Action, EndPhase, Propose, Reject, make_terms, with_reason
from game.core.observe import Glance, Observation

END_CHANCE = 0.25


class RandomAgent:
    kind = "random"
    glance = True  # it reads only phase, waiting_for and legal: a Glance will do (game.core.observe.glance)

    def decide(self, obs: Observation | Glance, rng: np.random.Generator) -> Action:
        if obs.phase == "over" or obs.waiting_for != obs.actor or not obs.legal:
            return EndPhase(obs.actor, "has nothing to do")
        if rng.random() < END_CHANCE:
            return EndPhase(obs.actor, "picks at random")
        action = obs.legal[int(rng.integers(len(obs.legal)))]
        return with_reason(action, "picks at random")


def _keep_and_end(ctx: Context) -> Action:
    return EndPhase(ctx.me, f"{why.subject(ctx, 'keeps')} its word and makes no move")


class _Lawful:
    """A baseline's own choice, made to fit format 1.1's rules as ours does."""

    def decide(self, obs: Observation, rng: np.random.Generator) -> Action:
        if obs.phase in ("diplomacy", "answers") and obs.waiting_for == obs.actor:
            first = format_first(obs)
            if first is not None:
                return first
            return fit_format(obs, self._decide(obs, rng))
        return self._decide(obs, rng)

    def _decide(self, obs: Observation, rng: np.random.Generator) -> Action:
        raise NotImplementedError


class HardlinerAgent(_Lawful):
    kind = "hardliner"

    def _decide(self, obs: Observation, rng: np.random.Generator) -> Action:
        if obs.phase == "over" or obs.waiting_for != obs.actor:
            return EndPhase(obs.actor, "has nothing to do")
        ctx = Context.build(obs)
        if obs.phase == "actions":
            return _keep_and_end(ctx)
        for p in obs.open_to_me():
            off = [(m, lvl) for m, lvl in p.terms if m in obs.stances and obs.stances[m].ideal != lvl]
            if off:
                m = ctx.move_index[off[0][0]]
                ideal = obs.stances[off[0][0]].ideal
                return Reject(ctx.me, p.id, why.clip(
                    f"{why.subject(ctx, 'rejects')}: it will have {ctx.phrase(m, ideal)} and nothing less"))
            return Accept(ctx.me, p.id, f"{why.subject(ctx, 'accepts')}: the deal gives it its ideal")
        if obs.phase == "diplomacy" and obs.budget > 0 and negotiate.proposals_this_turn(ctx) == 0:
            wanted = sorted((m for m in range(len(ctx.moves))
                             if ctx.salience[m] > 0 and int(ctx.ideal[m]) != ctx.levels[m]),
                            key=lambda m: (-ctx.salience[m], m))
            if wanted:
                m = wanted[(obs.turn - 1) % len(wanted)]
                row = ctx.levels.copy()
                row[m] = int(ctx.ideal[m])
                terms = make_terms({ctx.moves[m].id: int(ctx.ideal[m])})
                return Propose(ctx.me, negotiate.recipients(ctx, row), terms, why.clip(
                    f"{why.subject(ctx, 'proposes')} its ideal, {ctx.phrase(m, int(ctx.ideal[m]))}"))
        return EndPhase(ctx.me, f"{why.subject(ctx, 'has')} stated its terms")


class ConcederAgent(_Lawful):
    kind = "conceder"

    def _decide(self, obs: Observation, rng: np.random.Generator) -> Action:
        if obs.phase == "over" or obs.waiting_for != obs.actor:
            return EndPhase(obs.actor, "has nothing to do")
        ctx = Context.build(obs)
        if obs.phase == "actions":
            return _keep_and_end(ctx)
        for p in obs.open_to_me():
            if terms_gain(ctx, p.terms, discount=False) > negotiate.TINY:
                return Accept(ctx.me, p.id, f"{why.subject(ctx, 'accepts')}: anything better than no deal will do")
            return Reject(ctx.me, p.id, f"{why.subject(ctx, 'rejects')}: the deal leaves it worse off than no deal")
        if obs.phase == "diplomacy" and obs.budget > 0 and negotiate.proposals_this_turn(ctx) == 0:
            style = negotiate.STYLES["normal"]
            deals = negotiate.evaluate(ctx, style, concession=1.0)
            best = negotiate.pick(deals.objective, deals.mine & deals.theirs, 0.0, rng)
            if best is not None:
                profile = deals.profiles[best]
                return Propose(ctx.me, negotiate.recipients(ctx, profile), terms_of(ctx, profile),
                               f"{why.subject(ctx, 'offers')} a deal that leaves everyone better off")
        return EndPhase(ctx.me, f"{why.subject(ctx, 'has')} nothing more to offer")
