"""The debrief says what tipped the ending and reveals what everyone wanted (issue 10, item 23)."""

from __future__ import annotations

from game.core.actions import ChooseMove
from game.core.resolve import ending_of
from game.core.scoring import scores
from game.present import debrief
from tests.core import scenarios as S


def _escalation():
    doc = S.table()
    doc["unilateral_moves"] = [S.unilateral("strike", ["a"], effects=["y += 15"]),
                               S.unilateral("shout", ["b"], effects=["y += 2"])]
    doc["endings"] = [S.ending("crisis", "y >= 70"), S.ending("fallback")]
    doc["actors"][1]["stances"]["pact"] = S.stance("weak", 0.9, public="none")
    return S.make(doc)


def test_the_ending_names_the_moves_that_tipped_it():
    sc = _escalation()
    state, rng = S.start(sc)
    while state.phase != "over":
        state = S.run_turn(state, rng, a=[ChooseMove("a", "strike")], b=[ChooseMove("b", "shout")])
    ending = ending_of(state)
    assert ending.id == "crisis"
    tips = debrief.what_tipped(sc, ending, state.changes, state.series[0], state.indicators)
    assert [t.indicator for t in tips] == ["y"]
    assert tips[0].pushes[0].text == "Actor A makes strike" and tips[0].pushes[0].delta == 30
    lines = debrief.tipping_lines(sc, tips, "a")
    assert lines[0].startswith("Y rose from 50 to 84")
    assert "+30 Actor A makes strike (turns 1 and 2, your move)" in lines[0]
    assert "+4 Actor B makes shout (turns 1 and 2)" in lines[0]


def test_an_ending_without_a_condition_claims_no_tipping_point():
    sc = S.make(S.table())
    state, rng = S.start(sc)
    state = S.play_out(state, rng)
    ending = ending_of(state)
    assert debrief.what_tipped(sc, ending, state.changes, state.series[0], state.indicators) == []
    assert debrief.condition_facts(sc, ending, state.log, state.agreements) == []


def test_every_actors_private_side_is_revealed():
    sc = _escalation()
    state, rng = S.start(sc)
    state = S.play_out(state, rng)
    shown = {r.actor: r for r in debrief.revealed(sc, state.stances, state.public, scores(state))}
    assert set(shown) == {"a", "b", "c"}
    b = shown["b"]
    assert b.objectives == ("B wants y low.",) and b.red_lines == ("B never accepts strong.",)
    assert b.goals == ("Y: low (weight 1)",)
    assert "Pact: wanted Weak (cares a great deal); said in public None" in b.wants
    assert any(w.startswith("Aid: wanted Some") for w in b.wants)


def test_the_debrief_says_how_each_actor_was_inclined_this_game():
    """Issue 16, item 4: personalities vary per game, and the debrief says how (rule 8.6)."""
    from game.core.model import Personality
    from game.core.personality import this_game

    sc = _escalation()
    state, rng = S.start(sc)
    state = S.play_out(state, rng)
    shown = {r.actor: r for r in debrief.revealed(sc, state.stances, state.public, scores(state), state.seed)}
    for actor in sc.actors:
        assert shown[actor.id].inclined == debrief.inclination(actor.personality, this_game(actor, state.seed))
        assert shown[actor.id].inclined.startswith("This game it ")
    usual = Personality("linear", 0.5, 0.5)
    text = debrief.inclination(usual, Personality("boulware", 0.62, 0.52))
    assert text == ("This game it held out for its price (usually it gives way steadily), took more risks "
                    "than usual and kept its word as usual.")
    assert "fewer risks" in debrief.inclination(usual, Personality("linear", 0.4, 0.5))


def test_the_debrief_names_the_bounds_a_scenario_sets_on_an_actors_temper():
    """Format 1.1: a teacher who bounded a personality reads the bounds next to this game's draw."""
    from game.core.model import Personality

    usual = Personality("boulware", 0.6, 0.3, ("boulware", "linear"), (0.4, 0.8), (0.3, 0.3))
    text = debrief.inclination(usual, Personality("linear", 0.75, 0.3))
    assert text.startswith("This game it gave way steadily (usually it holds out for its price), took more risks")
    assert text.endswith(" The scenario lets its style range from holding out for its price to giving way "
                         "steadily, keeps its risk between 0.40 and 0.80 and fixes its loyalty at 0.30.")
    assert "The scenario" not in debrief.inclination(Personality(), Personality("conceder", 0.5, 0.5))
