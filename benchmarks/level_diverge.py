"""Where one seat's level first changes a game, and what the change was worth to it.

    python benchmarks/level_diverge.py --scenario scenarios/syria_2017_07.yaml --seat syria_gov \
        [--level hard] [--against normal] [--seeds 64] [--first-seed 0] [--jobs J] [--json]

For every seed, plays the game twice, the seat at ``--level`` and at ``--against`` (every other seat
"normal"), finds the first decision where the two games differ (they are the same game until one
of the seat's decisions differs, since every decision's generator comes from the seed and the
step), and reports the seat's paired score margin grouped by that first difference: its phase and
the two actions' kinds (for two offers, whether the level's offer changes more or fewer moves).
This is the diagnosis behind the levels' design (issue 16, item 5): which of a level's differences
fires first, how often, and what it was worth over the rest of the game.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import multiprocessing
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from benchmarks.ai_quality import _scenario
from game.ai import make_agent
from game.ai.play import play_game
from game.core.actions import Propose
from game.core.scoring import scores


def _game(path: str, seed: int, seat: str, level: str):
    sc = _scenario(path)  # read once per process
    agents = {a: make_agent("ours", level if a == seat else "normal") for a in sc.actor_ids}
    steps: list = []
    state = play_game(sc, seed, agents, on_step=lambda s: steps.append((s.obs.phase, s.action)))
    return steps, scores(state)[seat], state.ending


def _kind(phase: str, a, b) -> str:
    kind = f"{phase}: {type(a).__name__} -> {type(b).__name__}"
    if isinstance(a, Propose) and isinstance(b, Propose):
        na, nb = len(a.terms), len(b.terms)
        kind += " (same size)" if na == nb else (" (fewer moves)" if nb < na else " (more moves)")
    return kind


def one(job) -> dict:
    path, seed, seat, level, against = job
    base, base_score, base_end = _game(path, seed, seat, against)
    other, other_score, other_end = _game(path, seed, seat, level)
    first = "same game"
    for (phase, a), (_, b) in zip(base, other):
        if dataclasses.replace(a, reason="") != dataclasses.replace(b, reason=""):  # the deed, not its words
            first = _kind(phase, a, b) if a.actor == seat else f"first differs in {a.actor}'s decision"
            break
    return {"seed": seed, "first": first, "margin": other_score - base_score, "endings": [base_end, other_end]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--seat", required=True)
    ap.add_argument("--level", default="hard")
    ap.add_argument("--against", default="normal")
    ap.add_argument("--seeds", type=int, default=64)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.seat not in _scenario(args.scenario).actor_ids:
        ap.error(f"no seat {args.seat!r} in {args.scenario}")
    jobs = [(args.scenario, s, args.seat, args.level, args.against)
            for s in range(args.first_seed, args.first_seed + args.seeds)]
    if args.jobs > 1:
        with multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn").Pool(args.jobs) as pool:
            rows = pool.map(one, jobs)
    else:
        rows = [one(j) for j in jobs]
    groups: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        groups[r["first"]].append(r["margin"])
    margins = np.array([r["margin"] for r in rows])
    se = float(margins.std(ddof=1) / math.sqrt(len(margins))) if len(margins) > 1 else 0.0
    out = {"seat": args.seat, "level": args.level, "against": args.against, "games": len(rows),
           "margin": round(float(margins.mean()), 2), "se": round(se, 2),
           "by_first_difference": {k: {"games": len(v), "margin": round(float(np.mean(v)), 2)}
                                   for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1]))}}
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        print(f"{args.seat} {args.level} - {args.against}: {out['margin']:+.2f} ± {out['se']:.2f} over {len(rows)} seeds")
        for k, v in out["by_first_difference"].items():
            print(f"  {v['games']:3d} games  {v['margin']:+6.2f}  {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
