"""`parley balance`: play a scenario many times with the computer in every seat and report how it plays.

    python main.py balance FILE [--games N] [--seats ours|random|mixed] [--seed S] [--workers K]
                                [--scheduler ADDRESS] [--html OUT] [--force] [--json]

Every problem with the input (a bad file, a count out of range, an output that cannot be written
or exists already) is found before the first game is played, and said in one line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from game.balance.games import SEAT_MODES
from game.core.errors import ParleyError, ScenarioError

MAX_GAMES = 100_000
MAX_WORKERS = 256


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= MAX_GAMES:
        raise argparse.ArgumentTypeError(f"give from 1 to {MAX_GAMES:,} games (not {value})")
    return value


def _workers(text: str) -> int:
    if text == "auto":
        return 0
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number or 'auto'") from None
    if not 1 <= value <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"give from 1 to {MAX_WORKERS} workers, or 'auto' (not {value})")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= value <= 2**63 - 1 - MAX_GAMES:
        raise argparse.ArgumentTypeError("the first seed must be from 0 to 2**63 - 100001")
    return value


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``balance`` to the main parser's subcommands."""
    p = sub.add_parser("balance", help="play a scenario many times; report its endings, dead ends and scores")
    p.add_argument("file", help="the scenario file")
    p.add_argument("--games", type=_count, default=200, metavar="N", help="how many games to play (default 200)")
    p.add_argument("--seats", default="ours", choices=SEAT_MODES,
                   help="who plays every seat: our computer actors (default), random play, or a mix")
    p.add_argument("--seed", type=_seed, default=0, metavar="S", help="the first game's seed (default 0; then 1, 2, ...)")
    p.add_argument("--workers", type=_workers, default=0, metavar="K",
                   help="processes to play on (default: auto, one per core)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="play on a Dask cluster (tcp://host:8786); needs the cluster extra")
    p.add_argument("--html", metavar="OUT", help="also write the report as one HTML file with charts")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("--json", action="store_true", help="print the report's data as JSON instead of text")
    p.set_defaults(run=main_balance)


class ProgressBar:
    """A one-line progress bar on a terminal; silent when the stream is not one (a pipe, a file, a test)."""

    def __init__(self, total: int, stream: TextIO | None = None, label: str = "playing") -> None:
        self.total, self.done, self.label = total, 0, label
        self.stream = stream if stream is not None else sys.stderr
        self.shown = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = self.last = time.monotonic()

    def __call__(self, finished: int) -> None:
        self.done += finished
        now = time.monotonic()
        if self.shown and (now - self.last > 0.1 or self.done >= self.total):
            self.last = now
            frac = self.done / self.total if self.total else 1.0
            bar = "#" * int(30 * frac) + "-" * (30 - int(30 * frac))
            rate = self.done / max(now - self.start, 1e-9)
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} games, {rate:.1f}/s ")
            self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 78 + "\r")
            self.stream.flush()


def _check_output(path: str, force: bool) -> Path:
    """The output path, if it can be written: refuse a folder, an existing file without --force, a
    missing or unwritable folder, before any game is played."""
    out = Path(path)
    if out.is_dir():
        raise ParleyError(f"{out}: is a folder; give a file name for --html")
    if out.exists() and not force:
        raise ParleyError(f"{out}: already exists; give --force to replace it")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise ParleyError(f"{out}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ParleyError(f"{out}: cannot be written here (permission denied)")
    return out


def run_balance(file: str, games: int = 200, seats: str = "ours", seed: int = 0, workers: int = 1,
                scheduler: str | None = None, progress_stream: TextIO | None = None):
    """Load, play and summarise: (report data, seconds, workers used). ScenarioError or ParleyError."""
    from game.balance.games import scenario_from_bytes
    from game.balance.runner import local_cores, run_modes
    from game.balance.stats import balance_data
    from game.scenario.loader import read_scenario_file

    data = read_scenario_file(file)
    scenario = scenario_from_bytes(data, file)  # validated here, and built once for the games played here
    used = workers or min(local_cores(), games)
    seeds = list(range(seed, seed + games))
    modes = (seats,) if seats == "random" else (seats, "random")  # random play: what can be reached at all
    bar = ProgressBar(games * len(modes), progress_stream)
    start = time.perf_counter()
    try:
        played = run_modes(data, file, seeds, modes, used, scheduler, bar)
    finally:
        bar.close()
    seconds = time.perf_counter() - start
    randoms = None if seats == "random" else played["random"]
    return balance_data(scenario, file, played[seats], seats, randoms), seconds, used


def main_balance(args: argparse.Namespace) -> int:
    """Run the command; 0 on success, 1 on a bad scenario or output, 2 on a bad argument."""
    try:
        out = _check_output(args.html, args.force) if args.html else None
        data, seconds, used = run_balance(args.file, args.games, args.seats, args.seed, args.workers, args.scheduler)
    except ScenarioError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    except ParleyError as err:
        print(f"parley: {err}", file=sys.stderr)
        return 1
    if out is not None:
        from game.balance.html import balance_html
        from game.report.files import write_new

        try:
            write_new(out, balance_html(data).encode("utf-8"), True)
        except ParleyError as err:
            print(f"parley: {err}", file=sys.stderr)
            return 1
    if args.json:
        sys.stdout.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    else:
        from game.balance.text import report_text

        where = f" on the Dask cluster at {args.scheduler}" if args.scheduler else f" on {used} worker{'s' if used != 1 else ''}"
        sys.stdout.write(report_text(data, seconds, where))
        if out is not None:
            sys.stdout.write(f"The report with charts: {out}\n")
    return 0
