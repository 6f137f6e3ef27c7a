"""The rules of docs/rules.md, section 9 (format 1.1): one test (or table) per rule, named after it.

The cases use the small table of ``tests/core/scenarios.py`` (seats a, b, c; indicators x and
y; joint moves ``pact`` and ``aid``) raised to format 1.1 and changed as each rule needs.
"""
from __future__ import annotations

from typing import Any

import pytest

from game.core.actions import Accept, ChooseMove, EndPhase, Message, Propose
from game.core.errors import IllegalActionError
from game.core.observe import observe
from game.core.rules import check
from tests.core.scenarios import (
    actor,
    duty,
    event,
    joint_move,
    kinds,
    make,
    run_turn,
    stance,
    start,
    table,
    unilateral,
    variant,
)
from tests.core.scenarios import (
    play as base_play,
)


def doc11(**changes: Any) -> dict[str, Any]:
    d = table()
    d["format"] = 1.1
    d.update(changes)
    return d


def termed(term: int = 2) -> dict[str, Any]:
    d = doc11()
    d["calendar"]["turns"] = 5
    d["joint_moves"][0]["variants"][1]["term"] = term
    return d


def play(state, rng, *actions):
    """Apply actions in order, ending the phase for whoever speaks before each action's actor."""
    for action in actions:
        for _ in range(50):
            if state.to_move == action.actor:
                break
            state = base_play(state, rng, EndPhase(state.to_move))
        state = base_play(state, rng, action)
    return state


def agree_weak(state, rng):
    return play(state, rng, Propose("a", ("b",), (("pact", 1),)), Accept("b", 1))


# 9.1 Terms and renewal

def test_rule_9_1_an_agreement_with_a_term_lapses_after_its_turns() -> None:
    """9.1 Terms. An agreement on a variant with a term works for that many turns, counting the
    turn it was made, and lapses after the last of them unless it is renewed."""
    state, rng = start(termed(2))
    state = agree_weak(state, rng)
    assert state.agreements["pact"].expires == 2
    state = run_turn(state, rng)
    assert "pact" in state.agreements
    state = run_turn(state, rng)
    assert "pact" not in state.agreements and "lapsed" in kinds(state)


def test_rule_9_1_renewal_is_a_proposal_of_the_same_terms() -> None:
    """9.1 Renewal is a proposal of the same terms as the agreement in force; once agreed, the
    term starts again from the turn of the renewal."""
    state, rng = start(termed(2))
    state = agree_weak(state, rng)
    state = run_turn(state, rng)  # turn 2: one turn left
    assert state.turns_left_of("pact") == 1
    state = play(state, rng, Propose("a", ("b",), (("pact", 1),)), Accept("b", 2))
    assert state.agreements["pact"].expires == 3
    state = run_turn(state, rng)
    assert "pact" in state.agreements


def test_rule_9_1_a_deal_without_a_term_still_must_change_something() -> None:
    """9.1 A deal on an agreement with no term must still change something in force."""
    state, rng = start(doc11())
    state = agree_weak(state, rng)
    with pytest.raises(IllegalActionError, match="changes nothing"):
        check(state, Propose("b", ("a",), (("pact", 1),)))


def test_rule_9_1_conditions_read_the_turns_left() -> None:
    """9.1 Conditions and effects read ``<move>_left``: the turns the agreement still works."""
    d = termed(3)
    d["events"] = [event("ticking", trigger="pact_left == 2", effects=["x += 7"])]
    state, rng = start(d)
    state = agree_weak(state, rng)
    assert state.env()["pact_left"] == 3
    state = run_turn(state, rng)
    assert [e.ref for e in state.log if e.kind == "news"] == ["ticking"]


# 9.2 Consent per variant

def consent_doc() -> dict[str, Any]:
    d = doc11()
    d["joint_moves"][0]["variants"][2]["extra_consent"] = ["c"]
    return d


def test_rule_9_2_a_stronger_variant_can_need_more_parties() -> None:
    """9.2 Consent per variant. A variant may need the consent of actors beyond the move's
    consent list; a deal on it must go to them, and it is agreed only with their acceptance."""
    state, rng = start(consent_doc())
    with pytest.raises(IllegalActionError, match="Actor C"):
        check(state, Propose("a", ("b",), (("pact", 2),)))
    check(state, Propose("a", ("b",), (("pact", 1),)))
    state = play(state, rng, Propose("a", ("b", "c"), (("pact", 2),)), Accept("b", 1))
    assert "pact" not in state.agreements
    state = play(state, rng, Accept("c", 1))
    assert state.agreements["pact"].parties == ("a", "b", "c")


