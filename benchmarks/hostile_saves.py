"""Time and memory cost of refusing hostile save files, and of the title screen when one is newest.

Run from the repository root:
    python benchmarks/hostile_saves.py [--repeat N] [--json] [--no-title]
For each input: loading it (``saves.load``, as Continue or ``--load`` do) and reading its
summary (``saves.summary``, as the title's Continue card does), worst time of N runs and peak
Python memory (tracemalloc, a separate run). ``title_ms``: building the title screen (headless)
with the worst input as the newest save. Exits 1 if an input is accepted or over target.
The inputs are built from bytes alone, so the script also measures older versions of the game.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import json
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable

TARGET_MS = 250.0
TARGET_MB = 50.0
TARGET_TITLE_MS = 500.0
SIZE = 20_000_000

_V3_HEAD = b'{"format": "parley-save", "version": 3, "checksum": "' + b"0" * 64 + b'",\n'


def _empty_lists_v2() -> bytes:
    """The file of the report: 20 MB of empty lists in a format-2 save (checksum over the parse)."""
    head = b'{"format": "parley-save", "version": 2, "checksum": "' + b"0" * 64 + b'", "actions": ['
    n = (SIZE - len(head) - 3) // 3
    return head + b"[]," * n + b"[]]}"


def _empty_lists_v3() -> bytes:
    """The same in the format-3 layout, with a checksum that does not match."""
    body = b' "actions": [\n'
    n = (SIZE - len(_V3_HEAD) - len(body) - 10) // 3
    return _V3_HEAD + body + b"[]," * n + b"[]\n ]\n}\n"


def _most_lists_v2() -> bytes:
    """The most empty lists a format-2 save may hold (300,000): parsed, then refused by its checksum."""
    return b'{"format": "parley-save", "version": 2, "checksum": "' + b"0" * 64 + b'", "actions": [' + \
        b"[]," * 299_990 + b"[]]}"


def _forged_v3() -> bytes:
    """A format-3 save of 300,000 empty lists whose checksum was recomputed: parsed, then refused."""
    import hashlib

    body = b' "seed": 1,\n "actions": [\n' + b"  [],\n" * 299_990 + b"  []\n ]\n}\n"
    data = _V3_HEAD + body
    at = len(_V3_HEAD) - 67
    return data[:at] + hashlib.sha256(data).hexdigest().encode() + data[at + 64:]


def _deep() -> bytes:
    return b'{"format": "parley-save", "version": 2, "actions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def _long_string() -> bytes:
    return b'{"format": "parley-save", "version": 2, "summary": {"title": "' + b"x" * (SIZE - 100) + b'"}}'


def _over_cap() -> bytes:
    return b" " * (SIZE + 1)


CASES: dict[str, Callable[[], bytes]] = {
    "20 MB of empty lists (format 2)": _empty_lists_v2,
    "20 MB of empty lists (format 3, bad checksum)": _empty_lists_v3,
    "20 MB title string (format 2)": _long_string,
    "300k empty lists (format 2)": _most_lists_v2,
    "300k empty lists, checksum forged (format 3)": _forged_v3,
    "100k-deep nesting": _deep,
    "over the size cap (20 MB + 1 byte)": _over_cap,
}


def _clear_cache(saves) -> None:
    cache = getattr(saves, "_summaries", None)
    if cache is not None:
        cache.clear()


def _load(saves, path: Path) -> str:
    from game.core.errors import ParleyError

    try:
        saves.load(path, saves.find_scenario)
    except ParleyError as err:
        return str(err).replace(str(path), "FILE")[:90]
    return "ACCEPTED"


def _summary(saves, path: Path) -> str:
    _clear_cache(saves)
    return "ACCEPTED" if saves.summary(path) is not None else "refused"


def _measure(call: Callable[[], str], repeat: int) -> dict[str, object]:
    times, outcome = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        outcome = call()
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    worst, mb = max(times), peak / 1e6
    return {"median_ms": round(statistics.median(times), 1), "worst_ms": round(worst, 1), "peak_mb": round(mb, 1),
            "result": outcome, "ok": outcome != "ACCEPTED" and worst <= TARGET_MS and mb <= TARGET_MB}


def measure_title(path_bytes: bytes, home: Path) -> float:
    """Milliseconds to build and draw the title screen with this file as the newest save (median of 3)."""
    os.environ["PARLEY_HOME"] = str(home)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game import paths, saves
    from game.ui.app import App

    folder = paths.saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "newest.parley.json").write_bytes(path_bytes)
    app = App(fps=0, save_settings=False)
    app.push(app.scene("title"))  # warm: fonts, theme, the scenario cards
    app.frame()
    times = []
    for _ in range(3):
        _clear_cache(saves)
        start = time.perf_counter()
        app.reset(app.scene("title"))
        app.frame()
        times.append((time.perf_counter() - start) * 1000)
    app.stack.clear()
    return round(statistics.median(times), 1)


def run(repeat: int, title: bool) -> dict[str, object]:
    from game import saves

    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="parley-hostile-saves-") as tmp:
        for name, build in CASES.items():
            path = Path(tmp) / "hostile.parley.json"
            data = build()
            path.write_bytes(data)
            del data
            results[name] = {"bytes": path.stat().st_size,
                             "load": _measure(lambda p=path: _load(saves, p), repeat),
                             "summary": _measure(lambda p=path: _summary(saves, p), repeat)}
        title_ms = measure_title(_empty_lists_v2(), Path(tmp) / "home") if title else None
    worst_ms = max(float(r[k]["worst_ms"]) for r in results.values() for k in ("load", "summary"))
    worst_mb = max(float(r[k]["peak_mb"]) for r in results.values() for k in ("load", "summary"))
    ok = all(r[k]["ok"] for r in results.values() for k in ("load", "summary"))
    if title_ms is not None:
        ok = ok and title_ms <= TARGET_TITLE_MS
    return {"repeat": repeat, "targets": {"ms": TARGET_MS, "mb": TARGET_MB, "title_ms": TARGET_TITLE_MS},
            "worst_ms": worst_ms, "worst_mb": worst_mb, "title_ms": title_ms, "all_ok": ok, "results": results}


def _print(summary: dict) -> None:
    width = max(len(n) for n in summary["results"])
    print(f"{'input':<{width}}  {'load ms':>8}  {'MB':>6}  {'card ms':>8}  {'MB':>6}  result")
    for name, r in summary["results"].items():
        load, card = r["load"], r["summary"]
        print(f"{name:<{width}}  {load['worst_ms']:>8.1f}  {load['peak_mb']:>6.1f}  {card['worst_ms']:>8.1f}  "
              f"{card['peak_mb']:>6.1f}  {load['result']}")
    if summary["title_ms"] is not None:
        print(f"\ntitle screen with the 20 MB format-2 file as the newest save: {summary['title_ms']} ms")
    print(f"worst {summary['worst_ms']} ms, {summary['worst_mb']} MB (targets {TARGET_MS:g} ms, {TARGET_MB:g} MB, "
          f"title {TARGET_TITLE_MS:g} ms)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per input")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-title", action="store_true", help="skip the title-screen figure (needs pygame)")
    args = parser.parse_args(argv)
    summary = run(max(1, args.repeat), not args.no_title)
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        _print(summary)
    return 0 if summary["all_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
