"""The engine's scenario model: lookups by id and calendar arithmetic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from game.scenario.loader import load_scenario

SYRIA = Path(__file__).resolve().parents[2] / "scenarios" / "syria_2017_07.yaml"


def test_lookups_find_items_of_the_right_kind_only() -> None:
    sc = load_scenario(SYRIA)
    assert sc.actor("russia").name == "Russia"
    assert sc.joint_move("no_fly_zone").variants[0].id
    with pytest.raises(KeyError):
        sc.actor("no_fly_zone")  # a joint move id is not an actor
    with pytest.raises(KeyError):
        sc.indicator("russia")


def test_calendar_dates_and_turns_agree() -> None:
    sc = load_scenario(SYRIA)
    assert sc.date_of_turn(1) == dt.date(2017, 7, 5)
    assert sc.turn_of_date(dt.date(2017, 7, 7)) == 2  # the G20 meeting falls on turn 2
    for turn in range(1, sc.turns + 1):
        assert sc.turn_of_date(sc.date_of_turn(turn)) == turn
