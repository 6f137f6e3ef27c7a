"""Format 1.1 on paper (issue 14): the report says who signed what with whom and when it ends,
lists invented moves; the briefs give each actor its red lines and the mediator its role."""

from __future__ import annotations

from game import saves
from game.report.briefs import briefs_data
from game.report.data import report_data
from game.resources import example_scenarios
from game.scenario.loader import load_scenario
from game.session import Seat, Session

EXAMPLE = example_scenarios()[0]


def _played(seed: int = 2) -> Session:
    sc = load_scenario(EXAMPLE)
    session = Session(sc, seed, {a: Seat(a, "computer") for a in sc.actor_ids})
    while not session.over:
        session.step_computer()
    return session


def test_the_report_says_who_signed_with_whom_terms_and_invented_moves(tmp_path):
    session = _played()
    path = tmp_path / "g.parley.json"
    saves.save(session, path, str(EXAMPLE))
    loaded, _ = saves.load(path)  # a format-1.1 game saves and loads like any other
    game = report_data([("g", loaded)])["games"][0]
    corridor = next(a for a in game["agreements"] if a["move"] == "Grain corridor")
    assert sorted(map(tuple, corridor["signed"])) == [("Marnia",), ("Ossory",)]
    assert corridor["mediators"] == ["The Strait Envoys"] and corridor["term"]
    assert game["invented"] == ["Drone raid on the fleet"]
    assert any(e["kind"] == "signed" for turn in game["timeline"] for e in turn["entries"])


def test_the_briefs_give_red_lines_and_the_mediator_its_role():
    data = briefs_data(load_scenario(EXAMPLE))
    by_id = {a["id"]: a for a in data["actors"]}
    assert any("never Escorted convoys (4 months) (you say so in public; crossing it costs 5 political capital"
               in r for r in by_id["ossory"]["red_lines"])
    assert any("you keep this to yourself" in r for r in by_id["insurers"]["red_lines"])
    assert by_id["envoys"]["mediator"] and not by_id["marnia"]["mediator"]
    assert by_id["ossory"]["positions"][0]["never"] == "Escorted convoys (4 months)"
