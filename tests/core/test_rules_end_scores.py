"""The rules of docs/rules.md, sections 6 (the end) and 7 (scores): one test (or table) per rule, named after it.

Each test's docstring is the text of its rule. The cases use the small table of
``tests/core/scenarios.py`` (seats a, b, c; indicators x and y; joint moves ``pact`` and
``aid``), changed as each rule needs, so the right answer can be worked out by hand.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.core.actions import (
    EndPhase,
)
from game.core.errors import IllegalActionError
from game.core.observe import observe
from game.core.resolve import CALENDAR_ENDING, ending_of
from game.core.rules import check, legal_actions
from game.core.scoring import (
    consent_matrix,
    nash_index,
    nash_solution,
    profile_grid,
    score,
    shared_outcome,
    stance_arrays,
    stance_closeness,
    utilities,
)
from game.session import Seat, Session
from game.transcript import as_json
from tests.core.scenarios import (
    ending,
    event,
    make,
    news_turns,
    play_out,
    run_turn,
    stance,
    start,
    table,
)
from tests.helpers import shipped

# ---------------------------------------------------------------------------------------------
# 6. The end


ENDING_TABLE = [
    # endings, in order; the ending reached and the turn it is reached on
    ([ending("first", "x >= 0"), ending("second", "x >= 0"), ending("fallback")], "first", 1),
    ([ending("never", "x > 99"), ending("second", "x >= 0"), ending("fallback")], "second", 1),
    ([ending("late", "x >= 0", at="end"), ending("soon", "y >= 50"), ending("fallback")], "soon", 1),
    ([ending("late", "x >= 0", at="end"), ending("fallback")], "late", 3),
    ([ending("late", "x > 99", at="end"), ending("fallback")], "fallback", 3),
    ([ending("never", "x > 99"), ending("fallback", at="end")], "fallback", 3),
    ([ending("never", "x > 99"), ending("fallback")], "fallback", 3),  # no condition: only at the end
    ([ending("grown", "x >= 54"), ending("fallback")], "grown", 2),  # after turn 2's resolution
    ([ending("turn_two", "turn == 2"), ending("fallback")], "turn_two", 2),
    ([ending("last", "turns_left == 0"), ending("fallback")], "last", 3),
]


@pytest.mark.parametrize(("endings", "reached", "turn"), ENDING_TABLE)
def test_rule_6_1_endings_are_checked_in_order_after_each_resolution(
    endings: list[dict], reached: str, turn: int
) -> None:
    """6.1 Endings. After each resolution, the scenario's endings are checked in order; the first
    whose condition holds ends the game. Some endings are checked only when the calendar runs out;
    an ending with no condition is the one reached when time runs out and nothing else holds."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}  # x: 52, 54, 56 after each turn
    doc["endings"] = endings
    state, rng = start(doc)
    state = play_out(state, rng)
    assert (state.ending, state.turn, state.phase, state.queue) == (reached, turn, "over", ())
    assert state.log[-1].kind == "ending" and state.log[-1].ref == reached
    assert observe(state, "c").ending == reached
    with pytest.raises(IllegalActionError, match="the game is over"):
        check(state, EndPhase("a"))
    assert legal_actions(state, "a") == []


def test_rule_6_2_the_calendar_runs_out_after_the_last_turns_resolution() -> None:
    """6.2 The calendar runs out after the last turn's resolution."""
    doc = table()
    doc["calendar"]["turns"] = 2
    doc["in_force"] = {"pact": "weak"}
    doc["events"] = [event("tick", trigger="turn >= 1", repeat=True)]
    state, rng = start(doc)
    state = run_turn(state, rng)
    assert (state.turn, state.phase, state.ending) == (2, "diplomacy", None)
    state = run_turn(state, rng)
    assert (state.turn, state.phase, state.ending) == (2, "over", "fallback")
    assert state.indicators["x"] == 54.0  # the last turn was resolved in full
    assert len(state.series) == 3 and news_turns(state, "tick") == [1, 2]  # no turn 3 began


def test_rule_6_2_the_calendar_ending_when_no_ending_holds() -> None:
    """6.2 The calendar runs out after the last turn's resolution."""
    doc = table()
    doc["endings"] = [ending("never", "x > 99"), ending("fallback")]
    sc = make(doc)
    # a file always ends with an unconditional ending; without one the engine has its own
    sc = dataclasses.replace(sc, endings=sc.endings[:1])
    state, rng = start(sc)
    state = play_out(state, rng)
    assert (state.turn, state.ending) == (3, "calendar")
    assert ending_of(state) == CALENDAR_ENDING
    assert observe(state, "a").ending_title == CALENDAR_ENDING.title


# ---------------------------------------------------------------------------------------------
# 7. Scores