# 9.3 / 9.4 Mediators and parallel agreements

def mediated_doc(parallel: bool = False) -> dict[str, Any]:
    d = doc11()
    d["actors"].append(actor("m", mediator=True, guarantee=0.2, name="The Envoy"))
    if parallel:
        d["joint_moves"][0]["parallel"] = True
    return d


def test_rule_9_3_parallel_agreements_are_signed_separately_with_a_mediator() -> None:
    """9.3 Parallel agreements. A parallel move is signed by each party separately with a mediator;
    it is in force once every party has signed the same variant, and the log says who signed
    with whom."""
    state, rng = start(mediated_doc(parallel=True))
    with pytest.raises(IllegalActionError, match="mediator"):
        check(state, Propose("a", ("b",), (("pact", 1),)))
    state = play(state, rng, Propose("a", ("m",), (("pact", 1),)), Accept("m", 1))
    assert "pact" not in state.agreements
    state = play(state, rng, Propose("m", ("b",), (("pact", 1),)), Accept("b", 2))
    agreement = state.agreements["pact"]
    assert agreement.signed == (("a",), ("b",)) and agreement.mediators == ("m",)
    text = [e.text for e in state.log if e.kind == "agreement"][-1]
    assert "by Actor A with The Envoy (#1)" in text and "by Actor B with The Envoy (#2)" in text


def test_rule_9_4_a_mediator_raises_the_parties_trust_in_each_other() -> None:
    """9.4 Mediators. When a mediator is party to a deal, the other parties gain
    ``rules.mediator_trust`` trust in each other."""
    state, rng = start(mediated_doc())
    before = state.trust["a"]["b"]
    state = play(state, rng, Propose("m", ("a", "b"), (("pact", 1),)), Accept("a", 1), Accept("b", 1))
    assert state.agreements["pact"].mediators == ("m",)
    assert state.trust["a"]["b"] == before + 5


def test_rule_9_4_a_mediator_guarantees_what_it_is_party_to() -> None:
    """9.4 A mediator's guarantee adds to the chance that a breach of an agreement it is party to
    is detected."""
    d = mediated_doc()
    d["rules"] = {"base_detection": 0.0}
    d["actors"][-1]["guarantee"] = 1.0
    state, rng = start(d)
    state = play(state, rng, Propose("m", ("a", "b"), (("pact", 1),)), Accept("a", 1), Accept("b", 1))
    from game.core.actions import SetCompliance
    state = run_turn(state, rng, a=[SetCompliance("a", "pact", False)])
    assert "detected" in kinds(state)


def test_rule_9_4_a_mediator_carries_messages() -> None:
    """9.4 A back-channel message may be carried by a mediator, who sees it too."""
    state, rng = start(mediated_doc())
    state = play(state, rng, Message("a", "b", "pact", 1, via="m"))
    entry = state.log[-1]
    assert entry.visible == frozenset({"a", "b", "m"}) and "carried by The Envoy" in entry.text
    with pytest.raises(IllegalActionError, match="mediator"):
        check(state, Message("a", "b", "pact", 1, via="c"))


# 9.5 Suspension and return

def suspension_doc() -> dict[str, Any]:
    d = doc11()
    d["joint_moves"][0]["variants"][1]["suspended_effects"] = ["y += 3"]
    d["unilateral_moves"] = [
        unilateral("walk_out", ["a"], agreement={"suspend": "pact", "package": True}),
        unilateral("walk_back", ["a"], agreement={"restore": "pact", "package": True}),
    ]
    return d


def test_rule_9_5_a_package_is_suspended_and_restored_together_with_effects_while_suspended() -> None:
    """9.5 Suspension and return. A party may suspend one agreement or its whole package; a
    suspended variant applies its effects while suspended; a restore brings it back."""
    d = suspension_doc()
    d["actors"][0]["stances"]["aid"] = stance("some", 0.3)
    d["joint_moves"][1]["consent"] = ["a", "b", "c"]
    state, rng = start(d)
    state = play(state, rng, Propose("a", ("b", "c"), (("aid", 1), ("pact", 1))), Accept("b", 1), Accept("c", 1))
    y = state.indicators["y"]
    state = run_turn(state, rng, a=[ChooseMove("a", "walk_out")])
    assert state.agreements["pact"].suspended and state.agreements["aid"].suspended
    assert state.indicators["y"] == y + 3
    state = run_turn(state, rng, a=[ChooseMove("a", "walk_back")])
    assert not state.agreements["pact"].suspended and not state.agreements["aid"].suspended


