"""What sets the difficulty levels apart, on hand-made tables whose answers are easy to work out.

The tables are those of ``test_ai_linkage_pressure``: in the trade table a gauge on its own is a
gift to ``b`` that ``a`` should trade for the deal it wants (a lever); in the pressure table ``c``,
without a veto, can stir up trouble so that ``a`` and ``b`` need their tension-easing deal more.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import make_agent
from game.ai.play import play_game
from game.core.actions import Accept, ChooseMove, Counter, Propose, Reject
from game.core.rules import check
from game.core.scoring import scores
from tests.ai import kit
from tests.ai.test_ai_linkage_pressure import _gauge_offered, _pressure_table, _trade_table

DEAL = "deal"


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


# ---------------------------------------------------------------------------------------------
# the deadline: in kit.table() a wants union (4), b truce (2); the Nash point is truce


def _last_turn(sc, actor: str):
    state, rng = kit.start(sc)
    return kit.until(state, rng, actor, turn=4), rng


def test_on_the_last_turn_hard_asks_for_more_than_the_nash_point_and_is_given_it():
    sc = kit.table(in_force={})
    state, rng = _last_turn(sc, "a")
    obs = kit.seen_by(state, "a")
    normal = make_agent("ours", "normal").decide(obs, np.random.default_rng(0))
    hard = make_agent("ours", "hard").decide(obs, np.random.default_rng(0))
    assert isinstance(normal, Propose) and dict(normal.terms)["deal"] == 2, normal
    assert isinstance(hard, Propose) and dict(hard.terms)["deal"] == 3, hard
    assert "calendar" in hard.reason
    state = kit.step(state, hard, rng)
    state = kit.until(state, rng, "b")  # b, at normal, takes any gain this late
    answer = make_agent("ours", "normal").decide(kit.seen_by(state, "b"), np.random.default_rng(0))
    assert isinstance(answer, Accept), answer


def test_on_the_last_turn_hard_holds_out_for_its_share_where_normal_takes_the_offer():
    sc = kit.table(in_force={})
    state, rng = _last_turn(sc, "b")
    state = kit.step(state, Propose("b", ("a",), ((DEAL, 2),)), rng)
    state = kit.until(state, rng, "a")
    obs = kit.seen_by(state, "a")
    assert isinstance(make_agent("ours", "normal").decide(obs, np.random.default_rng(0)), Accept)
    hard = make_agent("ours", "hard").decide(obs, np.random.default_rng(0))
    assert isinstance(hard, Counter) and dict(hard.terms)[DEAL] == 3, hard
    check(state, hard)


def test_easy_answers_yes_or_no_where_normal_counters():
    """Early in the game a refuses c's small offer; normal counters, easy only says no."""
    sc = kit.table(in_force={})
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "c", turn=2)
    state = kit.step(state, Propose("c", ("a", "b"), ((DEAL, 1),)), rng)
    state = kit.until(state, rng, "a")
    obs = kit.seen_by(state, "a")
    assert isinstance(make_agent("ours", "normal").decide(obs, np.random.default_rng(0)), Counter)
    for seed in range(5):
        easy = make_agent("ours", "easy").decide(obs, np.random.default_rng(seed))
        assert isinstance(easy, (Accept, Reject)), easy


@pytest.mark.parametrize("level", ("easy", "normal", "hard"))
def test_every_level_plays_the_same_game_from_the_same_seed(level):
    sc = kit.table()
    games = [play_game(sc, seed, {a: make_agent("ours", level) for a in sc.actor_ids}) for seed in (3, 3, 4)]
    logs = [[(e.kind, e.actor, e.text) for e in g.log] for g in games]
    assert logs[0] == logs[1]
    assert scores(games[0]) == scores(games[1])


def _offered_on_turn_3(level: int):
    """The table game on turn 3, b having offered a the deal at ``level``: the state and a's view."""
    sc = kit.table(in_force={})
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "b", turn=3)
    state = kit.step(state, Propose("b", ("a",), ((DEAL, level),)), rng)
    state = kit.until(state, rng, "a")
    return state, kit.seen_by(state, "a")


def test_easy_accepts_mid_game_what_hard_holds_out_against():
    """On turn 3 b offers a the truce (a wants union): easy, giving way fast, mostly takes it; hard,
    which can still make its own offer, holds out for what that offer gives it."""
    _, obs = _offered_on_turn_3(2)
    easy = [make_agent("ours", "easy").decide(obs, np.random.default_rng(s)) for s in range(10)]
    assert sum(isinstance(x, Accept) for x in easy) >= 8, easy
    for s in range(5):
        hard = make_agent("ours", "hard").decide(obs, np.random.default_rng(s))
        assert not isinstance(hard, Accept), hard


def test_hard_plays_the_same_game_from_the_same_seed_whatever_was_played_before():
    """Hard's reading of the others is remembered between decisions; a game played after other games
    in the same process must not read their offers (proposal numbers start again in every game)."""
    from game.ai import beliefs
    from game.scenario.loader import load_scenario

    sc = load_scenario("scenarios/syria_2017_07.yaml")

    def game(seed):
        state = play_game(sc, seed, {a: make_agent("ours", "hard" if a == "rebels" else "normal")
                                     for a in sc.actor_ids})
        return [(e.kind, e.actor, e.text) for e in state.log]
    beliefs._LEARNT.clear()
    alone = game(16)
    beliefs._LEARNT.clear()
    for seed in range(16):
        game(seed)
    assert game(16) == alone


def test_hard_does_not_take_less_than_the_fair_deal_it_can_still_offer_where_normal_does():
    """On turn 3 b offers a the deal at 1, short of the truce (2, the Nash point of a, who wants union
    at 4, and b, who wants the truce): normal, its aspiration fallen that far, takes it; hard, which can
    still offer this turn, counters with at least the truce, which b should take."""
    state, obs = _offered_on_turn_3(1)
    for s in range(5):
        assert isinstance(make_agent("ours", "normal").decide(obs, np.random.default_rng(s)), Accept)
        hard = make_agent("ours", "hard").decide(obs, np.random.default_rng(s))
        assert isinstance(hard, Counter) and dict(hard.terms)[DEAL] >= 2, hard
        check(state, hard)
