"""The load-time interval analysis: which part of an expression can reach the saturation limit."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.expr import MAX_VALUE, compile_effect, compile_expression
from game.core.expr_bounds import reach, reach_effect

RANGES = {"x": (0.0, 100.0), "y": (-50.0, 50.0), "turn": (1.0, 8.0), "big": (0.0, 1e6)}
NAMES = frozenset(RANGES)


_NINE = " * ".join(["1e9 ** 4"] * 9)  # 1e324: one factor more than floats hold

# (expression, the operator at which a value can first pass 1e300: its last occurrence, or None)
CASES: list[tuple[str, str | None]] = [
    ("x + y * 2", None),
    ("x ** 4 * y ** 4 * 1e9", None),
    ("(((x * 1000000000) ** 4) ** 4) ** 4 > 0", "**"),  # (1e11)**4 = 1e44, **4 = 1e176, **4 = 1e704
    ("((x * 1000000000) ** 4) ** 4 > 0", None),  # 1e176 fits
    ("((x * 1e9) ** 4 * (y * 1e9) ** 4) ** 4 > 1", "**"),  # (1e44 * 6.25e42) ** 4 = 1.5e347
    ("x / y", None),  # y can be 0: no useful bound, so not judged
    ("x / turn * 1e9 * 1e9", None),
    ("min(x, 1) * 1e9 ** 4", None),
    (f"abs(y) * {_NINE} > 0", "*"),  # the last factor takes 50 * 1e288 past the limit
    (f"clamp(x * {_NINE}, 0, 1)", "*"),  # clamping afterwards does not undo it: flagged inside
    ("(x if turn > 2 else y) ** 4", None),
    ("x ** -4", None),  # x can be 0: a negative power of it has no useful bound
    ("turn ** -4 * 1e9", None),
]


@pytest.mark.parametrize(("text", "at"), CASES)
def test_reach_finds_the_part_that_can_pass_the_limit(text: str, at: str | None) -> None:
    found = reach(compile_expression(text, NAMES), RANGES)
    assert (found.column if found else None) == (text.rfind(f" {at} ") + 2 if at else None)
    if found is not None:
        assert found.bound > MAX_VALUE


def test_a_compound_effect_is_judged_with_its_target() -> None:
    ranges = {"x": (0.0, 1e6), "y": (0.0, 1e300)}
    assert reach_effect(compile_effect("x *= y", {"x", "y"}, {"x"}), ranges).column == 3
    assert reach_effect(compile_effect("x = y", {"x", "y"}, {"x"}), ranges) is None
    assert reach_effect(compile_effect("x += 5", {"x", "y"}, {"x"}), ranges) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["x", "y", "turn", "1e9", "0.5", "(x - y)"]), min_size=1, max_size=8),
       st.lists(st.sampled_from(["+", "-", "*", "/", "%"]), min_size=7, max_size=7),
       st.sampled_from(["", " ** 2", " ** 4", " ** 0.5"]))
def test_an_expression_judged_safe_never_reaches_the_limit(operands: list[str], ops: list[str], power: str) -> None:
    """Soundness: when reach finds nothing, no value at the corners of the ranges saturates."""
    text = operands[0] + "".join(f" {op} {o}" for op, o in zip(ops, operands[1:], strict=False))
    text = f"({text}){power}"
    expression = compile_expression(text, NAMES)
    if reach(expression, RANGES) is not None or "/" in text or "%" in text:
        return  # flagged, or a ratio (not judged near a zero divisor)
    for values in itertools.product(*[RANGES[n] for n in ("x", "y", "turn")]):
        env = dict(zip(("x", "y", "turn"), values, strict=True)) | {"big": 0.0}
        assert abs(expression.evaluate(env)) < MAX_VALUE
