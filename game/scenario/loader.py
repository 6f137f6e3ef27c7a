"""Read a scenario file: the one border where untrusted scenario text becomes a model.

Every problem, whatever its cause, becomes one ``ScenarioError`` whose problems each carry
file, line, column and field path. Several problems in one file are all reported where the
stage that finds them allows (schema errors together; cross-reference and expression errors
together once the schema holds).
"""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.core import model as m
from game.core.errors import FileProblem, Problem, ScenarioError, suggest
from game.core.expr import MAX_VALUE, Effect, Expression
from game.core.expr_bounds import Interval, reach, reach_effect
from game.files import read_capped
from game.scenario import build, crossref, hints
from game.scenario.safe_yaml import MAX_BYTES, Document, format_path, load_yaml
from game.scenario.schema import FORMAT_VERSION, Scenario

_ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
_PATTERN_HELP = {
    _ID_PATTERN: "an id: lower-case letters, digits and _, starting with a letter (at most 40)",
    r"^[a-z0-9][a-z0-9_-]{0,59}$": "a scenario id: lower-case letters, digits, - and _",
    r"^\d{4}-\d{2}-\d{2}$": 'a date written YYYY-MM-DD in quotes, e.g. "2017-07-05"',
    r"^#[0-9a-fA-F]{6}$": 'a colour written "#rrggbb", e.g. "#3b6fb6"',
}
_LIMIT = f"{MAX_VALUE:.0e}".replace("+", "")  # "1e300"
_TYPE_WORDS = {
    dict: "a mapping (key: value lines)", list: "a list (lines starting with -)", str: "text",
    int: "a whole number", float: "a number", bool: "true or false", type(None): "nothing (null)",
}


def load_scenario(path: str | Path, notes: list[Problem] | None = None) -> m.Scenario:
    """Read, validate and build a scenario file; raise ScenarioError listing every problem.

    ``notes``, when given, receives the warnings about a valid file (see ``load_scenario_bytes``).
    """
    return load_scenario_document(path, notes)[0]


def load_scenario_document(path: str | Path, notes: list[Problem] | None = None) -> tuple[m.Scenario, Document]:
    """Like load_scenario, also returning the YAML document with the position of every value."""
    return load_document_bytes(read_scenario_file(path), str(path), notes)


def read_scenario_file(path: str | Path) -> bytes:
    """The bytes of a scenario file (a regular file of at most MAX_BYTES); ScenarioError otherwise.

    Devices, pipes and links to them are refused without blocking, and no more than the cap is
    ever read, whatever the file's size claims (``game.files.read_capped``)."""
    try:
        return read_capped(path, MAX_BYTES, "scenario")
    except FileProblem as err:
        raise ScenarioError(Problem(err.path, 0, 0, "", err.reason)) from None


def load_scenario_bytes(data: bytes, filename: str, notes: list[Problem] | None = None) -> m.Scenario:
    """Validate and build a scenario from the bytes of a file called ``filename``.

    ``notes``, when given, receives warnings that do not make the file invalid, each a Problem
    whose message starts with "warning:": today, expressions that can reach the saturation limit.
    """
    return load_document_bytes(data, filename, notes)[0]


def load_document_bytes(data: bytes, filename: str, notes: list[Problem] | None = None
                        ) -> tuple[m.Scenario, Document]:
    """Validate and build a scenario from bytes; also return the document with its positions."""
    doc = load_yaml(data, filename)
    fmt = doc.data.get("format")
    if isinstance(fmt, (int, float)) and not isinstance(fmt, bool) and fmt > FORMAT_VERSION:
        line, col = doc.locate(("format",))
        raise ScenarioError(Problem(filename, line, col, "format",
                                    f"this scenario uses format {fmt}, but this version of Parley reads "
                                    f"format {FORMAT_VERSION}: update Parley to open it"))
    try:
        model = Scenario.model_validate(doc.data)
    except ValidationError as err:
        raise ScenarioError([_schema_problem(doc, e) for e in err.errors(include_url=False)]) from None
    found = crossref.check(model)
    if found:
        raise ScenarioError([_problem(doc, loc, msg) for loc, msg in found])
    compiled: list[tuple[crossref.Loc, Expression | Effect]] | None = [] if notes is not None else None
    scenario, found = build.build(model, hashlib.sha256(data).hexdigest(), compiled)
    if scenario is None:
        raise ScenarioError([_problem(doc, loc, msg) for loc, msg in found])
    if notes is not None and compiled:
        notes.extend(_saturation_notes(doc, scenario, compiled))
    return scenario, doc


