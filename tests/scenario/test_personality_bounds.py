"""Personality bounds (format 1.1, issue 16 item 4): a scenario may say how far each game moves an
actor's personality; every mistake in them is named with its file, line and field."""

from __future__ import annotations

import pytest

from game.core.errors import ScenarioError
from game.resources import example_scenarios, shipped_scenarios
from game.scenario.loader import load_scenario_bytes

EXAMPLE = example_scenarios()[0]
TUTORIAL = next(p for p in shipped_scenarios() if p.stem == "tutorial_river")
ANCHOR = "    trust: {ossory: 20}\n"


def _with_personality(block: str, *, fmt: str = "format: 1.1") -> bytes:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert ANCHOR in text and "format: 1.1" in text
    text = text.replace(ANCHOR, ANCHOR + block, 1).replace("format: 1.1", fmt, 1)
    return text.encode("utf-8")


GOOD = """    personality:
      concession: boulware
      risk: 0.6
      loyalty: 0.3
      bounds:
        concession: {min: boulware, max: linear}
        risk: {min: 0.4, max: 0.8}
        loyalty: {min: 0.3, max: 0.3}
"""


def test_bounds_reach_the_rules_model():
    sc = load_scenario_bytes(_with_personality(GOOD), "corridor.yaml")
    p = sc.actor("marnia").personality
    assert (p.concession, p.risk, p.loyalty) == ("boulware", 0.6, 0.3)
    assert p.concession_bounds == ("boulware", "linear")
    assert p.risk_bounds == (0.4, 0.8) and p.loyalty_bounds == (0.3, 0.3)
    assert sc.actor("ossory").personality.risk_bounds is None  # an actor without bounds has none


def _line_of(data: bytes, fragment: str) -> int:
    return next(i for i, line in enumerate(data.decode().splitlines(), 1) if fragment in line)


@pytest.mark.parametrize(
    ("old", "new", "fragment", "line_of"),
    [
        ("risk: {min: 0.4, max: 0.8}", "risk: {min: 0.8, max: 0.4}", "min 0.8 is above max 0.4", "risk: {min"),
        ("risk: {min: 0.4, max: 0.8}", "risk: {min: 0.4, max: 1.2}", "must be at most 1.0; found 1.2", "risk: {min"),
        ("risk: {min: 0.4, max: 0.8}", "risk: {min: 0.7, max: 0.8}", "risk 0.6 is outside its bounds (0.7 to 0.8)",
         "risk: 0.6"),
        ("concession: {min: boulware, max: linear}", "concession: {min: linear, max: boulware}",
         "the order is boulware, linear, conceder", "concession: {min"),
        ("concession: {min: boulware, max: linear}", "concession: {min: linear, max: conceder}",
         "'boulware' is outside its bounds (linear to conceder)", "concession: boulware"),
        ("concession: {min: boulware, max: linear}", "concession: {min: boulware, max: stubborn}",
         "conceder", "concession: {min"),
        ("loyalty: {min: 0.3, max: 0.3}", "loyalty: {min: 0.3, mx: 0.3}", "mx", "loyalty: {min"),
        ("        loyalty: {min", "        loyality: {min", "did you mean 'loyalty'", "loyality"),
    ],
)
def test_a_bad_bound_names_the_file_line_and_field(old, new, fragment, line_of):
    assert old in GOOD
    data = _with_personality(GOOD.replace(old, new))
    with pytest.raises(ScenarioError) as info:
        load_scenario_bytes(data, "corridor.yaml")
    assert fragment in str(info.value), str(info.value)
    first = info.value.first
    assert first.file == "corridor.yaml" and first.line == _line_of(data, line_of), (str(info.value), first.line)


def test_bounds_in_a_format_1_file_are_refused_with_the_reason():
    text = TUTORIAL.read_text(encoding="utf-8")
    old = "      risk: 0.5\n      loyalty: 0.6\n"
    assert "format: 1\n" in text and old in text
    data = text.replace(old, old + "      bounds:\n        risk: {min: 0.4, max: 0.6}\n", 1).encode("utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario_bytes(data, "river.yaml")
    assert "'bounds' is format 1.1: write `format: 1.1` at the top" in str(info.value)
    assert info.value.first.file == "river.yaml" and info.value.first.line == _line_of(data, "risk: {min: 0.4")  # the value of `bounds`
