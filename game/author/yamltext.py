"""Writing YAML text by hand, with comments: quoted values, literal blocks, wrapped comments.

The starter and the draft are text an author edits, so their comments matter as much as their
values; a YAML writer would drop them. These helpers only ever write double-quoted scalars and
literal blocks, which the hardened loader reads back as the same text.
"""

from __future__ import annotations

import re
import textwrap

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": " ", "\t": " "}


def q(text: str) -> str:
    """A double-quoted YAML scalar holding exactly this one-line text."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif not ch.isprintable() and ch != " ":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def comment(text: str, indent: int = 0, width: int = 100) -> list[str]:
    """A comment wrapped to lines of at most ``width`` characters."""
    pad = " " * indent + "# "
    flat = re.sub(r"\s+", " ", text).strip()
    return [pad + line for line in textwrap.wrap(flat, width - len(pad), break_long_words=False)] or [
        pad.rstrip()
    ]


def block(key: str, text: str, indent: int) -> list[str]:
    """``key: |`` followed by the text's lines, each indented; blank lines kept."""
    pad = " " * (indent + 2)
    lines = [f"{' ' * indent}{key}: |"]
    body = [ln.strip() for ln in text.strip("\n").split("\n")]
    lines += [pad + ln if ln else "" for ln in body]
    return lines


def folded(key: str, text: str, indent: int, width: int = 100) -> list[str]:
    """``key: >-`` followed by the text wrapped (read back as one paragraph)."""
    pad = " " * (indent + 2)
    flat = re.sub(r"\s+", " ", text).strip()
    return [f"{' ' * indent}{key}: >-"] + [
        pad + ln for ln in textwrap.wrap(flat, width - len(pad), break_long_words=False)
    ]


def slug(text: str, taken: set[str], limit: int = 32) -> str:
    """An id made from text, unique among ``taken`` (which it joins)."""
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:limit].rstrip("_")
    if not base or not base[0].isalpha():
        base = f"x_{base}".rstrip("_")
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    taken.add(out)
    return out
