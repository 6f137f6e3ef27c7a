"""Logrolling with a lever, pressure from those without a veto, and packages that stand or fall together.

The table adds a second joint move, ``gauge`` (``off`` / ``on``), to the kit's ``deal``; both need
``a`` and ``b``. ``b`` wants the gauge badly and the deal not at all; ``a`` wants the deal and
likes the gauge a little. A gauge on its own is a gift to ``b``: ``a`` should trade it for a deal.
"""

from __future__ import annotations

import numpy as np

from game.ai import act, make_agent
from game.ai.context import Context
from game.core.actions import Accept, Counter, EndPhase, Propose, Reject, SetCompliance
from game.core.rules import check
from tests.ai import kit

GAUGE = {"id": "gauge", "name": "The Gauge", "description": "A shared gauge.", "consent": ["a", "b"],
         "variants": [{"id": "off", "label": "Off"},
                      {"id": "on", "label": "On", "obligations": [kit.duty("a"), kit.duty("b")]}],
         "quote": dict(kit.QUOTE)}


def _trade_table(turns: int = 4):
    return kit.table(
        calendar={"start": "2025-01-01", "turn_days": 7, "turns": turns},
        joint_moves=[kit.deal_move(), GAUGE],
        actors=[kit.actor("a", {"deal": kit.stance("union", 0.8), "gauge": kit.stance("on", 0.3)}),
                kit.actor("b", {"deal": kit.stance("nothing", 0.3, public="talks"), "gauge": kit.stance("on", 0.9)}),
                kit.actor("c")],
    )


def _gauge_offered(sc, turn: int, phase: str | None = None):
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "b", turn=turn)
    state = kit.step(state, Propose("b", ("a",), (("gauge", 1),)), rng)
    return kit.until(state, rng, "a", phase=phase), rng


def test_a_gift_that_is_also_a_lever_is_traded_for_a_package():
    """a would take the gauge alone, but while turns remain it counters with the gauge and the deal."""
    state, _ = _gauge_offered(_trade_table(), turn=1)
    action = make_agent("ours", "hard").decide(kit.seen_by(state, "a"), np.random.default_rng(0))
    assert isinstance(action, Counter), action
    terms = dict(action.terms)
    assert terms["gauge"] == 1 and terms["deal"] >= 1
    assert "only together with The Deal" in action.reason
    check(state, action)


def test_with_no_later_chance_the_gift_is_taken():
    """At the last answers of the game there is no later offer to hold out for: a accepts the gauge."""
    sc = _trade_table(turns=2)
    state, rng = _gauge_offered(sc, turn=2)
    state = kit.step(state, EndPhase("a"), rng)  # a lets the rounds pass without answering
    state = kit.until(state, rng, "a", phase="answers")
    action = make_agent("ours", "hard").decide(kit.seen_by(state, "a"), np.random.default_rng(0))
    assert isinstance(action, Accept), action


def test_with_no_action_left_the_actor_holds_out_and_says_why():
    """Having offered the package already, a refuses the gauge alone rather than give its lever away."""
    state, rng = _gauge_offered(_trade_table(), turn=1)
    first = make_agent("ours", "hard").decide(kit.seen_by(state, "a"), np.random.default_rng(0))
    assert isinstance(first, Counter)
    state = kit.step(state, first, rng)
    state = kit.until(state, rng, "b", turn=1)  # b's slot in the second round
    again = Propose("b", ("a",), (("gauge", 1),))
    check(state, again)
    state = kit.step(state, again, rng)
    state = kit.until(state, rng, "a", phase="answers")
    action = make_agent("ours", "hard").decide(kit.seen_by(state, "a"), np.random.default_rng(0))
    assert isinstance(action, Reject) and "holds out" in action.reason and "The Deal" in action.reason, action


# ---------------------------------------------------------------------------------------------
# pressure

PROVOKE = {"id": "provoke", "name": "Stir up trouble", "description": "Raises the tension.", "actors": ["c"],
           "headline": "{actor} stirs up trouble", "cost": 1, "effects": ["tension += 8"],
           "quote": dict(kit.QUOTE)}


