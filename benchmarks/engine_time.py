"""Engine time of a whole autoplayed game, and save/load time of a finished one.

    python benchmarks/engine_time.py [--games N] [--agent random|hardliner|conceder|ours] [--json]

Engine time counts the rules only (``apply`` plus ``observe`` for the seat to move, or the
``glance`` a random seat reads instead), not the computer actors' thinking, in CPU time
(``time.process_time``: on a shared machine, wall time counts the other programs too). Targets: a whole Syria game at most 200 ms of engine time; saving
and loading a finished game at most 50 ms each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from game import saves
from game.ai import make_agent
from game.core.observe import glance, observe
from game.core.rules import apply, new_game
from game.resources import default_scenario
from game.scenario.loader import load_scenario
from game.session import Seat, Session, decision_rng


def one_game(scenario, seed: int, agent: str) -> tuple[float, int]:
    agents = {a: make_agent(agent, "normal") for a in scenario.actor_ids}
    rng = np.random.default_rng(seed)
    engine = 0.0
    t = time.process_time()
    state = new_game(scenario, seed, rng)
    engine += time.process_time() - t
    steps = 0
    while state.phase != "over":
        actor = state.to_move
        t = time.process_time()
        # as the session does: a seat that reads only the legal actions (random play) gets a glance
        obs = glance(state, actor) if getattr(agents[actor], "glance", False) else observe(state, actor)
        engine += time.process_time() - t
        action = agents[actor].decide(obs, decision_rng(seed, state.step))
        t = time.process_time()
        state, _ = apply(state, action, rng)
        engine += time.process_time() - t
        steps += 1
    return engine, steps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=50)
    ap.add_argument("--agent", default="random")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    scenario = load_scenario(default_scenario())
    times, steps = [], []
    for seed in range(args.games):
        engine, n = one_game(scenario, seed, args.agent)
        times.append(engine)
        steps.append(n)
    session = Session(scenario, 0, {a: Seat(a, "computer", "normal", args.agent) for a in scenario.actor_ids})
    session.run_computers()
    save_ms, load_ms = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.parley.json"
        for _ in range(20):
            t = time.perf_counter()
            saves.save(session, path)
            save_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            saves.load(path, saves.find_scenario)
            load_ms.append((time.perf_counter() - t) * 1000)
    result = {
        "games": args.games,
        "agent": args.agent,
        "engine_ms_median": round(statistics.median(times) * 1000, 1),
        "engine_ms_max": round(max(times) * 1000, 1),
        "actions_per_game_median": statistics.median(steps),
        "actions_per_second": round(sum(steps) / sum(times)),
        "save_ms_median": round(statistics.median(save_ms), 1),
        "load_ms_median": round(statistics.median(load_ms), 1),
        "save_actions": len(session.actions),
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
