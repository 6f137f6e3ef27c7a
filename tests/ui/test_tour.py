"""`python main.py tour [SCENARIO] --out DIR` writes a PNG of every screen, for any valid scenario."""

from __future__ import annotations

import copy

import pygame
import pytest
import yaml

from game.cli import main
from game.resources import shipped_scenarios
from tests.core import scenarios as S


def test_tour_writes_every_screen(tmp_path, home, capsys):
    assert main(["tour", "--out", str(tmp_path)]) == 0
    names = {p.stem for p in tmp_path.glob("*.png")}
    for screen in ("01_title", "02_setup", "03_brief", "04_handover", "05_table", "05_dossier", "05_full_log",
                   "06_proposal_builder",
                   "07_incoming_proposal", "08_actions", "09_resolution", "10_debrief_outcome",
                   "10_debrief_charts", "11_menu", "12_settings", "16_scenario_error", "17_console", "18_inject"):
        assert screen in names, screen
    assert pygame.image.load(str(tmp_path / "05_table.png")).get_size() == (1280, 720)
    assert pygame.image.load(str(tmp_path / "13_table_1920x1080.png")).get_size() == (1920, 1080)


EVERY_SCREEN = ("01_title", "02_setup", "03_brief", "05_table", "05_dossier", "08_actions", "10_debrief_outcome",
                "10_debrief_wanted", "11_menu", "12_settings", "16_scenario_error")


def _made_up(tmp_path):
    """A small scenario of one's own: three seats, two joint moves, one unilateral move, 3 turns."""
    doc = S.table()
    doc["unilateral_moves"] = [S.unilateral("shout", ["a", "b"], effects=["y += 2"])]
    doc["title"] = "A made-up table"
    path = tmp_path / "made_up.yaml"
    path.write_text(yaml.safe_dump(copy.deepcopy(doc), sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("which", [p.stem for p in shipped_scenarios() if not p.stem.startswith("syria")]
                         + ["made_up"])
def test_the_tour_plays_any_scenario(tmp_path, home, capsys, which):
    """Issue 10.25: the tour assumed Syria (its seats and moves); it now reads them from the file."""
    path = _made_up(tmp_path) if which == "made_up" else next(p for p in shipped_scenarios() if p.stem == which)
    out = tmp_path / "png"
    assert main(["tour", str(path), "--out", str(out)]) == 0, capsys.readouterr().err
    names = {p.stem for p in out.glob("*.png")}
    for screen in EVERY_SCREEN:
        assert screen in names, screen
    assert "04_handover" in names  # two playable seats: the hot-seat handover shows


def test_the_tour_refuses_a_bad_file_or_size_in_one_line(tmp_path, home, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")
    assert main(["tour", str(bad), "--out", str(tmp_path / "png")]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "Traceback" not in err
    assert main(["tour", "--out", str(tmp_path / "png"), "--size", "huge"]) == 2
    assert "is not a size" in capsys.readouterr().err
