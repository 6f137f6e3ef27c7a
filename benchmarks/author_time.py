"""Time of the author's tools: `lint` on the Syria scenario, `new --from-article` on its article.

Run from the repository root:
    python benchmarks/author_time.py [--repeat N] [--json]
`lint` is timed in-process (read, validate, build and lint the file; median of N, imports warm);
`new --from-article` as the command an author runs, start-up included (median of 5 runs of
`python main.py new`). Targets: lint <= 100 ms, new <= 2 s. Exits 1 if a figure is over its target.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argparse
import json
import statistics
import subprocess
import tempfile
import time

from game.author.lint import lint
from game.scenario.loader import load_scenario_document

SYRIA = ROOT / "scenarios" / "syria_2017_07.yaml"
ARTICLE = ROOT / "docs" / "examples" / "the_hill_2017_07_05.txt"
LINT_TARGET_MS, NEW_TARGET_S = 100.0, 2.0


def lint_ms(repeat: int) -> tuple[float, float]:
    """Median and worst milliseconds to load and lint the Syria scenario."""
    times = []
    for _ in range(repeat + 1):
        t0 = time.perf_counter()
        sc, _ = load_scenario_document(SYRIA)
        lint(sc)
        times.append((time.perf_counter() - t0) * 1000)
    times = times[1:]  # the first run warms imports
    return statistics.median(times), max(times)


def new_s(runs: int = 5) -> tuple[float, float]:
    """Median and worst seconds of `python main.py new --from-article` on the Syria article."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "main.py"), "new", str(Path(tmp) / f"d{i}.yaml"),
                            "--from-article", str(ARTICLE), "--date", "2017-07-05"], check=True,
                           capture_output=True)
            times.append(time.perf_counter() - t0)
    return statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    lint_med, lint_max = lint_ms(args.repeat)
    new_med, new_max = new_s()
    result = {"lint_syria_median_ms": round(lint_med, 2), "lint_syria_max_ms": round(lint_max, 2),
              "new_from_article_median_s": round(new_med, 3), "new_from_article_max_s": round(new_max, 3)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"lint on Syria: median {lint_med:.1f} ms, worst {lint_max:.1f} ms (target {LINT_TARGET_MS:g} ms)")
        print(f"new --from-article on the Syria article: median {new_med:.2f} s, worst {new_max:.2f} s "
              f"(target {NEW_TARGET_S:g} s)")
    return 0 if lint_med <= LINT_TARGET_MS and new_med <= NEW_TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
