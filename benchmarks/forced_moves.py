"""Would a unilateral move ours rarely makes have paid? The ``forced_moves`` check on its own.

    python benchmarks/forced_moves.py [--scenario FILE] [--games 48] [--first-seed 0]
                                      [--only MOVE/SEAT,...] [--jobs 2] [--json]

For every unilateral move and every seat that may make it, plays the same seeds twice with ours
("normal") in every seat: once as it is, once with that seat made to make the move at its first
chance (``ai_quality.Forced``), and prints the paired margin of the mover's score (mean and
standard error). A move whose margin is clearly above its standard error, on a fresh seed range
too, is one ours wrongly ignores (issue 16). With 13 moves and seats, one or two margins above one
standard error are expected by chance on any one range: check them again with ``--first-seed``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.ai_quality import _run, _scenario, forced_jobs, forced_margins, forced_pairs


def measure(path: str, seeds: range, only: set[str] | None, jobs: int) -> dict:
    forced = [(move, seat) for move, seat in forced_pairs(_scenario(path))
              if only is None or f"{move}/{seat}" in only]
    work = [(path, s, (), False, "normal") for s in seeds] + forced_jobs(path, forced, seeds)
    if jobs > 1:
        with Pool(jobs) as pool:
            res = dict(pool.imap_unordered(_run, work, chunksize=4))
    else:
        res = dict(map(_run, work))
    return forced_margins(forced, seeds, lambda seat, s, kinds: res[(path, s, kinds, False, "normal")]["scores"][seat])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scenario", default="scenarios/syria_2017_07.yaml")
    ap.add_argument("--games", type=int, default=48)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--only", default=None, help="comma-separated MOVE/SEAT pairs")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.games < 2:
        ap.error("--games must be at least 2 (a standard error needs two paired games)")
    only = set(args.only.split(",")) if args.only else None
    seeds = range(args.first_seed, args.first_seed + args.games)
    out = measure(args.scenario, seeds, only, args.jobs)
    if args.json:
        print(json.dumps({"forced_moves": out, "seeds": [seeds.start, seeds.stop - 1]}, indent=1))
        return 0
    print(f"forced moves, seeds {seeds.start}-{seeds.stop - 1}: mover's paired margin (mean ± se)")
    for move, by_seat in out.items():
        for seat, m in by_seat.items():
            flag = "  <- above its standard error" if m["margin"] > m["se"] > 0 else ""
            print(f"  {move:>28} / {seat:<10} {m['margin']:+6.2f} ± {m['se']:.2f}{flag}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
