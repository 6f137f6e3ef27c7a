"""The report's data: everything the page shows, as plain values computed from the games."""

from __future__ import annotations

import json

import pytest

from game import saves
from game.core.actions import ChooseMove, EndPhase, SetCompliance
from game.report.briefs import briefs_data
from game.report.data import report_data
from game.report.files import labels, load_games
from game.report.render import brief_pages, report_html
from game.session import Seat, Session
from tests.helpers import shipped


def _load(path):
    return saves.load(path, saves.find_scenario)[0]


def test_one_game_report_is_plain_json_with_what_the_session_says(saved):
    session = _load(saved["syria_a"])
    data = report_data([("g", session)])
    assert json.loads(json.dumps(data)) == data  # plain values only
    (game,) = data["games"]
    assert data["compare"] is None
    assert {a["id"]: a["score"] for a in game["actors"]} == session.scores()
    assert game["shared_outcome"] == session.shared_outcome()
    nash = session.nash()
    sc = session.scenario
    for move in game["nash"]["moves"]:
        jm = sc.joint_move(move["id"])
        assert move["nash"] == jm.variants[nash.levels[jm.id]].label
        assert move["reached"] == jm.variants[session.state.level(jm.id)].label
        assert move["same"] == (nash.levels[jm.id] == session.state.level(jm.id))
    for ind in game["indicators"]:
        assert ind["values"] == [row[ind["id"]] for row in session.state.series]
        assert len(ind["values"]) == session.turn + 1  # the start, then after every turn


def test_the_ending_says_why_it_was_reached(saved):
    session = _load(saved["syria_a"])
    ending = report_data([("g", session)])["games"][0]["ending"]
    reached = session.ending()
    assert ending["title"] == reached.title and ending["finished"]
    if reached.condition is not None:
        assert "condition held" in ending["why"] and ending["values"]
    assert reached.title not in [e["title"] for e in ending["others"]]
    assert len(ending["others"]) == len(session.scenario.endings) - (reached in session.scenario.endings)


def test_an_unfinished_game_is_reported_as_stopped(saved):
    game = report_data([("g", _load(saved["syria_part"]))])["games"][0]
    assert not game["ending"]["finished"] and game["ending"]["title"].startswith("Not finished")
    assert len(game["timeline"]) == game["turn"]


def test_every_actor_private_goals_are_revealed(saved):
    session = _load(saved["syria_a"])
    game = report_data([("g", session)])["games"][0]
    for actor, shown in zip(session.scenario.actors, game["actors"]):
        assert shown["objectives"] == list(actor.objectives) and shown["red_lines"] == list(actor.red_lines)
        assert [g["indicator"] for g in shown["goals"]] == [session.scenario.indicator(g.indicator).label
                                                            for g in actor.goals]
        assert len(shown["stances"]) == len(session.state.stances[actor.id])


def test_timeline_holds_every_agreement_breach_move_and_event_with_the_reasons_given(saved):
    session = _load(saved["syria_a"])
    game = report_data([("g", session)])["games"][0]
    entries = [e for t in game["timeline"] for e in t["entries"]]
    for kind in ("agreement", "move", "news", "violation", "detected", "collapsed", "proposal"):
        assert sum(e["kind"] == kind for e in entries) == sum(e.kind == kind for e in session.state.log), kind
    given = {a.reason for a in session.actions if isinstance(a, ChooseMove) and a.move and a.reason}
    shown = {e["why"] for e in entries if e["kind"] == "move"}
    assert given and given == shown  # each move carries the reason its actor gave
    causes = [c for t in game["timeline"] for c in t["causes"]]
    assert causes and all(c["changes"] for c in causes)


class _Cheat:
    """Our computer actor, except that it breaks every agreement that binds it."""

    def __init__(self, seat) -> None:
        from game.session import agent_for

        self.inner = agent_for(seat)

    def decide(self, obs, rng):
        kept = [m for m in obs.obligations if m not in obs.breaking]
        if obs.phase == "actions" and kept:
            return SetCompliance(obs.actor, kept[0], False, reason="tempted")
        action = self.inner.decide(obs, rng)
        return EndPhase(obs.actor) if isinstance(action, SetCompliance) else action  # no change of heart


