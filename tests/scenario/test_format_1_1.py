"""Format 1.1 at the border (issue 14): both formats validate, the JSON Schema takes both, and
every mistake in a 1.1 field is named with its file, line and field."""

from __future__ import annotations

import json

import pytest

from game.author.lint import lint
from game.core.errors import ScenarioError
from game.resources import example_scenarios, shipped_scenarios
from game.scenario.jsonschema import scenario_json_schema_text
from game.scenario.loader import load_scenario, load_scenario_bytes

EXAMPLE = example_scenarios()[0]


def _mutate(old: str, new: str) -> bytes:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def test_format_1_and_1_1_files_both_validate():
    assert {load_scenario(p).id for p in shipped_scenarios()} >= {"syria_2017_07", "tutorial_river"}
    assert load_scenario(EXAMPLE).joint_move("corridor").parallel


def test_the_json_schema_accepts_both_formats_and_describes_every_1_1_field():
    schema = json.loads(scenario_json_schema_text())
    assert schema["properties"]["format"]["enum"] == [1, 1.1]
    defs = schema["$defs"]
    for model, field in [("Variant", "term"), ("Variant", "extra_consent"), ("Variant", "suspended_effects"),
                         ("JointMove", "parallel"), ("Actor", "mediator"), ("Actor", "plural"),
                         ("Actor", "guarantee"), ("Stance", "red_line"), ("UnilateralMove", "consequences"),
                         ("UnilateralMove", "invented"), ("Event", "agreements"), ("Source", "accessed"),
                         ("Source", "own_summary"), ("AgreementChange", "package"), ("Personality", "bounds")]:
        assert defs[model]["properties"][field]["description"].startswith("Format 1.1"), (model, field)
    assert "none" in defs["Indicator"]["properties"]["good"]["enum"]


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("format: 1.1", "format: 1", "is format 1.1: write `format: 1.1`"),
        ("extra_consent: [insurers]", "extra_consent: [insurer]", "did you mean 'insurers'"),
        ("extra_consent: [insurers]", "extra_consent: [marnia]", "already in the move's consent list"),
        ("variants: [escorted]\n          public", "variants: [inspected]\n          public", "is the actor's ideal"),
        ("variants: [escorted]\n          public", "variants: [escort]\n          public", "did you mean 'escorted'"),
        ("breach: corridor", "breach: corridors", "did you mean 'corridor'"),
        ("suspend: [corridor]", "suspend: [coridor]", "did you mean 'corridor'"),
        ('accessed: "2026-11-30"', 'accessed: "2026-11-31"', "not a real date"),
        ('    accessed: "2026-11-30"\n', "", "give the publication `date`, or `accessed`"),
        ("    invented: true\n", "", "mark a move you invented for play `invented: true`"),
        ("    mediator: true\n", "", "mark an actor `mediator: true`"),
        ("term: 4\n        monitoring", "term: 0\n        monitoring", "must be at least 1"),
    ],
)
def test_format_1_1_mistakes_name_the_file_line_and_field(old, new, fragment):
    with pytest.raises(ScenarioError) as info:
        load_scenario_bytes(_mutate(old, new), "corridor.yaml")
    assert fragment in str(info.value)
    first = info.value.first
    assert first.file == "corridor.yaml" and first.line > 1


def test_a_name_for_the_turns_left_that_is_taken_is_refused():
    data = _mutate("  - id: tonnes", "  - id: corridor_left")
    data = data.replace(b"tonnes +=", b"corridor_left +=")
    with pytest.raises(ScenarioError, match="turns left of this move's agreement"):
        load_scenario_bytes(data, "corridor.yaml")


def test_lint_warns_of_1_1_shapes_that_cannot_play():
    sc = load_scenario_bytes(_mutate("term: 4\n        monitoring", "term: 9\n        monitoring"), "c.yaml")
    assert "term-outlasts-calendar" in {f.check for f in lint(sc)}
    sc = load_scenario_bytes(_mutate("variants: [escorted]\n          public",
                                     "variants: [closed, escorted]\n          public"), "c.yaml")
    assert "red-line-everything" not in {f.check for f in lint(sc)}  # the status quo may be a red line
    data = _mutate("variants: [escorted]\n  - id: envoys", "variants: [inspected, escorted]\n  - id: envoys")
    sc = load_scenario_bytes(data.replace(b"ideal: inspected\n        salience: 0.4",
                                          b"ideal: closed\n        salience: 0.4"), "c.yaml")
    assert "red-line-everything" in {f.check for f in lint(sc)}


def test_a_mediator_without_a_stance_in_a_consent_list_is_no_lint_warning():
    sc = load_scenario_bytes(_mutate("consent: [marnia, ossory]", "consent: [marnia, ossory, envoys]"), "c.yaml")
    assert "consent-without-stance" not in {f.check for f in lint(sc)}
    sc = load_scenario_bytes(_mutate("    mediator: true\n", "").replace(b"    parallel: true\n", b"")
                             .replace(b"consent: [marnia, ossory]", b"consent: [marnia, ossory, envoys]"), "c.yaml")
    assert "consent-without-stance" in {f.check for f in lint(sc)}


def test_the_installed_package_ships_the_examples():
    """The wheel's package data includes scenarios/examples/*.yaml (setuptools maps the folder)."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    conf = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "game.scenarios.examples" in conf["packages"]
    assert conf["package-dir"]["game.scenarios.examples"] == "scenarios/examples"
    assert "*.yaml" in conf["package-data"]["game.scenarios.examples"]
    assert (root / "scenarios" / "examples" / "__init__.py").exists()
    assert EXAMPLE.parent == root / "scenarios" / "examples"


def test_validate_counts_in_words_a_reader_would_write(capsys):
    """The summary line of `validate` says '1 joint move', not '1 joint moves'."""
    from game.cli import main

    (grain,) = [p for p in example_scenarios() if "grain" in p.name]
    assert main(["validate", str(grain)]) == 0
    out = capsys.readouterr().out
    assert "4 actors, 1 joint move, 8 turns" in out