def _pressure_table(tension: float = 70.0, c_vetoes: bool = False, turns: int = 8):
    deal = kit.deal_move(effects=["tension -= 5"])
    if c_vetoes:
        deal["consent"] = ["a", "b", "c"]
    return kit.table(
        calendar={"start": "2025-01-01", "turn_days": 7, "turns": turns},
        indicators=[{"id": "stock", "label": "Stock", "start": 50, "good": "high"},
                    {"id": "tension", "label": "Tension", "start": tension, "good": "low"}],
        joint_moves=[deal], unilateral_moves=[PROVOKE],
        actors=[kit.actor("a", {"deal": kit.stance("union")}), kit.actor("b", {"deal": kit.stance("truce")}),
                kit.actor("c", {"deal": kit.stance("union", 0.9)})],
    )


def _pressure_of(sc, turn: int = 1) -> act.MoveValue:
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "c", turn=turn, phase="actions")
    ctx = Context.build(kit.seen_by(state, "c"))
    return next(mv for mv in act.move_values(ctx) if mv.move.id == "provoke")


def test_an_actor_without_a_veto_values_pressure_toward_a_deal_that_would_ease_the_crisis():
    mv = _pressure_of(_pressure_table())
    assert mv.pressure > 0 and mv.target == "The Deal"


def test_pressure_is_no_lever_for_an_actor_with_a_veto():
    assert _pressure_of(_pressure_table(c_vetoes=True)).pressure == 0


def test_pressure_that_would_tip_the_crisis_is_worth_nothing():
    """Tension 85 is one push from the crisis edge (90): no turns would remain for the others to give way."""
    assert _pressure_of(_pressure_table(tension=85.0)).pressure == 0


def test_pressure_late_in_the_game_is_worth_nothing():
    assert _pressure_of(_pressure_table(turns=8), turn=8).pressure == 0
    assert _pressure_of(_pressure_table(turns=8), turn=1).pressure > _pressure_of(_pressure_table(turns=8),
                                                                                  turn=4).pressure


def test_the_reason_of_a_pressure_move_names_the_deal_it_aims_at():
    state, _ = kit.start(_pressure_table())
    state = kit.until(state, _, "c", phase="actions")
    action = make_agent("ours", "hard").decide(kit.seen_by(state, "c"), np.random.default_rng(0))
    assert action.move == "provoke", action
    assert "pressure" in action.reason and "The Deal" in action.reason


# ---------------------------------------------------------------------------------------------
# packages


def _package_state(package: bool):
    """a and b hold the gauge and a truce; as one deal (package) or as two."""
    sc = kit.table(rules={"base_detection": 1.0}, joint_moves=[kit.deal_move(violation_a=["stock += 10"]), GAUGE],
                   actors=[kit.actor("a", {"deal": kit.stance("nothing", 0.3), "gauge": kit.stance("on", 0.8)},
                                     goals=[{"indicator": "stock", "want": "high", "weight": 1.0}]),
                           kit.actor("b", {"deal": kit.stance("truce"), "gauge": kit.stance("on")}), kit.actor("c")])
    state, rng = kit.start(sc)
    deals = [(("deal", 2), ("gauge", 1))] if package else [(("deal", 2),), (("gauge", 1),)]
    for terms in deals:
        state = kit.until(state, rng, "b", turn=1, phase="diplomacy")
        number = state.next_proposal
        state = kit.step(state, Propose("b", ("a",), terms), rng)
        state = kit.until(state, rng, "a")
        state = kit.step(state, Accept("a", number), rng)
    assert {m: ag.level for m, ag in state.agreements.items()} == {"deal": 2, "gauge": 1}
    return kit.until(state, rng, "a", phase="actions")


