"""One seeded playthrough as a small plain record, and a batch of them for one worker.

A record holds only what the balance report counts (the ending, what happened, the scores, the
indicator values by turn) and a hash of the game's action list, so that the records of a
thousand games cross a process pool or a cluster cheaply and two runs can be compared exactly.
Every game is a ``Session`` with the computer in every seat, as ``autoplay`` plays it, so the
seed of any game replays with ``python main.py autoplay FILE --seed N``.
"""

from __future__ import annotations

import gc
import hashlib
import json
import threading
from collections.abc import Sequence
from contextlib import contextmanager
from typing import Any, Literal

import numpy as np

from game.core.actions import action_to_json
from game.core.errors import ParleyError
from game.core.model import Scenario
from game.core.scoring import scores
from game.session import Seat, Session

SeatMode = Literal["ours", "random", "mixed"]
SEAT_MODES: tuple[str, ...] = ("ours", "random", "mixed")

_loaded: dict[str, Scenario] = {}  # a worker loads each scenario once: content hash -> scenario

# While a batch plays, the cyclic collector's first generation waits for this many new objects
# instead of 700: a game's objects are freed by their counts, and collecting every 700 traversed
# the young objects of each step (about 5 ms of a Syria game, under 0.5 ms so); at most this many
# objects of cyclic garbage wait, a few megabytes. The threshold is restored after the batch (after the
# last one, when batches play at once in threads of one process, as a Dask worker's do).
BATCH_GC_THRESHOLD = 50_000
_gc_lock = threading.Lock()
_gc_playing: list = [0, None]  # batches playing now in this process, and the thresholds before the first


@contextmanager
def _few_collections():
    with _gc_lock:
        if _gc_playing[0] == 0:
            _gc_playing[1] = gc.get_threshold()
            gc.set_threshold(max(_gc_playing[1][0], BATCH_GC_THRESHOLD), *_gc_playing[1][1:])
        _gc_playing[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_playing[0] -= 1
            if _gc_playing[0] == 0:
                gc.set_threshold(*_gc_playing[1])


def seat_agents(scenario: Scenario, seed: int, mode: str) -> dict[str, str]:
    """Which computer actor plays each seat in the game with this seed: ours, random, or a mix
    drawn from the seed (each seat ours or random with even odds)."""
    if mode != "mixed":
        return {a: mode for a in scenario.actor_ids}
    draws = np.random.default_rng([seed, 1013]).random(len(scenario.actors))
    return {a: ("random" if d < 0.5 else "ours") for a, d in zip(scenario.actor_ids, draws, strict=True)}


def actions_hash(actions: Sequence[Any]) -> str:
    """A short hash of an action list (every decision and its reason): equal games, equal hashes."""
    text = json.dumps([action_to_json(a) for a in actions], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def play_record(scenario: Scenario, seed: int, mode: str) -> dict[str, Any]:
    """Play one game with the computer in every seat and return what the report needs of it."""
    agents = seat_agents(scenario, seed, mode)
    seats = {a: Seat(a, "computer", "normal", agents[a]) for a in scenario.actor_ids}
    session = Session(scenario, seed, seats)
    session.run_computers(max_steps=200_000)
    state = session.state
    agreed: dict[str, int] = {}  # joint move -> turn of its first agreement away from the status quo
    variants: set[str] = set()
    for p in state.proposals:
        if p.status != "agreed":
            continue
        for move, level in p.terms:
            if level != scenario.joint_move(move).status_quo:
                variants.add(f"{move}/{level}")
                agreed[move] = min(agreed.get(move, p.turn), p.turn)
    return {
        "seed": seed,
        "seats": agents if mode == "mixed" else mode,
        "ending": state.ending,
        "turns": min(state.turn, scenario.turns),
        "steps": len(session.actions),
        "hash": actions_hash(session.actions),
        "events": sorted(k for k, n in state.happened.items() if n),
        "moves": sorted(k for k, n in state.made.items() if n),
        "variants": sorted(variants),
        "agreed": dict(sorted(agreed.items())),
        "scores": {a: round(v, 6) for a, v in scores(state).items()},
        "series": [[round(float(point[i.id]), 6) for i in scenario.indicators] for point in state.series],
    }


def scenario_from_bytes(data: bytes, filename: str) -> Scenario:
    """The scenario of a file's bytes, built once per process (workers get bytes, not paths:
    a cluster's machines need not share the author's folders)."""
    key = hashlib.sha256(data).hexdigest()
    if key not in _loaded:
        from game.scenario.loader import load_scenario_bytes

        _loaded[key] = load_scenario_bytes(data, filename)
    return _loaded[key]


def remember_bytes(data: bytes, filename: str) -> str:
    """Build the scenario of these bytes in this process (a pool forked after it inherits it) and
    return the key ``play_known`` finds it by: the hash of the bytes."""
    scenario_from_bytes(data, filename)
    return hashlib.sha256(data).hexdigest()


def play_known(key: str, filename: str, seeds: Sequence[int], mode: str) -> list[dict[str, Any]]:
    """``play_batch`` for a scenario this process already built (a fork's task: a hash, not the file)."""
    return _play(_loaded[key], filename, seeds, mode)


def play_batch(data: bytes, filename: str, seeds: Sequence[int], mode: str) -> list[dict[str, Any]]:
    """The records of the games with these seeds (what one task of a pool or cluster runs)."""
    return _play(scenario_from_bytes(data, filename), filename, seeds, mode)


def _play(scenario: Scenario, filename: str, seeds: Sequence[int], mode: str) -> list[dict[str, Any]]:
    out = []
    with _few_collections():
        for seed in seeds:
            try:
                out.append(play_record(scenario, seed, mode))
            except Exception as err:  # a game that breaks the rules or an actor: one line, with its seed
                raise ParleyError(f"{filename}: the game with seed {seed} stopped with an error "
                                  f"({type(err).__name__}: {err}); replay it with `autoplay --seed {seed}` "
                                  "to see where") from err
    return out