def name_ranges(sc: m.Scenario) -> dict[str, Interval]:
    """The values each name in the scenario's expressions can take during a game."""
    ranges: dict[str, Interval] = {i.id: (i.min, i.max) for i in sc.indicators}
    ranges.update({j.id: (0.0, len(j.variants) - 1.0) for j in sc.joint_moves})
    ranges.update({m.left_name(j.id): (0.0, float(sc.turns)) for j in sc.joint_moves if any(v.term for v in j.variants)})
    ranges.update({u.id: (0.0, float(sc.turns * len(u.actors))) for u in sc.unilateral_moves})  # one move a turn each
    ranges.update({e.id: (0.0, float(sc.turns)) for e in sc.events})
    ranges.update(turn=(1.0, float(sc.turns)), turns=(float(sc.turns),) * 2, turns_left=(0.0, sc.turns - 1.0),
                  agreements=(0.0, float(len(sc.joint_moves))))
    return ranges


def _saturation_notes(doc: Document, sc: m.Scenario, compiled: list[tuple[crossref.Loc, Expression | Effect]]
                      ) -> list[Problem]:
    ranges = name_ranges(sc)
    notes = []
    for loc, item in compiled:
        found = reach_effect(item, ranges) if isinstance(item, Effect) else reach(item, ranges)
        if found is not None:
            notes.append(_problem(doc, loc, (
                f"warning: at column {found.column} of '{item.text}' the value can pass {_LIMIT}, where "
                f"arithmetic stops (anything larger counts as {_LIMIT}); check that this is what you mean")))
    return notes


