"""Time and memory cost of rejecting hostile scenario files with ``load_yaml``.

The last cases go through the whole loader (``load_scenario_bytes``), for the problems found
after the YAML is read: a hundred misquotes of the longest source text a file may hold, each
wanting the nearest passage, and a misaligned line at the end of a long file.

Run from the repository root:
    python benchmarks/hostile_inputs.py [--repeat N] [--json] [--pure]
Exits 1 if any input is over target or is not rejected.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Runnable as a plain script from the repo root, without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable

import yaml

from game.core.errors import ScenarioError
from game.resources import shipped_scenarios
from game.scenario import safe_yaml
from game.scenario.loader import load_scenario_bytes
from game.scenario.safe_yaml import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    MAX_SCALAR_CHARS,
    load_yaml,
)

TARGET_MS = 1000.0
TARGET_MB = 50.0


def _billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def _python_tags() -> bytes:
    return b"id: x\nrun: !!python/object/apply:os.system ['echo pwned']\n"


def _wide_mapping() -> bytes:
    """Many distinct keys just under the byte cap: exercises duplicate-key bookkeeping."""
    return b"".join(b"k%d: 1\n" % i for i in range(MAX_NODES))[: MAX_BYTES - 1]


# name -> builder; builders run once, outside the timed region.
CASES: dict[str, Callable[[], bytes]] = {
    "billion laughs": _billion_laughs,
    "self-referencing alias": lambda: b"id: x\nloop: &a [*a]\n",
    "deep flow nesting (10k '[')": lambda: b"a: " + b"[" * 10_000,
    "deep flow nesting (depth cap + 1)": lambda: (
        b"a: " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    ),
    "deep block nesting": lambda: "".join(
        " " * i + f"k{i}:\n" for i in range(900)
    ).encode(),
    "file over size cap (2 MB)": lambda: b"id: x\n" + b"#" * 2 * MAX_BYTES,
    "very long line (900 kB scalar)": lambda: b"title: " + b"x" * 900_000 + b"\n",
    "long quoted scalar": lambda: (
        b'title: "' + b"x\\n" * (MAX_SCALAR_CHARS * 10) + b'"\n'
    ),
    "huge integer": lambda: b"budget: " + b"9" * (MAX_SCALAR_CHARS - 1) + b"\n",
    "200k-node flow list": lambda: b"items: [" + b"1," * 200_000 + b"]\n",
    "200k-node block list": lambda: b"items:\n" + b"- 1\n" * 200_000,
    "100k distinct keys": _wide_mapping,
    "many documents": lambda: b"a: 1\n" + b"---\na: 1\n" * 50_000,
    "tabs in indentation": lambda: b"actors:\n" + b"  - a\n" * 50_000 + b"\t- b\n",
    "unclosed quote at start": lambda: b"title: 'x\n" + b"a: b\n" * 150_000,
    "python/object/apply tag": _python_tags,
    "latin-1 near the end": lambda: b"a: b\n" * 150_000 + b"t: caf\xe9\n",
    "utf-16 with BOM": lambda: ("a: b\n" * 90_000).encode("utf-16"),
    "random binary": lambda: bytes(range(256)) * 3900,
    "bidi override at the end": lambda: b"a: b\n" * 150_000 + "x: \u202e\n".encode(),
    "1e999 after 90k floats": lambda: b"a: [" + b"1.0," * 90_000 + b"1e999]\n",
}


def _tutorial() -> str:
    return next(p for p in shipped_scenarios() if p.stem == "tutorial_river").read_text(encoding="utf-8")


def _misquotes(source_words: list[str]) -> bytes:
    """The tutorial with a source text as long as a value may be, made of the given words, and 95
    events misquoting it."""
    text = _tutorial()
    words = (source_words * (MAX_SCALAR_CHARS // len(source_words)))[:MAX_SCALAR_CHARS // 4]
    body = " ".join(" ".join(words[i:i + 12]) + "." for i in range(0, len(words), 12))
    body = body[:MAX_SCALAR_CHARS - len(text[text.index("    text: |"):text.index("calendar:")]) - 50]
    text = text.replace("      Weather forecasters expect", f"      {body}\n      Weather forecasters expect", 1)
    events = "".join(
        f"  - id: hostile_{i}\n    headline: \"Hostile {i}\"\n    turn: 1\n    quote:\n      source: courier\n"
        f"      text: \"{' '.join(words[i * 7:i * 7 + 14])} and more words that are not there {i}\"\n"
        for i in range(95))
    return text.replace("events:\n", "events:\n" + events, 1).encode()


# name -> builder, for the whole loader (schema, cross-references, expressions).
FULL_CASES: dict[str, Callable[[], bytes]] = {
    "95 misquotes of a 20k-character source": lambda: _misquotes([f"w{i}" for i in range(5000)]),
    "95 misquotes of a source of 2 words": lambda: _misquotes(["b", "a"]),
    "misaligned key after 45k lines": lambda: (
        b"a:\n" + b"".join(b"  k%d: 1\n" % i for i in range(45_000)) + b"   c: 2\n  d: 3\n"
    ),
}


def _measure(data: bytes, repeat: int, load: Callable[[bytes, str], object] = load_yaml) -> dict[str, object]:
    outcome = "ACCEPTED"
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            load(data, "hostile.yaml")
        except ScenarioError as err:
            outcome = str(err.first).removeprefix("hostile.yaml:")
        times.append((time.perf_counter() - start) * 1000)
    # A separate traced run: tracemalloc slows Python code, so it must not skew timing.
    # It sees Python allocations only, not libyaml's own C buffers.
    tracemalloc.start()
    try:
        load(data, "hostile.yaml")
    except ScenarioError:
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    worst_ms, peak_mb = max(times), peak / 1e6
    ok = outcome != "ACCEPTED" and worst_ms <= TARGET_MS and peak_mb <= TARGET_MB
    return {
        "bytes": len(data),
        "median_ms": round(statistics.median(times), 2),
        "worst_ms": round(worst_ms, 2),
        "peak_mb": round(peak_mb, 2),
        "ok": ok,
        "result": outcome,
    }


def run(repeat: int) -> dict[str, object]:
    """Measure every case and return a JSON-ready summary."""
    results = {name: _measure(build(), repeat) for name, build in CASES.items()}
    results.update({name: _measure(build(), repeat, load_scenario_bytes) for name, build in FULL_CASES.items()})
    return {
        "parser": "pure-python" if safe_yaml._LOADER is yaml.SafeLoader else "libyaml",
        "repeat": repeat,
        "targets": {"ms": TARGET_MS, "mb": TARGET_MB},
        "worst_ms": max(float(r["worst_ms"]) for r in results.values()),  # type: ignore[arg-type]
        "worst_mb": max(float(r["peak_mb"]) for r in results.values()),  # type: ignore[arg-type]
        "all_ok": all(r["ok"] for r in results.values()),
        "results": results,
    }


def _print_table(summary: dict[str, object]) -> None:
    results: dict[str, dict[str, object]] = summary["results"]  # type: ignore[assignment]
    width = max(len(name) for name in results)
    print(
        f"{'input':<{width}}  {'bytes':>9}  {'ms':>8}  {'peak MB':>7}  status  result"
    )
    for name, r in results.items():
        status = "ok" if r["ok"] else "OVER"
        line = f"{name:<{width}}  {r['bytes']:>9,}  {r['worst_ms']:>8.2f}  {r['peak_mb']:>7.2f}"
        print(f"{line}  {status:<6}  {str(r['result'])[:70]}")
    print(
        f"\nparser {summary['parser']}, worst of {summary['repeat']} runs; targets "
        f"{TARGET_MS:.0f} ms, {TARGET_MB:.0f} MB; worst {summary['worst_ms']} ms, "
        f"{summary['worst_mb']} MB"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 1 if any input is over target or accepted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per input")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--pure", action="store_true", help="use PyYAML's Python parser"
    )
    args = parser.parse_args(argv)
    if args.pure:  # what a machine without libyaml would see
        safe_yaml._LOADER = yaml.SafeLoader
    summary = run(max(1, args.repeat))
    if args.json:
        print(json.dumps(summary))
    else:
        _print_table(summary)
    return 0 if summary["all_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