def test_rule_9_5_events_suspend_restore_and_end_agreements() -> None:
    """9.5 Events can suspend, restore or end agreements."""
    d = doc11()
    d["calendar"]["turns"] = 5
    d["events"] = [event("freeze", turn=2, agreements={"suspend": ["pact"]}),
                   event("thaw", turn=3, agreements={"restore": ["pact"]}),
                   event("over", turn=4, agreements={"end": ["pact"]})]
    state, rng = start(d)
    state = agree_weak(state, rng)
    state = run_turn(state, rng)
    assert state.agreements["pact"].suspended
    state = run_turn(state, rng)
    assert not state.agreements["pact"].suspended
    state = run_turn(state, rng)
    assert "pact" not in state.agreements


# 9.6 Red lines

def red_doc(public: bool = True) -> dict[str, Any]:
    d = doc11()
    d["actors"][1]["stances"]["pact"]["red_line"] = {"variants": ["strong"], "public": public,
                                                      "cost": 4, "effects": ["y += 10"]}
    return d


def test_rule_9_6_crossing_a_red_line_costs_what_it_declares() -> None:
    """9.6 Red lines. An actor that is party to an agreement crossing its red line pays the declared
    political capital and effects, and everyone reads that it crossed it."""
    state, rng = start(red_doc())
    state = play(state, rng, Propose("a", ("b",), (("pact", 2),)), Accept("b", 1))
    assert state.capital["b"] == 6 and state.indicators["y"] == 60
    assert "red_line" in kinds(state)


def test_rule_9_6_public_red_lines_are_seen_by_all_private_ones_only_by_their_owner() -> None:
    """9.6 A public red line is seen by every actor; a private one only by its owner."""
    for public in (True, False):
        state, _ = start(red_doc(public))
        seen = {v.id: v.red_lines for v in observe(state, "a").actors}
        assert seen["b"] == ({"pact": (2,)} if public else {})
        assert observe(state, "b").stances["pact"].red_line.levels == (2,)


# 9.7 Conditional consequences

def strike_doc() -> dict[str, Any]:
    d = doc11()
    d["unilateral_moves"] = [unilateral("strike", ["a"], consequences=[
        {"condition": "pact >= 1", "effects": ["y += 9"], "trust": {"b": -15}, "breach": "pact"}])]
    return d


def test_rule_9_7_consequences_apply_only_while_their_condition_holds() -> None:
    """9.7 Conditional consequences. A move's consequence applies only while its condition holds
    as the move resolves; a breach tied to it counts as the mover breaking that agreement."""
    state, rng = start(strike_doc())
    state = run_turn(state, rng, a=[ChooseMove("a", "strike")])
    assert state.indicators["y"] == 50 and "violation" not in kinds(state)
    state, rng = start(strike_doc())
    state = agree_weak(state, rng)
    state = run_turn(state, rng, a=[ChooseMove("a", "strike")])
    assert "violation" in kinds(state)
    assert next(e.text for e in state.log if e.kind == "violation").endswith("by its move (Strike)")


# 9.8 Bookkeeping indicators

def test_rule_9_8_bookkeeping_indicators_are_left_out_of_the_shared_outcome() -> None:
    """9.8 Bookkeeping indicators (``good: none``) count without a good or bad direction and are
    left out of the shared outcome."""
    from game.core.scoring import shared_outcome
    d = doc11()
    d["indicators"].append({"id": "days", "label": "Days of truce", "start": 0, "good": "none"})
    low = dict(d)
    state, _ = start(low)
    base = shared_outcome(state)
    state.indicators["days"] = 90
    assert shared_outcome(state) == base


# 9.9 Sources and invented moves

def test_rule_9_9_living_pages_summaries_and_invented_moves_load() -> None:
    """9.9 Sources. A living web page gives an access date instead of a publication date; a source
    can be the author's own summary; a move invented for play has no quote."""
    d = doc11()
    d["sources"] = [{"id": "src", "title": "Live page", "outlet": "Wiki", "accessed": "2024-05-01",
                     "own_summary": True, "text": "Nothing was said."}]
    d["unilateral_moves"] = [unilateral("feint", ["a"], invented=True)]
    del d["unilateral_moves"][0]["quote"]
    sc = make(d)
    assert sc.sources[0].accessed == "2024-05-01" and sc.sources[0].own_summary
    assert sc.unilateral_move("feint").invented and sc.unilateral_move("feint").quote is None


# 9.10 Plural names

def test_rule_9_10_plural_names_take_plural_verbs() -> None:
    """9.10 Plural names. An actor marked plural reads 'Rebel groups propose'."""
    d = doc11()
    d["actors"][0]["name"] = "Rebel groups"
    d["actors"][0]["plural"] = True
    state, rng = start(d)
    state = play(state, rng, Propose("a", ("b",), (("pact", 1),)))
    assert state.log[-1].text.startswith("Rebel groups propose #1")


