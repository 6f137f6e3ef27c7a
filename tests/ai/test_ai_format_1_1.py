"""Computer actors and format 1.1 (issue 14): red lines, renewals, mediators, parallel signatures,
stance-less parties; and the example scenario played to its end with the computer in every seat."""

from __future__ import annotations

import pytest

from game.ai import make_agent
from game.ai.play import play_game
from game.core.actions import Accept, EndPhase, Propose, Reject
from game.core.observe import observe
from game.resources import example_scenarios
from game.scenario.loader import load_scenario
from tests.core import scenarios as S
from tests.core.test_rules_format_1_1 import doc11, mediated_doc, play, red_doc, termed


def _agent():
    return make_agent("ours", "normal")


def _decide(state, actor):
    import numpy as np
    return _agent().decide(observe(state, actor), np.random.default_rng(0))


def test_the_computer_never_accepts_its_own_red_line():
    state, rng = S.start(red_doc(public=False))
    state = play(state, rng, Propose("a", ("b",), (("pact", 2),)))
    state = play(state, rng, EndPhase("a"))
    action = _decide(state, "b")
    assert isinstance(action, Reject) and "red line" in action.reason


def test_the_computer_never_proposes_its_own_red_line():
    d = red_doc()
    d["actors"][1]["stances"]["pact"]["ideal"] = "weak"
    seen = []

    def on_step(step):
        if step.action.actor == "b" and hasattr(step.action, "terms"):
            seen.append(step.action.terms)

    for seed in range(4):
        play_game(S.make(d), seed, {a: _agent() for a in "abc"}, on_step)
    assert all(("pact", 2) not in terms for terms in seen)


def test_the_computer_renews_an_agreement_it_values_before_it_lapses():
    state, rng = S.start(termed(2))
    state = play(state, rng, Propose("a", ("b",), (("pact", 1),)), Accept("b", 1))
    state = S.run_turn(state, rng)  # turn 2 is the agreement's last
    action = _decide(state, "a")
    assert isinstance(action, Propose) and action.terms == (("pact", 1),) and "renew" in action.reason


def test_a_mediator_signs_and_a_party_without_a_stance_does_not_block():
    d = mediated_doc()
    d["joint_moves"][0]["consent"] = ["a", "b", "m"]
    state, rng = S.start(d)
    state = play(state, rng, Propose("a", ("b", "m"), (("pact", 1),)))
    state = play(state, rng, EndPhase("a"), EndPhase("b"), EndPhase("c"))
    assert isinstance(_decide(state, "m"), Accept)
    d = doc11()
    d["joint_moves"][1]["variants"][1]["extra_consent"] = ["a"]  # a has no stance on aid
    state, rng = S.start(d)
    state = play(state, rng, Propose("b", ("a", "c"), (("aid", 1),)))
    state = play(state, rng, EndPhase("b"), EndPhase("c"))
    action = _decide(state, "a")
    assert isinstance(action, Accept) and "no stake" in action.reason


def test_the_computer_deals_through_a_mediator_when_trust_is_low():
    from game.ai import format_rules
    offer = Propose("a", ("b",), (("pact", 1),), "a wants this")
    for trust, through in ((35, True), (60, False)):
        d = mediated_doc()
        d["actors"][0]["trust"] = {"b": trust}
        state, _ = S.start(d)
        sent = format_rules.after(observe(state, "a"), offer)
        assert ("m" in sent.to) is through
        assert ("trust is low" in sent.reason) is through


EXAMPLES = example_scenarios()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("seed", [1, 2])
def test_the_example_scenario_plays_to_its_end_with_the_computer_in_every_seat(path, seed):
    sc = load_scenario(path)
    state = play_game(sc, seed, {a: _agent() for a in sc.actor_ids})
    assert state.phase == "over" and state.ending is not None
    kinds = {e.kind for e in state.log}
    assert {"signed", "agreement"} <= kinds
    texts = [e.text for e in state.log if e.kind == "agreement"]
    assert any("signed separately" in t and "with The Strait Envoys" in t for t in texts)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["hardliner", "conceder"])
def test_the_baselines_play_format_1_1_by_its_rules_in_any_seat(path, kind):
    """The benchmark's baselines once proposed a separately signed move without its mediator, an
    illegal action that stopped the whole AI benchmark on the example scenario."""
    sc = load_scenario(path)
    for k, seat in enumerate(sc.actor_ids):
        agents = {a: make_agent(kind if a == seat else "ours") for a in sc.actor_ids}
        state = play_game(sc, k, agents)  # strict: an illegal action raises
        assert state.phase == "over"
    state = play_game(sc, 7, {a: make_agent(kind) for a in sc.actor_ids})
    assert state.phase == "over"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_ours_answers_a_random_player_in_any_seat(path):
    """A random mediator's offer that changes nothing in force once crashed the answer's reason
    (Grain corridor, the envoys random, seed 1)."""
    sc = load_scenario(path)
    for seat in sc.actor_ids:
        for seed in (0, 1):
            state = play_game(sc, seed, {a: make_agent("random" if a == seat else "ours") for a in sc.actor_ids})
            assert state.phase == "over"


def test_the_examples_are_shipped():
    assert [p.name for p in EXAMPLES] == ["grain_corridor.yaml"]
