"""A hardened YAML reader for untrusted scenario files.

Teachers share scenario files, so a file is hostile until proven otherwise. This module
turns bytes into plain Python data (dict / list / str / int / float / bool / None) and
records where every value came from, or raises ``ScenarioError``. It never constructs
objects: the tree is built from PyYAML's event stream, so no tag, constructor, anchor or
alias can ever run or expand. Every limit is checked while streaming, so a hostile file
is rejected early instead of after it has been built in memory.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events as ev

from game.core.errors import Problem, ScenarioError
from game.scenario.indent import misaligned

MAX_BYTES = 1_000_000
MAX_DEPTH = 50
MAX_NODES = 100_000
MAX_SCALAR_CHARS = 20_000
MAX_INT_DIGITS = 15

Path = tuple[str | int, ...]

# libyaml is much faster than the pure-Python parser; both emit the same events.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOM = b"\xef\xbb\xbf"
# C0/C1 controls except tab/LF/CR, DEL, bidi overrides and isolates ("Trojan source"),
# plus characters PyYAML counts as line breaks or that are invisible (U+2028, U+2029,
# a BOM inside the text): those would make the reported positions lie.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]"
)
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# A line that is neither blank nor a comment (linear: no nested repetition).
_CONTENT = re.compile(r"^[ \t]*[^ \t\n#]", re.MULTILINE)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {w: w[0] in "tT" for w in ("true", "True", "TRUE", "false", "False", "FALSE")}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
# Digits alone need an exponent to be a float, so "017" stays text like other
# leading-zero integers instead of silently becoming 17.0.
_FLOAT = re.compile(
    r"[-+]?(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)"
)
_NONFINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_NAME = re.compile(r"[^\W\d][\w-]*")  # such keys print dotted; odd ones get brackets

_TOO_DEEP = (
    f"the file is nested too deeply (more than {MAX_DEPTH} levels of lists/maps)"
)
_TAB_HINT = "YAML indentation must use spaces, not tabs: replace the tab with spaces"
# Plain-English hints for PyYAML's most common syntax errors, keyed by problem text.
_HINTS = {
    "tab": _TAB_HINT,
    "mapping values are not allowed": "an unexpected ':'; quote a value that contains "
    "': ', otherwise check the indentation",
    "could not find expected ':'": "expected `key: value`; check for a missing ':' or "
    "a line indented differently from its neighbours",
    "did not find expected key": "this line is not indented like the lines above it",
    "expected ',' or ']'": "a '[' list is not closed by ']' or lacks a comma",
    "expected ',' or '}'": "a '{' mapping is not closed by '}' or lacks a comma",
    "did not find expected '-' indicator": "expected a '- ' list item; check the indentation",
}


# Parser problems that a line indented out of step with its neighbour causes.
_INDENT_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator",
                    "mapping values are not allowed", "could not find expected ':'", "expected <block end>")


@dataclass(frozen=True)
class Document:
    """Plain data read from a scenario file, with the position of every value and key."""

    data: dict[str, Any]
    positions: dict[Path, tuple[int, int]]
    key_positions: dict[Path, tuple[int, int]]
    filename: str

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """Best (line, column) for a loc path: the value, else its nearest known parent."""
        loc = tuple(path)
        for end in range(len(loc), -1, -1):
            found = self.positions.get(loc[:end])
            if found is not None:
                return found
        return (1, 1)


def format_path(path: Sequence[str | int]) -> str:
    """Render a path for people: ("actors", 2, "stances", "nfz") -> "actors[2].stances.nfz"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.fullmatch(part):
            out += f".{part}" if out else part
        else:  # keys with dots, spaces, etc. would be ambiguous when dotted
            out += f"[{_quote(part)}]"
    return out


def load_yaml(data: bytes, filename: str) -> Document:
    """Parse untrusted scenario bytes into a Document, or raise ScenarioError."""
    try:
        return _load(data, filename)
    except ScenarioError:
        raise
    # MemoryError, RecursionError, a parser bug: nothing but ScenarioError may escape.
    except Exception as exc:
        why = f"could not read the file ({type(exc).__name__}); is it a scenario file?"
        raise _error(filename, (1, 1), why) from exc


def _load(data: bytes, filename: str) -> Document:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise _error(filename, (1, 1), f"expected bytes, found {type(data).__name__}")
    data = bytes(data)
    if len(data) > MAX_BYTES:  # before decoding or parsing anything
        why = (
            f"the file is too large: {len(data):,} bytes, the limit of {MAX_BYTES:,} is "
            "reached here; check that this is a scenario file"
        )
        raise _error(filename, _byte_position(data, MAX_BYTES), why)
    text = _decode(data, filename)
    bad = _FORBIDDEN.search(text)
    if bad:
        where = _text_position(text, bad.start())
        raise _error(filename, where, _forbidden_message(bad.group()))
    if not _CONTENT.search(text):  # before parsing: libyaml rejects a tab-only line
        raise _error(filename, (1, 1), "the file is empty")
    try:
        return _build(yaml.parse(text, Loader=_LOADER), filename)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, filename) from None
    except yaml.YAMLError as exc:  # e.g. ReaderError from the pure-Python reader
        pos = getattr(exc, "position", None)
        where = _text_position(text, pos) if isinstance(pos, int) else (1, 1)
        raise _error(filename, where, f"YAML error: {exc}") from None


