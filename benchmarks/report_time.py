"""Time and size of debrief reports: one finished Syria game, and ten compared.

Run from the repository root:
    python benchmarks/report_time.py [--repeat N] [--json]
Plays ten Syria games with our computer actors in every seat (seeds 1-10), saves them, then
times what `parley report` does in-process (read and replay the saves, build the data, render the
page, write the file; imports warmed first), and the whole command from a fresh interpreter.
Targets: one game <= 1 s, ten compared <= 3 s, the file of one game <= 500 KB. Exits 1 if any is missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import json
import statistics
import subprocess
import tempfile
import time

from game import saves
from game.report import files
from game.resources import default_scenario
from game.scenario.loader import load_scenario
from game.session import Seat, Session

TARGETS = {"one_s": 1.0, "ten_s": 3.0, "one_kb": 500.0}
ROOT = Path(__file__).resolve().parent.parent


def play(seed: int, folder: Path) -> Path:
    """A finished Syria game with our computer actors in every seat, saved."""
    sc = load_scenario(default_scenario())
    session = Session(sc, seed, {a: Seat(a, "computer") for a in sc.actor_ids})
    session.run_computers()
    path = folder / f"syria-{seed}{saves.SUFFIX}"
    saves.save(session, path, str(default_scenario()))
    return path


def timed(paths: list[Path], out: Path, repeat: int) -> float:
    """Median seconds to make the report of the saves, as the command does it."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        files.write_report(files.load_games(paths), out, force=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def command(paths: list[Path], out: Path) -> float:
    """Seconds of the whole `python main.py report ...` command, interpreter start included."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "report", *map(str, paths), "-o", str(out), "--force"],
                   check=True, capture_output=True, timeout=300)
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        games = [play(seed, folder) for seed in range(1, 11)]
        one, ten = folder / "one.html", folder / "ten.html"
        timed(games[:1], one, 1)  # warm the imports and the template cache
        results = {
            "actions_in_game_1": len(saves.read_document(games[0])["actions"]),
            "one_s": round(timed(games[:1], one, args.repeat), 3),
            "ten_s": round(timed(games, ten, max(1, args.repeat // 2)), 3),
            "one_kb": round(one.stat().st_size / 1000, 1),
            "ten_kb": round(ten.stat().st_size / 1000, 1),
            "one_command_s": round(command(games[:1], one), 3),
            "ten_command_s": round(command(games, ten), 3),
        }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            target = TARGETS.get(key)
            print(f"{key:20} {value:>10}" + (f"   target <= {target:g}" if target else ""))
    return 0 if all(results[k] <= v for k, v in TARGETS.items()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