# 9.11 Personality bounds

def test_rule_9_11_each_game_draws_a_bounded_personality_within_its_bounds() -> None:
    """9.11 Personality bounds. Every game, each seat plays with a personality inside the bounds
    the scenario sets (equal bounds fix a trait); an actor without bounds varies as in 8.6."""
    d = doc11()
    d["actors"][0]["personality"] = {"concession": "boulware", "risk": 0.6, "loyalty": 0.3, "bounds": {
        "concession": {"min": "boulware", "max": "linear"}, "risk": {"min": 0.5, "max": 0.9},
        "loyalty": {"min": 0.3, "max": 0.3}}}
    risks, styles, others = set(), set(), set()
    for seed in range(60):
        state, _ = start(d, seed=seed)
        me = observe(state, "a").me.personality
        assert 0.5 <= me.risk <= 0.9 and me.loyalty == 0.3 and me.concession in ("boulware", "linear")
        risks.add(round(me.risk, 1))
        styles.add(me.concession)
        others.add(observe(state, "b").me.personality.risk)
    assert styles == {"boulware", "linear"} and len(risks) >= 4 and len(others) > 30


def test_format_1_files_refuse_1_1_fields() -> None:
    """A file that says ``format: 1`` may not use format-1.1 fields: the message says to write 1.1."""
    from game.scenario.loader import ScenarioError
    d = table()
    d["actors"][0]["plural"] = True
    with pytest.raises(ScenarioError, match="format 1.1"):
        make(d)


_ = (duty, joint_move, variant)


def test_random_playthroughs_of_the_format_1_1_example_keep_every_invariant() -> None:
    """Random legal play of the format-1.1 example keeps the rules' invariants at every step, and is
    the same game again from the same seed and actions."""
    import numpy as np

    from game.core.rules import apply, new_game
    from game.resources import example_scenarios
    from game.scenario.loader import load_scenario
    from tests.core.scenarios import fingerprint
    from tests.core.test_playthrough import playthrough
    sc = load_scenario(example_scenarios()[0])
    kinds_seen: set[str] = set()
    for seed in range(25):
        state, actions = playthrough(sc, seed)
        kinds_seen |= {e.kind for e in state.log}
    assert {"signed", "agreement"} <= kinds_seen
    rng = np.random.default_rng(7)
    first, actions = playthrough(sc, 7, check_every_step=False)
    again = new_game(sc, 7, rng)
    for action in actions:
        again, _ = apply(again, action, rng)
    assert fingerprint(again) == fingerprint(first)


def test_rule_9_5_a_party_returns_with_new_terms_by_a_new_deal() -> None:
    """9.5 A party may also return with new terms, by a new deal (a suspended move counts as at its
    status quo)."""
    state, rng = start(suspension_doc())
    state = agree_weak(state, rng)
    state = run_turn(state, rng, a=[ChooseMove("a", "walk_out")])
    assert state.agreements["pact"].suspended and state.level("pact") == 0
    state = play(state, rng, Propose("a", ("b",), (("pact", 2),)))
    state = play(state, rng, Accept("b", state.proposals[-1].id))
    assert state.agreements["pact"].level == 2 and not state.agreements["pact"].suspended


def test_rule_9_2_the_deal_available_to_all_counts_the_parties_each_variant_needs() -> None:
    """9.2 (with 7.3) The Nash deal counts, for each variant it picks, the parties that variant
    needs: a party that would lose by a stronger variant it must sign keeps it out."""
    from game.core.scoring import nash_solution
    d = doc11()
    d["actors"][1]["stances"]["pact"]["ideal"] = "strong"
    d["actors"][2]["stances"]["pact"] = stance("none", 0.5)
    assert nash_solution(make(d)).levels["pact"] == 2  # c's say does not count: it has no veto
    d["joint_moves"][0]["variants"][2]["extra_consent"] = ["c"]
    assert nash_solution(make(d)).levels["pact"] == 1


def test_rule_9_6_red_lines_hold_when_an_event_changes_the_stance() -> None:
    """9.6 Red lines hold for the whole game: events change what an actor wants, not what it will
    never accept."""
    d = red_doc()
    d["events"] = [event("rethink", turn=1, stances=[{"actor": "b", "move": "pact", "salience": 0.2}])]
    state, rng = start(d)
    assert state.stances["b"]["pact"].salience == 0.8
    state = play(state, rng, Propose("a", ("b",), (("pact", 2),)), Accept("b", 1))
    assert "red_line" in kinds(state) and state.capital["b"] == 6
