"""The rules of docs/rules.md, section 5 (resolution): one test (or table) per rule, named after it.

Each test's docstring is the text of its rule. The cases use the small table of
``tests/core/scenarios.py`` (seats a, b, c; indicators x and y; joint moves ``pact`` and
``aid``), changed as each rule needs, so the right answer can be worked out by hand.
"""
from __future__ import annotations

from typing import Any

import pytest

from game.core.actions import (
    Accept,
    ChooseMove,
    EndPhase,
    Propose,
    SetCompliance,
)
from game.core.observe import observe
from tests.core.scenarios import (
    event,
    finish_turn,
    kinds,
    make,
    play,
    run_turn,
    start,
    table,
    to_actions,
    unilateral,
)

# ---------------------------------------------------------------------------------------------
# 5. Resolution


def test_rule_5_1_moves_resolve_first_in_seat_order() -> None:
    """5.1 Moves first. Unilateral moves resolve in seat order: the mover pays the capital, the
    effects apply, other actors' trust in the mover changes, agreements are suspended or
    restored, and then at most one of the move's chance outcomes happens."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}
    doc["unilateral_moves"] = [
        unilateral(
            "raid",
            ["a"],
            cost=4,
            effects=["x += 10"],
            trust={"b": -15, "c": 5},
            agreement={"suspend": "pact"},
            outcomes=[
                {"chance": 1.0, "headline": "Raid praised", "effects": ["x = x * 2"], "trust": {"c": 10}}
            ],
        ),
        unilateral("halve", ["b", "c"], effects=["x = x / 2"]),
    ]
    state, rng = start(doc)
    state = to_actions(state, rng)
    mark = len(state.log)
    state = finish_turn(state, rng, a=[ChooseMove("a", "raid")], b=[ChooseMove("b", "halve")])
    # a first: (50 + 10) * 2 = 120 -> 100 (bounded); then b halves: 50. The suspended pact adds nothing.
    assert [(c.cause.kind, c.cause.id, c.after) for c in state.changes] == [
        ("move", "raid", 60.0),
        ("outcome", "raid", 100.0),
        ("move", "halve", 50.0),
    ]
    assert kinds(state, mark) == ["move", "suspended", "outcome", "move"]
    assert state.log[mark].text == "Actor A makes raid"
    assert state.log[mark + 2].text == "Raid praised"
    assert state.capital["a"] == 10 - 4 + 3 and state.capital["b"] == 13
    assert state.trust["b"]["a"] == 35.0 and state.trust["c"]["a"] == 65.0
    assert state.trust["a"]["b"] == 50.0  # b kept nothing: the pact was suspended before duties
    assert state.agreements["pact"].suspended and state.level("pact") == 0
    assert state.made == {"raid": 1, "halve": 1} and state.made_by == {"a/raid": 1, "b/halve": 1}


def test_rule_5_1_an_outcome_headline_names_the_mover() -> None:
    """5.1 ... and then at most one of the move's chance outcomes happens. (docs/authoring.md: an
    outcome's headline has {actor} replaced by the mover's name, as a move's headline does.)"""
    doc = table()
    doc["unilateral_moves"] = [
        unilateral(
            "boast",
            ["b"],
            outcomes=[{"chance": 1.0, "headline": "{actor} is praised", "effects": ["x += 1"]}],
        )
    ]
    state, rng = start(doc)
    state = run_turn(state, rng, b=[ChooseMove("b", "boast")])
    outcome = next(e for e in state.log if e.kind == "outcome")
    change = next(c for c in state.changes if c.cause.kind == "outcome")
    assert outcome.text == "Actor B is praised"
    assert change.cause.text == "Actor B is praised"


@pytest.mark.parametrize(
    ("chances", "possible"),
    [
        ((1.0,), {"first"}),
        ((0.0,), {"none"}),
        ((0.0, 1.0), {"second"}),
        ((0.5, 0.5), {"first", "second"}),
        ((0.3, 0.3), {"first", "second", "none"}),
    ],
)
def test_rule_5_1_at_most_one_chance_outcome(chances: tuple[float, ...], possible: set[str]) -> None:
    """5.1 ... and then at most one of the move's chance outcomes happens."""
    doc = table()
    names = ["first", "second"]
    doc["unilateral_moves"] = [
        unilateral(
            "gamble",
            ["a"],
            outcomes=[
                {"chance": p, "headline": names[i], "effects": [f"x += {i + 1}"]}
                for i, p in enumerate(chances)
            ],
        )
    ]
    sc = make(doc)
    seen = set()
    for seed in range(40):
        state, rng = start(sc, seed)
        state = run_turn(state, rng, a=[ChooseMove("a", "gamble")])
        outcomes = [e.text for e in state.log if e.kind == "outcome"]
        assert len(outcomes) <= 1
        seen.add(outcomes[0] if outcomes else "none")
    assert seen == possible


