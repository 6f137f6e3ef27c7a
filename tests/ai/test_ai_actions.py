"""The actions phase: compliance, unilateral moves and warnings, on hand-made tables."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import LEVELS, act, make_agent, negotiate
from game.ai.context import Context
from game.core.actions import ChooseMove, EndPhase, Propose, Reject, SetCompliance
from game.core.rules import check
from tests.ai import kit

GOAL_STOCK = [{"indicator": "stock", "want": "high", "weight": 1.0}]


def _breach_table(monitoring: float, base_detection: float = 0.0, b_wants: str = "truce"):
    """A truce in force whose breach by a adds 10 to the stock a wants high."""
    return kit.table(
        rules={"base_detection": base_detection},
        in_force={"deal": "truce"},
        joint_moves=[kit.deal_move(monitoring=monitoring, violation_a=["stock += 10"])],
        actors=[kit.actor("a", {"deal": kit.stance("union", 0.3)}, goals=GOAL_STOCK),
                kit.actor("b", {"deal": kit.stance(b_wants)}), kit.actor("c")],
    )


def _actions_of(sc, actor: str = "a", turn: int = 1):
    state, rng = kit.start(sc)
    return kit.until(state, rng, actor, turn=turn, phase="actions")


@pytest.mark.parametrize("level", LEVELS)
def test_compliance_flips_when_monitoring_is_high(level):
    """Unwatched, breaking pays; watched (detection certain), keeping the deal is worth more."""
    low = _actions_of(_breach_table(monitoring=0.0))
    action = make_agent("ours", level).decide(kit.seen_by(low, "a"), np.random.default_rng(0))
    assert action == SetCompliance("a", "deal", False, action.reason)
    assert "The Deal" in action.reason
    check(low, action)
    high = _actions_of(_breach_table(monitoring=1.0))
    action = make_agent("ours", level).decide(kit.seen_by(high, "a"), np.random.default_rng(0))
    assert not (isinstance(action, SetCompliance) and not action.keep)


def test_the_shadow_of_the_future_weighs_less_on_the_last_turn():
    """The value of trust earned by keeping (b would still take a treaty) falls as the calendar runs out."""
    sc = _breach_table(monitoring=0.0, b_wants="treaty")
    early = Context.build(kit.seen_by(_actions_of(sc, turn=1), "a"))
    late = Context.build(kit.seen_by(_actions_of(sc, turn=4), "a"))
    assert act.compliance(late, "deal").cost < act.compliance(early, "deal").cost


def test_after_setting_compliance_the_actor_ends_the_phase():
    sc = _breach_table(monitoring=0.0)
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a", phase="actions")
    agent = make_agent("ours", "hard")
    for _ in range(5):
        action = agent.decide(kit.seen_by(state, "a"), np.random.default_rng(0))
        check(state, action)
        state = kit.step(state, action, rng)
        if isinstance(action, EndPhase):
            break
    else:
        raise AssertionError("the actor never ended its actions phase")
    assert state.orders["a"].breaks == frozenset({"deal"})


def _moves_table(**extra):
    grab = {"id": "grab", "name": "Grab the stock", "description": "Take what is there.", "actors": ["a"],
            "headline": "{actor} grabs the stock", "cost": 1, "effects": ["stock += 10"],
            "quote": dict(kit.QUOTE)}
    waste = {"id": "waste", "name": "Waste the stock", "description": "Throw it away.", "actors": ["a"],
             "headline": "{actor} wastes the stock", "effects": ["stock -= 10"], "quote": dict(kit.QUOTE)}
    threaten = {"id": "threaten", "name": "Block the road", "description": "Hurts b.", "actors": ["a"],
                "headline": "{actor} blocks the road", "precondition": "turn >= 3", "trust": {"b": -3},
                "effects": ["tension += 1"], "quote": dict(kit.QUOTE)}
    return kit.table(unilateral_moves=[grab, waste, threaten],
                     actors=[kit.actor("a", {"deal": kit.stance("union")}, goals=GOAL_STOCK),
                             kit.actor("b", {"deal": kit.stance("truce")}), kit.actor("c")], **extra)


def test_a_unilateral_move_is_made_when_it_beats_doing_nothing():
    state = _actions_of(_moves_table())
    ctx = Context.build(kit.seen_by(state, "a"))
    values = {mv.move.id: mv.value for mv in act.move_values(ctx)}
    assert values["grab"] > 0 > values["waste"]
    assert "threaten" not in values  # its precondition does not hold yet
    action = make_agent("ours", "hard").decide(kit.seen_by(state, "a"), np.random.default_rng(0))
    assert action == ChooseMove("a", "grab", action.reason)
    assert "Grab the stock" in action.reason and "Stock" in action.reason


def test_a_move_that_only_costs_is_never_chosen():
    state = _actions_of(_moves_table())
    agent = make_agent("ours", "normal")
    for seed in range(30):
        action = agent.decide(kit.seen_by(state, "a"), np.random.default_rng(seed))
        assert not (isinstance(action, ChooseMove) and action.move == "waste")


@pytest.mark.parametrize("turn, warned", [(1, None), (3, "threaten")])
def test_a_warning_names_only_a_move_the_sender_could_make(turn, warned):
    """a's offer was refused by b; a tells b what it could live with, and warns only once it can act."""
    sc = _moves_table()
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a", turn=turn)
    state = kit.step(state, Propose("a", ("b",), (("deal", 4),)), rng)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Reject("b", state.proposals[-1].id), rng)
    state = kit.until(state, rng, "a")
    ctx = Context.build(kit.seen_by(state, "a"))
    msg = negotiate.message(ctx, negotiate.STYLES["hard"], lambda who: act.threat_against(ctx, who))
    assert msg is not None and msg.to == "b"
    assert msg.warn == warned
    check(state, msg)