def test_rule_7_1_your_score_combines_stances_and_goals() -> None:
    """7.1 Your score (0–100) combines how close the joint moves in force are to what your side
    wanted, weighted by how much it cares about each (the scenario's stance_weight, usually 60%),
    and how far the indicators it cares about ended toward the end it wants (the rest)."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}
    doc["indicators"][0]["start"] = 75
    state, _ = start(doc)
    # a: pact one step of two from its ideal (closeness 0.5); x at 75 (0.75)
    assert score(state, "a") == pytest.approx(100 * (0.6 * 0.5 + 0.4 * 0.75))
    # b: pact at its ideal (0.6), aid one step away (0.4 x 0): closeness 0.6; y at 50 wanted low
    assert score(state, "b") == pytest.approx(100 * (0.6 * 0.6 + 0.4 * 0.5))


def test_rule_7_2_the_shared_outcome_is_the_mean_goodness_of_the_indicators() -> None:
    """7.2 The shared outcome (0–100) is how well the world fares: the average of every indicator
    measured toward its good end."""
    doc = table()
    doc["indicators"][0]["start"] = 80  # good high: 0.8
    doc["indicators"][1]["start"] = 10  # good low: 0.9
    state, _ = start(doc)
    assert shared_outcome(state) == pytest.approx(85.0)


def test_rule_7_3_the_nash_deal_maximises_the_product_of_the_parties_gains() -> None:
    """7.3 The deal that was available to all is the Nash bargaining solution: the package of
    joint-move variants that maximises the product of the gains of the parties whose consent it
    needs and who care about its moves ..., among packages that leave every party whose consent
    it needs no worse off than the agreements in force at the start."""
    doc = table()
    doc["actors"][0]["stances"] = {"pact": stance("weak", 1.0)}
    doc["actors"][1]["stances"] = {"pact": stance("strong", 1.0)}
    doc["actors"][2]["stances"] = {}
    deal = nash_solution(make(doc))
    # from none: weak gives a +0.5 and b +0.5 (product 0.25); strong leaves a no better off
    assert deal.levels == {"pact": 1, "aid": 0}
    assert deal.gains == {"a": 0.5, "b": 0.5}
    assert deal.changed == ("pact",)


def _syria_arrays():
    sc = shipped("syria_2017_07")
    actors = list(sc.actor_ids)
    ideal, salience, span = stance_arrays(sc, {a.id: dict(a.stances) for a in sc.actors}, actors)
    grid = profile_grid([len(jm.variants) for jm in sc.joint_moves])
    start = {jm.id: jm.status_quo for jm in sc.joint_moves} | dict(sc.in_force)
    d_profile = np.array([start[jm.id] for jm in sc.joint_moves], dtype=np.int8)
    util, d = utilities(grid, ideal, salience, span), utilities(d_profile[None, :], ideal, salience, span)[0]
    return actors, grid, d_profile, util, d, consent_matrix(sc, actors), (salience > 0).T


@pytest.mark.parametrize("factor", [0.5, 0.1, 2.0, 10.0])
def test_rule_7_3_the_nash_deal_does_not_depend_on_the_scale_of_anyones_utilities(factor: float) -> None:
    """7.3 ... maximises the product of the gains of the parties whose consent it needs and who
    care about its moves, each gain measured as a share of that party's whole range (from its
    worst outcome to its best), so that no party counts for more because its numbers are bigger.

    Rescaling one party's utilities in the Syria scenario (same preferences) changes nothing.
    """
    actors, grid, d_profile, util, d, consent, cares = _syria_arrays()
    chosen = nash_index(util, d, grid, d_profile, consent, cares)
    assert chosen is not None
    for i, who in enumerate(actors):
        scaled, scaled_d = util.copy(), d.copy()
        scaled[:, i] = scaled[:, i] * factor + 3.0  # same preferences, other numbers
        scaled_d[i] = scaled_d[i] * factor + 3.0
        assert nash_index(scaled, scaled_d, grid, d_profile, consent, cares) == chosen, who


def test_rule_7_3_the_nash_deal_uses_the_stances_the_scores_use() -> None:
    """7.3 ... among packages that leave every party whose consent it needs no worse off than
    the agreements in force at the start, judged by what each party wants when the game ends
    (events can change what actors want and how much they care).

    In the tutorial the heatwave raises Highford's salience for water from 0.3 to 0.5; the deal
    shown must still leave Highford no worse off than no deal, by those stances.
    """
    sc = shipped("tutorial_river")
    session = Session(sc, 0, {a: Seat(a, "human") for a in sc.actor_ids if sc.actor(a).playable})
    while session.turn < 3:  # every seat passes; the heatwave (turn 3) raises Highford's care for water
        session.submit(EndPhase(session.to_move))
    state = session.state
    assert state.stances["highford"]["water_sharing"].salience == pytest.approx(0.5)
    deal = session.nash()
    start_levels = {jm.id: jm.status_quo for jm in sc.joint_moves} | dict(sc.in_force)
    for move in deal.changed:
        for party in sc.joint_move(move).consent:
            now = stance_closeness(state.stances[party], deal.levels, sc)
            before = stance_closeness(state.stances[party], start_levels, sc)
            assert now >= before - 1e-9, party
    assert deal == nash_solution(sc, state.stances)
    assert as_json(state)["nash"]["changes"] == list(deal.changed)
