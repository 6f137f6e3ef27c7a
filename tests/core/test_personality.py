"""Rule 8.6: each game varies every actor's personality around the scenario's, from the seed alone."""

from __future__ import annotations

import numpy as np

from game.core.model import Personality
from game.core.observe import observe
from game.core.personality import SPREAD, this_game
from game.core.rules import new_game
from tests.helpers import shipped


def test_the_same_seed_gives_the_same_inclinations_and_seeds_differ():
    sc = shipped()
    actor = sc.actors[0]
    assert this_game(actor, 7) == this_game(actor, 7)
    drawn = {this_game(actor, seed) for seed in range(40)}
    assert len(drawn) > 30  # not one personality for every game


def test_inclinations_stay_within_the_spread_and_the_styles_move_one_step():
    sc = shipped()
    order = ["boulware", "linear", "conceder"]
    styles = set()
    for actor in sc.actors:
        usual = actor.personality
        for seed in range(200):
            p = this_game(actor, seed)
            assert abs(p.risk - usual.risk) <= SPREAD + 1e-12 and 0.0 <= p.risk <= 1.0
            assert abs(p.loyalty - usual.loyalty) <= SPREAD + 1e-12 and 0.0 <= p.loyalty <= 1.0
            assert abs(order.index(p.concession) - order.index(usual.concession)) <= 1
            styles.add((usual.concession, p.concession))
    assert any(a != b for a, b in styles) and any(a == b for a, b in styles)
    extreme = Personality("boulware", 0.0, 1.0)
    assert all(0.0 <= this_game(type(sc.actors[0])(**{**sc.actors[0].__dict__, "personality": extreme}), s).risk
               for s in range(50))


def test_an_actor_sees_its_own_inclinations_and_the_draw_takes_nothing_from_the_game():
    sc = shipped()
    a = new_game(sc, 3, np.random.default_rng(3))
    b = new_game(sc, 3, np.random.default_rng(3))
    assert a == b
    for actor in sc.actors:
        assert observe(a, actor.id).me.personality == this_game(actor, 3)