def test_breaking_half_of_a_package_counts_the_loss_of_the_whole():
    """a dislikes the truce but wants the gauge: it would break the truce were it alone, not as part of a package."""
    alone = Context.build(kit.seen_by(_package_state(package=False), "a"))
    together = Context.build(kit.seen_by(_package_state(package=True), "a"))
    assert act.compliance(together, "deal").cost > act.compliance(alone, "deal").cost
    action = make_agent("ours", "hard").decide(together.obs, np.random.default_rng(0))
    assert not (isinstance(action, SetCompliance) and not action.keep)


# ---------------------------------------------------------------------------------------------
# what a counter-proposal says


def test_a_counter_says_what_it_changes_drops_or_adds():
    from game.ai.wording import counter_reason

    state, _ = kit.start(_trade_table())
    ctx = Context.build(kit.seen_by(state, "a"))
    deal, gauge = ctx.move_index["deal"], ctx.move_index["gauge"]

    def profile(**levels):
        row = ctx.levels.copy()
        for move, lvl in levels.items():
            row[ctx.move_index[move]] = lvl
        return row

    assert deal != gauge
    changed = counter_reason(ctx, profile(deal=1), profile(deal=3))
    assert changed.startswith("Actor A counters: Treaty instead of Talks on The Deal")
    dropped = counter_reason(ctx, profile(deal=3, gauge=1), profile(deal=3))
    assert dropped.startswith("Actor A counters: it drops The Gauge: On")
    added = counter_reason(ctx, profile(gauge=1), profile(gauge=1, deal=2))
    assert added.startswith("Actor A counters: it adds The Deal: Truce")
    # every change is named, the lowered level and the added term both (issue 10, item 14)
    both = counter_reason(ctx, profile(deal=3), profile(deal=2, gauge=1))
    assert "Truce instead of Treaty on The Deal" in both and "it adds The Gauge: On" in both


def test_a_counter_that_ends_an_agreement_in_force_says_so_without_a_double_negative():
    """Turkey's counter hid "Southwest ceasefire: None", ending an agreement in force."""
    from game.ai.wording import counter_reason

    sc = kit.load({**kit.document(joint_moves=[kit.deal_move(), GAUGE]), "in_force": {"gauge": "on"}})
    state, _ = kit.start(sc)
    ctx = Context.build(kit.seen_by(state, "a"))
    deal, gauge = ctx.move_index["deal"], ctx.move_index["gauge"]
    theirs = ctx.levels.copy()
    theirs[deal] = 2
    mine = theirs.copy()
    mine[gauge] = 0
    text = counter_reason(ctx, theirs, mine)
    assert "it ends the agreement in force on The Gauge (On)" in text
    assert "without" not in text and "Gauge: Off" not in text


# ---------------------------------------------------------------------------------------------
# what a proposal says


def test_a_proposal_names_every_term_and_claims_only_what_the_table_can_check():
    """"with 1 more move" named nothing; "expects the United States to gain too" was shown beside -6."""
    from game.ai.wording import stated_support, terms_text

    state, _ = kit.start(_trade_table())
    ctx = Context.build(kit.seen_by(state, "a"))
    deal, gauge = ctx.move_index["deal"], ctx.move_index["gauge"]
    row = ctx.levels.copy()
    row[deal], row[gauge] = 3, 1
    assert terms_text(ctx, row, deal) == "The Deal: Treaty and The Gauge: On"
    # b said in public it wants talks: treaty moves the deal away from it, so no claim is made for b
    assert stated_support(ctx, row, ("b",)) == []
    row[deal] = 1
    assert stated_support(ctx, row, ("b",)) == ["b"]


def test_no_proposal_in_whole_games_says_more_move_or_claims_a_gain_for_others():
    from game.ai.play import play_game

    sc = _trade_table(turns=4)
    seen = []
    for seed in range(3):
        play_game(sc, seed, {x: make_agent("ours", "normal") for x in sc.actor_ids},
                  on_step=lambda s: seen.append(s.action))
    texts = [a.reason for a in seen if isinstance(a, (Propose, Counter))]
    assert texts
    assert not any("more move" in t or "to gain too" in t or "without" in t for t in texts)