RULE_VARIANTS = [
    {},
    {"trust_gain_kept": 7.5, "trust_loss_detected": 30},
    {"trust_gain_kept": 0, "trust_loss_detected": 0},
]


@pytest.mark.parametrize("rules", RULE_VARIANTS)
def test_rule_5_2_keeping_your_word_earns_trust(rules: dict) -> None:
    """5.2 Keeping your word. Every obliged party that keeps its duties gains trust (usually +3)
    with each other party to the agreement."""
    gain = rules.get("trust_gain_kept", 3.0)
    doc = table()
    doc["rules"] = rules
    doc["in_force"] = {"pact": "weak", "aid": "some"}
    state, rng = start(doc)
    state = run_turn(state, rng)
    # weak obliges a and b (each other's party); aid obliges c, with b as the other party
    assert state.trust["a"] == {"b": 50 + gain, "c": 50.0}
    assert state.trust["b"] == {"a": 50 + gain, "c": 50 + gain}
    assert state.trust["c"] == {"a": 50.0, "b": 50.0}
    # the strong pact obliges a only: b's trust in a rises, a's in b does not
    doc["in_force"] = {"pact": "strong"}
    state, rng = start(doc)
    state = run_turn(state, rng)
    assert state.trust["b"]["a"] == 50 + gain and state.trust["a"]["b"] == 50.0


def _breach_doc(rules: dict, monitoring: float = 0.0, aid_monitoring: float | None = None) -> dict[str, Any]:
    doc = table()
    doc["rules"] = rules
    doc["joint_moves"][0]["variants"][1]["monitoring"] = monitoring
    doc["in_force"] = {"pact": "weak"}
    if aid_monitoring is not None:
        doc["joint_moves"][1]["variants"][1]["monitoring"] = aid_monitoring
        doc["in_force"]["aid"] = "some"
    return doc


@pytest.mark.parametrize("rules", RULE_VARIANTS)
@pytest.mark.parametrize(
    ("base", "monitoring", "aid_monitoring"),
    [
        (0.0, 1.0, None),  # the pact's own observers
        (1.0, 0.0, None),  # certain without any observer
        (0.5, 0.7, None),  # the sum is capped at certainty
        (0.0, 0.0, 1.0),  # observers of another agreement see it too
    ],
)
def test_rule_5_3_a_detected_breach_costs_trust_and_the_agreement(
    rules: dict, base: float, monitoring: float, aid_monitoring: float | None
) -> None:
    """5.3 Breaking your word. A party that breaks its duties causes the duty's violation effects
    (every time, seen or not). The breach is detected with a chance of the base detection (usually
    30%) plus the monitoring of every agreement in force (observers make cheating visible), up to
    certainty. A detected breach costs the breaker trust (usually −20) with every other party, and
    half as much with everyone else, and the agreement collapses."""
    loss = rules.get("trust_loss_detected", 20.0)
    gain = rules.get("trust_gain_kept", 3.0)
    doc = _breach_doc({**rules, "base_detection": base}, monitoring, aid_monitoring)
    for seed in range(5):
        state, rng = start(doc, seed)
        state = to_actions(state, rng)
        mark = len(state.log)
        state = finish_turn(state, rng, a=[SetCompliance("a", "pact", False)])
        assert "pact" not in state.agreements  # collapsed: no +2 for x this turn
        assert state.indicators["x"] == 45.0  # the violation: x -= 5
        assert state.trust["b"]["a"] == 50 - loss
        assert state.trust["c"]["a"] == 50 - loss / 2
        assert state.trust["a"]["b"] == 50 + gain  # b kept its duties
        found = kinds(state, mark)
        assert found[:2] == ["violation", "detected"] and "collapsed" in found
        detected = state.log[mark + 1]
        assert detected.visible is None and "a does its part" in detected.text


