"""Interval analysis of expressions: the values an expression can take, given ranges for its names.

A sound over-approximation: if the analysis says a condition can never hold, no game can make it
hold; "maybe" only means the analysis cannot tell. Used by ``lint`` to find conditions that never
or always hold and endings that an earlier one shadows. Reads the parse trees of
``game.core.expr_parse``; changes nothing in ``game.core``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from game.core.expr import MAX_VALUE
from game.core.expr_parse import Node, Parser, check_text, tokenize

INF = math.inf


@dataclass(frozen=True)
class Interval:
    """The closed range lo..hi; ``whole`` when every value in it is a whole number."""

    lo: float
    hi: float
    whole: bool = False

    @staticmethod
    def point(value: float) -> Interval:
        """The single value ``value``."""
        return Interval(value, value, float(value).is_integer())

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    def hull(self, other: Interval) -> Interval:
        """The smallest interval holding both."""
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi), self.whole and other.whole)

    def meet(self, other: Interval) -> Interval | None:
        """The values in both, or None when there are none."""
        whole = self.whole or other.whole
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        if whole:
            lo, hi = math.ceil(lo) if lo > -INF else lo, math.floor(hi) if hi < INF else hi
        return Interval(lo, hi, whole) if lo <= hi else None

    def within(self, other: Interval) -> bool:
        """Whether every value of this interval is in the other."""
        return other.lo <= self.lo and self.hi <= other.hi

    def text(self) -> str:
        """For people: '3', '0 to 2', 'at least 5'."""
        if self.is_point:
            return _num(self.lo)
        if self.lo == -INF and self.hi == INF:
            return "any value"
        if self.lo == -INF:
            return f"at most {_num(self.hi)}"
        if self.hi == INF:
            return f"at least {_num(self.lo)}"
        return f"{_num(self.lo)} to {_num(self.hi)}"


ANY = Interval(-INF, INF)
TRUE, FALSE, MAYBE = Interval(1, 1, True), Interval(0, 0, True), Interval(0, 1, True)


def _num(x: float) -> str:
    return f"{x:g}" if not float(x).is_integer() else str(int(x))


def truth(iv: Interval) -> bool | None:
    """True if the value is always true (never 0), False if always 0, None if it depends."""
    if iv.lo == 0 and iv.hi == 0:
        return False
    if iv.lo > 0 or iv.hi < 0:
        return True
    return None


def _tri(value: bool | None) -> Interval:
    return MAYBE if value is None else (TRUE if value else FALSE)


def parse(text: str, names: Collection[str]) -> Node:
    """The parse tree of a condition or the right-hand side of an effect (already compiled once)."""
    return Parser(tokenize(check_text(text)), names).parse_rest()


Domains = Mapping[str, Interval]


def evaluate(node: Node, dom: Domains) -> Interval:
    """The range of values the expression can take when each name is within its domain."""
    kind, args = node.kind, node.args
    if kind in ("num", "bool"):
        return Interval.point(float(node.value))  # type: ignore[arg-type]
    if kind == "name":
        return dom.get(str(node.value), ANY)
    if kind == "unary":
        a = evaluate(args[0], dom)
        return Interval(-a.hi, -a.lo, a.whole) if node.value == "-" else a
    if kind == "not":
        t = truth(evaluate(args[0], dom))
        return _tri(None if t is None else not t)
    if kind in ("and", "or"):
        left, right = truth(evaluate(args[0], dom)), truth(evaluate(args[1], dom))
        if kind == "and":
            return _tri(False if False in (left, right) else (True if left and right else None))
        return _tri(True if True in (left, right) else (False if left is False and right is False else None))
    if kind == "if":
        t = truth(evaluate(args[1], dom))
        if t is None:
            return evaluate(args[0], dom).hull(evaluate(args[2], dom))
        return evaluate(args[0] if t else args[2], dom)
    if kind == "compare":
        return _tri(compare_truth(node, dom))
    if kind == "binary":
        return _binary(str(node.value), evaluate(args[0], dom), evaluate(args[1], dom))
    return _call(str(node.value), [evaluate(a, dom) for a in args])


def compare_truth(node: Node, dom: Domains) -> bool | None:
    """Whether a (possibly chained) comparison always holds, never holds, or depends (None)."""
    values = [evaluate(a, dom) for a in node.args]
    result: bool | None = True
    for op, a, b in zip(node.value, values, values[1:], strict=False):  # type: ignore[call-overload]
        link = _link(op, a, b)
        if link is False:
            return False
        if link is None:
            result = None
    return result


def _link(op: str, a: Interval, b: Interval) -> bool | None:
    if op in (">", ">="):
        op, a, b = {">": "<", ">=": "<="}[op], b, a
    if op == "<":
        return True if a.hi < b.lo else (False if a.lo >= b.hi else None)
    if op == "<=":
        return True if a.hi <= b.lo else (False if a.lo > b.hi else None)
    equal: bool | None
    if a.is_point and b.is_point and a.lo == b.lo:
        equal = True
    elif a.meet(b) is None or _no_whole_in_common(a, b):
        equal = False
    else:
        equal = None
    if op == "==":
        return equal
    return None if equal is None else not equal


def _no_whole_in_common(a: Interval, b: Interval) -> bool:
    """A whole-number range against one non-whole value (level == 1.5)."""
    for whole, other in ((a, b), (b, a)):
        if whole.whole and other.is_point and not float(other.lo).is_integer():
            return True
    return False


def _mul(x: float, y: float) -> float:
    return 0.0 if x == 0 or y == 0 else x * y


def _pow(x: float, n: float) -> float:
    try:
        return x**n
    except OverflowError:  # beyond floats: the engine saturates there (below)
        return INF if x > 0 or float(n).is_integer() and int(n) % 2 == 0 else -INF


def _saturate(iv: Interval) -> Interval:
    """The interval as the engine computes it: arithmetic stops at ±MAX_VALUE (rule 5.8)."""
    lo, hi = max(-MAX_VALUE, min(MAX_VALUE, iv.lo)), max(-MAX_VALUE, min(MAX_VALUE, iv.hi))
    return iv if (lo, hi) == (iv.lo, iv.hi) else Interval(lo, hi, iv.whole)


def _binary(op: str, a: Interval, b: Interval) -> Interval:
    return _saturate(_arith(op, a, b))


def _arith(op: str, a: Interval, b: Interval) -> Interval:
    whole = a.whole and b.whole
    if op == "+":
        return Interval(a.lo + b.lo, a.hi + b.hi, whole)
    if op == "-":
        return Interval(a.lo - b.hi, a.hi - b.lo, whole)
    if op == "*":
        corners = [_mul(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        return Interval(min(corners), max(corners), whole)
    if op == "/":
        if b.lo > 0 or b.hi < 0:
            corners = [
                x / y for x in (a.lo, a.hi) for y in (b.lo, b.hi) if not math.isinf(y) or not math.isinf(x)
            ]
            return Interval(min(corners), max(corners)) if len(corners) == 4 else ANY
        return ANY
    if op == "%":
        if b.is_point and b.lo > 0:
            return Interval(0, b.lo, whole)
        if b.is_point and b.lo < 0:
            return Interval(b.lo, 0, whole)
        return ANY
    if op == "**":
        n = b.lo
        if a.lo >= 0 and n >= 0:
            return Interval(_pow(a.lo, n), _pow(a.hi, n))
        if float(n).is_integer() and n >= 0:
            if int(n) % 2 == 0:
                top = max(_pow(a.lo, n), _pow(a.hi, n))
                return Interval(0.0 if a.lo <= 0 <= a.hi else min(_pow(a.lo, n), _pow(a.hi, n)), top)
            return Interval(_pow(a.lo, n), _pow(a.hi, n))
        if a.lo > 0:
            ends = sorted((_pow(a.lo, n), _pow(a.hi, n)))
            return Interval(ends[0], ends[1])
        return ANY
    raise ValueError(op)


_ROUNDERS: dict[str, Callable[[float], float]] = {
    "floor": math.floor,
    "ceil": math.ceil,
    "round": lambda x: math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5),
}


def _call(name: str, xs: list[Interval]) -> Interval:
    whole = all(x.whole for x in xs)
    if name == "min":
        return Interval(min(x.lo for x in xs), min(x.hi for x in xs), whole)
    if name == "max":
        return Interval(max(x.lo for x in xs), max(x.hi for x in xs), whole)
    if name == "abs":
        (x,) = xs
        if x.lo >= 0:
            return x
        if x.hi <= 0:
            return Interval(-x.hi, -x.lo, x.whole)
        return Interval(0, max(-x.lo, x.hi), x.whole)
    if name == "clamp":
        x, lo, hi = xs
        inner = Interval(max(x.lo, lo.lo), max(x.hi, lo.hi), whole)
        return Interval(min(inner.lo, hi.lo), min(inner.hi, hi.hi), whole)
    f = _ROUNDERS[name]
    (x,) = xs
    lo = f(x.lo) if math.isfinite(x.lo) else x.lo
    hi = f(x.hi) if math.isfinite(x.hi) else x.hi
    return Interval(lo, hi, True)


def comparisons(node: Node) -> list[Node]:
    """Every comparison in the tree, outermost first."""
    found: list[Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.kind == "compare":
            found.append(n)
        stack.extend(reversed(n.args))
    return found


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def narrow(node: Node, dom: Domains) -> dict[str, Interval] | None:
    """Domains narrowed by what must hold for the condition to be true; None if it cannot be.

    Only the parts joined by ``and`` that compare one name with something are used, so the
    result may be wider than the truth (which keeps every conclusion drawn from it sound).
    """
    out = dict(dom)
    for part in _conjuncts(node):
        if part.kind != "compare" or len(part.args) != 2:
            continue
        (op,), (left, right) = part.value, part.args  # type: ignore[misc]
        for name_side, other, o in ((left, right, op), (right, left, _FLIP[op])):
            if name_side.kind != "name":
                continue
            name = str(name_side.value)
            current = out.get(name, ANY)
            bound = evaluate(other, out)
            allowed = _allowed(o, bound, current.whole)
            if allowed is None:
                continue
            met = current.meet(allowed)
            if met is None:
                return None
            out[name] = met
    return out


def _allowed(op: str, b: Interval, whole: bool) -> Interval | None:
    """The values x may take for 'x op b' to be possible."""
    step = 1 if whole else 0
    if op == "<":
        return Interval(-INF, b.hi - step if whole and float(b.hi).is_integer() else b.hi)
    if op == "<=":
        return Interval(-INF, b.hi)
    if op == ">":
        return Interval(b.lo + step if whole and float(b.lo).is_integer() else b.lo, INF)
    if op == ">=":
        return Interval(b.lo, INF)
    if op == "==":
        return b
    return None


def _conjuncts(node: Node) -> list[Node]:
    if node.kind == "and":
        return _conjuncts(node.args[0]) + _conjuncts(node.args[1])
    return [node]
