"""Whatever a scenario file holds, the loader answers with a scenario or a ScenarioError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.errors import ScenarioError
from game.scenario.loader import load_scenario_bytes

SYRIA = Path(__file__).resolve().parents[2] / "scenarios" / "syria_2017_07.yaml"
BASE = yaml.safe_load(SYRIA.read_text(encoding="utf-8"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False, allow_infinity=False, width=32), st.text(max_size=12))
trees = st.recursive(scalars, lambda kids: st.one_of(
    st.lists(kids, max_size=4), st.dictionaries(st.text(min_size=1, max_size=8), kids, max_size=4)), max_leaves=20)


def _load(data: bytes) -> None:
    try:
        load_scenario_bytes(data, "fuzz.yaml")
    except ScenarioError as err:
        assert all(p.file == "fuzz.yaml" and str(p) for p in err.problems)


@settings(max_examples=150, deadline=None)
@given(trees)
def test_random_structures_give_only_scenario_errors(tree: Any) -> None:
    _load(yaml.safe_dump({"format": 1, "x": tree}).encode())
    _load(yaml.safe_dump(tree).encode())


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(BASE)[1:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), trees)
def test_replacing_any_field_of_syria_gives_a_scenario_or_a_located_error(path: tuple, value: Any) -> None:
    import copy

    doc = copy.deepcopy(BASE)
    node = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    try:
        load_scenario_bytes(yaml.safe_dump(doc, allow_unicode=True).encode(), "fuzz.yaml")
    except ScenarioError as err:
        assert err.first.line >= 1
