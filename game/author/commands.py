"""The author's commands, ``new`` and ``lint``, registered on the main command line by ``add_commands``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.core.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from game.core import model as m
    from game.scenario.safe_yaml import Document


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``new`` and ``lint`` to the main parser's subcommands; each sets ``run``."""
    new = sub.add_parser("new", help="write a starter scenario, or a draft from a news article")
    new.add_argument("file", help="the scenario file to write (it must not exist, unless --force)")
    new.add_argument("--from-article", metavar="ARTICLE", help="a plain-text news article to draft from")
    new.add_argument("--title", help="the scenario's title (default: the article's headline)")
    new.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the article's date (default: a date written in the article, else today)",
    )
    new.add_argument("--outlet", help="who published the article (default: TODO)")
    new.add_argument("--url", help="the article's web address, if any")
    new.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    new.set_defaults(run=lambda a: _new(a))
    lint = sub.add_parser(
        "lint", help="find dead ends in scenario files: endings never reached, moves never made, ..."
    )
    lint.add_argument("files", nargs="+", help="scenario files")
    lint.set_defaults(run=lambda a: cmd_lint(a.files))


def _new(args: argparse.Namespace) -> int:
    from game.author.new import cmd_new

    return cmd_new(args)


def lint_problems(sc: m.Scenario, doc: Document) -> tuple[list[Problem], int]:
    """The located findings of a valid scenario, in file order, and how many are errors."""
    from game.author.lint import lint

    findings = lint(sc)
    located = sorted((f.problem(doc) for f in findings), key=lambda p: (p.line, p.column))
    return located, sum(f.level == "error" for f in findings)


def advice_text(sc: m.Scenario, doc: Document) -> str:
    """Lint's findings as plain words for the game window (all shown as warnings), or '' if none."""
    from game.author.lint import lint

    found = sorted(lint(sc), key=lambda f: doc.locate(f.loc))
    if not found:
        return ""
    head = f"Parley's checks found {len(found)} thing{'s' if len(found) != 1 else ''} in this file that may not play"
    lines = [head + " as you meant. You can still play it; to fix them, edit the file and open it again.", ""]
    for f in found:
        line, _ = doc.locate(f.loc)
        lines.append(f"• Line {line}: {f.message[:1].upper()}{f.message[1:]}.")
    return "\n".join(lines)


def summary(name: str, found: Sequence[Problem], errors: int) -> str:
    """'FILE: 1 error, 2 warnings' for the line after a file's findings."""
    warnings = len(found) - errors
    parts = [
        f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((errors, "error"), (warnings, "warning")) if n
    ]
    return f"{name}: lint found {', '.join(parts)}"


def cmd_lint(files: Sequence[str]) -> int:
    """Print validate's problems or lint's findings for each file; 1 if any file has an error."""
    from game.scenario.loader import load_scenario_document

    bad = False
    for name in files:
        notes: list[Problem] = []
        try:
            sc, doc = load_scenario_document(name, notes)
        except ScenarioError as err:
            bad = True
            for problem in err.problems:
                print(problem)
            print(f"{name}: not valid; fix the problems above (lint checks a file once it validates)")
            continue
        found, errors = lint_problems(sc, doc)
        found = notes + found  # the loader's warnings (expressions that saturate) come first
        for problem in found:
            print(problem)
        print(summary(name, found, errors) if found else f"{name}: lint found nothing — {sc.title}")
        bad = bad or errors > 0
    sys.stdout.flush()
    return 1 if bad else 0