def _decode(data: bytes, filename: str) -> str:
    data = data.removeprefix(_BOM)
    fix = "save the file as UTF-8"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _error(filename, (1, 1), f"not UTF-8 text: the file is UTF-16; {fix}")
    head = data[:4096]
    if head.count(0) * 4 > len(head):  # UTF-16 without a BOM: every other byte is NUL
        raise _error(
            filename, (1, 1), f"not UTF-8 text: looks like UTF-16 or binary; {fix}"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        why = (
            f"not UTF-8 text: byte 0x{data[exc.start]:02X} is not valid UTF-8 (the file "
            f"may be Latin-1, Windows-1252 or binary); {fix}"
        )
        raise _error(filename, _byte_position(data, exc.start), why) from None
    # One line-break convention, so our positions and the parser's always agree.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column in characters) of a byte offset."""
    start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    breaks = data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset)
    line = breaks - data.count(b"\r\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", errors="replace")) + 1


def _text_position(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _forbidden_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\0":
        return f"a NUL character ({code}) is not allowed: is the file binary? delete it"
    name = unicodedata.name(char, "")
    if char in _BIDI:
        return (
            f"the invisible text-direction character {code} ({name}) is not allowed: it "
            "can make the file look different from what it says; delete it"
        )
    label = f"{code} ({name})" if name else code
    return f"the invisible or control character {label} is not allowed; delete it"


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, filename: str) -> ScenarioError:
    problem = (exc.problem or "invalid YAML").strip()
    context, context_mark = (exc.context or "").strip(), exc.context_mark
    mark = exc.problem_mark or context_mark
    where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "end of stream" in problem and "quoted" in context and context_mark:
        # The end of the file is not where the mistake is: the opening quote is.
        why = "this quoted text is never closed: add the matching closing quote"
        return _error(filename, (context_mark.line + 1, context_mark.column + 1), why)
    if "nesting depth" in problem:  # libyaml's own limit (1000), hit scanning ahead
        return _error(filename, where, _TOO_DEEP)
    hint = next((h for key, h in _HINTS.items() if key in problem), "")
    if mark and _char_at(text, *where) == "\t":
        hint = _TAB_HINT
    elif mark and any(key in problem for key in _INDENT_PROBLEMS):
        found = misaligned(text, where[0])  # the line to fix may be the one before the parser's
        if found is not None:
            return _error(filename, found[0], f"YAML indentation error: {found[1]}")
    if hint:
        return _error(filename, where, f"YAML syntax error: {problem}; {hint}")
    if context and context_mark:  # no better advice: say what the parser was doing
        problem += f" ({context} at line {context_mark.line + 1})"
    return _error(filename, where, f"YAML syntax error: {problem}")


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1][col - 1 : col] if len(lines) >= line else ""


