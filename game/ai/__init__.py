"""Computer actors: each sees an observation and returns one legal action with a reason.

    from game.ai import make_agent
    agent = make_agent("ours", "hard")
    action = agent.decide(observation, numpy_generator)

Kinds: ``ours`` (the utility model with time-dependent concession, see ``agent`` and
``negotiate``) and three baselines, ``random``, ``hardliner`` and ``conceder`` (see
``baselines``). Levels (``easy``, ``normal``, ``hard``) change what ours does: how it models
the others, how fast it gives way, whether it counters and uses levers, whether it claims its
share and sees the deadline (see ``levels``); the baselines ignore them. Agents keep no state between calls: every decision is derived from the observation, and
randomness comes only from the generator passed in. ``play.play_game`` runs a whole game.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from game.core.actions import Action
from game.core.observe import Observation

KINDS = ("ours", "random", "hardliner", "conceder")
LEVELS = ("easy", "normal", "hard")


class Agent(Protocol):
    def decide(self, obs: Observation, rng: np.random.Generator) -> Action:
        """One legal action for ``obs.actor``, given only what it may see."""
        ...


def make_agent(kind: str = "ours", level: str = "normal") -> Agent:
    """A computer actor of this kind at this difficulty level."""
    from game.ai.agent import OursAgent
    from game.ai.baselines import ConcederAgent, HardlinerAgent, RandomAgent

    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    if kind == "ours":
        return OursAgent(level)
    if kind == "random":
        return RandomAgent()
    if kind == "hardliner":
        return HardlinerAgent()
    if kind == "conceder":
        return ConcederAgent()
    raise ValueError(f"unknown kind of computer actor {kind!r}; choose one of {', '.join(KINDS)}")


__all__ = ["KINDS", "LEVELS", "Agent", "make_agent"]
