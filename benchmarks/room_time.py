"""Time of reading the room: the round digest, the standing, the stakes and the dossiers, built from
the United States' observation on the last turn of a Syria game played by our computer actors.

Run from the repository root:
    python benchmarks/room_time.py [--repeat N] [--seed S] [--json]
Each figure is the median of N in-process builds (imports warm): ``digest_page_ms`` one page of the
digest (what a log refresh on the table costs), ``digest_all_ms`` every turn, ``standing_ms``,
``stakes_ms``, ``dossiers_ms`` every dossier at once (opening one), ``room_view_ms`` all of it as the
one JSON-able dictionary a browser client would get. Targets: a digest page and the standing and
stakes within 8 ms together (half a frame at 60 Hz), the dossiers within 100 ms (one click).
Exits 1 if a figure is over its target.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argparse
import json
import statistics
import time

from game.ai import make_agent
from game.ai.play import play_game
from game.core.observe import observe
from game.present.digest import digest, digest_turns
from game.present.dossier import dossiers
from game.present.room import room_view
from game.present.stakes import stakes
from game.present.standing import standing
from game.resources import default_scenario
from game.scenario.loader import load_scenario

FRAME_SHARE_MS, DOSSIER_MS = 8.0, 100.0


def last_turn_view(seed: int):
    """The scenario and the United States' observation at its last sitting of the game."""
    sc = load_scenario(default_scenario())
    seen = []
    play_game(sc, seed, {a: make_agent("ours", "normal") for a in sc.actor_ids},
              on_step=lambda s: seen.append(s.before) if s.obs.actor == "us" else None)
    return sc, observe(seen[-1], "us")  # the full observation a screen gets, not the actor's lean one


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sc, obs = last_turn_view(args.seed)
    page = set(digest_turns(obs)[:2])
    out = {
        "log_entries": len(obs.log),
        "digest_page_ms": median_ms(lambda: digest(obs, sc, "all", page), args.repeat),
        "digest_all_ms": median_ms(lambda: digest(obs, sc), args.repeat),
        "standing_ms": median_ms(lambda: standing(obs, sc), args.repeat),
        "stakes_ms": median_ms(lambda: stakes(obs, sc), args.repeat),
        "dossiers_ms": median_ms(lambda: dossiers(obs, sc), args.repeat),
        "room_view_ms": median_ms(lambda: room_view(obs, sc), args.repeat),
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:16} {v}")
    ok = (out["digest_page_ms"] + out["standing_ms"] + out["stakes_ms"] <= FRAME_SHARE_MS
          and out["dossiers_ms"] <= DOSSIER_MS)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
