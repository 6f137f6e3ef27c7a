"""Negotiation rules of the computer actors, on hand-made tables with known right answers.

In ``kit.table()`` actor ``a`` wants ``union`` (level 4) and ``b`` wants ``truce`` (level 2);
from ``nothing`` the Nash point between them is ``truce``.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai import LEVELS, make_agent
from game.ai.context import Context
from game.ai.utility import candidates, terms_gain
from game.core.actions import Accept, Counter, Propose, Reject
from game.core.rules import check
from tests.ai import kit

DEAL = "deal"


def _offer(sc, level: int, turn: int = 1, to_answer: str = "a", phase: str | None = None, seed: int = 0,
           sender: str = "b"):
    """A game where ``sender`` has offered the deal at ``level`` to a on ``turn``, and a is to answer."""
    state, rng = kit.start(sc, seed)
    state = kit.until(state, rng, sender, turn=turn)
    to = ("a",) if sender == "b" else ("a", "b")
    state = kit.step(state, Propose(sender, to, ((DEAL, level),)), rng)
    state = kit.until(state, rng, to_answer, phase=phase)
    return state


@pytest.mark.parametrize("level", LEVELS)
def test_a_deal_at_the_actors_ideal_is_accepted_at_once(level):
    """A deal every party prefers to no deal, at the actor's ideal, is accepted on the first turn."""
    sc = kit.table()
    state = _offer(sc, 4)
    action = make_agent("ours", level).decide(kit.seen_by(state, "a"), np.random.default_rng(1))
    assert isinstance(action, Accept)
    check(state, action)


@pytest.mark.parametrize("concession", ["boulware", "linear", "conceder"])
def test_at_the_last_answers_any_deal_better_than_no_deal_is_accepted(concession):
    """At the last answers of the game the aspiration has fallen to the no-deal value."""
    sc = kit.table(actors=[kit.actor("a", {"deal": kit.stance("union")}, concession),
                           kit.actor("b", {"deal": kit.stance("truce")}),
                           kit.actor("c")])
    state = _offer(sc, 1, turn=4, phase="answers")
    assert state.phase == "answers"
    action = make_agent("ours", "hard").decide(kit.seen_by(state, "a"), np.random.default_rng(1))
    assert isinstance(action, Accept)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("turn", [1, 4])
def test_a_deal_below_the_no_deal_value_is_refused(level, turn):
    """Never accept a deal worth less than the levels in force, however late."""
    sc = kit.table(in_force={DEAL: "treaty"}, actors=[
        kit.actor("a", {"deal": kit.stance("union")}, "conceder"),
        kit.actor("b", {"deal": kit.stance("truce")}), kit.actor("c")])
    state = _offer(sc, 1, turn=turn, phase="answers" if turn == 4 else None)
    for seed in range(20):
        action = make_agent("ours", level).decide(kit.seen_by(state, "a"), np.random.default_rng(seed))
        assert isinstance(action, (Reject, Counter))
        assert "The Deal" in action.reason


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ideal=st.integers(0, 4), now=st.integers(0, 4), offered=st.integers(0, 4),
       salience=st.floats(0.05, 1.0), concession=st.sampled_from(["boulware", "linear", "conceder"]),
       level=st.sampled_from(LEVELS), turn=st.integers(1, 4), seed=st.integers(0, 1000))
def test_no_accepted_deal_is_worth_less_than_no_deal(ideal, now, offered, salience, concession, level, turn,
                                                     seed):
    """Whatever the stances, the time and the level: an acceptance is never below no deal."""
    if offered == now:
        return
    sc = kit.table(in_force={DEAL: kit.LEVELS[now]} if now else {}, actors=[
        kit.actor("a", {"deal": kit.stance(kit.LEVELS[ideal], salience)}, concession),
        kit.actor("b", {"deal": kit.stance("truce")}), kit.actor("c")])
    state = _offer(sc, offered, turn=turn, seed=seed)
    obs = kit.seen_by(state, "a")
    action = make_agent("ours", level).decide(obs, np.random.default_rng(seed))
    check(state, action)
    if isinstance(action, Accept):
        assert abs(offered - ideal) <= abs(now - ideal)
        assert terms_gain(Context.build(obs), ((DEAL, offered),), discount=False) >= -1e-9


def test_the_reason_of_a_refusal_names_the_move_and_the_variant():
    sc = kit.table(in_force={DEAL: "treaty"})
    state = _offer(sc, 1)
    action = make_agent("ours", "hard").decide(kit.seen_by(state, "a"), np.random.default_rng(0))
    assert "The Deal" in action.reason and "Talks" in action.reason
    assert action.reason.startswith("Actor A") and len(action.reason) <= 200


