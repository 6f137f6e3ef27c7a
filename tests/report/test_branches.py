"""A game rolled back by the facilitator (rule 10.8): the report compares its branches."""

from __future__ import annotations

import json

from game import saves
from game.cli import main
from game.core.actions import Inject, Rollback
from game.session import Session
from tests.helpers import shipped, stand_in


def test_the_report_compares_the_branches_of_a_rolled_back_game(tmp_path, capsys, monkeypatch):
    s = Session(shipped(), 5, agent_factory=stand_in)
    while s.turn < 3:
        s.step_computer()
    first_branch_turn = s.turn
    s.submit(Rollback(2, reason="what if?"))
    s.submit(Inject(headline="A ceasefire is announced", effects=("civilian_harm -= 20",)))
    s.run_computers()
    assert s.over
    path = tmp_path / "class-a.parley.json"
    saves.save(s, path)
    monkeypatch.setattr(saves, "find_scenario", lambda ref, *a, **k: (shipped(), None))
    code = main(["report", str(path), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    labels = [g["label"] for g in data["games"]]
    assert labels == ["class-a, branch 1 (rolled back to turn 2)", "class-a, branch 2"]
    assert data["games"][0]["turn"] == first_branch_turn and not data["games"][0]["ending"]["finished"]
    assert data["games"][1]["ending"]["finished"]
    assert data["compare"]["labels"] == labels
    notes = [e["text"] for t in data["games"][1]["timeline"] for e in t["entries"] if e["kind"] == "facilitator"]
    assert any("rolls the game back to the start of turn 2" in n for n in notes)
    news = [e["text"] for t in data["games"][1]["timeline"] for e in t["entries"] if e["kind"] == "news"]
    assert "A ceasefire is announced" in news
