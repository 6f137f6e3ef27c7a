"""Shared test helpers: a seeded stand-in computer actor and loading shipped scenarios once."""

from __future__ import annotations

import functools

from game.core.actions import EndPhase
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario


class RandomStandIn:
    """Picks a legal action at random with the generator it is given, ending phases often."""

    def decide(self, obs, rng):
        if rng.random() < 0.5:
            return EndPhase(obs.actor)
        return obs.legal[int(rng.integers(len(obs.legal)))]


def stand_in(seat):
    return RandomStandIn()


@functools.cache
def shipped(name: str = "syria_2017_07"):
    for path in shipped_scenarios():
        if path.stem == name:
            return load_scenario(path)
    raise KeyError(name)


def find_shipped(ref):
    """A save's scenario among the shipped ones, by id (``game.saves.ScenarioFinder``)."""
    try:
        return shipped(ref.id), None
    except KeyError:
        return None
