"""Games per second of `parley balance`, start-up included: the whole command from a fresh interpreter.

    python benchmarks/balance_time.py [--scenario FILE] [--games 40] [--workers 2] [--seats ours] [--json]

The command plays the games asked for and as many with random play in every seat (to tell the author
whether what is never reached can be reached at all), so the figure counts both, as an author waits
for both. Target (issue 13): at least 20 Syria games per second on 2 cores, aim 50. The load average
is printed with the figure: on a shared machine the figure is a lower bound.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.resources import default_scenario


def measure(scenario: str, games: int, workers: int, seats: str) -> dict:
    cmd = [sys.executable, str(ROOT / "main.py"), "balance", scenario, "--games", str(games),
           "--workers", str(workers), "--seats", seats, "--json"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"balance failed: {done.stderr.strip()}")
    report = json.loads(done.stdout)
    return {"scenario": Path(scenario).name, "games": games, "workers": workers, "seats": seats,
            "seconds": round(seconds, 2), "games_per_second": round(games / seconds, 2),
            "random_games_too": report["random_games"] if seats != "random" else 0,
            "load_average": round(load, 1) if load is not None else None, "command": " ".join(cmd[1:])}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scenario", default=str(default_scenario()))
    p.add_argument("--games", type=int, default=40)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seats", default="ours", choices=("ours", "random", "mixed"))
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    result = measure(args.scenario, args.games, args.workers, args.seats)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{result['games']} games of {result['scenario']} ({result['seats']} seats, plus "
              f"{result['random_games_too']} random-play games) on {result['workers']} workers: "
              f"{result['seconds']} s, {result['games_per_second']} games/s "
              f"(load average {result['load_average']}; target ≥ 20 games/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
