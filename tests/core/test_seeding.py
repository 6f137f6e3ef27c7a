"""The quick generator gives exactly numpy's numbers for the same seed list."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.seeding import LazyGenerator, generator

EDGES = [0, 1, 7, 2**32 - 1, 2**32, 2**32 + 5, 2**63 - 1, 12345678901234567]


@pytest.mark.parametrize("seed", EDGES)
@pytest.mark.parametrize("step", [0, 1, 419, 2**32 + 1])
def test_the_same_numbers_as_default_rng(seed, step) -> None:
    for numbers in ((seed, step), (seed, step, 7), (seed,)):
        quick, plain = generator(*numbers), np.random.default_rng(list(numbers))
        assert quick.bit_generator.state == plain.bit_generator.state
        assert quick.random(5).tolist() == plain.random(5).tolist()
        assert quick.integers(0, 1000, 5).tolist() == plain.integers(0, 1000, 5).tolist()


def test_a_negative_seed_is_refused_as_numpy_refuses_it() -> None:
    with pytest.raises(ValueError):
        np.random.default_rng([-1, 2])
    with pytest.raises(ValueError):
        generator(-1, 2)


def test_a_lazy_generator_draws_what_the_generator_draws_and_is_made_only_when_drawn_from() -> None:
    lazy, plain = LazyGenerator(5, 419, 7), np.random.default_rng([5, 419, 7])
    assert not lazy.made
    assert lazy.random() == plain.random()
    assert lazy.made
    assert lazy.integers(10) == plain.integers(10)
    assert lazy.choice(4, size=3, p=[0.1, 0.2, 0.3, 0.4]).tolist() == plain.choice(4, size=3, p=[0.1, 0.2, 0.3, 0.4]).tolist()
    assert lazy.bit_generator.state == plain.bit_generator.state
