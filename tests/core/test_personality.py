"""Rule 8.6: each game varies every actor's personality around the scenario's, from the seed alone."""

from __future__ import annotations

import dataclasses

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


# ---------------------------------------------------------------------------------------------
# bounds the scenario sets (format 1.1)


def _with(actor, **personality):
    return dataclasses.replace(actor, personality=dataclasses.replace(actor.personality, **personality))


def test_bounded_traits_stay_within_their_bounds_and_fill_them():
    actor = _with(shipped().actors[0], concession="boulware", risk=0.6, loyalty=0.3,
                  risk_bounds=(0.4, 0.9), loyalty_bounds=(0.2, 0.35))
    drawn = [this_game(actor, seed) for seed in range(300)]
    risks = [p.risk for p in drawn]
    assert all(0.4 <= r <= 0.9 for r in risks)
    assert min(risks) < 0.45 and max(risks) > 0.85  # the whole range, not just 0.15 around 0.6
    assert all(0.2 <= p.loyalty <= 0.35 for p in drawn)


def test_a_zero_width_bound_fixes_the_trait_and_leaves_the_others_as_they_were():
    actor = shipped().actors[1]
    fixed = _with(actor, risk_bounds=(0.25, 0.25), concession_bounds=(actor.personality.concession,) * 2)
    for seed in range(100):
        free, held = this_game(actor, seed), this_game(fixed, seed)
        assert held.risk == 0.25 and held.concession == actor.personality.concession
        assert held.loyalty == free.loyalty  # an unbounded trait draws exactly as without bounds


def test_the_style_never_steps_outside_its_bounds():
    actor = _with(shipped().actors[0], concession="linear", concession_bounds=("linear", "conceder"))
    styles = {this_game(actor, seed).concession for seed in range(300)}
    assert styles == {"linear", "conceder"}  # a step toward boulware goes the other way instead
    low = _with(actor, concession="boulware", concession_bounds=("boulware", "linear"))
    assert {this_game(low, seed).concession for seed in range(300)} == {"boulware", "linear"}
