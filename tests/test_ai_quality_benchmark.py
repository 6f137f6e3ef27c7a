"""The AI benchmark's report has every key the issue names, on a tiny run of the tutorial."""

from __future__ import annotations

import json

import pytest

from benchmarks import ai_quality
from game.resources import shipped_scenarios


def _tutorial():
    return next(p for p in shipped_scenarios() if "tutorial" in p.name)


def test_json_report_has_every_figure(capsys):
    code = ai_quality.main(["--games", "3", "--cross-games", "2", "--scenario", str(_tutorial()),
                            "--json", "--jobs", "1"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    res = report["tutorial_river"]
    for key in ("agreement_rate", "agreement_rate_by_move", "below_no_deal_agreements", "nash_optimality",
                "ending_entropy", "ending_shares", "cross_play", "decision_ms_p50", "decision_ms_p95", "games"):
        assert key in res, key
    assert res["games"] == 3 and res["cross_play_games"] == 2
    assert set(res["cross_play"]) == {"random", "hardliner", "conceder"}
    for seats in res["cross_play"].values():
        assert set(seats) == {"highford", "lowmere", "commission"}
        for row in seats.values():
            assert {"ours", "baseline", "margin", "se"} <= set(row)
    assert abs(sum(res["ending_shares"].values()) - 1.0) < 1e-9
    assert 0.0 <= res["ending_entropy"] <= 1.0


@pytest.mark.parametrize("argv", [["--games", "0"], ["--cross-games", "0"], ["--jobs", "0"]])
def test_bad_arguments_are_refused_in_one_line(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        ai_quality.main(argv)
    assert exc.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err
