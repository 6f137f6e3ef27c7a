"""A whole game with a computer actor in every seat, as a reusable loop.

    state = play_game(scenario, seed, {actor: make_agent("ours") for actor in scenario.actor_ids})

The engine's generator is seeded with the game's seed; each decision gets a generator of its
own derived from the seed and the step (``decision_rng``), so a game is its scenario, its seed
and its agents. ``on_step`` is called after every action with a ``Step`` record (the
observation the agent saw, lean for an agent that declares ``lean``, so that
``observe(step.before, actor)`` is the full one; the action, the states before and after, and
the seconds the agent took to decide): benchmarks time decisions and measure deals with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from game.core.actions import Action, EndPhase
from game.core.errors import IllegalActionError
from game.core.model import Scenario
from game.core.observe import Observation, observe
from game.core.rules import apply, new_game
from game.core.seeding import LazyGenerator
from game.core.state import LogEntry, State


@dataclass(frozen=True)
class Step:
    obs: Observation
    action: Action
    before: State
    after: State
    entries: tuple[LogEntry, ...]
    seconds: float  # time the agent took to decide


def decision_rng(seed: int, step: int) -> np.random.Generator:
    """The generator a computer actor gets for the decision at this step of the game:
    np.random.default_rng([seed, step]), made only if the actor draws from it (most decisions
    draw nothing, and making one costs more than many a decision)."""
    return LazyGenerator(seed, step)  # type: ignore[return-value]  (it acts as the Generator it makes)


def play_game(scenario: Scenario, seed: int, agents: Mapping[str, object],
              on_step: Callable[[Step], None] | None = None, strict: bool = True,
              rng_for: Callable[[int, int], np.random.Generator] = decision_rng,
              max_steps: int = 200_000) -> State:
    """Play a game to its end and return the final state.

    ``strict``: an illegal action raises IllegalActionError (as in tests and benchmarks);
    otherwise it is replaced by ending the phase, as the session does.
    """
    rng = np.random.default_rng(seed)
    state = new_game(scenario, seed, rng)
    for _ in range(max_steps):
        if state.phase == "over":
            return state
        actor = state.to_move
        agent = agents[actor]
        obs = observe(state, actor, lean=getattr(agent, "lean", False))  # what the agent reads, no more
        start = time.perf_counter()
        action = agent.decide(obs, rng_for(seed, state.step))
        seconds = time.perf_counter() - start
        try:
            new, entries = apply(state, action, rng)  # checks it first, changing nothing if it is illegal
        except IllegalActionError:
            if strict:
                raise
            action = EndPhase(actor, "has nothing more to say")
            new, entries = apply(state, action, rng)
        if on_step is not None:
            on_step(Step(obs, action, state, new, tuple(entries), seconds))
        state = new
    raise RuntimeError(f"the game did not end within {max_steps} actions")
