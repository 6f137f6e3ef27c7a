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

Precedence is Python's. Limits: 500 characters, 200 parts, 32 levels of nesting. A result
that is not a finite number raises ExpressionError; intermediate infinities are not checked
(a comparison with one simply compares). An effect is ``name op expression`` with op one of
``= += -= *= /=``.

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
    "FUNCTIONS", "MAX_DEPTH", "MAX_EXPONENT", "MAX_LENGTH", "MAX_LITERAL", "MAX_NODES",
    "Effect", "Expression", "Number", "compile_condition", "compile_effect", "compile_expression",
]

Number = float | int | bool
Env = Mapping[str, Number]
Fn = Callable[[Env], Any]

_NOT_FINITE = "result is not a finite number"


@dataclass(frozen=True)
class Expression:
    """A compiled expression; equal and hashable by its text and names."""

    text: str
    names: frozenset[str]  # variable names it reads
    _fn: Fn = field(compare=False, repr=False)

    def evaluate(self, env: Env) -> Number:
        """The value of the expression; env must give every name in ``names``."""
        try:  # try is free in 3.11 unless something raises, so this guards every arithmetic mishap
            value = self._fn(env)
            if math.isfinite(value):  # raises OverflowError for an int too large for a float
                return value  # type: ignore[no-any-return]
        except KeyError as err:
            raise ExpressionError(f"no value for '{err.args[0]}'") from None
        except OverflowError:
            pass
        raise ExpressionError(_NOT_FINITE)

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
        """The target's new value given the current env (env[target] is the old value)."""
        value = self.expression.evaluate(env)
        if self.op == "=":
            return float(value)
        try:
            old = env[self.target]
        except KeyError:
            raise ExpressionError(f"no value for '{self.target}'") from None
        try:
            if self.op == "+=":
                new = float(old + value)
            elif self.op == "-=":
                new = float(old - value)
            elif self.op == "*=":
                new = float(old * value)
            else:  # "/=": dividing by zero gives 0, as in expressions
                new = float(old / value) if value else 0.0
        except OverflowError:
            raise ExpressionError(_NOT_FINITE) from None
        if not math.isfinite(new):
            raise ExpressionError(_NOT_FINITE)
        return new

    @property
    def names(self) -> frozenset[str]:
        """Names read, including the target for compound operators."""
        return self.expression.names if self.op == "=" else self.expression.names | {self.target}


def compile_expression(text: str, names: Collection[str]) -> Expression:
    """Parse and compile an expression that may read the given names."""
    parser = Parser(tokenize(check_text(text)), names)
    node = parser.parse_rest()
    return Expression(text, frozenset(parser.read), _build(node))


def compile_condition(text: str, names: Collection[str]) -> Expression:
    """Like compile_expression, but the expression must be true-or-false valued."""
    parser = Parser(tokenize(check_text(text)), names)
    node = parser.parse_rest()
    if not _is_boolean(node):
        raise ExpressionError("a condition must compare something, e.g. 'tension > 60'", 1)
    return Expression(text, frozenset(parser.read), _build(node))


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
    expression = Expression(source, frozenset(parser.read), _build(node))
    return Effect(text, target.text, op.text, expression)


def _is_boolean(node: Node) -> bool:
    if node.kind == "if":
        return _is_boolean(node.args[0]) and _is_boolean(node.args[2])
    return node.kind in ("compare", "and", "or", "not", "bool")


# Closure factories. Operators are written inline (not via the operator module) because a
# direct `a(env) + b(env)` is measurably faster than an extra function call per node.
def _div(a: Fn, b: Fn) -> Fn:
    def div(env: Env) -> Number:
        d = b(env)
        return a(env) / d if d else 0.0

    return div


def _mod(a: Fn, b: Fn) -> Fn:
    def mod(env: Env) -> Number:
        d = b(env)
        return a(env) % d if d else 0.0

    return mod


_BINARY: dict[str, Callable[[Fn, Fn], Fn]] = {
    "+": lambda a, b: lambda env: a(env) + b(env),
    "-": lambda a, b: lambda env: a(env) - b(env),
    "*": lambda a, b: lambda env: a(env) * b(env),
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


def _guarded(f: Callable[[Any], Number]) -> Callable[[Any], Number]:
    def apply(x: Number) -> Number:
        if isinstance(x, float) and not math.isfinite(x):
            return x  # NaN and infinity pass through; evaluate() rejects them if they are the result
        return f(x)

    return apply


_UNARY_FUNCTIONS: dict[str, Callable[[Any], Number]] = {
    "abs": abs, "floor": _guarded(math.floor), "ceil": _guarded(math.ceil), "round": _guarded(_round_half_away),
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
        return _power(fns[0], args[1].value, node.col)  # type: ignore[arg-type]
    if kind == "binary":
        return _BINARY[node.value](*fns)  # type: ignore[index]
    if kind == "compare":
        return _compare(node, fns)
    return _call(node.value, fns)  # type: ignore[arg-type]


def _power(a: Fn, exponent: float, col: int) -> Fn:
    exponent = float(exponent)

    def power(env: Env) -> float:
        # In floats, so nested powers overflow (caught) instead of building huge integers.
        try:
            result = float(a(env)) ** exponent
        except ZeroDivisionError:
            return 0.0  # 0 to a negative power: treated like division by zero
        if isinstance(result, complex):
            raise ExpressionError("a negative number cannot be raised to a fractional power", col)
        return result

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
