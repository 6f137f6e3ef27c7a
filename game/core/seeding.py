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


class LazyGenerator:
    """``generator(*numbers)``, made only when first drawn from: most decisions of a computer actor
    draw nothing, and making a generator costs more than many a decision. Any attribute (``random``,
    ``integers``, ``choice``, ``bit_generator`` ...) is the real generator's, so it draws the same
    numbers in the same order."""

    __slots__ = ("_made", "_numbers")

    def __init__(self, *numbers: int) -> None:
        self._numbers = numbers
        self._made: np.random.Generator | None = None

    @property
    def made(self) -> bool:
        """Whether anything has drawn from it yet."""
        return self._made is not None

    def real(self) -> np.random.Generator:
        """The generator itself (made now if it was not yet)."""
        if self._made is None:
            self._made = generator(*self._numbers)
        return self._made

    def __getattr__(self, name: str):
        return getattr(self.real(), name)
