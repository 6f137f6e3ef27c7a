"""The one exception tree of Parley.

    ParleyError                    anything the game reports to a person
    ├── ScenarioError              a scenario file is wrong (file, line, column, field path)
    │     └── carries .problems: every Problem found, one line each
    ├── ExpressionError            an expression is malformed or unsafe (position in the text)
    ├── IllegalActionError         an action is not legal in this state
    ├── SaveError                  a save file cannot be read or written (nothing is changed)
    └── FileProblem                a file from outside is not one the game reads (a device, a
                                   pipe, too large, missing): ``.path`` and ``.reason``

Every error has a one-line ``str`` fit to show a player or an author; none needs a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass


class ParleyError(Exception):
    """Base of every error the game reports to a person."""


@dataclass(frozen=True)
class Problem:
    """One problem in a scenario file, located as precisely as the cause allows."""

    file: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    path: str  # dotted field path, e.g. "actors[2].stances.no_fly_zone.ideal"; "" for the file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ScenarioError(ParleyError):
    """A scenario file is invalid; ``problems`` lists every problem found, in file order."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        if not problems:
            raise ValueError("ScenarioError needs at least one problem")
        self.problems: list[Problem] = sorted(problems, key=lambda p: (p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def first(self) -> Problem:
        """The first problem in file order."""
        return self.problems[0]


class ExpressionError(ParleyError):
    """An expression is malformed, unsafe, or names something unknown.

    ``column`` is the 1-based column within the expression text (0 when unknown); the
    scenario loader adds the file position of the expression itself.
    """

    def __init__(self, message: str, column: int = 0) -> None:
        self.message = message
        self.column = column
        super().__init__(message if not column else f"column {column}: {message}")


class IllegalActionError(ParleyError):
    """An action is not legal for this actor in this state."""


class SaveError(ParleyError):
    """A save file cannot be read or written; no file has been changed. ``reason`` is the message
    without the file's name (to say briefly why, e.g. that autosave is off)."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        self.reason = reason or message
        super().__init__(message)


class FileProblem(ParleyError):
    """A file cannot be read as the game needs; ``reason`` is a short phrase with none of its content."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def suggest(word: str, pool: Collection[str]) -> str | None:
    """The entry of pool closest to word (ignoring case), if any is close enough: for "did you mean"."""
    lowered = {p.lower(): p for p in pool}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None
