"""CPU time of the computer actors' thinking in whole games, ours in every seat.

    python benchmarks/ai_time.py [--scenario FILE] [--games 5] [--level normal] [--json]

Plays seeded games in this process (after one warm-up game) and counts process time, not wall
time, so that a shared machine's load lies less: the time inside ``decide`` (the actors'
thinking) and the whole game's (thinking, rules and observations). Issue 13's balance target
needs a Syria game to take well under 0.1 s of CPU in all. The load average is printed with the
figures: under load even process time grows (the cores' caches are shared).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.ai import make_agent
from game.ai.play import play_game
from game.resources import default_scenario
from game.scenario.loader import load_scenario


class _Timed:
    """An agent whose decisions are timed in process time."""

    def __init__(self, level: str) -> None:
        self.inner = make_agent("ours", level)
        self.seconds = 0.0

    def decide(self, obs, rng):
        start = time.process_time()
        try:
            return self.inner.decide(obs, rng)
        finally:
            self.seconds += time.process_time() - start


def measure(scenario: str, games: int, level: str) -> dict:
    sc = load_scenario(Path(scenario))
    play_game(sc, 10_000, {a: make_agent("ours", level) for a in sc.actor_ids})  # warm-up
    thinking, whole = [], []
    for seed in range(games):
        agents = {a: _Timed(level) for a in sc.actor_ids}
        start = time.process_time()
        play_game(sc, seed, agents)
        whole.append(time.process_time() - start)
        thinking.append(sum(a.seconds for a in agents.values()))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"scenario": Path(scenario).name, "games": games, "level": level,
            "thinking_ms": round(1000 * statistics.median(thinking), 1),
            "game_ms": round(1000 * statistics.median(whole), 1), "load": load}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scenario", default=str(default_scenario()))
    p.add_argument("--games", type=int, default=5)
    p.add_argument("--level", default="normal", choices=("easy", "normal", "hard"))
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    r = measure(args.scenario, args.games, args.level)
    if args.json:
        print(json.dumps(r))
    else:
        load = f"{r['load']:.1f}" if r["load"] is not None else "unknown"
        print(f"{r['games']} games of {r['scenario']} ({r['level']}), median per game: the actors' thinking "
              f"{r['thinking_ms']} ms of CPU, the whole game {r['game_ms']} ms (load average {load})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