def test_undetected_breaches_are_shown_as_such():
    sc = shipped("tutorial_river")
    for seed in range(40):  # find a game with a breach nobody saw
        session = Session(sc, seed, {a: Seat(a, "computer") for a in sc.actor_ids}, agent_factory=_Cheat)
        session.run_computers()
        hidden = [e for e in session.state.log if e.kind == "violation" and e.visible is not None]
        if hidden:
            break
    else:
        pytest.skip("no undetected breach in 40 tutorial games")
    entries = [e for t in report_data([("g", session)])["games"][0]["timeline"] for e in t["entries"]]
    marked = [e for e in entries if e["kind"] == "violation" and e["private"]]
    assert len(marked) == len(hidden) and "not detected" in marked[0]["private"]
    assert {e["why"] for e in marked} == {"tempted"}


def test_several_games_are_compared_side_by_side(saved):
    games = load_games([saved["syria_a"], saved["syria_b"], saved["syria_part"]])
    data = report_data(games)
    compare = data["compare"]
    assert compare["labels"] == ["syria_a", "syria_b", "syria_part"]
    assert [e["title"] for e in compare["endings"]] == [g["ending"]["title"] for g in data["games"]]
    us = compare["scores"][0]
    assert us["values"] == [g["actors"][0]["score"] for g in data["games"]]
    assert us["values"][us["best"]] == max(us["values"])
    assert len(compare["moves"]) == len(shipped().joint_moves)
    for ind in compare["indicators"]:
        # the start, then after every turn resolved (the stopped game is in the middle of its turn)
        assert [len(s["values"]) for s in ind["series"]] == [g["turn"] + g["ending"]["finished"]
                                                            for g in data["games"]]


def test_games_of_different_scenarios_are_not_compared(saved):
    with pytest.raises(ValueError):
        report_data([("a", _load(saved["syria_a"])), ("b", _load(saved["river"]))])


def test_labels_are_short_and_distinct():
    assert labels(["x/group-a.parley.json", "y/group-b.json", "z/odd"]) == ["group-a", "group-b", "odd"]
    assert labels(["a/g.parley.json", "b/g.parley.json"]) == ["g (1)", "g (2)"]


def test_the_same_games_give_the_same_page(saved):
    one = report_html(report_data(load_games([saved["syria_a"]])))
    two = report_html(report_data(load_games([saved["syria_a"]])))
    assert one == two


def test_a_brief_holds_its_own_actor_secrets_and_no_one_else():
    sc = shipped()
    data = briefs_data(sc)
    pages = brief_pages(data)
    assert set(pages) == {"background.html", "all.html"} | {f"brief-{a.id}.html" for a in sc.actors}
    for actor in sc.actors:
        page = pages[f"brief-{actor.id}.html"]
        assert "Confidential" in page and actor.name in page
        for other in sc.actors:
            for line in other.objectives + other.red_lines:
                shown = line.replace("'", "&#39;").replace('"', "&#34;")
                assert (shown in page) == (other.id == actor.id), (actor.id, line)
    background = pages["background.html"]
    for actor in sc.actors:
        for line in actor.objectives + actor.red_lines:
            assert line.replace("'", "&#39;") not in background
    for item in sc.debrief.history:  # what really happened is kept for the debrief
        assert item.text.replace("'", "&#39;") not in background


def test_a_brief_shows_the_true_position_and_the_public_one_where_they_differ():
    sc = shipped("tutorial_river")
    for actor in sc.actors:
        brief = next(b for b in briefs_data(sc)["actors"] if b["id"] == actor.id)
        for position, (move, stance) in zip(brief["positions"], [(jm, actor.stances[jm.id]) for jm in
                                                                 sc.joint_moves if jm.id in actor.stances]):
            assert position["want"] == move.variants[stance.ideal].label
            assert position["differs"] == (stance.ideal != stance.public)
            assert position["quote"] is None or position["quote"]["text"] == stance.quote.text
