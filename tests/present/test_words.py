"""The words the window shows, from observations and the scenario."""

from __future__ import annotations

from game.core.actions import make_terms
from game.present import words
from game.resources import default_scenario
from game.scenario.loader import load_scenario
from game.session import Session


def _obs():
    sc = load_scenario(default_scenario())
    return sc, Session(sc, 5, agent_factory=lambda seat: None).observe("us")


def test_dates_and_lengths():
    sc, _ = _obs()
    assert words.long_date("2017-07-05") == "Wed 5 Jul 2017"
    assert words.date_span(sc) == "5 Jul 2017 – 20 Jul 2017"
    assert words.length(sc) == "8 turns of 2 days"
    assert words.sign(3) == "+3" and words.sign(-2) == "−2" and words.sign(0.2) == "0"


def test_expressions_read_as_words():
    sc, _ = _obs()
    assert words.expr_text("air_safety >= 1", sc) == "Air-safety memorandum: Restored or stronger"
    assert words.expr_text("civilian_harm > 60 and turn >= 3", sc) == "Civilian harm > 60 and turn >= 3"


def test_effects_are_worked_out_against_the_current_values():
    sc, obs = _obs()
    um = sc.unilateral_move("air_campaign")
    text = words.effects_text(um.effects, sc, obs.env)
    assert "Civilian harm +5" in text


def test_scores_and_estimates_from_the_observation():
    sc, obs = _obs()
    ideal = obs.stances["no_fly_zone"].ideal
    better = make_terms({"no_fly_zone": ideal})
    assert words.my_score_if(obs, sc, better) >= words.my_score_now(obs, sc)
    assert words.likely_answer(0.2) == "likely to accept"
    assert words.likely_answer(-0.2) == "likely to refuse"
    gain = words.estimated_gain(obs, sc, "russia", better)
    assert -1.0 <= gain <= 1.0
