"""Our computer actor: the utility model, time-dependent concession and Nash-seeking offers.

Each call of ``decide`` builds its picture afresh from the observation it is given (nothing
is kept between calls) and returns one legal action with a one-sentence reason:

- diplomacy and answers: answer the open proposals addressed to it (best first), then offer
  its best deal, then a back-channel message or a public statement when they pay, then end;
- actions: set compliance with each agreement that obliges it, then choose its unilateral
  move (a single draw, so the choice is made once per phase), then end.
"""

from __future__ import annotations

import numpy as np

from game.ai import act, levels, negotiate
from game.ai import answer as answering
from game.ai import reasons as why
from game.ai.context import Context
from game.ai.format_rules import after as fit_format
from game.ai.format_rules import before as format_first
from game.ai.utility import terms_gain
from game.core.actions import Action, ChooseMove, EndPhase, SetCompliance
from game.core.observe import Observation


class OursAgent:
    """The computer actor the game ships with, at one difficulty level."""

    kind = "ours"
    # it reads none of the fields a lean observation leaves out (its legal actions, its score, the
    # change records): sessions and play_game give it observe(state, actor, lean=True)
    lean = True

    def __init__(self, level: str = "normal") -> None:
        if level not in negotiate.STYLES:
            raise ValueError(f"unknown level {level!r}; choose one of {', '.join(negotiate.STYLES)}")
        self.level = level
        self.style = negotiate.STYLES[level]

    def __repr__(self) -> str:
        return f"OursAgent({self.level!r})"

    def decide(self, obs: Observation, rng: np.random.Generator) -> Action:
        """One legal action for the observer, with its reason."""
        if obs.phase == "over" or obs.waiting_for != obs.actor:
            return EndPhase(obs.actor, "has nothing to do")
        if obs.phase != "actions":
            first = format_first(obs)  # format 1.1: red lines, mediators, renewals
            if first is not None:
                return first
        ctx = Context.build(obs)
        if obs.phase == "actions":
            return self._actions(ctx, rng)
        return fit_format(obs, self._diplomacy(ctx, rng))

    # ------------------------------------------------------------------ diplomacy
    def _diplomacy(self, ctx: Context, rng: np.random.Generator) -> Action:
        obs = ctx.obs
        pending = obs.open_to_me()
        if pending:
            pending.sort(key=lambda p: (-terms_gain(ctx, p.terms, discount=True), p.id))
            can_counter = obs.phase == "diplomacy" and obs.budget > 0 and self.style.counters
            return answering.answer(ctx, self.style, pending[0], rng, can_counter)
        if obs.phase == "answers":
            return EndPhase(ctx.me, f"{why.subject(ctx, 'has')} answered every proposal")
        for make in (lambda: negotiate.propose(ctx, self.style, rng),
                     lambda: negotiate.message(ctx, self.style, self._threat(ctx)),
                     lambda: negotiate.statement(ctx, self.style)):
            action = make()
            if action is not None:
                return action
        waiting = any(p.status == "open" and p.sender == ctx.me for p in obs.proposals)
        text = "waits for answers to its offer" if waiting else "has no deal worth offering this round"
        return EndPhase(ctx.me, f"{ctx.name} {text}")

    def _threat(self, ctx: Context):
        """How the actor finds a move to warn of in a message: a level blind to levers warns of none."""
        if not self.style.levers:
            return None
        return lambda who: act.threat_against(ctx, who)

    # ------------------------------------------------------------------ actions
    def _actions(self, ctx: Context, rng: np.random.Generator) -> Action:
        obs = ctx.obs
        for move in obs.obligations:
            c = act.compliance(ctx, move)
            if c.keep == (move in obs.breaking):
                return SetCompliance(ctx.me, move, c.keep, act.compliance_reason(ctx, c))
        if obs.move_choice is None:
            mv = levels.choose_move(ctx, self.style, rng)
            if mv is not None:
                return ChooseMove(ctx.me, mv.move.id, act.move_reason(ctx, mv))
            return EndPhase(ctx.me, f"{why.subject(ctx, 'makes')} no move this turn: none is worth its cost")
        return EndPhase(ctx.me, f"{why.subject(ctx, 'has')} made its choices for this turn")
