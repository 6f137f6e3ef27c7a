"""Hints for messages: what an id field may name, and the passage of a source nearest a quote.

Schema errors come before the cross-reference checks, from a document that may be wrong
anywhere, so everything here reads the plain data defensively: a lookup that finds no list or
no mapping where it expects one simply gives no hint.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from game.core.errors import suggest

Loc = Sequence[str | int]


@dataclass(frozen=True)
class Choices:
    """The ids a field may name: what they are ("a variant of 'water_sharing'") and their labels."""

    what: str
    ids: tuple[str, ...]
    labels: tuple[str, ...] = ()  # the label of each id, where the document gives one

    def listed(self, limit: int = 8) -> str:
        """'one of: a, b, c' (shortened past limit)."""
        shown = ", ".join(self.ids[:limit]) + (", ..." if len(self.ids) > limit else "")
        return f"one of: {shown}" if self.ids else "none is defined yet"

    def guess(self, value: object) -> str | None:
        """The id the author probably meant by value: its level, its label, or a close spelling."""
        if isinstance(value, int) and not isinstance(value, bool) and self.labels and 0 <= value < len(self.ids):
            return f"'{self.ids[value]}' (level {value}, counting from 0 as expressions do)"
        if not isinstance(value, str) or not value.strip():
            return None
        for vid, label in zip(self.ids, self.labels, strict=False):
            if label and label.strip().lower() == value.strip().lower():
                return f"'{vid}' (the id of the variant labelled '{label}')"
        close = suggest(value.strip().replace(" ", "_").replace("-", "_"), self.ids)
        return f"'{close}'" if close else None


def _at(data: Any, *path: str | int) -> Any:
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def _ids(items: Any) -> list[dict[str, Any]]:
    return [x for x in items if isinstance(x, dict) and isinstance(x.get("id"), str)] if isinstance(items, list) else []


def _variants(data: Any, move: Any, move_index: int | None = None) -> Choices | None:
    if move_index is not None:
        entry = _at(data, "joint_moves", move_index)
        move = _at(entry, "id")
    else:
        entry = next((m for m in _ids(_at(data, "joint_moves")) if m["id"] == move), None)
    if not isinstance(entry, dict):
        return None
    variants = _ids(entry.get("variants"))
    labels = tuple(str(v.get("label", "")) for v in variants)
    name = f"a variant of '{move}'" if isinstance(move, str) else "a variant of this move"
    return Choices(name, tuple(v["id"] for v in variants), labels)


def _of(data: Any, group: str, what: str) -> Choices:
    return Choices(what, tuple(x["id"] for x in _ids(_at(data, group))))


def choices(data: Any, loc: Loc) -> Choices | None:
    """What the id at loc (a field path) must name, if it is a reference the document defines."""
    loc = tuple(loc)
    last = loc[-1] if loc else None
    if len(loc) == 5 and loc[0] == "actors" and loc[2] == "stances" and last in ("ideal", "public"):
        return _variants(data, loc[3])
    if len(loc) == 3 and loc[0] == "joint_moves" and last == "status_quo" and isinstance(loc[1], int):
        return _variants(data, None, loc[1])
    if len(loc) == 2 and loc[0] == "in_force":
        return _variants(data, loc[1])
    if len(loc) == 5 and loc[0] == "events" and loc[2] == "stances" and last == "ideal":
        return _variants(data, _at(data, *loc[:4], "move"))
    if last in ("actor", "toward") or (len(loc) >= 2 and loc[-2] in ("consent", "actors")
                                       and isinstance(last, int)):
        return _of(data, "actors", "an actor")
    if last == "indicator":
        return _of(data, "indicators", "an indicator")
    if last == "source":
        return _of(data, "sources", "a source")
    if last in ("move", "suspend", "restore"):
        return _of(data, "joint_moves", "a joint move")
    return None


# ---------------------------------------------------------------------------------------------
# the nearest sentence of a source, for a quote not found in it

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+|\n\s*")
_TOKEN = re.compile(r"\w+|[^\w\s]")
MAX_NEAREST = 10  # quotes per file that get a nearest passage: bounds the work on a hostile file
_PIECE = 400  # characters: a longer sentence is cut up, so that comparing stays cheap
_SHORTLIST = 12  # passages compared closely, picked by the rare words they share with the quote
_QUOTE_TOKENS = 120  # words and signs of a quote used to find its passage: plenty, and bounded


def _sentences(text: str) -> list[str]:
    """The text in pieces of whole sentences: short ones joined, long ones cut, ~_PIECE characters at most.

    Joining short sentences bounds the number of pieces (a hostile source of 100,000 one-word
    sentences gives a few thousand), cutting long ones bounds the cost of comparing one.
    """
    out: list[str] = []
    current: list[str] = []
    size = 0
    for sentence in _SENTENCE_END.split(text):
        for word in sentence.split():
            if current and size + len(word) >= _PIECE:
                out.append(" ".join(current))
                current, size = [], 0
            current.append(word)
            size += len(word) + 1
        if size >= _PIECE // 10:  # a sentence ends here; keep going while the piece is tiny
            out.append(" ".join(current))
            current, size = [], 0
    if current:
        out.append(" ".join(current))
    return out


@dataclass(frozen=True)
class Nearest:
    """The passage of a source closest to a quote, and the first difference between them."""

    passage: str
    difference: str

    def __str__(self) -> str:
        return f'the nearest passage is "{self.passage}" ({self.difference})'


@functools.lru_cache(maxsize=8)  # the quotes of one file mostly cite the same few sources
def _index(source: str) -> tuple[list[str], list[list[str]], dict[str, tuple[float, list[int]]]]:
    """The source's pieces, their words and signs (lower case), and for each word that is not in
    most pieces how rare it is and which pieces hold it (common words say little about where)."""
    pieces = _sentences(source)
    tokens = [[t.lower() for t in _TOKEN.findall(piece)] for piece in pieces]
    holders: dict[str, list[int]] = {}
    for i, words in enumerate(tokens):
        for word in set(words):
            holders.setdefault(word, []).append(i)
    rare = {w: (math.log(len(pieces) / len(held)), held) for w, held in holders.items()
            if 2 * len(held) <= len(pieces)}
    return pieces, tokens, rare


def nearest(quote: str, source: str) -> Nearest | None:
    """The piece of source (or run of pieces, as many as the quote spans) closest to quote."""
    want = [t.lower() for t in _TOKEN.findall(quote)][:_QUOTE_TOKENS]
    if not want:
        return None
    pieces, tokens, rare = _index(source)
    span = max(1, min(len(_sentences(quote)), 5))
    weight: Counter[int] = Counter()
    for word in set(want) & rare.keys():
        rarity, held = rare[word]
        for i in held:  # credit every run of pieces that includes a piece holding the word
            for start in range(max(0, i - span + 1), i + 1):
                weight[start] += rarity
    starts = [i for i, _ in weight.most_common(_SHORTLIST)] or list(range(min(len(pieces), _SHORTLIST)))
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(want)
    ranked = []
    for i in starts:  # the words in common, counted with repeats: cheap, and an upper bound
        matcher.set_seq1([t for piece in tokens[i:i + span] for t in piece])
        ranked.append((matcher.quick_ratio() * (len(matcher.a) + len(want)), i))
    best, best_score = "", 0.0
    for _, i in sorted(ranked, reverse=True)[:3]:  # then the words in order, for the closest few
        matcher.set_seq1([t for piece in tokens[i:i + span] for t in piece])
        score = sum(b.size for b in matcher.get_matching_blocks()) / len(want)  # share of the quote held in order
        if score > best_score:
            best, best_score = " ".join(pieces[i:i + span]), score
    if best_score < 0.5:  # nothing in the source is much like the quote
        return None
    return Nearest(*_difference(quote, best))


def _difference(quote: str, passage: str) -> tuple[str, str]:
    """The passage cut to the part the quote matches, and the first difference inside it."""
    q, p = list(_TOKEN.finditer(quote))[:_QUOTE_TOKENS], list(_TOKEN.finditer(passage))
    # aligned ignoring case, so that a difference of case shows as one, not as a shifted match
    matcher = difflib.SequenceMatcher(None, [t.group().lower() for t in q], [t.group().lower() for t in p],
                                      autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    first, last = (blocks[0].b, blocks[-1].b + blocks[-1].size - 1) if blocks else (0, len(p) - 1)
    lo, hi = max(0, first - 6), min(len(p) - 1, last + 6)
    shown = passage[p[lo].start():p[hi].end()]
    shown = ("... " if lo else "") + shown + (" ..." if hi < len(p) - 1 else "")

    def text(tokens: list[re.Match[str]], i: int, j: int, source: str) -> str:
        j = min(j, i + 8)
        return source[tokens[i].start():tokens[j - 1].end()]

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            case = next((k for k in range(i2 - i1) if q[i1 + k].group() != p[j1 + k].group()), None)
            if case is not None:
                return shown, f"the quote has '{q[i1 + case].group()}' where the source has '{p[j1 + case].group()}'"
            continue
        if tag == "insert" and i1 in (0, len(q)):
            continue  # the quote may start or end inside a sentence
        if tag == "replace":
            return shown, f"the quote has '{text(q, i1, i2, quote)}' where the source has '{text(p, j1, j2, passage)}'"
        if tag == "delete":
            return shown, f"the quote has '{text(q, i1, i2, quote)}', which the source does not"
        return shown, f"the source has '{text(p, j1, j2, passage)}' here, which the quote leaves out"
    return shown, "compare them word for word"
