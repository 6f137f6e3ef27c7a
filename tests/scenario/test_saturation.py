"""A scenario that passed validation plays to its end, however large its expressions' values get.

Expressions saturate at ±1e300 (docs/rules.md, 5.8), so an ending, an
effect, a trigger or a precondition whose values overflow floats neither stops the game nor
reaches an indicator, a comparison or a score as infinity or NaN; ``validate`` warns where it
can happen, naming the file, the line and the field.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from game.ai import make_agent
from game.ai.play import play_game
from game.cli import main
from game.core.scoring import scores, shared_outcome
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario, load_scenario_bytes

HUGE = "(((river_flow * 1000000000) ** 4) ** 4) ** 4"
TUTORIAL = next(p for p in shipped_scenarios() if p.stem == "tutorial_river").read_text(encoding="utf-8")
# where the huge expression goes: (text to replace in the tutorial, replacement)
PLACES = {
    "ending": ('condition: "dispute_tension >= 90"', f'condition: "{HUGE} > 0"'),
    "effect": ('      - "dispute_tension += 5"\n    quote:\n      source: courier\n      text: "Talks between',
               f'      - "dispute_tension += {HUGE}"\n    quote:\n      source: courier\n      text: "Talks between'),
    "trigger": ('trigger: "river_flow < 30"', f'trigger: "{HUGE} < 1"'),
    "precondition": ('precondition: "turn >= 2 and river_flow <= 40"', f'precondition: "{HUGE} > 0"'),
}


def _write(tmp_path: Path, place: str) -> Path:
    old, new = PLACES[place]
    assert TUTORIAL.count(old) == 1
    path = tmp_path / f"huge_{place}.yaml"
    path.write_text(TUTORIAL.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize("place", sorted(PLACES))
def test_rule_5_8_expressions_never_fail(tmp_path: Path, place: str) -> None:
    """5.8 The scenario's conditions and effects always give a finite number: arithmetic stops at
    ±1e300 (anything larger counts as 1e300), so an effect whose value would overflow pushes its
    indicator to the end of its range, and a condition still compares. A scenario that passed
    validation never stops mid-game because of an expression.

    The computer plays every seat of whole games, with no exception and only finite numbers.
    """
    scenario = load_scenario(_write(tmp_path, place))
    for seed in (0, 1, 2):
        state = play_game(scenario, seed, {a: make_agent("ours") for a in scenario.actor_ids})
        assert state.phase == "over" and state.ending is not None
        assert all(math.isfinite(v) for v in state.indicators.values())
        assert all(math.isfinite(v) for v in scores(state).values())
        assert math.isfinite(shared_outcome(state))
        for change in state.changes:
            assert math.isfinite(change.after)


def test_an_overflowing_effect_pushes_its_indicator_to_its_bound(tmp_path: Path) -> None:
    """tension += (a value beyond floats) sets tension to its maximum, which ends the game in a feud."""
    scenario = load_scenario(_write(tmp_path, "effect"))
    state = play_game(scenario, 0, {a: make_agent("ours") for a in scenario.actor_ids})
    first = next(c for c in state.changes if c.cause.id == "talks_stall" and c.indicator == "dispute_tension")
    assert first.after == 100.0
    assert state.ending == "feud"


def test_an_overflowing_ending_holds_like_its_sign(tmp_path: Path) -> None:
    """The ending's left side saturates at 1e300 > 0: the game ends after the first turn."""
    scenario = load_scenario(_write(tmp_path, "ending"))
    state = play_game(scenario, 0, {a: make_agent("ours") for a in scenario.actor_ids})
    assert state.ending == "feud" and state.turn == 1


@pytest.mark.parametrize("place", sorted(PLACES))
def test_autoplay_on_such_a_file_exits_0(tmp_path: Path, place: str, capsys) -> None:
    path = _write(tmp_path, place)
    assert main(["autoplay", str(path), "--seed", "4"]) == 0
    out, err = capsys.readouterr()
    assert "Ending:" in out and err == ""


@pytest.mark.parametrize("place", sorted(PLACES))
def test_validate_warns_with_file_line_and_field(tmp_path: Path, place: str, capsys) -> None:
    path = _write(tmp_path, place)
    assert main(["validate", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith(f"{path}: ok") and "1 warning" in lines[-1]
    line_no = 1 + next(i for i, text in enumerate(path.read_text().splitlines()) if HUGE in text)
    field = {"ending": "endings[0].condition", "effect": "events[0].effects[0]",
             "trigger": "events[2].trigger", "precondition": "unilateral_moves[3].precondition"}[place]
    saturation = [line for line in lines if "1e300" in line]
    assert len(saturation) == 1 and saturation[0].startswith(f"{path}:{line_no}:")
    assert f": {field}: warning: " in saturation[0]


def test_notes_are_collected_only_when_asked_and_shipped_scenarios_have_none() -> None:
    for path in shipped_scenarios():
        notes: list = []
        load_scenario(path, notes)
        assert notes == [], path.name
    data = TUTORIAL.replace(*PLACES["ending"]).encode()
    load_scenario_bytes(data, "x.yaml")  # no list: no analysis, no error
    notes = []
    load_scenario_bytes(data, "x.yaml", notes)
    assert [n.path for n in notes] == ["endings[0].condition"]
