"""`python main.py tour --out DIR` writes a PNG of every screen."""

from __future__ import annotations

import pygame

from game.cli import main


def test_tour_writes_every_screen(tmp_path, home, capsys):
    assert main(["tour", "--out", str(tmp_path)]) == 0
    names = {p.stem for p in tmp_path.glob("*.png")}
    for screen in ("01_title", "02_setup", "03_brief", "04_handover", "05_table", "06_proposal_builder",
                   "07_incoming_proposal", "08_actions", "09_resolution", "10_debrief_outcome",
                   "10_debrief_charts", "11_menu", "12_settings", "16_scenario_error"):
        assert screen in names, screen
    assert pygame.image.load(str(tmp_path / "05_table.png")).get_size() == (1280, 720)
    assert pygame.image.load(str(tmp_path / "13_table_1920x1080.png")).get_size() == (1920, 1080)
