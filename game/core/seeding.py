"""Generators seeded from a few whole numbers, made quickly.

``generator(a, b, c)`` is ``np.random.default_rng([a, b, c])``, number for number: numpy turns each
whole number of the list into its 32-bit words (lowest first; 0 is one word) and joins them into
the entropy of a ``SeedSequence``; handing it those words as one uint32 array skips that
conversion, about a third of the cost of a generator made at every step of every game.
"""

from __future__ import annotations

import numpy as np

_MASK = 0xFFFFFFFF


def _words(n: int, out: list[int]) -> None:
    if n == 0:
        out.append(0)
    while n > 0:
        out.append(n & _MASK)
        n >>= 32


def generator(*numbers: int) -> np.random.Generator:
    """np.random.default_rng(list(numbers)), for whole numbers from 0 up."""
    words: list[int] = []
    for n in numbers:
        if not isinstance(n, int) or n < 0:
            return np.random.default_rng(list(numbers))  # numpy's own answer (or its error)
        _words(n, words)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(np.array(words, dtype=np.uint32))))
