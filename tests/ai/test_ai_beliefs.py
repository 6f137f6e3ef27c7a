"""How the computer actors model the others, by difficulty: from public stances to behaviour."""

from __future__ import annotations

import numpy as np

from game.ai.beliefs import belief_table, estimated_ideals
from game.ai.context import Context
from game.core.actions import Message, Propose, Reject
from tests.ai import kit


def _b_refuses_union_twice():
    """b says in public it wants union (it wants truce); a offers union twice and b refuses both."""
    sc = kit.table(actors=[kit.actor("a", {"deal": kit.stance("union")}),
                           kit.actor("b", {"deal": kit.stance("truce", public="union")}), kit.actor("c")])
    state, rng = kit.start(sc)
    for turn in (1, 2):
        state = kit.until(state, rng, "a", turn=turn)
        state = kit.step(state, Propose("a", ("b",), (("deal", 4),)), rng)
        state = kit.until(state, rng, "b")
        state = kit.step(state, Reject("b", state.proposals[-1].id), rng)
    return kit.until(state, rng, "a", turn=3)


def _b(ctx):
    return [a for a in ctx.actors if a != ctx.me].index("b")


def test_easy_and_normal_take_the_public_stance_at_face_value():
    ctx = Context.build(kit.seen_by(_b_refuses_union_twice(), "a"))
    for level in ("easy", "normal"):
        assert estimated_ideals(ctx, level)[_b(ctx), 0] == 4


def test_hard_learns_from_refusals_that_the_public_stance_overstates():
    ctx = Context.build(kit.seen_by(_b_refuses_union_twice(), "a"))
    assert estimated_ideals(ctx, "hard")[_b(ctx), 0] < 4
    _, table = belief_table(ctx, "hard")
    b = table[_b(ctx), 0]
    assert b[3] > b[4]  # treaty now looks better for b than union


def test_normal_and_hard_read_back_channel_messages_easy_does_not():
    sc = kit.table(actors=[kit.actor("a", {"deal": kit.stance("union")}),
                           kit.actor("b", {"deal": kit.stance("truce", public="union")}), kit.actor("c")])
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Message("b", "a", "deal", 2), rng)
    state = kit.until(state, rng, "a")
    ctx = Context.build(kit.seen_by(state, "a"))
    assert estimated_ideals(ctx, "easy")[_b(ctx), 0] == 4
    assert estimated_ideals(ctx, "normal")[_b(ctx), 0] == 2
    assert estimated_ideals(ctx, "hard")[_b(ctx), 0] in (2, 3)


def test_a_move_nobody_stated_anything_on_weighs_nothing():
    ctx = Context.build(kit.seen_by(kit.start(kit.table())[0], "a"))
    _, table = belief_table(ctx, "normal")
    assert np.all(np.isfinite(table))
    assert table.shape == (2, 1, 5)


def test_hard_reads_an_offer_as_a_compromise_not_as_the_senders_ideal():
    """b says in public it wants union and means it; it offers a truce to get some deal. Normal takes
    the offer for b's ideal; hard reads it as a compromise b prefers to nothing, and keeps union."""
    sc = kit.table(actors=[kit.actor("a", {"deal": kit.stance("talks")}),
                           kit.actor("b", {"deal": kit.stance("union")}), kit.actor("c")])
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Propose("b", ("a",), (("deal", 2),)), rng)
    state = kit.until(state, rng, "a")
    ctx = Context.build(kit.seen_by(state, "a"))
    assert estimated_ideals(ctx, "normal")[_b(ctx), 0] == 2
    assert estimated_ideals(ctx, "hard")[_b(ctx), 0] == 4  # b's true ideal
