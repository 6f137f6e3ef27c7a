"""Which line of a YAML indentation error the author must fix.

The YAML parser reports where it noticed a problem, which for a line indented less than the
line after it is the line after it: in

    objectives:
       - "Keep the reservoir high"      <- 7 spaces: the mistake
        - "Get Lowmere to pay"          <- 8 spaces: where the parser stops

the parser stops on the second item. ``misaligned`` looks at the line the parser named and the
one before it; when they are entries of one list (or keys of one mapping) that should line up
and do not, it decides which of the two is out of step: the one whose indentation the other
entries of the same list or mapping do not share, else the one off the file's indentation step
(a 7 in a file indented by 2s), else the line the parser named.
"""

from __future__ import annotations

import math
import re

_KEY = re.compile(r"""(?:[^\s#'"?:\-][^#]*?|-[^\s#][^#]*?|'[^']*'|"[^"]*")\s*:(?:\s|$)""")
Entry = tuple[str, int]  # ("item" or "key", column of its first character, 0-based)
_NEAR = 200  # lines each way that count as evidence: enough to decide, and bounded on a huge file


def _indent(line: str) -> int | None:
    """The indentation of a line, None for a blank or comment line (cheaper than _entries)."""
    body = line.lstrip(" ")
    return None if not body or body.startswith("#") else len(line) - len(body)


def _entries(line: str) -> list[Entry] | None:
    """What a line starts (None for a blank or comment line): an item, a key, or both ("- id: a")."""
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    if not body or body.startswith("#"):
        return None
    if body == "-" or body.startswith("- "):
        rest = body[1:].lstrip(" ")
        inner = indent + len(body) - len(rest)
        return [("item", indent)] + ([("key", inner)] if _KEY.match(rest) else [])
    return [("key", indent)] if _KEY.match(body) else [("other", indent)]


def _opens_block(line: str) -> bool:
    """Whether a line's value is on the lines below it (``key:``, ``-``, ``key: |``)."""
    body = re.sub(r"\s+#.*$", "", line).rstrip()
    return body.endswith((":", "|", ">", "|-", ">-", "|+", ">+")) or body.lstrip() == "-"


def misaligned(text: str, line: int) -> tuple[tuple[int, int], str] | None:
    """(line, column) and message for the entry out of step at an error on ``line`` (1-based), if any."""
    lines = text.split("\n")
    at = line - 1
    if not 0 <= at < len(lines) or (mine := _entries(lines[at])) is None:
        return None
    before = at - 1
    while before >= 0 and _entries(lines[before]) is None:
        before -= 1
    if before < 0:
        return None
    theirs = _entries(lines[before]) or []
    pair = next(((k, i, j) for k, i in mine for kp, j in theirs if k == kp and k != "other" and i != j), None)
    if pair is None:
        return None
    kind, mine_at, theirs_at = pair
    if mine_at > theirs_at and _opens_block(lines[before]):
        return None  # a child of the line before: deeper is right
    if mine_at < theirs_at and mine_at in _ancestors(lines, before):
        return None  # back out to an enclosing level: shallower is right
    low = min(mine_at, theirs_at)
    votes = {mine_at: 0, theirs_at: 0}
    _count(lines, kind, votes, range(before - 1, max(-1, before - 1 - _NEAR), -1), low)  # entries above the pair
    _count(lines, kind, votes, range(at + 1, min(len(lines), at + 1 + _NEAR)), low)  # and below it
    wrong = _choose(lines, votes, (at, mine_at), (before, theirs_at))
    other = before if wrong == at else at
    shown = {wrong: mine_at if wrong == at else theirs_at, other: theirs_at if wrong == at else mine_at}
    what = "list item" if kind == "item" else "key"
    group = "list" if kind == "item" else "mapping"
    message = (f"this {what} is indented {_spaces(shown[wrong])}, but the {what} on line {other + 1} of the "
               f"same {group} has {shown[other]}: indent the {what}s of one {group} alike")
    return (wrong + 1, shown[wrong] + 1), message


def _spaces(n: int) -> str:
    return f"{n} space" + ("" if n == 1 else "s")


def _count(lines: list[str], kind: str, votes: dict[int, int], indices: range, low: int) -> None:
    """Add the entries of this kind at either indentation, up to the end of the enclosing block."""
    for index in indices:
        entries = _entries(lines[index])
        if entries is None:
            continue
        for k, i in entries:
            if k == kind and i in votes:
                votes[i] += 1
        if entries[0][1] < low:
            return


def _ancestors(lines: list[str], index: int) -> set[int]:
    """Indentations of the entries that enclose the line at index."""
    found: set[int] = set()
    current = min(i for _, i in _entries(lines[index]) or [("", 0)])
    for k in range(index - 1, -1, -1):
        base = _indent(lines[k])
        if base is not None and base < current:
            found.update(i for _, i in _entries(lines[k]) or [])
            current = base
            if base == 0:
                break
    return found


def _choose(lines: list[str], votes: dict[int, int], mine: tuple[int, int], theirs: tuple[int, int]) -> int:
    """The line (0-based) of the pair that is out of step with the rest."""
    (at, mine_at), (before, theirs_at) = mine, theirs
    if votes[mine_at] != votes[theirs_at]:
        return before if votes[mine_at] > votes[theirs_at] else at
    near = range(max(0, before - _NEAR), min(len(lines), at + _NEAR))
    indents = [i for k in near if k not in (at, before) and (i := _indent(lines[k])) is not None]
    step = math.gcd(*indents) if any(indents) else 0
    if step > 1:
        off = [line for line, indent in ((at, mine_at), (before, theirs_at)) if indent % step]
        if len(off) == 1:
            return off[0]
    return at
