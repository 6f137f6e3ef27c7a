"""Time to validate each shipped scenario in-process (read, parse, schema, cross-references, build).

Run from the repository root:
    python benchmarks/validate_time.py [--repeat N] [--json]
Prints the median and worst time per scenario; the target for the Syria scenario is 50 ms.
Exits 1 if any scenario is over the target.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import json
import statistics
import time

from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario

TARGET_MS = 50.0


def measure(path: Path, repeat: int) -> dict[str, float]:
    """Median and worst milliseconds to load and validate one scenario file."""
    load_scenario(path)  # warm imports and caches: the figure is a validation, not a start-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        load_scenario(path)
        times.append((time.perf_counter() - t0) * 1000)
    return {"median_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {p.name: measure(p, max(1, args.repeat)) for p in shipped_scenarios()}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'scenario':32} {'median ms':>10} {'max ms':>8}  target {TARGET_MS:g} ms")
        for name, r in results.items():
            print(f"{name:32} {r['median_ms']:>10.2f} {r['max_ms']:>8.2f}")
    return 0 if all(r["median_ms"] <= TARGET_MS for r in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