def _problem(doc: Document, loc: Sequence[str | int], message: str) -> Problem:
    line, col = doc.locate(tuple(loc))
    return Problem(doc.filename, line, col, format_path(loc), message)


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _schema_problem(doc: Document, e: Any) -> Problem:
    loc = tuple(x for x in e["loc"] if x != "[key]")
    kind, ctx, value = e["type"], e.get("ctx") or {}, e.get("input")
    if kind == "missing":
        return _problem(doc, loc[:-1], f"missing required key '{loc[-1]}'")
    if kind == "extra_forbidden":
        known = _fields_at(loc[:-1])
        close = suggest(str(loc[-1]), known)
        hint = f" — did you mean '{close}'?" if close else (f" — expected one of: {', '.join(known)}" if known else "")
        line, col = doc.key_positions.get(loc, doc.locate(loc))
        return Problem(doc.filename, line, col, format_path(loc), f"unknown key '{loc[-1]}'{hint}")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == _ID_PATTERN:
        return _problem(doc, loc, _id_message(doc, loc, value))
    if kind == "string_pattern_mismatch":
        want = _PATTERN_HELP.get(ctx.get("pattern", ""), f"text matching {ctx.get('pattern')}")
        return _problem(doc, loc, f"expected {want}; found {_found(value)}")
    if kind == "literal_error":
        return _problem(doc, loc, f"expected {ctx.get('expected')}; found {_found(value)}")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _problem(doc, loc, f"expected a whole number; found {_found(value)}")
    if kind in ("float_parsing", "float_type", "finite_number"):
        return _problem(doc, loc, f"expected a number; found {_found(value)}")
    if kind in ("bool_parsing", "bool_type"):
        return _problem(doc, loc, f"expected true or false; found {_found(value)}")
    if kind == "string_type" and _is_id(loc):
        return _problem(doc, loc, _id_message(doc, loc, value))
    if kind == "string_type" and isinstance(value, list | dict):  # quotes would not help here
        return _problem(doc, loc, f"expected text; found {_found(value)}: write the text itself after the key")
    if kind == "string_type":
        return _problem(doc, loc, f"expected text; found {_found(value)} (put it in quotes)")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _problem(doc, loc, f"expected a mapping (key: value lines); found {_found(value)}")
    if kind == "list_type":
        return _problem(doc, loc, f"expected a list (lines starting with -); found {_found(value)}")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {"greater_than_equal": "at least", "greater_than": "more than",
                 "less_than_equal": "at most", "less_than": "less than"}[kind]
        bound = next(iter(ctx.values()), "?")
        return _problem(doc, loc, f"must be {words} {bound}; found {_found(value)}")
    if kind in ("too_short", "too_long"):
        unit = "item" if isinstance(value, list | dict) else "character"
        if kind == "too_short":
            n = ctx.get("min_length", 1)
            return _problem(doc, loc, f"needs at least {n} {unit}{'s' if n != 1 else ''}")
        return _problem(doc, loc, f"has too many {unit}s (at most {ctx.get('max_length')})")
    if kind == "string_too_short":
        return _problem(doc, loc, "must not be empty")
    if kind == "string_too_long":
        return _problem(doc, loc, f"is too long (at most {ctx.get('max_length')} characters)")
    return _problem(doc, loc, f"{e['msg']}; found {_found(value)}")


def _id_message(doc: Document, loc: Sequence[str | int], value: Any) -> str:
    """'expected the id of a variant of 'm' (one of: ...); found 2 — did you mean ...?'"""
    known = hints.choices(doc.data, loc)
    if known is None:
        return f"expected {_PATTERN_HELP[_ID_PATTERN]}; found {_found(value)}"
    several = isinstance(value, list)
    found = "a list: give just one id" if several else _found(value)
    message = f"expected the id of {known.what} ({known.listed()}); found {found}"
    guess = None if several else known.guess(value)
    return message + (f" — did you mean {guess}?" if guess else "")


def _is_id(loc: Sequence[str | int]) -> bool:
    """Whether the field at loc holds an id (a name of something in the scenario), not free text."""
    tp: Any = Scenario
    metadata: list[Any] = []
    for part in loc:
        model = _model_in(tp)
        field = model.model_fields.get(part) if model is not None and isinstance(part, str) else None
        if field is not None:
            tp, metadata = field.annotation, list(field.metadata)
        else:
            tp, metadata = _unwrap(tp, part), []
        if tp is None:
            return False
    metadata += getattr(tp, "__metadata__", ())
    for arg in typing.get_args(tp):  # Id | None
        metadata += getattr(arg, "__metadata__", ())
    return any(getattr(m, "pattern", None) == _ID_PATTERN for m in metadata)


def _fields_at(loc: Sequence[str | int]) -> list[str]:
    """Field names of the model found at a path of the schema, for 'did you mean' hints."""
    tp: Any = Scenario
    for part in loc:
        tp = _unwrap(tp, part)
        if tp is None:
            return []
    model = _model_in(tp)
    return list(model.model_fields) if model else []


def _unwrap(tp: Any, part: str | int) -> Any:
    model = _model_in(tp)
    if model is not None and isinstance(part, str):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    origin = typing.get_origin(tp)
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if origin in (list, tuple) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    for a in args:  # unions
        inner = _unwrap(a, part)
        if inner is not None:
            return inner
    return None


def _model_in(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for a in typing.get_args(tp):
        found = _model_in(a) if typing.get_origin(tp) is not dict else None
        if found is not None:
            return found
    return None
