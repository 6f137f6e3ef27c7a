"""A level's paired margins per seat for a variant of its ``Style``, with the other levels' games cached.

    python benchmarks/level_variants.py --scenario scenarios/syria_2017_07.yaml --level hard \
        [--set '{"claim": 1.0}'] [--seeds 96] [--first-seed 0] [--cache DIR] [--json]

Plays, for every seed and seat, the game with that seat at ``--level`` (its ``Style`` changed by the
fields of ``--set``, a JSON object) and every other seat "normal", and reports the paired margin
± standard error of the seat's score against the all-normal game (``hard``: level − normal;
``easy``: normal − level), as ``ai_quality --difficulty-only`` does, and against the other level
(``hard``: hard − easy). Games of the levels as shipped are cached in ``--cache`` by scenario, seed,
seat, level and the ``Style`` fields, so that trying a variant costs only its own games. The games
run in this process, one after another (the machine is shared).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from benchmarks.ai_quality import _paired, _scenario
from game.ai import make_agent, negotiate
from game.ai.play import play_game
from game.core.scoring import scores


def _key(path: str, style) -> str:
    """The cache's key for a style: its fields, those left at their defaults included only if they
    existed before the default knobs were added (so adding a knob keeps the cache)."""
    fields = None
    if style is not None:
        fields = {f.name: getattr(style, f.name) for f in dataclasses.fields(style)
                  if f.name in OLD_FIELDS or getattr(style, f.name) != f.default}
    text = json.dumps([path, fields], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# the Style's fields when this tool was written: a knob added later counts only when set
OLD_FIELDS = ("level", "accept_tau", "propose_tau", "move_tau", "pace", "claim", "levers", "deadline", "holds",
              "counters", "packages")


def _score(path: str, seed: int, seat: str | None, level: str, cache: dict) -> float | dict:
    """The seat's score with the seat at ``level`` (the current ``negotiate.STYLES``), every other seat
    normal; ``seat`` None: every seat's score in the all-normal game."""
    style = negotiate.STYLES[level] if seat is not None else None
    key = f"{_key(path, style)}:{seed}:{seat}:{level}"
    if key not in cache:
        sc = _scenario(path)
        agents = {a: make_agent("ours", level if a == seat else "normal") for a in sc.actor_ids}
        got = scores(play_game(sc, seed, agents))
        cache[key] = got if seat is None else got[seat]
    return cache[key]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="scenarios/syria_2017_07.yaml")
    ap.add_argument("--level", choices=("easy", "hard"), default="hard")
    ap.add_argument("--set", default="{}", help="JSON object: Style fields to change for --level")
    ap.add_argument("--seeds", type=int, default=96)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "level_variants"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    path = args.scenario
    cache_file = Path(args.cache) / (hashlib.sha256(path.encode()).hexdigest()[:12] + ".json")
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    shipped = dict(negotiate.STYLES)
    other = "easy" if args.level == "hard" else "hard"
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    seats = _scenario(path).actor_ids
    try:
        normal = [_score(path, s, None, "normal", cache) for s in seeds]
        base = {seat: np.array([_score(path, s, seat, other, cache) for s in seeds]) for seat in seats}
        negotiate.STYLES[args.level] = dataclasses.replace(shipped[args.level], **json.loads(args.set))
        out = {}
        for seat in seats:
            at = np.array([_score(path, s, seat, args.level, cache) for s in seeds])
            norm = np.array([n[seat] for n in normal])
            if args.level == "hard":
                out[seat] = {"hard-normal": _paired(at, norm), "normal-easy": _paired(norm, base[seat])}
            else:
                out[seat] = {"hard-normal": _paired(base[seat], norm), "normal-easy": _paired(norm, at)}
    finally:
        negotiate.STYLES.update(shipped)
        cache_file.write_text(json.dumps(cache))
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        for seat, row in out.items():
            print(f"{seat:>12}: " + ", ".join(f"{k} {v['margin']:+.2f}±{v['se']:.2f}" for k, v in row.items()))
        wins = {k: sum(row[k]["margin"] > row[k]["se"] for row in out.values()) for k in ("hard-normal", "normal-easy")}
        print(f"seats above one SE: {wins} ({args.seeds} seeds from {args.first_seed}; {args.level} set {args.set})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
