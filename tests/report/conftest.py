"""Finished games to report on, made once per test session."""

from __future__ import annotations

import pytest

from game import saves
from game.resources import default_scenario, shipped_scenarios
from game.session import Seat, Session
from tests.helpers import shipped


def play(name: str, seed: int, turns: int | None = None) -> Session:
    """A game with our computer actors in every seat, to its end (or to the end of a turn)."""
    sc = shipped(name)
    session = Session(sc, seed, {a: Seat(a, "computer") for a in sc.actor_ids})
    while not session.over and (turns is None or session.turn <= turns):
        session.step_computer()
    return session


@pytest.fixture(scope="session")
def saved(tmp_path_factory):
    """Save files: two finished Syria games, one stopped after turn 2, and a finished tutorial."""
    folder = tmp_path_factory.mktemp("saves")
    files = {}
    tutorial = next(p for p in shipped_scenarios() if p.stem == "tutorial_river")
    for key, name, seed, turns, path in (("syria_a", "syria_2017_07", 1, None, default_scenario()),
                                         ("syria_b", "syria_2017_07", 2, None, default_scenario()),
                                         ("syria_part", "syria_2017_07", 5, 2, default_scenario()),
                                         ("river", "tutorial_river", 1, None, tutorial)):
        session = play(name, seed, turns)
        files[key] = folder / f"{key}.parley.json"
        saves.save(session, files[key], str(path))
    return files
