"""The scenario loader: shipped scenarios load, and bad files give one error type with a line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.core.errors import ScenarioError
from game.resources import shipped_scenarios
from game.scenario.jsonschema import scenario_json_schema_text
from game.scenario.loader import load_scenario, load_scenario_bytes

ROOT = Path(__file__).resolve().parents[2]
SYRIA = ROOT / "scenarios" / "syria_2017_07.yaml"
ARTICLE = ROOT.parent / "shared" / "seed" / "article.txt"


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.name)
def test_shipped_scenario_loads_and_declares_its_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=scenario.schema.json\n")
    sc = load_scenario(path)
    assert sc.actors and sc.joint_moves and sc.endings[-1].condition is None


def test_committed_json_schema_equals_export() -> None:
    assert (ROOT / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8") == scenario_json_schema_text()


def test_syria_has_the_article_actors_and_moves() -> None:
    sc = load_scenario(SYRIA)
    assert {"us", "russia", "syria_gov", "rebels", "iran", "turkey"} <= set(sc.actor_ids)
    moves = {m.id for m in sc.joint_moves}
    assert {"no_fly_zone", "ceasefire_observers", "humanitarian_delivery"} <= moves
    g20 = next(e for e in sc.events if "g20" in e.id)
    assert sc.date_of_turn(g20.turn) <= __import__("datetime").date(2017, 7, 7)


@pytest.mark.skipif(not ARTICLE.exists(), reason="the seed article is not beside the checkout")
def test_every_syria_quote_is_verbatim_from_the_article() -> None:
    article = re.sub(r"\s+", " ", ARTICLE.read_text(encoding="utf-8"))
    sc = load_scenario(SYRIA)
    quotes = [st.quote for a in sc.actors for st in a.stances.values()]
    quotes += [m.quote for m in sc.joint_moves] + [u.quote for u in sc.unilateral_moves]
    assert quotes and all(q is not None for q in quotes)
    for q in quotes:
        assert re.sub(r"\s+", " ", q.text) in article, q.text


def _mutate(old: str, new: str) -> bytes:
    text = SYRIA.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("format: 1", "format: 1\nsurprise: 3", "unknown key 'surprise'"),
        ("turn_days: 2", "turn_days: yes", "expected a whole number"),
        ("turn_days: 2", "turn_days: 0", "must be at least 1"),
        ('start: "2017-07-05"', 'start: "2017-02-30"', "not a real date"),
        ("consent: [us, russia]", "consent: [us, rusia]", "did you mean 'russia'"),
    ],
)
def test_bad_scenarios_name_the_line_and_field(old: str, new: str, fragment: str) -> None:
    data = _mutate(old, new)
    with pytest.raises(ScenarioError) as info:
        load_scenario_bytes(data, "syria.yaml")
    first = info.value.first
    assert fragment in str(info.value)
    assert first.file == "syria.yaml" and first.line > 1


def test_bad_expression_is_reported_with_its_field() -> None:
    text = SYRIA.read_text(encoding="utf-8")
    m = re.search(r"condition: (.+)\n", text)
    assert m
    data = text.replace(m.group(0), "condition: __import__('os') > 1\n", 1).encode()
    with pytest.raises(ScenarioError) as info:
        load_scenario_bytes(data, "s.yaml")
    assert "condition" in info.value.first.path


def test_missing_and_folder_paths_are_clear(tmp_path: Path) -> None:
    for path, words in [(tmp_path / "nope.yaml", "no such file"), (tmp_path, "folder")]:
        with pytest.raises(ScenarioError, match=words):
            load_scenario(path)


def test_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\nid: y\n", encoding="utf-8")
    assert main(["validate", str(SYRIA)]) == 0
    assert main(["validate", str(SYRIA), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:3:1: id: duplicate key 'id'" in out
    with pytest.raises(SystemExit) as exit_info:
        main(["validate"])
    assert exit_info.value.code == 2


def test_installed_package_ships_the_scenarios() -> None:
    """The wheel's package data must include the scenario files (setuptools maps scenarios/)."""
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert conf["package-dir"]["game.scenarios"] == "scenarios"
    assert "*.yaml" in conf["package-data"]["game.scenarios"]
    assert (ROOT / "scenarios" / "__init__.py").exists()


def test_schema_command_writes_the_committed_schema(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == scenario_json_schema_text()
    assert main(["schema", "-o", str(tmp_path / "missing" / "s.json")]) == 1


def test_play_reports_a_bad_scenario_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe binary")
    assert main(["play", str(bad)]) == 1
    assert f"{bad}:1:1:" in capsys.readouterr().err


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 1_100_000)
    with pytest.raises(ScenarioError, match="larger than"):
        load_scenario(big)
