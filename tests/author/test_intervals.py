"""The interval analysis is sound: what it says an expression can be, the expression is."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.author.intervals import Interval, evaluate, narrow, parse, truth
from game.core.expr import compile_expression

NAMES = {"x": Interval(0, 100), "y": Interval(-5, 5), "lvl": Interval(0, 2, True), "n": Interval(0, 8, True)}
EXPRESSIONS = [
    "x + y * 2", "x - y", "x * y", "x / (y + 10)", "x % 7", "y ** 2", "abs(y) + 1", "min(x, y, 3)",
    "max(x, lvl * 10)", "clamp(x - 50, -10, 10)", "round(y / 2)", "floor(x / 3) + ceil(y)",
    "10 if lvl >= 2 else -3", "x > 50 and lvl == 1", "not (y < 0) or n >= 8", "0 < x < 50",
    "lvl != 1", "x / y", "-x + +y", "n % 3 == 0",
]


@settings(max_examples=200, deadline=None)
@given(x=st.floats(0, 100), y=st.floats(-5, 5), lvl=st.integers(0, 2), n=st.integers(0, 8),
       index=st.integers(0, len(EXPRESSIONS) - 1))
def test_every_value_lies_in_its_interval(x: float, y: float, lvl: int, n: int, index: int) -> None:
    text = EXPRESSIONS[index]
    value = compile_expression(text, NAMES).evaluate({"x": x, "y": y, "lvl": lvl, "n": n})
    iv = evaluate(parse(text, NAMES), NAMES)
    assert iv.lo - 1e-9 <= value <= iv.hi + 1e-9, (text, value, iv)
    t = truth(iv)
    if t is not None:
        assert bool(value) == t


@pytest.mark.parametrize(("text", "expected"), [
    ("lvl >= 3", False), ("lvl <= 2", True), ("lvl == 1.5", False), ("x > 100", False), ("x >= 0", True),
    ("x > 50 and x < 40", False), ("lvl > 1 and lvl < 2", False), ("x > 50", None), ("n == 8", None),
])
def test_conditions_that_never_or_always_hold(text: str, expected: bool | None) -> None:
    node = parse(text, NAMES)
    got = truth(evaluate(node, NAMES))
    if got is None and narrow(node, NAMES) is None:
        got = False
    assert got is expected


def test_narrowing_keeps_every_value_that_satisfies_the_condition() -> None:
    box = narrow(parse("x > 60 and lvl >= 1 and y <= 2", NAMES), NAMES)
    assert box is not None
    assert box["x"].lo <= 60 + 1e-9 and box["x"].hi == 100
    assert box["lvl"] == Interval(1, 2, True) and box["y"].hi == 2
    assert not math.isinf(box["x"].lo)
