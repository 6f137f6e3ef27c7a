"""Parley's expression language: conditions and effects written in scenario files.

Scenario files are untrusted, so this is a small whitelisted language with its own parser
(``expr_parse``); Python's eval, exec, compile and ast are never used. The language:

- numbers: decimal only (``12``, ``0.5``, ``.5``, ``1e3``), at most 1e9 in magnitude;
  ``true`` and ``false``, which count as 1 and 0 in arithmetic;
- names of the scenario's values (a name may not start with ``_``);
- ``+ - * / %`` and unary ``+ -``; division or remainder by zero gives 0, so an author's
  ratio never crashes a game; ``%`` follows Python (the result has the divisor's sign);
- ``x ** n`` where n is a plain number from -4 to 4; a power is always a float;
- comparisons ``< <= > >= == !=``, chainable as in Python (``0 < x < 5``);
- ``and``, ``or``, ``not`` (these always give true or false), ``a if condition else b``;
- functions ``min(a, b, ...)``, ``max(...)`` (2 to 8 arguments), ``abs(x)``,
  ``clamp(x, lo, hi)`` (= min(max(x, lo), hi)), ``round(x)`` (halves away from zero,
  unlike Python's round), ``floor(x)``, ``ceil(x)``.

Precedence is Python's. Limits: 500 characters, 200 parts, 32 levels of nesting. An effect
is ``name op expression`` with op one of ``= += -= *= /=``.

Evaluation is total: a compiled expression always gives a finite number, so a scenario that
passed validation never fails mid-game. Arithmetic saturates: any result beyond ±MAX_VALUE
(1e300) is taken as ±MAX_VALUE, so no infinity or NaN ever reaches a comparison, an indicator
or a score; a negative number raised to a fractional power keeps its sign
(``(-8) ** 0.5`` is ``-(8 ** 0.5)``). ``expr_bounds`` finds, at load time, the expressions that
can reach the limit, so an author is told where saturation may happen.

Each expression is compiled once into nested closures, so evaluating is a few function calls.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.core.errors import ExpressionError
from game.core.expr_parse import (
    ASSIGNMENTS,
    FUNCTIONS,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_LITERAL,
    MAX_NODES,
    Node,
    Parser,
    check_text,
    tokenize,
    unknown_name,
)

__all__ = [
    "FUNCTIONS", "MAX_DEPTH", "MAX_EXPONENT", "MAX_LENGTH", "MAX_LITERAL", "MAX_NODES", "MAX_VALUE",
    "Effect", "Expression", "Number", "compile_condition", "compile_effect", "compile_expression", "saturate",
]

Number = float | int | bool
Env = Mapping[str, Number]
Fn = Callable[[Env], Any]

MAX_VALUE = 1e300  # arithmetic saturates here: far beyond any indicator, far below float overflow


def saturate(value: Number) -> Number:
    """value if it lies within ±MAX_VALUE, else the nearer limit (0 for NaN, which never arises)."""
    if -MAX_VALUE <= value <= MAX_VALUE:
        return value
    if value > 0:
        return MAX_VALUE
    return -MAX_VALUE if value < 0 else 0.0


@dataclass(frozen=True)
class Expression:
    """A compiled expression; equal and hashable by its text and names."""

    text: str
    names: frozenset[str]  # variable names it reads
    _fn: Fn = field(compare=False, repr=False)
    tree: Node | None = field(default=None, compare=False, repr=False)  # for load-time analysis (expr_bounds)

    def evaluate(self, env: Env) -> Number:
        """The value of the expression, always finite; env must give every name in ``names``."""
        try:
            return self._fn(env)  # type: ignore[no-any-return]
        except KeyError as err:  # a caller's mistake, never a scenario's: every name was checked
            raise ExpressionError(f"no value for '{err.args[0]}'") from None

    def truth(self, env: Env) -> bool:
        """The value of the expression as true or false."""
        return bool(self.evaluate(env))

    def __reduce__(self) -> tuple[Any, ...]:
        # Closures cannot be copied; the text and names are enough to compile it again (copy.deepcopy).
        return (compile_expression, (self.text, self.names))


@dataclass(frozen=True)
class Effect:
    """A compiled effect ``target op expression``, e.g. ``tension += 5``."""

    text: str
    target: str
    op: str  # one of "=", "+=", "-=", "*=", "/="
    expression: Expression

    def new_value(self, env: Env) -> float:
        """The target's new value given the current env (env[target] is the old value); always finite."""
        value = self.expression.evaluate(env)
        if self.op == "=":
            return float(value)
        try:
            old = env[self.target]
        except KeyError:
            raise ExpressionError(f"no value for '{self.target}'") from None
        if self.op == "+=":
            new = old + value
        elif self.op == "-=":
            new = old - value
        elif self.op == "*=":
            new = old * value
        else:  # "/=": dividing by zero gives 0, as in expressions
            new = old / value if value else 0.0
        return float(new if -MAX_VALUE <= new <= MAX_VALUE else saturate(new))

    @property
    def names(self) -> frozenset[str]:
        """Names read, including the target for compound operators."""
        return self.expression.names if self.op == "=" else self.expression.names | {self.target}


