"""CPU time of the computer actors' thinking in whole games, ours in every seat.

    python benchmarks/ai_time.py [--scenario FILE] [--games 5] [--level normal] [--repeat 1] [--json]

Plays seeded games in this process (after one warm-up game) and counts process time, not wall
time, so that a shared machine's load lies less: the time inside ``decide`` (the actors'
thinking) and the whole game's (thinking, rules and observations). Issue 13's balance target
needs a Syria game to take well under 0.1 s of CPU in all. The load average is printed with the
figures: under load even process time grows (the cores' caches are shared). ``--repeat N`` plays
each seed N times, with everything the actors remember forgotten before each game, and keeps the
fastest of each seed: on a shared machine, the figure to compare two versions by, back to back.
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
from game.ai.fast import forget
from game.ai.play import play_game
from game.resources import default_scenario
from game.scenario.loader import load_scenario


class _Timed:
    """An agent whose decisions are timed in process time."""

    def __init__(self, level: str) -> None:
        self.inner = make_agent("ours", level)
        self.lean = getattr(self.inner, "lean", False)  # it gets the observation the actor itself gets
        self.seconds = 0.0

    def decide(self, obs, rng):
        start = time.process_time()
        try:
            return self.inner.decide(obs, rng)
        finally:
            self.seconds += time.process_time() - start


def measure(scenario: str, games: int, level: str, repeat: int = 1) -> dict:
    sc = load_scenario(Path(scenario))
    play_game(sc, 10_000, {a: make_agent("ours", level) for a in sc.actor_ids})  # warm-up
    thinking, whole = [], []
    for seed in range(games):
        best_thinking = best_whole = float("inf")
        for _ in range(repeat):
            if repeat > 1:
                forget()  # each repetition as the first: no moment remembered from the one before
            agents = {a: _Timed(level) for a in sc.actor_ids}
            start = time.process_time()
            play_game(sc, seed, agents)
            best_whole = min(best_whole, time.process_time() - start)
            best_thinking = min(best_thinking, sum(a.seconds for a in agents.values()))
        whole.append(best_whole)
        thinking.append(best_thinking)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"scenario": Path(scenario).name, "games": games, "level": level, "repeat": repeat,
            "thinking_ms": round(1000 * statistics.median(thinking), 1),
            "game_ms": round(1000 * statistics.median(whole), 1), "load": load}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scenario", default=str(default_scenario()))
    p.add_argument("--games", type=int, default=5)
    p.add_argument("--level", default="normal", choices=("easy", "normal", "hard"))
    p.add_argument("--repeat", type=int, default=1, help="plays of each seed, the fastest kept")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    r = measure(args.scenario, args.games, args.level, max(1, args.repeat))
    if args.json:
        print(json.dumps(r))
    else:
        load = f"{r['load']:.1f}" if r["load"] is not None else "unknown"
        fastest = f", the fastest of {r['repeat']} plays of each seed" if r["repeat"] > 1 else ""
        print(f"{r['games']} games of {r['scenario']} ({r['level']}{fastest}), median per game: the actors' thinking "
              f"{r['thinking_ms']} ms of CPU, the whole game {r['game_ms']} ms (load average {load})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
