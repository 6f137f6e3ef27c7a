"""lint: one broken copy of the tutorial per finding, and no false alarm on the shipped scenarios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.author.lint import lint
from game.cli import main
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario_document

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial_river.yaml"

COMMISSION_WATER_STANCE = '''      water_sharing:
        ideal: release_schedule
        salience: 0.7
        quote:
          source: courier
          text: "Both towns need the river, and neither can manage it alone"
'''
GOODWILL = '''  - id: goodwill
    label: "Goodwill between the towns"
    start: 50
    good: high

actors:'''

# (case, check, level, field path, edits to the tutorial: (old text, new text) each found exactly once)
CASES = [
    ("corridor_above_top_level", "ending-unreachable", "error", "endings[2].condition",
     [('"water_sharing >= 2 and flood_warning >= 1"', '"water_sharing >= 3 and flood_warning >= 1"')]),
    ("ending_contradiction", "ending-unreachable", "error", "endings[1].condition",
     [('"crop_damage >= 65"', '"crop_damage >= 65 and crop_damage < 40"')]),
    ("part_never_in_or", "part-never-holds", "error", "events[2].trigger",
     [('"river_flow < 30"', '"river_flow < 30 or flood_warning > 2"')]),
    ("part_always", "part-always-holds", "warning", "unilateral_moves[2].precondition",
     [('"flood_warning == 0 and cut_warning_line >= 1"', '"flood_warning <= 2 and cut_warning_line >= 1"')]),
    ("ending_without_condition_in_the_middle", "ending-catch-all", "error", "endings[1]",
     [('    condition: "crop_damage >= 65"\n', "")]),
    ("ending_always_holds", "ending-catch-all", "error", "endings[0].condition",
     [('"dispute_tension >= 90"', '"dispute_tension >= 0"')]),
    ("ending_shadowed", "ending-shadowed", "error", "endings[3].condition",
     [('"water_sharing >= 2 and flood_warning >= 1"', '"water_sharing >= 1"')]),
    ("consent_without_stance", "consent-without-stance", "warning", "joint_moves[0].consent[2]",
     [(COMMISSION_WATER_STANCE, "")]),
    ("move_precondition_never", "move-never", "error", "unilateral_moves[3].precondition",
     [('"turn >= 2 and river_flow <= 40"', '"turn >= 6 and river_flow <= 40"')]),
    ("move_chain_never", "move-never", "error", "unilateral_moves[2].precondition",
     [('precondition: "flood_warning >= 1"', 'precondition: "flood_warning >= 3"')]),
    ("move_too_dear", "move-never", "error", "unilateral_moves[0].cost",
     [("    cost: 1\n    limit: 2\n", "    cost: 50\n    limit: 2\n")]),
    ("precondition_always", "precondition-always", "warning", "unilateral_moves[3].precondition",
     [('"turn >= 2 and river_flow <= 40"', '"turn >= 1"')]),
    ("event_trigger_never", "event-never", "error", "events[4].trigger",
     [('"dispute_tension > 75"', '"dispute_tension > 100"')]),
    ("event_chance_zero", "event-never", "warning", "events[3].chance",
     [("    chance: 0.5\n    repeat: true\n    effects:\n      - \"crop_damage += 10\"\n      - \"reservoir -= 10\"",
       "    chance: 0\n    repeat: true\n    effects:\n      - \"crop_damage += 10\"\n      - \"reservoir -= 10\"")]),
    ("trigger_always", "trigger-always", "warning", "events[4].trigger",
     [('"dispute_tension > 75"', '"dispute_tension >= 0"')]),
    ("event_stance_ignored", "event-stance-ignored", "warning", "events[1].stances[1]",
     [(COMMISSION_WATER_STANCE, ""),
      ("      - actor: lowmere\n        move: water_sharing\n        salience: 0.1",
       "      - actor: commission\n        move: water_sharing\n        salience: 0.1")]),
    ("indicator_unmoved", "indicator-unmoved", "warning", "indicators[4].id", [("\nactors:", "\n" + GOODWILL)]),
    ("goal_unmovable", "goal-unmovable", "warning", "actors[0].goals[2].indicator",
     [("\nactors:", "\n" + GOODWILL),
      ("        weight: 0.5\n    trust:\n      lowmere: 40",
       "        weight: 0.5\n      - indicator: goodwill\n        want: high\n    trust:\n      lowmere: 40")]),
    ("variant_unwanted", "variant-unwanted", "warning", "joint_moves[0].variants[2].id",
     [("ideal: release_schedule\n        salience: 0.9", "ideal: minimum_flow\n        salience: 0.9"),
      ("ideal: release_schedule\n        salience: 0.7", "ideal: minimum_flow\n        salience: 0.7")]),
    ("quote_repeated", "quote-repeated", "warning", "actors[2].stances.flood_warning.quote.text",
     [('text: "offered to read the gauge below the dam and publish the figures every day"',
       'text: "We built the dam and we pay for it, but we are ready to talk about a fair minimum flow"')]),
]
CHECKS = sorted({c[1] for c in CASES})


def broken_copy(tmp_path: Path, case: str, edits: list[tuple[str, str]]) -> Path:
    text = TUTORIAL.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{case}: the edit must match exactly once: {old!r}"
        text = text.replace(old, new)
    path = tmp_path / f"{case}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("case", "check", "level", "where", "edits"), CASES, ids=[c[0] for c in CASES])
def test_lint_finds(tmp_path: Path, case: str, check: str, level: str, where: str,
                    edits: list[tuple[str, str]]) -> None:
    """Each broken copy still validates, and lint reports its finding at the field to change."""
    sc, doc = load_scenario_document(broken_copy(tmp_path, case, edits))
    found = [(f.check, f.level, f.problem(doc)) for f in lint(sc)]
    hits = [p for c, lv, p in found if c == check and lv == level and p.path == where]
    assert hits, f"expected {level} {check} at {where}; found {[str(p) for _, _, p in found]}"
    message = hits[0].message
    assert message.startswith(f"{level}: ")
    # advice, not a diagnosis only: every message says what to change
    assert re.search(r"\b(change|give|remove|move|put|add|raise|lower|take|fix|make|quote|drop|schedule)\b",
                     message, re.IGNORECASE), message
    assert hits[0].line > 0 and hits[0].column > 0


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.name)
@pytest.mark.parametrize("check", CHECKS)
def test_no_false_alarm_on_shipped(path: Path, check: str) -> None:
    """The shipped scenarios play well, so no check may fire on them."""
    sc, _ = load_scenario_document(path)
    assert [f.message for f in lint(sc) if f.check == check] == []


def test_move_chain_names_the_dead_move(tmp_path: Path) -> None:
    """A move that needs a dead move to have been made is dead too, and the message says why."""
    case = next(c for c in CASES if c[0] == "move_chain_never")
    sc, _ = load_scenario_document(broken_copy(tmp_path, case[0], case[4]))
    found = {f.loc: f.message for f in lint(sc) if f.check == "move-never"}
    assert ("unilateral_moves", 1, "precondition") in found
    assert "'cut_warning_line' can never be made" in found[("unilateral_moves", 2, "precondition")]


def test_corridor_message_gives_the_levels(tmp_path: Path) -> None:
    """The comparison above the top level is explained with the move's levels."""
    case = CASES[0]
    sc, _ = load_scenario_document(broken_copy(tmp_path, case[0], case[4]))
    msg = next(f.message for f in lint(sc) if f.check == "ending-unreachable")
    assert "'water_sharing >= 3'" in msg and "0 to 2" in msg and "'Checked release schedule'" in msg


LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<path>\S+): (?P<level>error|warning): .+$")


def test_lint_command_form_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """lint prints FILE:LINE:COL: path: level: message, and exits 1 only when there is an error."""
    assert main(["lint", *map(str, shipped_scenarios())]) == 0
    capsys.readouterr()
    warn = broken_copy(tmp_path, "warn", CASES[-1][4])
    assert main(["lint", str(warn)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert LINE.match(out[0]) and LINE.match(out[0])["level"] == "warning"
    assert out[-1] == f"{warn}: lint found 1 warning"
    err = broken_copy(tmp_path, "err", CASES[0][4])
    assert main(["lint", str(warn), str(err)]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"^{re.escape(str(err))}:\d+:\d+: endings\[2\]\.condition: error: ", out, re.MULTILINE)


def test_validate_runs_lint_unless_told_not_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate fails a file with a lint error; --no-lint skips the logic checks."""
    err = broken_copy(tmp_path, "err", CASES[0][4])
    assert main(["validate", str(err)]) == 1
    assert "error: 'A shared river' can never be reached" in capsys.readouterr().out
    assert main(["validate", "--no-lint", str(err)]) == 0
    assert capsys.readouterr().out.startswith(f"{err}: ok — ")
    warn = broken_copy(tmp_path, "warn", CASES[-1][4])
    assert main(["validate", str(warn)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("; lint found 1 warning")


def test_lint_of_an_invalid_file_reports_validation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")
    assert main(["lint", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "missing required key" in out and "not valid" in out