def compile_expression(text: str, names: Collection[str]) -> Expression:
    """Parse and compile an expression that may read the given names."""
    parser = Parser(tokenize(check_text(text)), names)
    node = parser.parse_rest()
    return Expression(text, frozenset(parser.read), _build(node), node)


def compile_condition(text: str, names: Collection[str]) -> Expression:
    """Like compile_expression, but the expression must be true-or-false valued."""
    parser = Parser(tokenize(check_text(text)), names)
    node = parser.parse_rest()
    if not _is_boolean(node):
        raise ExpressionError("a condition must compare something, e.g. 'tension > 60'", 1)
    return Expression(text, frozenset(parser.read), _build(node), node)


def compile_effect(text: str, readable: Collection[str], writable: Collection[str]) -> Effect:
    """Parse and compile an effect ``name op expression`` whose target is in writable."""
    parser = Parser(tokenize(check_text(text)), readable)
    target = parser.take()
    if target.kind != "name":
        raise ExpressionError("an effect must start with the name it changes, e.g. 'tension += 5'", target.col)
    if target.text not in writable:
        if target.text in readable:
            allowed = sorted(writable)
            listed = ", ".join(allowed[:12]) + (", ..." if len(allowed) > 12 else "")
            raise ExpressionError(f"'{target.text}' cannot be changed; effects may change: {listed or 'nothing'}",
                                  target.col)
        raise ExpressionError(unknown_name(target.text, writable), target.col)
    op = parser.take()
    if op.text == "==":
        raise ExpressionError(f"an effect sets a value with '=', not '==', e.g. '{target.text} = 50'", op.col)
    if op.kind != "op" or op.text not in ASSIGNMENTS:
        raise ExpressionError(f"expected '=', '+=', '-=', '*=' or '/=' after '{target.text}'", op.col)
    node = parser.parse_rest()
    source = text[op.col - 1 + len(op.text):].strip(" \t")
    expression = Expression(source, frozenset(parser.read), _build(node), node)
    return Effect(text, target.text, op.text, expression)


def _is_boolean(node: Node) -> bool:
    if node.kind == "if":
        return _is_boolean(node.args[0]) and _is_boolean(node.args[2])
    return node.kind in ("compare", "and", "or", "not", "bool")


# Closure factories. Operators are written inline (not via the operator module) because a
# direct `a(env) + b(env)` is measurably faster than an extra function call per node. Every
# operand is within ±MAX_VALUE, so a sum, difference, product or quotient is a float or int
# that may be infinite but is never NaN; the inline range test catches it before it goes on.
def _add(a: Fn, b: Fn, lim: float = MAX_VALUE) -> Fn:
    def add(env: Env) -> Number:
        v = a(env) + b(env)
        return v if -lim <= v <= lim else saturate(v)

    return add


def _sub(a: Fn, b: Fn, lim: float = MAX_VALUE) -> Fn:
    def sub(env: Env) -> Number:
        v = a(env) - b(env)
        return v if -lim <= v <= lim else saturate(v)

    return sub


def _mul(a: Fn, b: Fn, lim: float = MAX_VALUE) -> Fn:
    def mul(env: Env) -> Number:
        v = a(env) * b(env)
        return v if -lim <= v <= lim else saturate(v)

    return mul


def _div(a: Fn, b: Fn, lim: float = MAX_VALUE) -> Fn:
    def div(env: Env) -> Number:
        d = b(env)
        if not d:
            return 0.0
        v = a(env) / d  # infinite for a tiny divisor: the range test below catches it
        return v if -lim <= v <= lim else saturate(v)

    return div


def _mod(a: Fn, b: Fn) -> Fn:
    def mod(env: Env) -> Number:
        d = b(env)
        return a(env) % d if d else 0.0

    return mod