def test_rule_5_3_a_package_stands_or_falls_together() -> None:
    """5.3 ... A package stands or falls together: the agreements made in the same deal on other
    joint moves collapse with it, so nobody can take its half of a trade and then break the other."""
    doc = _breach_doc({"base_detection": 1.0})
    del doc["in_force"]
    for seed in range(3):
        state, rng = start(doc, seed)
        number = state.next_proposal
        package = (("aid", 1), ("pact", 1))
        state = play(state, rng, Propose("a", ("b", "c"), package), EndPhase("a"),
                     Accept("b", number), EndPhase("b"), Accept("c", number))
        assert {m: a.level for m, a in state.agreements.items()} == {"aid": 1, "pact": 1}
        state = to_actions(state, rng)
        mark = len(state.log)
        state = finish_turn(state, rng, a=[SetCompliance("a", "pact", False)])  # c keeps its part of aid
        assert state.agreements == {}
        collapsed = [e.text for e in state.log[mark:] if e.kind == "collapsed"]
        aid_name = state.scenario.joint_move("aid").name
        pact_name = state.scenario.joint_move("pact").name
        assert sorted(collapsed) == sorted([
            f"The agreement on {aid_name} collapses: it was part of the same deal as a broken one",
            f"The agreement on {pact_name} collapses",
        ])


def test_rule_5_3_a_breach_leaves_other_deals_standing() -> None:
    """5.3 ... only the deal that was broken collapses: an agreement made separately stays in force."""
    doc = _breach_doc({"base_detection": 1.0}, aid_monitoring=0.0)
    state, rng = start(doc)
    state = run_turn(state, rng, a=[SetCompliance("a", "pact", False)])
    assert "pact" not in state.agreements and "aid" in state.agreements


@pytest.mark.parametrize("rules", RULE_VARIANTS)
def test_rule_5_3_an_undetected_breach_stays_secret(rules: dict) -> None:
    """5.3 ... An undetected breach stays secret: the others see indicators move for reasons
    unknown to them, and, believing the breaker kept its word, trust it a little more as usual."""
    gain = float(rules.get("trust_gain_kept", 3.0))
    doc = _breach_doc({**rules, "base_detection": 0.0})
    for seed in range(5):
        state, rng = start(doc, seed)
        for turn in (1, 2, 3):
            state = run_turn(
                state, rng, a=[SetCompliance("a", "pact", False)], b=[SetCompliance("b", "pact", False)]
            )
            assert state.agreements["pact"].level == 1  # no collapse
        # the violation effects every time, seen or not: x -5 +2 and y +5 each turn
        assert state.indicators == {"x": 41.0, "y": 65.0}
        assert state.trust == {
            "a": {"b": 50.0 + 3 * gain, "c": 50.0},
            "b": {"a": 50.0 + 3 * gain, "c": 50.0},
            "c": {"a": 50.0, "b": 50.0},
        }
        assert not any(e.kind in ("detected", "collapsed") for e in state.log)
        violations = [e for e in state.log if e.kind == "violation"]
        assert len(violations) == 6 and all(e.visible == frozenset({e.actor}) for e in violations)
        hidden = [c for c in observe(state, "c").changes if c.cause.kind != "agreement"]
        assert len(hidden) == 6 and all(c.cause.text == "causes not known to you" for c in hidden)


def test_rule_5_3_detection_is_a_matter_of_chance() -> None:
    """5.3 ... The breach is detected with a chance of the base detection (usually 30%) plus the
    monitoring of every agreement in force ..., up to certainty."""
    sc = make(_breach_doc({"base_detection": 0.2}, monitoring=0.3))
    detected = 0
    for seed in range(200):
        state, rng = start(sc, seed)
        state = run_turn(state, rng, a=[SetCompliance("a", "pact", False)])
        detected += "pact" not in state.agreements
    assert 70 <= detected <= 130  # 50% of 200


def test_rule_5_4_agreements_work_every_turn() -> None:
    """5.4 Agreements work every turn. Each agreement still in force (not suspended) applies its
    variant's effects at the end of every turn."""
    doc = table()
    doc["in_force"] = {"pact": "weak", "aid": "some"}
    doc["unilateral_moves"] = [
        unilateral("walk_out", ["b"], agreement={"suspend": "aid"}),
        unilateral("walk_back", ["b"], agreement={"restore": "aid"}),
    ]
    state, rng = start(doc)
    state = run_turn(state, rng)
    state = run_turn(state, rng, b=[ChooseMove("b", "walk_out")])
    state = run_turn(state, rng, b=[ChooseMove("b", "walk_back")])
    assert state.phase == "over"
    assert [s["x"] for s in state.series] == [50, 52, 54, 56]
    assert [s["y"] for s in state.series] == [50, 51, 51, 52]  # suspended in turn 2
    causes = [(c.turn, c.cause.kind, c.cause.id) for c in state.changes]
    assert causes == [
        (1, "agreement", "pact"),
        (1, "agreement", "aid"),
        (2, "agreement", "pact"),
        (3, "agreement", "pact"),
        (3, "agreement", "aid"),
    ]


