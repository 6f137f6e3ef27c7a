"""A fixed-seed fingerprint of the computer actors and the engine: 20 seeded games, one hash each.

    python benchmarks/fingerprint.py [--scenario FILE] [--games 20] [--seats ours] [--workers K]
                                     [--scheduler ADDRESS] [--expect HASH] [--json]

Every game is played as ``autoplay`` plays it (the computer in every seat) and hashed over its
whole action list, reasons included: any change to a decision, or to what the engine makes of
one, changes the hash of that game and the total. Run it before and after a speed-up; equal
totals prove every decision stayed the same. ``--expect`` exits 1 when the total differs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.balance.games import SEAT_MODES
from game.balance.runner import run_games
from game.balance.stats import fingerprint
from game.resources import default_scenario


def games_fingerprint(scenario: str, games: int = 20, seats: str = "ours", workers: int = 1,
                      scheduler: str | None = None) -> dict:
    """Each game's seed, ending, length and hash, and the total hash."""
    data = Path(scenario).read_bytes()
    start = time.perf_counter()
    records = run_games(data, scenario, list(range(games)), seats, workers, scheduler)
    seconds = time.perf_counter() - start
    return {"scenario": scenario, "seats": seats, "total": fingerprint(records), "seconds": round(seconds, 2),
            "games": [{"seed": r["seed"], "ending": r["ending"], "steps": r["steps"], "hash": r["hash"]}
                      for r in records]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scenario", default=str(default_scenario()))
    p.add_argument("--games", type=int, default=20)
    p.add_argument("--seats", default="ours", choices=SEAT_MODES)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--scheduler")
    p.add_argument("--expect", help="the total hash this run must give")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    result = games_fingerprint(args.scenario, args.games, args.seats, args.workers, args.scheduler)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for g in result["games"]:
            print(f"seed {g['seed']:>3}  {g['hash']}  {g['steps']:>4} actions  {g['ending']}")
        print(f"total {result['total']}  ({len(result['games'])} games, {result['seconds']} s)")
    if args.expect and args.expect != result["total"]:
        print(f"fingerprint differs: expected {args.expect}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
