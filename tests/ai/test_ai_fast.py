"""The computer actors' shortcuts (issue 13, speed) give the very numbers of the plain computation.

Decisions must stay identical when the actors get faster, so every shortcut is checked here
against the numpy expression it replaces, bit for bit, on hand-made and on awkward cases
(rows of -0.0, infinities, many columns), and the remembered context of a moment against
one derived afresh.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import LEVELS, make_agent
from game.ai import context as context_module
from game.ai.beliefs import estimated_gains
from game.ai.context import Context
from game.ai.fast import (
    caches,
    change_bits,
    clip,
    deal_structure,
    forget,
    matching,
    row_all,
    row_any,
    row_min,
    row_sum,
    same_moves,
    touching,
    turn_start,
)
from game.ai.play import play_game
from game.ai.utility import candidates, values
from game.core.actions import Propose
from tests.ai import kit
from tests.helpers import shipped


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.tobytes() == b.tobytes()


def test_row_sum_is_numpys_sum_bit_for_bit():
    # 0.1 + 0.2 + 0.3 differs from 0.1 + (0.2 + 0.3): the order of the terms shows
    a = np.array([[0.1, 0.2, 0.3], [1e16, 1.0, -1e16], [-0.0, -0.0, -0.0], [np.inf, 1.0, 2.0]])
    assert _same_bits(row_sum(a), a.sum(axis=1))
    assert row_sum(a)[0] == (0.1 + 0.2) + 0.3 and not np.signbit(row_sum(a)[2])  # -0.0s sum to +0.0
    rng = np.random.default_rng(7)
    for k in range(1, 12):  # 8 terms and more: numpy sums pairwise, and row_sum leaves it to numpy
        b = rng.standard_normal((300, k)) * 10.0 ** rng.integers(-9, 9, (300, k))
        b[rng.random(b.shape) < 0.2] = -0.0
        assert _same_bits(row_sum(b), b.sum(axis=1)), k
        assert _same_bits(row_sum(b[:, ::-1]), b[:, ::-1].sum(axis=1)), k  # a strided view
    ints = np.array([[1, 2, 3], [4, 5, 6]])
    assert _same_bits(row_sum(ints), ints.sum(axis=1))


def test_clip_is_numpys_clip_bit_for_bit():
    # signed zeros at and between the bounds, NaN, infinities, bounds per column and scalar bounds
    x = np.array([[-0.0, 0.0, 1.0], [np.nan, -np.inf, np.inf], [5.0, -5.0, 0.5], [0.0, -0.0, 2.0]])
    low, high = np.array([0.0, -0.0, 0.5]), np.array([1.0, 0.0, 0.5])
    assert _same_bits(clip(x, low, high), np.clip(x, low, high))
    assert _same_bits(clip(x, -0.0, 0.0), np.clip(x, -0.0, 0.0))
    y = x.copy()
    assert clip(y, low, high, out=y) is y and _same_bits(y, np.clip(x, low, high))
    assert _same_bits(clip(x[:, 0], 1.0, 3.0), np.clip(x[:, 0], 1.0, 3.0))
    assert np.clip(np.float64(7.0), 1.0, 3.0) == clip(np.float64(7.0), 1.0, 3.0) == 3.0


def test_row_tests_and_minimum_agree_with_numpy():
    rng = np.random.default_rng(3)
    for k in (0, 1, 2, 7):
        flags = rng.random((50, k)) < 0.4
        assert np.array_equal(row_any(flags), flags.any(axis=1))
        assert np.array_equal(row_all(flags), flags.all(axis=1))
        if k:
            x = rng.standard_normal((50, k))
            x[0] = np.inf
            assert _same_bits(row_min(x), x.min(axis=-1))
    assert row_min(np.array([3.0, 1.0, 2.0])) == 1.0


def test_matching_and_touching_find_the_same_candidates_as_a_comparison():
    sizes = np.array([3, 4, 2])
    grid = np.array([[i, j, k] for i in range(3) for j in range(4) for k in range(2)])
    rows = np.array([[2, 3, 1], [0, 0, 0], [1, 2, 0]])
    plain = (grid[:, None, :] == rows[None, :, :]).all(axis=2).any(axis=1)
    assert np.array_equal(matching(grid, sizes, rows), plain) and plain.sum() == 3
    grid.flags.writeable = False  # remembered for a read-only candidates array: the same answer again
    assert np.array_equal(matching(grid, sizes, rows), plain)
    assert np.array_equal(matching(grid, sizes, rows[:1]), plain & (grid == [2, 3, 1]).all(axis=1))
    changed = grid != np.array([0, 0, 0])
    busy = np.array([False, True, False])
    assert np.array_equal(touching(changed, busy), (changed & busy[None, :]).any(axis=1))
    assert not touching(changed, np.zeros(3, dtype=bool)).any()


def test_deal_structure_is_what_the_deals_change_and_whose_consent_they_need():
    profiles = np.array([[0, 0], [1, 0], [0, 2], [1, 2]])
    profiles.flags.writeable = False
    consent = np.array([[True, True, False], [False, True, True]])  # move 0: a, b; move 1: b, c
    s = deal_structure(profiles, np.array([0, 0]), consent)
    assert s["needed"].tolist() == [[False, False, False], [True, True, False], [False, True, True],
                                    [True, True, True]]
    assert s["moves"].tolist() == [0, 1, 1, 2] and s["any_change"].tolist() == [False, True, True, True]
    assert s["parties"].tolist() == [0, 2, 2, 3]
    with pytest.raises(ValueError):
        s["changed"][0, 0] = True  # shared by every decision: read-only


def _ctx_fresh(obs) -> Context:
    context_module._MOMENTS.clear()
    context_module._FIXED.clear()
    context_module._WORLD.clear()
    return Context.build(obs)


def test_a_context_remembered_for_its_moment_holds_what_a_fresh_one_derives():
    sc = kit.table(indicators=[
        {"id": "stock", "label": "Stock", "start": 50, "good": "high"},
        {"id": "tension", "label": "Tension", "start": 85, "good": "low"},  # near its crisis edge: watched
    ])
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a", turn=1)
    obs = kit.seen_by(state, "a")
    fresh = _ctx_fresh(obs)
    again = Context.build(kit.seen_by(state, "a"))
    assert again.shared is fresh.shared  # the same moment: one set of arrays and caches
    for name in ("levels", "close", "deltas", "reliability", "drift", "watched", "goal_slope"):
        assert _same_bits(getattr(again, name), getattr(fresh, name)), name
    assert (again.remaining, again.last_turn) == (fresh.remaining, fresh.last_turn)
    profiles, _ = candidates(fresh)
    assert _same_bits(values(again, profiles), values(_ctx_fresh(obs), candidates(_ctx_fresh(obs))[0]))
    # another moment (b has been offered a deal) is not mistaken for this one
    state = kit.step(state, Propose("a", ("b",), (("deal", 2),)), rng)
    other = Context.build(kit.seen_by(kit.until(state, rng, "b"), "b"))
    assert other.shared is not fresh.shared and other.me == "b"


def test_the_horizon_of_one_row_in_plain_floats_is_the_batched_one():
    sc = kit.table(indicators=[
        {"id": "stock", "label": "Stock", "start": 12, "good": "high"},
        {"id": "tension", "label": "Tension", "start": 85, "good": "low"},
    ])
    state, _ = kit.start(sc)
    ctx = _ctx_fresh(kit.seen_by(state, "a"))
    assert ctx.watched.size  # the plain-float path has something to watch
    rng = np.random.default_rng(11)
    for _ in range(200):
        per_turn = rng.standard_normal(len(ctx.indicator_ids)) * 10.0 ** rng.integers(-3, 2)
        once = rng.choice([0.0, float(rng.standard_normal() * 30)])
        batch = np.stack([per_turn, per_turn * 0.5])  # two rows: the numpy path
        one = ctx.horizon(per_turn, once)
        assert isinstance(one, np.float64) and one == ctx.horizon(batch, once)[0]
        assert _same_bits(ctx.horizon(per_turn[None, :], once), ctx.horizon(batch, once)[:1])
        assert _same_bits(ctx.project(per_turn, once), ctx.project(batch, once)[0])
        # the in-place projection is the plain expression
        plain = np.clip(ctx.ind_now + once + ctx.horizon(batch, once)[:, None] * (ctx.drift + batch),
                        ctx.ind_min, ctx.ind_max)
        assert _same_bits(ctx.project(batch, once), plain)


class _Checked:
    """Ours, deciding each time twice: with what it remembers, and with everything forgotten."""

    def __init__(self, level: str) -> None:
        self.inner = make_agent("ours", level)
        self.decisions = 0

    def decide(self, obs, rng):
        state = rng.bit_generator.state
        warm = self.inner.decide(obs, rng)
        kept = [dict(cache) for cache in caches()]
        forget()
        again = np.random.default_rng()
        again.bit_generator.state = state
        assert self.inner.decide(obs, again) == warm, (obs.actor, obs.turn, obs.phase, obs.round)
        for cache, entries in zip(caches(), kept, strict=True):  # the warm path goes on remembering
            cache.clear()
            cache.update(entries)
        self.decisions += 1
        return warm


@pytest.mark.parametrize(("name", "levels"), [("tutorial_river", LEVELS), ("syria_2017_07", ("normal",))])
def test_what_the_actors_remember_never_changes_a_decision(name, levels):
    """Every decision of a whole game, taken with the caches of the moments before it, equals the
    decision taken with nothing remembered: a cache key that missed something would show here."""
    sc = shipped(name)
    for level in levels:
        agents = {a: _Checked(level) for a in sc.actor_ids}
        play_game(sc, 3, agents)
        assert sum(a.decisions for a in agents.values()) > 50


def test_moves_changed_compare_as_the_rows_do():
    rng = np.random.default_rng(5)
    changed = rng.random((40, 6)) < 0.4
    changed[1] = changed[0]
    for frozen in (False, True):
        changed.flags.writeable = not frozen
        for row in (0, 5):
            assert np.array_equal(same_moves(changed, row), (changed == changed[row][None, :]).all(axis=1))
        moves = np.array([False, True, False, False, True, False])
        assert np.array_equal(touching(changed, moves), (changed & moves[None, :]).any(axis=1))
    assert same_moves(changed, 0)[1]


def _syria_contexts(count: int) -> list[Context]:
    """Contexts of real decisions in a Syria game (ours in every seat), a few moments apart."""
    seen: list[Context] = []
    build = Context.build.__func__

    def record(cls, obs):
        ctx = build(cls, obs)
        if all(c.shared is not ctx.shared for c in seen):
            seen.append(ctx)
        return ctx

    sc = shipped("syria_2017_07")
    try:
        Context.build = classmethod(record)
        play_game(sc, 2, {a: make_agent("ours", "normal") for a in sc.actor_ids})
    finally:
        Context.build = classmethod(build)
    return seen[:: max(1, len(seen) // count)]


def test_a_profile_has_one_value_whatever_batch_it_is_valued_in():
    """Alone, in a pair or among every candidate, a profile is worth the same to the bit: so a
    decision cannot depend on which batch a deal happened to be weighed in."""
    rng = np.random.default_rng(3)
    for ctx in _syria_contexts(8):
        profiles, _ = candidates(ctx)
        for discount in (True, False):
            every = values(ctx, profiles, discount)
            for i in rng.choice(len(profiles), 25, replace=False):
                j = (i + 7) % len(profiles)
                assert _same_bits(values(ctx, profiles[i:i + 1].copy(), discount), every[i:i + 1])
                assert _same_bits(values(ctx, profiles[[j, i]], discount), every[[j, i]])


def test_the_projected_goal_of_many_rows_is_the_goal_value_of_the_projection():
    rng = np.random.default_rng(17)
    for ctx in _syria_contexts(6):
        width = len(ctx.indicator_ids)
        for _ in range(20):
            batch = rng.standard_normal((30, width)) * 10.0 ** rng.integers(-3, 2)
            once = rng.choice([0.0, float(rng.standard_normal() * 30)])
            assert _same_bits(ctx.projected_goal(batch, once), ctx.goal_value(ctx.project(batch, once)))
            # many rows and no one-off change: one watched indicator at a time, as the general path does it
            assert _same_bits(ctx.horizon(batch), ctx.horizon(batch, np.zeros(width)))


def test_the_estimated_gains_remembered_are_those_worked_out_afresh():
    """The estimates of the others' gains from every candidate, remembered over the moments of a game
    for the beliefs and the levels in force, are those of the plain computation, to the bit; and
    what one caller does to its copy (the deal search writes the actor's own column) no other sees."""
    for ctx in _syria_contexts(8):
        profiles, x = candidates(ctx)
        for level in ("easy", "normal"):
            first = estimated_gains(ctx, level, profiles, x)
            fresh = estimated_gains(ctx, level, profiles.copy())  # a writeable batch: never remembered
            assert _same_bits(first, fresh)
            first[:, 0] = 7.0
            assert _same_bits(estimated_gains(ctx, level, profiles, x), fresh)


def test_the_estimated_gains_with_the_actors_own_zero_column_are_the_others_product():
    """The others' estimated gains, worked out as one product with a column of zeros for the actor
    itself, are to the bit the product of the others' columns alone (as they were first worked out),
    for every candidate, a few rows and a single row; the actor's own column is +0.0."""
    from game.ai.beliefs import belief_table

    rng = np.random.default_rng(5)
    for ctx in _syria_contexts(8):
        profiles, x = candidates(ctx)
        for level in ("easy", "normal"):
            ids, table = belief_table(ctx, level)
            valid = np.arange(table.shape[2])[None, :] < ctx.sizes[:, None]
            stacked = np.ascontiguousarray(table[:, valid].T)
            now = table[:, np.arange(len(ctx.moves)), ctx.levels].sum(axis=1)
            cols = [ctx.actor_index[a] for a in ids]
            me = ctx.actor_index[ctx.me]
            sizes = (len(profiles), 1, 2, 3, 5, 9, 64, 100)
            for rows in (rng.choice(len(profiles), n, replace=False) for n in sizes):
                batch = profiles[rows].copy()
                plain = np.zeros((len(batch), len(ctx.actors)))
                plain[:, cols] = x[rows] @ stacked - now[None, :]
                got = estimated_gains(ctx, level, batch)
                assert _same_bits(got, plain)
                assert not np.signbit(got[:, me]).any()


def test_a_softmax_draw_is_numpys_choice_from_the_same_state():
    """The deal search draws its softmax pick without ``Generator.choice``'s checks: the same index,
    and the generator left where choice leaves it, so every later draw is the same too."""
    from game.ai.negotiate import draw  # here: negotiate and unlock import each other

    weights = np.random.default_rng(11)
    for trial in range(3000):
        k = int(weights.integers(1, 400))
        w = np.exp(weights.standard_normal(k) * float(weights.choice([0.1, 3.0, 40.0])))
        w[weights.random(k) < 0.1] = 0.0
        if not w.any():
            w[0] = 1.0
        p = w / w.sum()
        ours, theirs = np.random.default_rng(trial), np.random.default_rng(trial)
        assert draw(p, ours) == int(theirs.choice(k, p=p)), trial
        assert ours.bit_generator.state == theirs.bit_generator.state


def test_the_deal_search_weighs_every_candidate_as_the_plain_formula_does():
    """What the deal search remembers of the others' estimates (which deals they gain from, the logs
    of their gains) gives the very objective of the plain formula, to the bit, at every level, for
    every deal the others are estimated to gain from (the only ones ever offered)."""
    from game.ai import negotiate

    for ctx in _syria_contexts(6):
        profiles, _ = candidates(ctx)
        for style in negotiate.STYLES.values():
            ctx._cache.clear()
            base = negotiate._base(ctx, style)
            me = ctx.actor_index[ctx.me]
            est = estimated_gains(ctx, style.level, profiles.copy())  # a writeable batch: never remembered
            est[:, me] = base["g"]
            structure = deal_structure(profiles, ctx.levels, ctx.consent)
            needed = structure["needed"]
            others = needed.copy()
            others[:, me] = False
            theirs = ~(others & (est <= negotiate.MARGIN)).any(axis=1) & structure["changed"].any(axis=1)
            weights = needed | (np.arange(len(ctx.actors)) == me)[None, :]
            weights = weights * negotiate._power(ctx)[None, :]
            weights[:, me] *= negotiate.levels.claim(ctx, style)
            logs = (weights * np.log(np.maximum(est, negotiate.TINY))).sum(axis=1)
            objective = (logs / weights.sum(axis=1) + (needed.sum(axis=1) - needed[:, me]) * np.log(negotiate.ACCEPT_CHANCE)
                         + np.maximum(structure["changed"].sum(axis=1) - 1, 0) * np.log(negotiate.MOVE_CHANCE))
            assert _same_bits(base["est"], est)
            assert np.array_equal(base["theirs"], theirs)
            # worked out only where every other needed party gains (the only deals ever offered): -inf elsewhere
            assert _same_bits(base["objective"][theirs], objective[theirs])
            assert (base["objective"][~theirs] == -np.inf).all()


def test_the_moves_of_a_proposal_remembered_compare_as_its_profile_does():
    """The profile of each proposal's terms, remembered for the decision with the moves it changes as
    bits, is the profile worked out afresh; and two proposals change the same moves exactly when
    their bits are equal."""
    from game.ai.refusals import moves_of, profile_and_moves

    looked = 0
    for ctx in _syria_contexts(12):
        proposals = ctx.obs.proposals
        for p in proposals:
            for _ in range(2):  # the second time from memory
                prof, moves = profile_and_moves(ctx, p.terms)
                assert np.array_equal(prof, ctx.profile_of(p.terms))
                assert moves == int(change_bits((prof != ctx.levels)[None, :])[0])  # the candidates' code
            for q in proposals:
                other = ctx.profile_of(q.terms)
                same = bool(((prof != ctx.levels) == (other != ctx.levels)).all())
                assert (moves == moves_of(other != ctx.levels)) == same
                looked += 1
    assert looked > 20


def test_sums_over_the_moves_a_deal_changes_are_row_sums_bit_for_bit():
    """``subset_sums`` looks each candidate's sum up by the moves it changes: the very bits of
    ``row_sum(changed * per_move)``, -0.0 and awkward magnitudes included, for every set of moves."""
    from game.ai.fast import subset_sums

    rng = np.random.default_rng(23)
    for m_count in (1, 3, 7, 9):
        changed = rng.random((600, m_count)) < 0.5
        changed.flags.writeable = False  # remembered bits: the lookup path
        for _ in range(20):
            per_move = rng.standard_normal(m_count) * 10.0 ** rng.integers(-9, 9, m_count)
            per_move[rng.random(m_count) < 0.2] = -0.0
            assert _same_bits(subset_sums(changed, per_move), row_sum(changed * per_move[None, :])), m_count


def test_what_a_move_would_open_is_the_plain_surplus():
    """``unlock.surplus``, with what it keeps of the candidates' structure and the moment, is the plain
    formula to the bit, from the levels in force and from levels one move away."""
    from game.ai import unlock

    def plain(ctx, base):
        profiles, own, est = unlock._tables(ctx)
        structure = deal_structure(profiles, base, ctx.consent)
        changed, needed = structure["changed"], structure["needed"].copy()
        now = float(values(ctx, base[None, :], False)[0])
        gain = own - now
        best = np.zeros(len(ctx.moves))
        for m in range(len(ctx.moves)):
            for lvl in range(int(ctx.sizes[m])):
                row = base.copy()
                row[m] = lvl
                best[m] = max(best[m], float(values(ctx, row[None, :], False)[0]) - now)
        asp = (1.0 - ctx.concession()) * (changed * best[None, :]).sum(axis=1)
        rel = est - unlock.estimated_gains(ctx, unlock.LEVEL, base[None, :])[0][None, :]
        me = ctx.actor_index[ctx.me]
        chance = unlock.ACCEPT_CHANCE ** (structure["parties"] - needed[:, me])
        needed[:, me] = False
        ok = changed.any(axis=1) & (gain > unlock.TINY) & (gain >= asp - unlock.TINY) \
            & ~(needed & (rel <= unlock.MARGIN)).any(axis=1)
        return float((gain * chance)[ok].max()) if ok.any() else 0.0

    looked = 0
    for ctx in _syria_contexts(6):
        for m in range(len(ctx.moves)):
            base = ctx.levels.copy()
            base[m] = (base[m] + 1) % ctx.sizes[m]
            for levels in (ctx.levels, base):
                ours = unlock.surplus(ctx, levels)
                assert np.float64(ours).tobytes() == np.float64(plain(ctx, levels)).tobytes()
                looked += ours > 0
    assert looked > 5


def test_the_gain_of_terms_found_by_their_code_is_the_gain_of_their_profile():
    """``terms_gain`` finds the terms' row in the moment's table by plain integers: the very value
    of their profile weighed as a row, to the bit, with and without the trust discount."""
    from game.ai.utility import gains, terms_gain

    rng = np.random.default_rng(29)
    looked = 0
    for ctx in _syria_contexts(8):
        moves = [jm.id for jm in ctx.moves]
        offered = [p.terms for p in ctx.obs.proposals]
        for _ in range(15):
            picked = rng.choice(len(moves), int(rng.integers(1, 4)), replace=False)
            offered.append(tuple((moves[m], int(rng.integers(0, ctx.sizes[m]))) for m in sorted(picked)))
        for terms in offered:
            for discount in (True, False):
                plain = float(gains(ctx, ctx.profile_of(terms)[None, :], discount)[0])
                assert np.float64(terms_gain(ctx, terms, discount)).tobytes() == np.float64(plain).tobytes()
                looked += 1
    assert looked > 200


def test_what_every_actor_sees_alike_is_worked_out_once_and_is_what_each_derives():
    """The actors of one moment share what does not depend on who they are (the levels, values,
    effects, drift, watched indicators and expected turns): the same arrays, equal to the bit to
    those each derives with nothing remembered; what is its own (trust, closeness) stays its own."""
    sc = shipped("syria_2017_07")
    state, _ = kit.start(sc)
    views = [kit.seen_by(state, a) for a in sc.actor_ids]
    forget()
    kept = [Context.build(obs) for obs in views]
    shared = ("levels", "ind_now", "deltas", "drift", "watched")
    for ctx, obs in zip(kept, views, strict=True):
        assert all(getattr(ctx, name) is getattr(kept[0], name) for name in shared)
        fresh = _ctx_fresh(obs)
        for name in shared + ("reliability", "close", "goal_slope"):
            assert _same_bits(getattr(ctx, name), getattr(fresh, name)), name
        assert (ctx.remaining, ctx.last_turn, ctx.calendar_left) == (fresh.remaining, fresh.last_turn, fresh.calendar_left)
    assert any(not _same_bits(k.reliability, kept[0].reliability) for k in kept)


def test_the_projections_every_actor_shares_are_those_each_works_out_alone():
    """Without the trust discount, the actors of one world share the horizon and projected columns of
    every candidate (``Context.common``): each actor's values of every candidate equal, to the bit,
    those it works out with nothing shared, whichever actor was first."""
    from game.ai.utility import grid_values

    sc = shipped("syria_2017_07")
    state, _ = kit.start(sc)
    views = [kit.seen_by(state, a) for a in sc.actor_ids]
    for order in (views, views[::-1]):
        forget()
        kept = [Context.build(obs) for obs in order]
        tables = [grid_values(ctx, False) for ctx in kept]
        assert kept[0].common is kept[-1].common and any(kept[0].common.values())
        for ctx, table in zip(kept, tables, strict=True):
            alone = _ctx_fresh(ctx.obs)
            assert alone.common is not ctx.common
            assert _same_bits(table, grid_values(alone, False))
            assert _same_bits(grid_values(ctx, True), grid_values(_ctx_fresh(ctx.obs), True))


def test_the_gains_of_single_changes_found_by_code_are_those_of_their_rows():
    """``move_gains`` finds each single change in the moment's table by its code: the values of the
    rows the plain computation builds, to the bit."""
    from game.ai.utility import gains, move_gains

    rng = np.random.default_rng(31)
    for ctx in _syria_contexts(8):
        for _ in range(10):
            profile = np.array([int(rng.integers(0, s)) for s in ctx.sizes])
            for discount in (True, False):
                rows = np.repeat(ctx.levels[None, :], len(ctx.moves), axis=0)
                rows[np.arange(len(ctx.moves)), np.arange(len(ctx.moves))] = profile
                plain = gains(ctx, rows, discount)
                plain[profile == ctx.levels] = 0.0
                assert _same_bits(move_gains(ctx, profile, discount), plain)


def test_the_move_warned_of_is_the_best_valued_of_the_moves_that_hurt_the_other():
    """``threat_against`` weighs only the moves that hurt the other: what it names is still the best
    of those by ``move_values`` (first of equals, above the floor), for every actor of real moments."""
    from game.ai import act

    checked = 0
    for ctx in _syria_contexts(8):
        fresh = _ctx_fresh(ctx.obs)
        values = act.move_values(fresh)
        for other in ctx.actors:
            if other == ctx.me:
                continue
            hurting = [mv for mv in values if mv.move.trust.get(other, 0.0) < 0 and mv.value > -act.THREAT_FLOOR]
            best = max(hurting, key=lambda mv: mv.value, default=None)  # max keeps the first of equals
            expected = best.move if best is not None else None
            assert act.threat_against(_ctx_fresh(ctx.obs), other) == expected
            checked += expected is not None
    assert checked  # some moment had a move to warn of


def test_a_turn_starts_in_the_log_where_its_first_entry_is():
    """``turn_start`` (where the actors' scans of the log begin) finds the first entry of a turn or
    later in a whole Syrian game's log, for turns before the first, inside and after the last."""
    sc = shipped("syria_2017_07")
    log = play_game(sc, 0, {a: make_agent("ours", "normal") for a in sc.actor_ids}).log
    turns = [e.turn for e in log]
    assert turns == sorted(turns) and len(set(turns)) > 3
    for turn in range(min(turns) - 1, max(turns) + 2):
        expected = next((i for i, t in enumerate(turns) if t >= turn), len(log))
        assert turn_start(log, turn) == expected, turn
