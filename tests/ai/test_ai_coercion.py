"""Moves that fit the situation (issue 16, item 3): a coercive move is valued with the deals it opens
(a delayed, conditional effect), so it is made when it pays and not when its reaction costs more.

The table: ``a`` wants ``deal`` up to the Union; ``b`` wants no deal at all, so it blocks every
variant, but it cares a great deal about the ``pact`` in force (which ``a`` does not care for). ``a``
may ``strike``, which suspends the pact: from then on, the pact back together with a deal is worth
more to ``b`` than no deal, so the strike opens the deal ``a`` wants.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import act, make_agent, threats, unlock
from game.ai.context import Context
from game.ai.play import play_game
from game.core.actions import Accept, ChooseMove, Propose
from tests.ai import kit

PACT = {"id": "pact", "name": "The Pact", "description": "What keeps b calm.", "consent": ["a", "b"],
        "variants": [{"id": "none", "label": "None"}, {"id": "kept", "label": "Kept"}], "quote": dict(kit.QUOTE)}


def _strike(trust_b: float, **extra) -> dict:
    out = {"id": "strike", "name": "Strike the depot", "description": "Breaks the pact.", "actors": ["a"],
           "headline": "{actor} strikes the depot", "cost": 1, "limit": 1, "agreement": {"suspend": "pact"},
           "trust": {"b": trust_b}, "quote": dict(kit.QUOTE)}
    out.update(extra)
    return out


def _table(trust_b: float = -2.0, b_says: str | None = None, **strike):
    return kit.table(
        in_force={"pact": "kept"},
        joint_moves=[kit.deal_move(), PACT],
        unilateral_moves=[_strike(trust_b, **strike)],
        actors=[kit.actor("a", {"deal": kit.stance("union"), }),
                kit.actor("b", {"deal": kit.stance("nothing", 0.5), "pact": kit.stance("kept", 0.9, b_says)}),
                kit.actor("c")],
    )


def _actions(sc, turn: int = 1):
    state, rng = kit.start(sc)
    return kit.until(state, rng, "a", turn=turn, phase="actions")


def _strike_value(sc, turn: int = 1):
    ctx = Context.build(kit.seen_by(_actions(sc, turn), "a"))
    return next(mv for mv in act.move_values(ctx) if mv.move.id == "strike"), ctx


def test_a_strike_that_opens_the_deal_is_chosen():
    mv, ctx = _strike_value(_table())
    assert unlock.surplus(ctx, ctx.levels) == 0.0  # b blocks every deal while the pact holds
    assert mv.unlock > 0 and mv.agreement == 0.0  # the pact costs a nothing; the deal it opens pays
    assert mv.value > 0
    action = make_agent("ours", "hard").decide(ctx.obs, np.random.default_rng(0))
    assert action == ChooseMove("a", "strike", action.reason)
    assert "bring the others to a deal" in action.reason


@pytest.mark.parametrize("reaction", ["trust", "no_lever"])
def test_the_same_strike_is_not_chosen_when_it_does_not_pay(reaction):
    """With b's trust in a as the reaction's price, or with a b that says in public it wants no pact (so
    that, by what a can see, the strike opens nothing), doing nothing is worth more."""
    sc = _table(trust_b=-100.0) if reaction == "trust" else _table(b_says="none")
    mv, ctx = _strike_value(sc)
    assert mv.value < 0
    if reaction == "no_lever":
        assert mv.unlock <= 0.0  # it may even spend a lever: ending the pact was a price b would pay
    action = make_agent("ours", "hard").decide(ctx.obs, np.random.default_rng(0))
    assert not isinstance(action, ChooseMove)


def test_nothing_is_opened_on_the_last_turn():
    mv, _ = _strike_value(_table(), turn=4)
    assert mv.unlock == 0.0 and mv.value < 0


@pytest.mark.parametrize("seed", range(3))
def test_after_the_strike_the_blocker_takes_a_deal_it_refused(seed):
    """Played out: with the strike, a and b agree on the deal (and the pact back); without it
    (reaction too costly), b never agrees to any deal."""
    for trust_b, agreed in ((-2.0, True), (-100.0, False)):
        sc = _table(trust_b=trust_b)
        state = play_game(sc, seed, {x: make_agent("ours", "hard") for x in sc.actor_ids})
        assert (state.level("deal") > 0) == agreed


GOAL_STOCK = [{"indicator": "stock", "want": "high", "weight": 1.0}]


def _warned(warn: bool, harm: int = 60):
    """b wants the Truce and a high stock; a may ``burn`` the stock. a offers the Treaty (worse for b
    than the Truce it holds out for), having warned b of the burning in private or not."""
    from game.core.actions import Message

    burn = {"id": "burn", "name": "Burn the stock", "description": "Hurts b.", "actors": ["a"],
            "headline": "{actor} burns the stock", "effects": [f"stock -= {harm}"], "trust": {"b": -5},
            "quote": dict(kit.QUOTE)}
    sc = kit.table(unilateral_moves=[burn],
                   actors=[kit.actor("a", {"deal": kit.stance("union")}),
                           kit.actor("b", {"deal": kit.stance("truce")}, goals=GOAL_STOCK), kit.actor("c")])
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a", turn=1)
    if warn:
        state = kit.step(state, Message("a", "b", "deal", 3, "burn"), rng)
        state = kit.until(state, rng, "a")
    state = kit.step(state, Propose("a", ("b",), (("deal", 3),)), rng)
    return kit.until(state, rng, "b")


def test_a_warning_changes_the_answer_but_never_below_no_deal():
    """Without the warning b refuses the Treaty early in the game; warned that a could burn the stock it
    wants, it takes the Treaty (still better for it than no deal) and says why."""
    quiet = make_agent("ours", "hard").decide(kit.seen_by(_warned(False), "b"), np.random.default_rng(0))
    assert not isinstance(quiet, Accept)
    obs = kit.seen_by(_warned(True), "b")
    ctx = Context.build(obs)
    assert threats.threat_cost(ctx, "a") > 0
    action = make_agent("ours", "hard").decide(obs, np.random.default_rng(0))
    assert isinstance(action, Accept) and "Burn the stock" in action.reason
    # a harmless "threat" changes nothing
    obs = kit.seen_by(_warned(True, harm=0), "b")
    assert threats.threat_cost(Context.build(obs), "a") == 0.0
    assert not isinstance(make_agent("ours", "hard").decide(obs, np.random.default_rng(0)), Accept)


@pytest.mark.parametrize("in_force", [False, True])
def test_a_consequence_counts_only_while_its_condition_holds(in_force):
    """A raid that adds to the stock a wants, but that breaks the truce (and costs b's trust) while the
    truce is in force: worth making without the truce, not with it (format 1.1 consequences)."""
    raid = {"id": "raid", "name": "Raid the depot", "description": "Takes stock.", "actors": ["a"],
            "headline": "{actor} raids the depot", "effects": ["stock += 5"], "quote": dict(kit.QUOTE),
            "consequences": [{"condition": "deal >= 1", "trust": {"b": -30}, "breach": "deal"}]}
    extra = {"in_force": {"deal": "truce"}} if in_force else {}
    sc = kit.table(format=1.1, unilateral_moves=[raid], rules={"base_detection": 1.0},
                   actors=[kit.actor("a", {"deal": kit.stance("truce")}, goals=GOAL_STOCK),
                           kit.actor("b", {"deal": kit.stance("truce")}), kit.actor("c")], **extra)
    ctx = Context.build(kit.seen_by(_actions(sc), "a"))
    mv = next(mv for mv in act.move_values(ctx) if mv.move.id == "raid")
    assert (mv.value > 0) != in_force
    if in_force:
        assert mv.agreement < 0  # the truce lost (with certain detection), more than the stock gained