class _Reject(Exception):
    """A problem at the event being processed; _build adds the position."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path, self.message = path, message


class _Frame:
    """One open mapping or sequence while the tree is being built."""

    __slots__ = ("container", "key", "key_lines", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path) -> None:
        self.container, self.path = container, path
        self.key: str | None = None  # a mapping's key still waiting for its value
        self.key_lines: dict[str, int] = {}

    def wants_key(self) -> bool:
        return isinstance(self.container, dict) and self.key is None

    def child_path(self) -> Path:
        if isinstance(self.container, dict):
            return (*self.path, self.key or "")
        return (*self.path, len(self.container))

    def add(self, value: Any) -> None:
        if isinstance(self.container, dict):
            self.container[self.key or ""] = value
            self.key = None
        else:
            self.container.append(value)


def _build(events: Iterator[ev.Event], filename: str) -> Document:
    positions: dict[Path, tuple[int, int]] = {}
    key_positions: dict[Path, tuple[int, int]] = {}
    stack: list[_Frame] = []
    root: dict[str, Any] | None = None
    documents = nodes = 0
    event: ev.Event | None = None
    try:
        for event in events:
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Reject(
                        (),
                        "the file holds more than one YAML document; "
                        "remove the second '---' and what follows it",
                    )
            elif isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
                stack.pop()
            elif isinstance(event, ev.NodeEvent):  # not stream start/end, document end
                frame = stack[-1] if stack else None
                _check_node(event, frame.path if frame else ())
                nodes += 1
                if nodes > MAX_NODES:  # stop before a huge tree is built
                    raise _Reject(
                        frame.path if frame else (),
                        f"the file has too many values (more than {MAX_NODES:,})",
                    )
                if frame is not None and frame.wants_key():
                    frame.key = _take_key(frame, event, key_positions)
                    continue
                path = frame.child_path() if frame else ()
                value: Any
                if frame is None:
                    value = root = _root(event)
                    if root is None:  # an empty document; a second one is caught above
                        continue
                elif isinstance(event, ev.ScalarEvent):
                    value = _scalar(event, path)
                else:
                    value = {} if isinstance(event, ev.MappingStartEvent) else []
                positions[path] = (
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                )
                if frame is not None:
                    frame.add(value)
                if isinstance(event, ev.CollectionStartEvent):
                    if len(stack) >= MAX_DEPTH:
                        raise _Reject(path, _TOO_DEEP)
                    stack.append(_Frame(value, path))
    except _Reject as reject:
        mark = event.start_mark if event is not None else None
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _error(filename, where, reject.message, reject.path) from None
    if root is None:
        raise _error(filename, (1, 1), "the file is empty")
    return Document(root, positions, key_positions, filename)


def _check_node(event: ev.NodeEvent, path: Path) -> None:
    """Reject anything that could expand or construct: aliases, anchors, tags, huge text."""
    if isinstance(event, ev.AliasEvent) or event.anchor is not None:
        why = "anchors and aliases (&name, *name) are not allowed; write the value out"
        raise _Reject(path, why)
    tag = getattr(event, "tag", None)
    if tag is not None:
        shown = _quote("!!" + tag[18:] if tag.startswith("tag:yaml.org,2002:") else tag)
        raise _Reject(path, f"tags like {shown} are not allowed; remove the tag")
    if isinstance(event, ev.ScalarEvent) and len(event.value) > MAX_SCALAR_CHARS:
        why = f"this text is {len(event.value):,} characters long; the limit is "
        raise _Reject(path, why + f"{MAX_SCALAR_CHARS:,}")


def _root(event: ev.NodeEvent) -> dict[str, Any] | None:
    """The top-level mapping, or None for a document with nothing in it (just '---')."""
    if isinstance(event, ev.MappingStartEvent):
        return {}
    if isinstance(event, ev.ScalarEvent) and not event.style and event.value == "":
        return None
    found = "a list" if isinstance(event, ev.SequenceStartEvent) else "a single value"
    raise _Reject(
        (),
        "the top level of a scenario must be a mapping of keys like "
        f"`id:`, `title:` ...; found {found}",
    )


def _take_key(
    frame: _Frame, event: ev.NodeEvent, key_positions: dict[Path, Any]
) -> str:
    """Validate a mapping key, record where it is, and return it."""
    if not isinstance(event, ev.ScalarEvent):
        raise _Reject(
            frame.path, "keys must be names; found a list or mapping as a key"
        )
    key = event.value
    kind = "str" if event.style else _kind(key)  # quoted keys are always text
    if kind != "str":
        shown = "an empty key" if key == "" else f"{_quote(key)} ({kind})"
        raise _Reject(
            frame.path,
            f"keys must be names; found {shown}. Use a name like "
            "`turn_1:`, or quote it if you mean the text",
        )
    if key == "<<":
        raise _Reject(
            frame.path, "merge keys (<<) are not allowed; write the values out"
        )
    line = event.start_mark.line + 1
    first = frame.key_lines.get(key)
    if first is not None:
        raise _Reject(
            (*frame.path, key),
            f"duplicate key {_quote(key)} (first defined "
            f"on line {first}); remove or rename one of them",
        )
    frame.key_lines[key] = line
    key_positions[(*frame.path, key)] = (line, event.start_mark.column + 1)
    return key


def _kind(value: str) -> str:
    """Classify a plain scalar without converting it (YAML 1.2 core schema, strict)."""
    if value in _NULLS:
        return "null"
    if value in _BOOLS:
        return "a true/false value"
    if _INT.fullmatch(value) or _FLOAT.fullmatch(value) or _NONFINITE.fullmatch(value):
        return "a number"
    return "str"


def _scalar(event: ev.ScalarEvent, path: Path) -> Any:
    """Resolve a scalar: quoted and block scalars are text; plain ones may be typed."""
    value = event.value
    if event.style:  # quoted, literal (|) or folded (>)
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.fullmatch(value):
        digits = len(value.lstrip("+-"))
        # The check also keeps int() away from its slow path for huge numbers.
        if digits > MAX_INT_DIGITS:
            raise _Reject(
                path,
                f"number too large: {digits} digits, the limit is "
                f"{MAX_INT_DIGITS}; if it is an identifier, put it in quotes",
            )
        return int(value)
    if _NONFINITE.fullmatch(value):
        raise _Reject(path, f"numbers must be finite; found {_quote(value)}")
    if _FLOAT.fullmatch(value):
        number = float(value)
        if not math.isfinite(number):
            raise _Reject(path, f"numbers must be finite; {_quote(value)} is too large")
        return number
    return value


def _quote(text: str, limit: int = 40) -> str:
    """Quote user text for a message: shortened, with anything unprintable escaped."""
    short = text if len(text) <= limit else text[: limit - 3] + "..."
    esc = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in short)
    return "'" + esc.replace("'", "\\'") + "'"


def _error(
    filename: str, where: tuple[int, int], message: str, path: Path = ()
) -> ScenarioError:
    return ScenarioError(
        Problem(filename, where[0], where[1], format_path(path), message)
    )
