"""`parley briefs` and `parley report`: their arguments and what they print.

    python main.py briefs SCENARIO -o DIR [--force] [--json]
    python main.py report SAVE... -o report.html [--force] [--json]

Exit 0 when the files are written, 1 with a one-line message on standard error otherwise
(a damaged save, saves of different scenarios, a folder that cannot be written, an existing
file without --force). This module imports nothing heavy: the parser is built at every start.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parsers(sub) -> None:
    """Add the two subcommands to the main parser's subparsers."""
    briefs = sub.add_parser("briefs", help="write printable role briefs (HTML) and a background sheet")
    briefs.add_argument("scenario", help="scenario file, or the id of a shipped scenario")
    briefs.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the pages (made if missing)")
    briefs.add_argument("--force", action="store_true", help="replace pages already in the folder")
    briefs.add_argument("--json", action="store_true", help="write the briefs' data as briefs.json instead")
    report = sub.add_parser("report", help="write the debrief report of saved games (one HTML file)")
    report.add_argument("saves", nargs="+", metavar="SAVE", help="save files of one scenario (several: compared)")
    report.add_argument("-o", "--output", metavar="FILE",
                        help="file to write (required for HTML; with --json, default: standard output)")
    report.add_argument("--force", action="store_true", help="replace the file if it exists")
    report.add_argument("--json", action="store_true", help="write the report's data as JSON instead of HTML")


def _scenario_path(name: str) -> Path:
    path = Path(name)
    if path.exists():
        return path
    from game.resources import shipped_scenarios

    for shipped in shipped_scenarios():
        if shipped.stem == name:
            return shipped
    return path  # the loader says it does not exist


def run(args: argparse.Namespace) -> int:
    """Run `briefs` or `report`; ParleyError propagates to the caller's one-line handler."""
    from game.report import files

    if args.command == "briefs":
        from game.core.errors import ScenarioError
        from game.scenario.loader import load_scenario

        try:
            scenario = load_scenario(_scenario_path(args.scenario))
        except ScenarioError as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            return 1
        written = files.write_briefs(scenario, args.output, args.force, args.json)
        print(f"{len(written)} files in {Path(args.output)}: open all.html in a browser to print every page")
        return 0
    if args.output is None and not args.json:
        print("parley report: give -o FILE for the HTML report (or --json for its data)", file=sys.stderr)
        return 2
    games = files.load_games(args.saves)
    if args.output is None:
        sys.stdout.buffer.write(files.report_bytes(games, as_json=True))
        return 0
    path = files.write_report(games, args.output, args.force, args.json)
    print(f"{path}: the report of {len(games)} game{'s' if len(games) != 1 else ''}")
    return 0
