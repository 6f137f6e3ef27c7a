"""What sets the difficulty levels apart, on hand-made tables whose answers are easy to work out.

The tables are those of ``test_ai_linkage_pressure``: in the trade table a gauge on its own is a
gift to ``b`` that ``a`` should trade for the deal it wants (a lever); in the pressure table ``c``,
without a veto, can stir up trouble so that ``a`` and ``b`` need their tension-easing deal more.
"""

from __future__ import annotations

import numpy as np

from game.ai import make_agent
from game.core.actions import Accept, ChooseMove, Counter
from tests.ai import kit
from tests.ai.test_ai_linkage_pressure import _gauge_offered, _pressure_table, _trade_table


def test_easy_takes_a_gift_alone_where_hard_trades_it_for_a_package():
    state, _ = _gauge_offered(_trade_table(), turn=1)
    obs = kit.seen_by(state, "a")
    hard = make_agent("ours", "hard").decide(obs, np.random.default_rng(0))
    assert isinstance(hard, Counter) and dict(hard.terms)["deal"] >= 1, hard
    for seed in range(5):
        easy = make_agent("ours", "easy").decide(obs, np.random.default_rng(seed))
        assert isinstance(easy, Accept), easy  # it sees no lever in the gift: it takes it


def test_easy_sees_no_pressure_in_a_move_that_only_pressures():
    """Stirring up trouble does nothing for c but press a and b: hard makes the move, easy does not."""
    state, rng = kit.start(_pressure_table())
    state = kit.until(state, rng, "c", phase="actions")
    obs = kit.seen_by(state, "c")
    hard = make_agent("ours", "hard").decide(obs, np.random.default_rng(0))
    assert isinstance(hard, ChooseMove) and hard.move == "provoke", hard
    assert "pressure" in hard.reason
    made = 0
    for seed in range(20):
        easy = make_agent("ours", "easy").decide(obs, np.random.default_rng(seed))
        if isinstance(easy, ChooseMove) and easy.move == "provoke":
            made += 1
            assert "pressure" not in easy.reason, easy
    assert made <= 10  # worth less than doing nothing to easy: made only on a beginner's impulse
