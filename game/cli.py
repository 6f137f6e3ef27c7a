"""The command line: play (default), validate, schema, autoplay, tour, briefs, report, serve and
host (a class game), and the author's new and lint."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game.author.commands import add_commands, lint_problems, summary
from game.balance import cli as balance_cli
from game.core.errors import ParleyError, ScenarioError
from game.net import service as net_service
from game.present.words import plural_s
from game.report import cli as report_cli


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with one line, never a traceback
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="parley", description="Parley: a diplomatic-position simulation game.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    play = sub.add_parser("play", help="open a scenario (the default command)")
    play.add_argument("scenario", nargs="?", help="scenario file (default: the Syria July 2017 scenario)")
    tour = sub.add_parser("tour", help="play a scripted game without a display; save a PNG of every screen")
    tour.add_argument("scenario", nargs="?", help="scenario file (default: the Syria July 2017 scenario)")
    tour.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files")
    tour.add_argument("--size", default="1280x720", metavar="WxH", help="window size (default 1280x720)")
    tour.add_argument("--text", default="normal", choices=("small", "normal", "large", "larger"),
                      help="text size (default: normal)")
    val = sub.add_parser("validate", help="check scenario files; exit 0 if all are valid, 1 if any is not")
    val.add_argument("files", nargs="+", help="scenario files")
    val.add_argument("--no-lint", action="store_true", help="skip the logic checks of `lint`")
    sch = sub.add_parser("schema", help="write the JSON Schema for editors")
    sch.add_argument("-o", "--output", help="file to write (default: standard output)")
    auto = sub.add_parser("autoplay", help="play a whole game with the computer in every seat; print the transcript")
    auto.add_argument("scenario", nargs="?", help="scenario file (default: the Syria July 2017 scenario)")
    auto.add_argument("--seed", type=_seed, default=None, help="the game's seed (default 0)")
    auto.add_argument("--turns", type=_positive, default=None, help="stop after this turn")
    auto.add_argument("--save", metavar="FILE", help="save the game to FILE when it stops")
    auto.add_argument("--load", metavar="FILE", help="continue the game saved in FILE")
    auto.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    auto.add_argument("--agent", default="ours", choices=("ours", "random", "hardliner", "conceder", "mixed"),
                      help="which computer actor plays every seat (default: ours; mixed: each seat ours or "
                           "random, drawn from the seed as in `balance --seats mixed`)")
    auto.add_argument("--level", default="normal", choices=("easy", "normal", "hard"),
                      help="the computer actors' difficulty (default: normal)")
    add_commands(sub)
    balance_cli.add_parser(sub)
    report_cli.add_parsers(sub)
    net_service.add_parser(sub)
    net_service.add_window_parser(sub)
    return p


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("the seed must be from 0 to 2**63 - 1")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def cmd_validate(files: Sequence[str], lint: bool = True) -> int:
    """Print one line per problem (and lint's findings); 0 when every file is valid, 1 otherwise."""
    from game.scenario.loader import load_scenario_document

    bad = 0
    for name in files:
        notes: list = []
        try:
            sc, doc = load_scenario_document(name, notes)
        except ScenarioError as err:
            bad += 1
            for problem in err.problems:
                print(problem)
        else:
            found, errors = lint_problems(sc, doc) if lint else ([], 0)
            found = notes + found  # the loader's warnings (expressions that saturate) come first
            for problem in found:
                print(problem)
            bad += errors > 0
            warned = f"; {summary(name, found, 0).split(': ', 1)[1]}" if found and not errors else ""
            print(summary(name, found, errors) if errors else f"{name}: ok — {sc.title} ("
                  f"{plural_s(len(sc.actors), 'actor')}, {plural_s(len(sc.joint_moves), 'joint move')}, "
                  f"{plural_s(sc.turns, 'turn')}){warned}")
    return 1 if bad else 0


def cmd_schema(output: str | None) -> int:
    """Write the JSON Schema to a file or standard output."""
    from game.scenario.jsonschema import scenario_json_schema_text

    text = scenario_json_schema_text()
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as err:
        print(f"{output}: cannot write: {err.strerror or err}", file=sys.stderr)
        return 1
    return 0


def cmd_play(scenario: str | None) -> int:
    """Open the game window: the title screen, or the setup of the scenario file given."""
    if scenario is not None:
        from game.scenario.loader import load_scenario

        try:
            load_scenario(scenario)
        except ScenarioError as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            return 1
    from game.ui import run

    return run(scenario)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python main.py` and the `parley` command."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        if hasattr(args, "run"):  # commands that live in their own packages
            return int(args.run(args))
        if args.command == "validate":
            return cmd_validate(args.files, lint=not args.no_lint)
        if args.command == "schema":
            return cmd_schema(args.output)
        if args.command == "autoplay":
            from game.autoplay import main_autoplay

            if args.load and args.scenario:
                print("parley: give a scenario or --load, not both", file=sys.stderr)
                return 2
            return main_autoplay(args)
        if args.command in ("briefs", "report"):
            return report_cli.run(args)
        if args.command == "tour":
            from game.ui.tour import main_tour

            return main_tour(args.out, args.scenario, args.size, args.text)
        return cmd_play(getattr(args, "scenario", None))
    except ParleyError as err:
        print(f"parley: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `parley autoplay | head`: the reader has gone, which is no error of ours
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's final flush meets no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
