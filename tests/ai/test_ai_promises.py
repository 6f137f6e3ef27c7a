"""A hold-out is a promise (rule 8.3, issue 16 item 1): what an actor said it holds out for it takes
the turn it said so and the next, while nothing in force has changed, even if news has changed its
mind meanwhile (it must be able to name what changed in force, not merely feel differently).

In ``kit.table()`` ``a`` wants ``union`` and ``b`` wants ``truce``; here news at turn 2 makes ``b``
want ``talks``: without its word, ``b`` would ask for talks instead of the truce it held out for.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from benchmarks import ai_metrics
from game.ai import LEVELS, make_agent, refusals
from game.ai.context import Context
from game.ai.play import play_game
from game.core.actions import Accept, Counter, Propose, Reject
from tests.ai import kit
from tests.helpers import shipped

DEAL = "deal"
MOOD = [{"id": "mood", "headline": "B's mood turns", "text": "B now wants talks.", "turn": 2,
         "stances": [{"actor": "b", "move": DEAL, "ideal": "talks"}], "quote": dict(kit.QUOTE)}]


def _held_out(level: str):
    """a offers the union at turn 1; b, in the answers phase, refuses and names what it holds out for."""
    state, rng = kit.start(kit.table(events=MOOD))
    state = kit.until(state, rng, "a", turn=1)
    state = kit.step(state, Propose("a", ("b",), ((DEAL, 4),)), rng)
    state = kit.until(state, rng, "b", phase="answers")
    refusal = make_agent("ours", level).decide(kit.seen_by(state, "b"), np.random.default_rng(0))
    assert isinstance(refusal, Reject), refusal
    held = re.search(r"holds out for (\w+)", refusal.reason)
    assert held, refusal.reason
    return kit.step(state, refusal, rng), rng, kit.LEVELS.index(held.group(1).lower())


def _offered(state, rng, turn: int, level: int):
    state = kit.until(state, rng, "a", turn=turn)
    state = kit.step(state, Propose("a", ("b",), ((DEAL, level),)), rng)
    return kit.until(state, rng, "b")


@pytest.mark.parametrize("level", LEVELS)
def test_a_hold_out_is_kept_the_next_turn_although_news_changed_the_actors_mind(level):
    state, rng, held = _held_out(level)
    assert held == 2  # the truce: b's ideal when it refused
    state = _offered(state, rng, 2, held)
    assert state.turn == 2 and any(e.kind == "news" and e.turn == 2 for e in state.log)
    obs = kit.seen_by(state, "b")
    assert refusals.promised(Context.build(obs)) == frozenset({((DEAL, held),)})
    for seed in range(5):
        action = make_agent("ours", level).decide(obs, np.random.default_rng(seed))
        assert isinstance(action, Accept), action
        assert action.reason.endswith("it is the deal it held out for"), action.reason


def test_a_promise_binds_only_the_turn_it_was_made_and_the_next():
    state, rng, _ = _held_out("normal")
    state = kit.until(state, rng, "a", turn=1 + refusals.PROMISE_TURNS + 1)
    assert refusals.promised(Context.build(kit.seen_by(state, "b"))) == frozenset()


WARMS = [{"id": "warms", "headline": "B warms to a treaty", "text": "B now wants a treaty.", "turn": 2,
          "stances": [{"actor": "b", "move": DEAL, "ideal": "treaty"}], "quote": dict(kit.QUOTE)}]


@pytest.mark.parametrize("level", LEVELS)
def test_a_promised_deal_that_news_made_dominated_is_improved_and_the_reason_names_the_news(level):
    """b held out for the truce; news makes it want a treaty, which a (who wants the union) prefers
    too. Offered the truce, b asks for the treaty, better for both, saying why; easy, which never
    counters, signs what it asked for."""
    state, rng = kit.start(kit.table(events=WARMS))
    state = kit.until(state, rng, "a", turn=1)
    state = kit.step(state, Propose("a", ("b",), ((DEAL, 4),)), rng)
    state = kit.until(state, rng, "b", phase="answers")
    refusal = make_agent("ours", level).decide(kit.seen_by(state, "b"), np.random.default_rng(0))
    assert isinstance(refusal, Reject) and refusal.reason.endswith("holds out for Truce"), refusal
    state = _offered(kit.step(state, refusal, rng), rng, 2, 2)
    action = make_agent("ours", level).decide(kit.seen_by(state, "b"), np.random.default_rng(0))
    if level == "easy":
        assert isinstance(action, Accept), action
    else:
        assert isinstance(action, Counter) and action.terms == ((DEAL, 3),), action
        assert "since B warms to a treaty, it asks for this" in action.reason


@pytest.mark.parametrize("seed", [76, 98])
def test_syria_games_where_russia_refused_what_it_had_held_out_for_now_keep_its_word(seed):
    """In these seeds Russia held out for the de-escalation zones policed by guarantors, news came,
    and the next turn it refused that very deal without naming the news (issue 16's contradictions)."""
    sc = shipped("syria_2017_07")
    watch = ai_metrics.Watch()

    def on_step(step):
        watch.step(step)
        watch.remember(step.after)

    play_game(sc, seed, {x: make_agent("ours", "normal") for x in sc.actor_ids}, on_step=on_step)
    assert watch.contradictions == 0 and watch.repeat_refused == 0, watch
    assert any(who == "russia" for who, _, _ in watch.holdouts)