def _warned_table():
    threaten = {"id": "threaten", "name": "Block the road", "description": "Hurts b.", "actors": ["a"],
                "headline": "{actor} blocks the road", "trust": {"b": -1}, "effects": ["tension += 1"],
                "quote": dict(kit.QUOTE)}
    return kit.table(unilateral_moves=[threaten],
                     actors=[kit.actor("a", {"deal": kit.stance("union")}, goals=GOAL_STOCK),
                             kit.actor("b", {"deal": kit.stance("truce")}), kit.actor("c")])


def _after_warning(refused: bool):
    """a warns b privately that it could block the road, then offers the union; b refuses it or not."""
    from game.core.actions import Message

    state, rng = kit.start(_warned_table())
    state = kit.until(state, rng, "a", turn=1)
    ctx = Context.build(kit.seen_by(state, "a"))
    assert act.threat_against(ctx, "b").id == "threaten"  # a warning the actor itself could give
    state = kit.step(state, Message("a", "b", "deal", 3, "threaten"), rng)
    state = kit.until(state, rng, "a")
    state = kit.step(state, Propose("a", ("b",), (("deal", 4),)), rng)
    if refused:
        state = kit.until(state, rng, "b")
        state = kit.step(state, Reject("b", state.proposals[-1].id), rng)
    return kit.until(state, rng, "a", phase="actions")


def test_a_warning_is_carried_out_once_its_condition_is_met():
    """Issue 16, item 1: a threat is carried out when the warned party refuses; not before."""
    state = _after_warning(refused=True)
    ctx = Context.build(kit.seen_by(state, "a"))
    assert act.warned_refusers(ctx) == {"threaten": "b"}
    action = make_agent("ours", "hard").decide(ctx.obs, np.random.default_rng(0))
    assert action == ChooseMove("a", "threaten", action.reason)
    assert "warned Actor B" in action.reason
    quiet = _after_warning(refused=False)
    ctx = Context.build(kit.seen_by(quiet, "a"))
    assert act.warned_refusers(ctx) == {}
    action = make_agent("ours", "hard").decide(ctx.obs, np.random.default_rng(0))
    assert not isinstance(action, ChooseMove)
