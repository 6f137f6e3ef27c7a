"""Reading saves and writing handouts: the imperative shell of the reports and the briefs.

Shared by the command line (``parley report``, ``parley briefs``) and the window's buttons. Every
problem is a ParleyError with a one-line message naming the file; an existing file is never
replaced unless ``force`` is given, and each file is written atomically.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from pathlib import Path

from game import saves
from game.core.errors import ParleyError
from game.core.model import Scenario
from game.session import Session

REPORT_SUFFIX = ".html"


def load_games(paths: Sequence[str | os.PathLike], find=saves.find_scenario) -> list[tuple[str, Session]]:
    """(label, session) for each save, all of one scenario; ParleyError otherwise."""
    find = functools.cache(find)  # ten saves of one scenario read its file once, not ten times
    games: list[tuple[str, Session]] = []
    for path in paths:
        try:
            session, _ = saves.load(path, find)
        except ParleyError as err:
            raise ParleyError(str(err)) from None
        games.append((str(path), session))
    first_path, first = games[0]
    for path, session in games[1:]:
        if session.scenario.id != first.scenario.id:
            raise ParleyError(f"{path}: a game of '{session.scenario.title}', but {first_path} is a game of "
                               f"'{first.scenario.title}': a report compares games of one scenario")
    return with_branches(list(zip(labels([p for p, _ in games]), [s for _, s in games])))


def with_branches(games: Sequence[tuple[str, Session]]) -> list[tuple[str, Session]]:
    """Each game, and before it every branch its rollbacks left behind (rule 8.8), as games of their own:
    'group-a, branch 1 (to turn 3)', 'group-a, branch 2'..."""
    out: list[tuple[str, Session]] = []
    for label, session in games:
        if not session.rollbacks:
            out.append((label, session))
            continue
        branches = session.branches()
        for i, branch in enumerate(branches, 1):
            back_to = session.actions[session.rollbacks[i - 1]].turn
            out.append((f"{label}, branch {i} (rolled back to turn {back_to})", branch))
        out.append((f"{label}, branch {len(branches) + 1}", session))
    return out


def labels(paths: Sequence[str]) -> list[str]:
    """Short, distinct names for games from their files: 'group-a' for 'saves/group-a.parley.json'."""
    def stem(p: str) -> str:
        name = Path(p).name
        for suffix in (saves.SUFFIX, ".json"):
            if name.endswith(suffix) and len(name) > len(suffix):
                return name[: -len(suffix)]
        return name

    names = [stem(p) for p in paths]
    out = []
    for i, name in enumerate(names):
        out.append(name if names.count(name) == 1 else f"{name} ({i + 1})")
    return out


def write_new(path: Path, data: bytes, force: bool) -> Path:
    """Write a file atomically; ParleyError if it exists (without force) or cannot be written."""
    if path.is_dir():
        raise ParleyError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise ParleyError(f"{path}: already exists; give --force to replace it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ParleyError(f"{path}: cannot be written: {err.strerror or err}") from None
    try:
        saves.write_atomic(path, data, backup=False)
    except ParleyError as err:
        raise ParleyError(str(err)) from None
    return path


def report_bytes(games: Sequence[tuple[str, Session]], as_json: bool = False) -> bytes:
    """The report of the games: the HTML page, or its data as JSON."""
    from game.report.data import report_data

    data = report_data(games)
    if as_json:
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    from game.report.render import report_html

    return report_html(data).encode("utf-8")


def write_report(games: Sequence[tuple[str, Session]], output: str | os.PathLike, force: bool = False,
                 as_json: bool = False) -> Path:
    """Write the report of the games to output; the path written."""
    return write_new(Path(output), report_bytes(games, as_json), force)


def brief_files(scenario: Scenario, as_json: bool = False) -> dict[str, bytes]:
    """File name -> contents of the briefs of a scenario (or their data, as one JSON file)."""
    from game.report.briefs import briefs_data

    data = briefs_data(scenario)
    if as_json:
        return {"briefs.json": (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")}
    from game.report.render import brief_pages

    return {name: page.encode("utf-8") for name, page in brief_pages(data).items()}


def write_briefs(scenario: Scenario, folder: str | os.PathLike, force: bool = False,
                 as_json: bool = False) -> list[Path]:
    """Write the briefs of a scenario into folder (made if missing); the paths written.

    Nothing is written when any of the files already exists and force is not given.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ParleyError(f"{folder}: is a file, not a folder")
    files = brief_files(scenario, as_json)
    if not force:
        taken = [name for name in files if (folder / name).exists()]
        if taken:
            raise ParleyError(f"{folder / taken[0]}: already exists; give --force to replace "
                               f"{'it' if len(taken) == 1 else f'it and {len(taken) - 1} more'}")
    return [write_new(folder / name, data, True) for name, data in files.items()]


def unused(path: Path) -> Path:
    """path, or 'name-2.ext', 'name-3.ext'... if it is taken (the window never replaces a file)."""
    if not path.exists():
        return path
    stem, suffix = path.stem, path.suffix
    for n in range(2, 10_000):
        candidate = path.with_name(f"{stem}-{n}{suffix}")
        if not candidate.exists():
            return candidate
    raise ParleyError(f"{path}: too many files of that name")
