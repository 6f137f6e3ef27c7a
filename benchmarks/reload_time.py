"""Live reload time: from saving the scenario file to the game replayed on the new version.

    python benchmarks/reload_time.py [--scenario FILE] [--actions 200] [--repeat 5] [--json]

A game of the scenario is played (the computer in every seat) to the given number of actions; then
a copy of the file is saved (an edit of one label) as an editor saves it, by renaming a new file over
the old one. Measured: the watcher noticing the save (``game.watch``), and reading, validating and
replaying the game on the new version (``game.reload``). Target (issue 13): within a second.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.reload import reload_file
from game.resources import default_scenario
from game.scenario.loader import load_scenario
from game.session import Seat, Session
from game.watch import FileWatcher


def measure(scenario: str, actions: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(scenario).name
        text = Path(scenario).read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
        sc = load_scenario(path)
        session = Session(sc, 1, {a: Seat(a, "computer", "normal", "random") for a in sc.actor_ids})
        while session.step < actions and not session.over:
            session.step_computer()
        watcher = FileWatcher(path)
        watcher.ready.wait(5)
        notice, replay = [], []
        for i in range(repeat):
            temp = path.with_name(f".{path.name}.new")
            temp.write_text(text + f"\n# edit {i}\n", encoding="utf-8")
            start = time.perf_counter()
            os.replace(temp, path)
            while not watcher.changed():
                if time.perf_counter() - start > 5:
                    raise SystemExit("the watcher did not notice the save within 5 s")
                time.sleep(0.002)
            noticed = time.perf_counter()
            result = reload_file(session, path)
            done = time.perf_counter()
            assert result.complete, result
            notice.append(noticed - start)
            replay.append(done - noticed)
        watcher.stop()
    total = [a + b for a, b in zip(notice, replay, strict=True)]
    return {"scenario": Path(scenario).name, "actions": session.step, "repeat": repeat,
            "notice_ms_median": round(1000 * statistics.median(notice), 1),
            "replay_ms_median": round(1000 * statistics.median(replay), 1),
            "total_ms_median": round(1000 * statistics.median(total), 1), "total_ms_max": round(1000 * max(total), 1),
            "load_average": round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scenario", default=str(default_scenario()))
    p.add_argument("--actions", type=int, default=200)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    r = measure(args.scenario, args.actions, args.repeat)
    if args.json:
        print(json.dumps(r, indent=1))
    else:
        print(f"{r['scenario']}, {r['actions']} actions in: the save noticed in {r['notice_ms_median']} ms, "
              f"validated and replayed in {r['replay_ms_median']} ms; in all {r['total_ms_median']} ms "
              f"(median of {r['repeat']}; max {r['total_ms_max']} ms; load average {r['load_average']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