def _first_acceptance(concession: str) -> int:
    sc = kit.table(actors=[kit.actor("a", {"deal": kit.stance("union")}, concession),
                           kit.actor("b", {"deal": kit.stance("truce")}), kit.actor("c")])
    for turn in range(1, 5):
        state = _offer(sc, 2, turn=turn)
        action = make_agent("ours", "normal").decide(kit.seen_by(state, "a"), np.random.default_rng(0))
        if isinstance(action, Accept):
            return turn
    return 99


def test_a_boulware_holds_out_longer_than_a_conceder():
    """Aspiration falls at the personality's rate: conceder first, then linear, boulware last."""
    conceder, linear, boulware = (_first_acceptance(c) for c in ("conceder", "linear", "boulware"))
    assert conceder <= linear <= boulware
    assert conceder < boulware


def test_counter_proposals_move_toward_the_nash_point():
    """a refuses the bystander c's small offer and counters between its ideal (union) and the Nash
    point (truce); its own offers come down to the Nash point over the turns and never go past it
    (at "normal": "hard" claims more on the last turn, see test_ai_levels)."""
    sc = kit.table(in_force={})
    state = _offer(sc, 1, turn=2, sender="c")
    action = make_agent("ours", "normal").decide(kit.seen_by(state, "a"), np.random.default_rng(0))
    assert isinstance(action, Counter)
    level = dict(action.terms)[DEAL]
    assert abs(level - 2) < abs(4 - 2)
    offered = []
    for turn in range(1, 5):
        state, rng = kit.start(sc)
        state = kit.until(state, rng, "a", turn=turn)
        act = make_agent("ours", "normal").decide(kit.seen_by(state, "a"), np.random.default_rng(0))
        if isinstance(act, Propose):  # on the first turn only union would do, and b gains nothing by it
            assert act.to == ("b",)
            offered.append(dict(act.terms)[DEAL])
    assert len(offered) >= 2
    assert all(lv >= 2 for lv in offered)
    assert all(x >= y for x, y in itertools.pairwise(offered))
    assert offered[-1] == 2


def test_a_proposal_names_every_needed_party():
    sc = kit.table()
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "c", turn=3)
    action = make_agent("ours", "hard").decide(kit.seen_by(state, "c"), np.random.default_rng(0))
    assert isinstance(action, Propose)
    assert set(action.to) >= {"a", "b"}
    check(state, action)


def test_a_party_without_a_veto_supports_only_what_helps_it():
    sc = kit.table()
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Propose("b", ("a", "c"), ((DEAL, 1),)), rng)
    state = kit.until(state, rng, "c")
    action = make_agent("ours", "hard").decide(kit.seen_by(state, "c"), np.random.default_rng(0))
    assert isinstance(action, Accept)  # c wants treaty: talks is closer than nothing
    check(state, action)


def test_a_scenario_with_too_many_profiles_to_list_still_gets_offers():
    """Twelve moves of three variants (531,441 profiles): offers come from single and paired changes."""
    moves = []
    for k in range(12):
        mv = kit.deal_move()
        mv["id"], mv["name"] = f"deal{k}", f"Deal {k}"
        mv["variants"] = mv["variants"][:3]
        moves.append(mv)
    stances_a = {f"deal{k}": kit.stance("truce", 0.5) for k in range(12)}
    stances_b = {f"deal{k}": kit.stance("talks" if k % 2 else "truce", 0.5) for k in range(12)}
    sc = kit.table(joint_moves=moves, actors=[kit.actor("a", stances_a), kit.actor("b", stances_b),
                                              kit.actor("c")])
    state, _ = kit.start(sc)
    obs = kit.seen_by(state, "a")
    ctx = Context.build(obs)
    profiles, _ = candidates(ctx)
    assert len(profiles) < 20_000
    assert ((profiles != ctx.levels).sum(axis=1) <= 2).all()
    action = make_agent("ours", "normal").decide(obs, np.random.default_rng(0))
    check(state, action)
    assert isinstance(action, Propose)


def test_easy_gives_way_faster_than_normal_and_hard_mid_game():
    """Rule 8.7: the same actor at the same moment aspires to less at "easy"."""
    from game.ai import negotiate

    state = _offer(kit.table(), 1, turn=2)
    ctx = Context.build(kit.seen_by(state, "a"))
    asp = {lvl: negotiate.evaluate(ctx, negotiate.STYLES[lvl]).asp for lvl in LEVELS}
    wants = asp["normal"] > 0
    assert wants.any()
    assert (asp["easy"][wants] < asp["normal"][wants]).all()
    assert np.allclose(asp["normal"], asp["hard"])