_BINARY: dict[str, Callable[[Fn, Fn], Fn]] = {
    "+": _add,
    "-": _sub,
    "*": _mul,
    "/": _div,
    "%": _mod,
    "<": lambda a, b: lambda env: a(env) < b(env),
    "<=": lambda a, b: lambda env: a(env) <= b(env),
    ">": lambda a, b: lambda env: a(env) > b(env),
    ">=": lambda a, b: lambda env: a(env) >= b(env),
    "==": lambda a, b: lambda env: a(env) == b(env),
    "!=": lambda a, b: lambda env: a(env) != b(env),
}
# The commonest condition is 'name <op> number'; one closure instead of three halves its cost.
_NAME_VS_CONST: dict[str, Callable[[str, Number], Fn]] = {
    "<": lambda n, c: lambda env: env[n] < c,
    "<=": lambda n, c: lambda env: env[n] <= c,
    ">": lambda n, c: lambda env: env[n] > c,
    ">=": lambda n, c: lambda env: env[n] >= c,
    "==": lambda n, c: lambda env: env[n] == c,
    "!=": lambda n, c: lambda env: env[n] != c,
}
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda x, y: x < y, "<=": lambda x, y: x <= y, ">": lambda x, y: x > y,
    ">=": lambda x, y: x >= y, "==": lambda x, y: x == y, "!=": lambda x, y: x != y,
}


def _round_half_away(x: Number) -> Number:
    if x < 0:
        return -_round_half_away(-x)
    whole = math.floor(x)
    return whole + 1 if x - whole >= 0.5 else whole  # x - floor(x) is exact for floats


# Their argument is always finite, so floor, ceil and round give an int of at most ~300 digits.
_UNARY_FUNCTIONS: dict[str, Callable[[Any], Number]] = {
    "abs": abs, "floor": math.floor, "ceil": math.ceil, "round": _round_half_away,
}


def _build(node: Node) -> Fn:
    """Compile a parse tree into a closure taking the env."""
    kind, args = node.kind, node.args
    if kind in ("num", "bool"):
        value = node.value
        return lambda env: value
    if kind == "name":
        name = node.value
        return lambda env: env[name]
    fns = [_build(a) for a in args]
    if kind == "unary":
        (a,) = fns
        return (lambda env: -a(env)) if node.value == "-" else (lambda env: +a(env))
    if kind == "not":
        (a,) = fns
        return lambda env: not a(env)
    if kind == "and":
        a, b = fns
        return lambda env: bool(a(env)) and bool(b(env))
    if kind == "or":
        a, b = fns
        return lambda env: bool(a(env)) or bool(b(env))
    if kind == "if":
        then, condition, otherwise = fns
        return lambda env: then(env) if condition(env) else otherwise(env)
    if kind == "binary" and node.value == "**":
        return _power(fns[0], args[1].value)  # type: ignore[arg-type]
    if kind == "binary":
        return _BINARY[node.value](*fns)  # type: ignore[index]
    if kind == "compare":
        return _compare(node, fns)
    return _call(node.value, fns)  # type: ignore[arg-type]


def _power(a: Fn, exponent: float) -> Fn:
    exponent = float(exponent)
    # The sign of the result for a negative base: (-x)**2 = x**2, (-x)**3 = -(x**3), and a
    # fractional power keeps the sign (a real power of a negative number does not exist).
    even = exponent.is_integer() and int(exponent) % 2 == 0

    def power(env: Env) -> float:
        # In floats on the magnitude, so nested powers overflow (caught) instead of building huge integers.
        x = float(a(env))
        if x == 0.0 and exponent < 0:
            return 0.0  # 0 to a negative power: treated like division by zero
        try:
            magnitude = abs(x) ** exponent
        except OverflowError:
            magnitude = MAX_VALUE
        magnitude = min(magnitude, MAX_VALUE)
        return -magnitude if x < 0 and not even else magnitude

    return power


def _compare(node: Node, fns: list[Fn]) -> Fn:
    ops: tuple[str, ...] = node.value  # type: ignore[assignment]
    if len(ops) == 1:
        left, right = node.args
        if left.kind == "name" and right.kind == "num":
            return _NAME_VS_CONST[ops[0]](left.value, right.value)  # type: ignore[arg-type]
        return _BINARY[ops[0]](*fns)
    steps = [(_COMPARE[op], f) for op, f in zip(ops, fns[1:], strict=True)]
    first = fns[0]

    def chain(env: Env) -> bool:
        # Like Python: each operand is evaluated once, and evaluation stops at the first false link.
        left = first(env)
        for test, f in steps:
            right = f(env)
            if not test(left, right):
                return False
            left = right
        return True

    return chain


def _call(name: str, fns: list[Fn]) -> Fn:
    if name in _UNARY_FUNCTIONS:
        f, (a,) = _UNARY_FUNCTIONS[name], fns
        return lambda env: f(a(env))
    if name == "clamp":
        x, lo, hi = fns
        return lambda env: min(max(x(env), lo(env)), hi(env))
    pick = min if name == "min" else max
    if len(fns) == 2:
        a, b = fns
        return lambda env: pick(a(env), b(env))
    return lambda env: pick([f(env) for f in fns])
