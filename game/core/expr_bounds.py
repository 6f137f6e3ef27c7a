"""Interval analysis of expressions: which parts can reach the saturation limit.

Evaluation never fails (``expr`` saturates arithmetic at ±MAX_VALUE), but an expression whose
values can reach that limit almost certainly does not mean what its author thinks, so the
loader reports it at load time. ``reach`` computes, from the range of every name, an interval
that holds every value a part of the expression can take, and returns the first part (in
reading order of the tree, innermost first) whose interval goes beyond the limit.

The intervals are sound but not tight: the analysis may warn about an expression whose parts
never actually meet their extremes together. A division by something that can be zero, or
a negative power of it, has no useful bound; such parts are left unjudged rather than flagged,
since dividing by zero gives 0 by the language's rule and most such ratios are harmless.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from game.core.expr import MAX_VALUE, Effect, Expression
from game.core.expr_parse import Node

Interval = tuple[float, float]


@dataclass(frozen=True)
class Reach:
    """A part of an expression that can go beyond ±MAX_VALUE."""

    column: int  # 1-based column of the operator or call in the expression text
    bound: float  # the largest magnitude the analysis allows there (may be infinite)


def reach(expression: Expression, ranges: Mapping[str, Interval]) -> Reach | None:
    """The first part of the expression that can exceed ±MAX_VALUE, given each name's range."""
    return _analyse(expression, ranges)[1]


def reach_effect(effect: Effect, ranges: Mapping[str, Interval]) -> Reach | None:
    """Like reach, for an effect; a compound one (``x *= ...``) is judged with its target too."""
    value, found = _analyse(effect.expression, ranges)
    target = ranges.get(effect.target)
    if found is not None or effect.op == "=" or value is None or target is None:
        return found
    out = _binary(effect.op[0], target, value)
    if out is not None and max(-out[0], out[1]) > MAX_VALUE:
        return Reach(effect.text.find(effect.op) + 1, max(-out[0], out[1]))
    return None


def _analyse(expression: Expression, ranges: Mapping[str, Interval]) -> tuple[Interval | None, Reach | None]:
    if expression.tree is None:
        return None, None
    found: list[Reach] = []
    value = _interval(expression.tree, ranges, found)
    return value, (found[0] if found else None)


def _interval(node: Node, ranges: Mapping[str, Interval], found: list[Reach]) -> Interval | None:
    """Every value the node can take (None: no useful bound); parts beyond the limit go to found."""
    kind = node.kind
    if kind in ("num", "bool"):
        v = float(node.value)  # type: ignore[arg-type]
        return (v, v)
    if kind == "name":
        return ranges.get(node.value)  # type: ignore[arg-type]
    parts = [_interval(a, ranges, found) for a in node.args]
    if kind in ("not", "and", "or", "compare"):
        return (0.0, 1.0)
    if any(p is None for p in parts):
        return None
    known: list[Interval] = parts  # type: ignore[assignment]
    if kind == "unary":
        lo, hi = known[0]
        out: Interval | None = (-hi, -lo) if node.value == "-" else (lo, hi)
    elif kind == "if":
        out = _hull(known[0], known[2])
    elif kind == "binary":
        out = _binary(str(node.value), known[0], known[1])
    else:
        out = _call(str(node.value), known)
    if out is not None and kind in ("binary", "call") and max(-out[0], out[1]) > MAX_VALUE:
        found.append(Reach(node.col, max(-out[0], out[1])))
        return None  # judged: the parts around it are not judged again
    return out


def _hull(a: Interval, b: Interval) -> Interval:
    return (min(a[0], b[0]), max(a[1], b[1]))


def _times(x: float, y: float) -> float:
    return 0.0 if x == 0.0 or y == 0.0 else x * y  # 0 x infinity is 0 here: a zero factor stays zero


def _binary(op: str, a: Interval, b: Interval) -> Interval | None:
    if op == "+":
        return (a[0] + b[0], a[1] + b[1])
    if op == "-":
        return (a[0] - b[1], a[1] - b[0])
    if op == "*":
        products = [_times(x, y) for x in a for y in b]
        return (min(products), max(products))
    if op == "/":
        if b[0] <= 0.0 <= b[1]:
            return (0.0, 0.0) if a == (0.0, 0.0) or b == (0.0, 0.0) else None
        quotients = [x / y for x in a for y in b]  # y is never 0 and never crosses it
        return (min(quotients), max(quotients))
    if op == "%":
        m = max(abs(b[0]), abs(b[1]))
        return (-m, m)
    return _power(a, float(b[0]))  # "**": the exponent is a literal


def _signed_power(x: float, e: float) -> float:
    try:
        magnitude = abs(x) ** e
    except OverflowError:
        magnitude = math.inf
    even = e.is_integer() and int(e) % 2 == 0
    return -magnitude if x < 0 and not even else magnitude


def _power(a: Interval, e: float) -> Interval | None:
    if e == 0:
        return (1.0, 1.0)
    if e < 0 and a[0] <= 0.0 <= a[1]:
        return None  # near zero a negative power is unbounded
    values = [_signed_power(x, e) for x in a]
    if a[0] < 0.0 < a[1]:
        values.append(0.0)
    return (min(values), max(values))


def _call(name: str, args: list[Interval]) -> Interval:
    if name == "abs":
        lo, hi = args[0]
        top = max(abs(lo), abs(hi))
        return (0.0 if lo <= 0.0 <= hi else min(abs(lo), abs(hi)), top)
    if name in ("floor", "ceil", "round"):
        return (args[0][0] - 1.0, args[0][1] + 1.0)
    if name == "min":
        return (min(a[0] for a in args), min(a[1] for a in args))
    if name == "max":
        return (max(a[0] for a in args), max(a[1] for a in args))
    x, lo, hi = args  # clamp(x, lo, hi) = min(max(x, lo), hi)
    low = (max(x[0], lo[0]), max(x[1], lo[1]))
    return (min(low[0], hi[0]), min(low[1], hi[1]))