def test_rule_5_5_indicators_and_trust_stay_within_bounds() -> None:
    """5.5 Bounds. Indicators never leave their range; trust stays between 0 and 100."""
    doc = table()
    doc["indicators"].append({"id": "z", "label": "Z", "min": -10, "max": 10, "start": 0, "good": "low"})
    doc["events"] = [
        event(
            "boom",
            turn=1,
            effects=["x += 1000", "y -= 1000", "z = z - 1e6"],
            trust=[
                {"actor": "a", "toward": "b", "delta": 100},
                {"actor": "b", "toward": "a", "delta": -100},
                {"actor": "c", "toward": "a", "delta": 60},
            ],
        ),
        event(
            "bust",
            turn=2,
            effects=["x = x * -3", "y = 1e9", "z += 10.5 * 3"],
            trust=[{"actor": "a", "toward": "b", "delta": 100}, {"actor": "c", "toward": "a", "delta": -5}],
        ),
    ]
    state, rng = start(doc)
    assert state.indicators == {"x": 100.0, "y": 0.0, "z": -10.0}
    assert state.trust["a"]["b"] == 100.0 and state.trust["b"]["a"] == 0.0 and state.trust["c"]["a"] == 100.0
    state = run_turn(state, rng)
    assert state.indicators == {"x": 0.0, "y": 100.0, "z": 10.0}
    assert state.trust["a"]["b"] == 100.0 and state.trust["c"]["a"] == 95.0
    for change in state.changes:
        ind = state.scenario.indicator(change.indicator)
        assert ind.min <= change.after <= ind.max


def test_rule_5_6_capital_regained_each_turn_at_most_100() -> None:
    """5.6 Capital. Every actor regains some political capital each turn (at most 100)."""
    doc = table()
    doc["actors"][0].update(capital=95, capital_per_turn=3)
    doc["actors"][1].update(capital=0, capital_per_turn=0)
    doc["actors"][2].update(capital=10, capital_per_turn=40)
    doc["unilateral_moves"] = [unilateral("spend", ["a"], cost=50)]
    state, rng = start(doc)
    seen = []
    for orders in ({}, {"a": [ChooseMove("a", "spend")]}, {}):
        state = run_turn(state, rng, **orders)
        seen.append(dict(state.capital))
    assert seen == [{"a": 98, "b": 0, "c": 50}, {"a": 51, "b": 0, "c": 90}, {"a": 54, "b": 0, "c": 100}]


def test_rule_5_7_every_change_is_recorded_with_its_cause() -> None:
    """5.7 Why things happen. Every change to an indicator is recorded with its cause (an event, a
    move, a chance outcome, an agreement, a breach), and the game shows it."""
    doc = table()
    doc["rules"] = {"base_detection": 0.0}
    doc["in_force"] = {"pact": "weak"}
    doc["events"] = [event("storm", turn=2, effects=["y += 7"])]
    doc["unilateral_moves"] = [
        unilateral(
            "dig",
            ["c"],
            effects=["x -= 3"],
            outcomes=[{"chance": 1.0, "headline": "Oil!", "effects": ["y -= 1"]}],
        )
    ]
    state, rng = start(doc)
    state = run_turn(state, rng, a=[SetCompliance("a", "pact", False)], c=[ChooseMove("c", "dig")])
    state = run_turn(state, rng)
    assert {(c.cause.kind, c.cause.id, c.cause.actor) for c in state.changes} == {
        ("violation", "pact", "a"),
        ("move", "dig", "c"),
        ("outcome", "dig", "c"),
        ("agreement", "pact", None),
        ("event", "storm", None),
    }
    # the changes account for every movement of every indicator, step by step
    value = {i.id: float(i.start) for i in state.scenario.indicators}
    for change in state.changes:
        assert change.before == value[change.indicator]
        value[change.indicator] = change.after
    assert value == state.indicators
    # the game shows each change and why (the breach only to its author: rule 5.3)
    for who in "abc":
        shown = observe(state, who).changes
        assert [(c.indicator, c.before, c.after) for c in shown] == [
            (c.indicator, c.before, c.after) for c in state.changes
        ]
    assert [c.cause for c in observe(state, "a").changes] == [c.cause for c in state.changes]
