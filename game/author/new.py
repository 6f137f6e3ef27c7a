"""``new``: write a starter scenario, or a draft from an article, and never overwrite by accident."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from game.author.article import ArticleError, read_article
from game.author.dates import article_date
from game.author.draft import article_plan
from game.author.plan import starter_plan
from game.author.writer import today, write
from game.core.errors import ScenarioError


def cmd_new(args: argparse.Namespace) -> int:
    """Write FILE; 0 when it was written and validates, 1 on a problem (said in one line), 2 on misuse."""
    target = Path(args.file)
    if target.exists() and not args.force:
        print(
            f"{target}: already exists; choose another name, or add --force to overwrite it", file=sys.stderr
        )
        return 1
    if target.suffix not in (".yaml", ".yml"):
        print(f"{target}: a scenario file name ends in .yaml", file=sys.stderr)
        return 2
    given = None
    if args.date:
        try:
            given = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"--date: '{args.date}' is not a date written YYYY-MM-DD", file=sys.stderr)
            return 2
    if args.from_article:
        try:
            article = read_article(args.from_article)
        except ArticleError as err:
            print(err, file=sys.stderr)
            return 1
        written = article_date(article.text)
        date = given or written or today()
        note = (
            "given with --date"
            if given
            else "written in the article"
            if written
            else "TODO: check: the article gives no date, so this is today's; use --date"
        )
        plan = article_plan(
            article, Path(args.from_article).name, date, note, args.title, args.outlet, args.url
        )
    else:
        plan = starter_plan(args.title or "TODO: a title for your scenario", given or today())
    if not args.from_article:  # the starter's id follows the file's name
        plan.id = re.sub(r"[^a-z0-9_-]+", "_", target.stem.lower()).strip("_-")[:60] or plan.id
        plan.id = plan.id if plan.id[0].isalnum() else plan.id.lstrip("_-") or "my_scenario"
    text = write(plan)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as err:
        print(f"{target}: cannot write: {err.strerror or err}", file=sys.stderr)
        return 1
    return _report(target, args.from_article is not None)


def _report(target: Path, draft: bool) -> int:
    from game.scenario.loader import load_scenario

    try:
        sc = load_scenario(target)
    except ScenarioError as err:  # a bug of ours, not the author's: say so plainly
        print(f"{target}: written, but it does not validate; please report this:", file=sys.stderr)
        for p in err.problems:
            print(p, file=sys.stderr)
        return 1
    kind = "a draft" if draft else "a starter scenario"
    counts = [
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in (
            (len(sc.actors), "actor"),
            (len(sc.joint_moves), "joint move"),
            (len(sc.unilateral_moves), "unilateral move"),
            (len(sc.events), "event"),
        )
    ]
    print(f"{target}: wrote {kind} with {', '.join(counts[:-1])} and {counts[-1]}.")
    schema = target.parent / "scenario.schema.json"
    if not schema.exists():
        print(f"  For hints in your editor: python main.py schema -o {schema}")
    print(f"  Next: edit every TODO, then python main.py validate {target} and python main.py play {target}")
    return 0
