"""The quick generator gives exactly numpy's numbers for the same seed list."""

from __future__ import annotations

import numpy as np
import pytest

from game.core.seeding import generator

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
