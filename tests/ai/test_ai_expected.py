"""Deals priced as the exact expectation over which of their changed moves hold, and a recipient's
counter that is about as good by that expectation and clearly better if every term is kept (issue
16, item 7).

Each changed move holds apart from the others with its reliability (the actor's trust that the
other obliged parties keep their duties), and otherwise stays where it is: two moves that reach a
goal only together are worth the goal times the chance that both hold.
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import numpy as np
import pytest

from game.ai import improve, negotiate, utility
from game.ai.context import Context
from tests.ai import kit
from tests.ai.test_ai_fast import _syria_contexts


def _two_moves(hold_a: float, hold_b: float):
    """Two moves of two levels each, both at level 0 now, holding with these chances once agreed."""
    return SimpleNamespace(sizes=np.array([2, 2]), levels=np.array([0, 0]), moves=("a", "b"),
                           reliability=np.array([[1.0, hold_a], [1.0, hold_b]]))


def test_two_moves_that_reach_a_goal_only_together_are_worth_the_chance_both_hold():
    # kept values in grid order (a, b): 00, 01, 10, 11; the goal (worth 1) needs both
    ctx = _two_moves(0.5, 0.8)
    out = utility.expected_grid(ctx, np.array([0.0, 0.0, 0.0, 1.0]))
    assert out == pytest.approx([0.0, 0.0, 0.0, 0.4])  # 0.5 x 0.8, not the goal of half-held moves


def test_each_move_alone_is_its_chance_of_holding_and_no_deal_is_unchanged():
    ctx = _two_moves(0.5, 0.8)
    kept = np.array([0.2, 0.6, 0.4, 1.0])  # no deal 0.2; b alone 0.6; a alone 0.4; both 1.0
    out = utility.expected_grid(ctx, kept)
    assert out[0] == pytest.approx(0.2)
    assert out[1] == pytest.approx(0.8 * 0.6 + 0.2 * 0.2)
    assert out[2] == pytest.approx(0.5 * 0.4 + 0.5 * 0.2)
    assert out[3] == pytest.approx(0.4 * 1.0 + 0.5 * 0.2 * 0.4 + 0.5 * 0.8 * 0.6 + 0.5 * 0.2 * 0.2)


def test_a_move_whose_level_now_is_not_the_first_mixes_toward_that_level():
    ctx = SimpleNamespace(sizes=np.array([3]), levels=np.array([1]), moves=("a",),
                          reliability=np.array([[0.5, 0.3, 0.9]]))
    out = utility.expected_grid(ctx, np.array([0.0, 1.0, 3.0]))
    assert out == pytest.approx([0.5 * 0.0 + 0.5 * 1.0, 1.0, 0.9 * 3.0 + 0.1 * 1.0])


def _brute(ctx: Context, profile: np.ndarray) -> float:
    """The expectation summed set by set over which changed moves hold."""
    changed = np.flatnonzero(profile != ctx.levels)
    total = 0.0
    for held in itertools.product((False, True), repeat=len(changed)):
        row, chance = ctx.levels.copy(), 1.0
        for m, h in zip(changed, held, strict=True):
            r = ctx.reliability[m, profile[m]]
            chance *= r if h else 1.0 - r
            if h:
                row[m] = profile[m]
        total += chance * float(utility.values(ctx, row[None, :], discount=False)[0])
    return total


def test_the_discounted_values_of_syria_are_the_expectation_set_by_set_in_either_path():
    """The full grid's mixing, the rows' path used when the grid is too large to list, and the sum
    over every set of held moves agree on real Syrian decisions."""
    rng = np.random.default_rng(5)
    for ctx in _syria_contexts(3):
        grid = utility.grid_values(ctx, True)
        profiles, _ = utility.candidates(ctx)
        rows = profiles[rng.choice(len(profiles), 30, replace=False)]
        radix = ctx.shared["grid"][1]
        assert np.allclose(utility._expected_rows(ctx, rows), grid[rows @ radix], rtol=0, atol=1e-12)
        for row in rows[:4]:
            assert grid[int(row @ radix)] == pytest.approx(_brute(ctx, row), abs=1e-12)
        assert float(grid[int(ctx.levels @ radix)]) == pytest.approx(utility.no_deal_value(ctx), abs=1e-15)


# ---------------------------------------------------------------------------------------------
# the recipient's counter


def _deals_for_b(ctx: Context, g: list[float], u: list[float], a_est: list[float]) -> negotiate.Deals:
    """Three deals on the one move (levels 1-3) as b sees them: its expected gains ``g``, its gains if
    kept ``u`` and its estimates of a's gains ``a_est``."""
    a, b = ctx.actor_index["a"], ctx.actor_index["b"]
    est = np.zeros((3, len(ctx.actors)))
    est[:, a], est[:, b] = a_est, g
    needed = np.zeros((3, len(ctx.actors)), dtype=bool)
    needed[:, [a, b]] = True
    return negotiate.Deals(np.array([[1], [2], [3]]), np.ones((3, 1), dtype=bool), np.array(g), np.array(u),
                           np.zeros(3), needed, est, np.ones(3, bool), np.ones(3, bool), np.zeros(3))


def _b_context() -> tuple[Context, np.ndarray]:
    state, _ = kit.start(kit.table())
    ctx = Context.build(kit.seen_by(state, "b"))
    return ctx, np.array([ctx.actor_index[x] in (ctx.actor_index["a"], ctx.actor_index["b"])
                          for x in ctx.actors])


def test_a_dominated_offer_is_countered_with_the_deal_as_good_by_expectation_and_better_kept():
    """Offered level 1, b counters with level 2: worth a hair less by expectation (within NEAR), clearly
    more if kept, and no worse for a by b's estimates; level 3 is worth much more kept but clearly less
    by expectation, so b does not ask for it."""
    ctx, parties = _b_context()
    near = improve.NEAR / 2
    deals = _deals_for_b(ctx, g=[0.10, 0.10 - near, 0.09], u=[0.15, 0.15 + 2 * improve.GAIN, 0.40],
                         a_est=[0.05, 0.05, 0.05])
    allowed = np.ones(3, dtype=bool)
    assert improve.counter_better(ctx, deals, allowed, np.array([1]), parties) == 1


def test_no_counter_when_the_deal_is_not_clearly_better_kept_or_worse_for_the_sender():
    ctx, parties = _b_context()
    allowed = np.ones(3, dtype=bool)
    little = _deals_for_b(ctx, g=[0.10, 0.10, 0.09], u=[0.15, 0.15 + improve.GAIN / 2, 0.20],
                          a_est=[0.05, 0.05, 0.05])
    assert improve.counter_better(ctx, little, allowed, np.array([1]), parties) is None
    # offered level 3, b would rather have level 2 kept, but a is estimated to gain less from it and it
    # lies farther from the union a publicly backs
    costly = _deals_for_b(ctx, g=[0.09, 0.10, 0.10], u=[0.20, 0.30, 0.15], a_est=[0.05, 0.04, 0.05])
    assert improve.counter_better(ctx, costly, allowed, np.array([3]), parties) is None
