"""Generators seeded from a few whole numbers, made quickly.

``generator(a, b, c)`` is ``np.random.default_rng([a, b, c])``, number for number: numpy turns each
whole number of the list into its 32-bit words (lowest first; 0 is one word) and joins them into
the entropy of a ``SeedSequence``; handing it those words as one uint32 array skips that
conversion, about a third of the cost of a generator made at every step of every game.

The generators of a game's decisions differ only in the step (``(seed, step, 7)``), so
``stepped`` works out numpy's seeding (``SeedSequence``'s hash of the words into the PCG64 state,
which numpy keeps the same across versions) for a block of consecutive steps at once, as arrays,
and remembers the block: a decision's generator then costs the PCG64's making alone, about a sixth
of numpy's own seeding, for the very same numbers (``tests/core/test_seeding.py``).
"""

from __future__ import annotations

import numpy as np
from numpy.random.bit_generator import ISeedSequence

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


# numpy's SeedSequence constants (numpy/random/bit_generator.pyx): a pool of 4 words, hashed and mixed
_POOL = 4
_INIT_A, _MULT_A, _INIT_B, _MULT_B = 0x43B0D7E5, 0x931E8875, 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R, _SHIFT = 0xCA01F9DD, 0x4973F715, 16
_BLOCK = 256  # steps whose states are worked out together
_BLOCKS: dict[tuple, np.ndarray] = {}  # (words before the step, words after it, block) -> (_BLOCK, 4) uint64
_BLOCKS_KEPT = 64


def _pool(columns: list) -> list:
    """SeedSequence.mix_entropy for rows of words at once: each column a uint64 array (one word a
    row, below 2**32) or a plain int (the same word in every row); the pool's 4 columns."""
    h = _INIT_A

    def hashmix(value):
        nonlocal h
        value = value ^ h
        h = (h * _MULT_A) & _MASK
        value = (value * h) & _MASK
        return value ^ (value >> _SHIFT)

    def mix(x, y):
        r = (_MIX_L * x + (_MASK + 1 - _MIX_R) * y) & _MASK  # (L x - R y) mod 2**32, without going negative
        return r ^ (r >> _SHIFT)

    pool = [hashmix(columns[i] if i < len(columns) else 0) for i in range(_POOL)]
    for src in range(_POOL):
        for dst in range(_POOL):
            if src != dst:
                pool[dst] = mix(pool[dst], hashmix(pool[src]))
    for src in range(_POOL, len(columns)):
        for dst in range(_POOL):
            pool[dst] = mix(pool[dst], hashmix(columns[src]))
    return pool


def _block(head: tuple[int, ...], tail: tuple[int, ...], block: int) -> np.ndarray:
    """The PCG64 seeds (SeedSequence.generate_state(4, uint64)) of the steps of one block, as rows
    (head and tail: the 32-bit words of the numbers before and after the step)."""
    steps = np.arange(block * _BLOCK, (block + 1) * _BLOCK, dtype=np.uint64)
    pool = _pool([*head, steps, *tail])
    words = np.empty((_BLOCK, 2 * _POOL), dtype=np.uint32)
    h = _INIT_B
    for i in range(2 * _POOL):  # 8 words of 32 bits: 4 of 64
        value = pool[i % _POOL] ^ h
        h = (h * _MULT_B) & _MASK
        value = (value * h) & _MASK
        words[:, i] = value ^ (value >> _SHIFT)
    return words.view(np.uint64)  # each row's 8 words as 4, as numpy's own view of them


class _Seeded(ISeedSequence):
    """A seed sequence whose state is already worked out (a row of a block)."""

    __slots__ = ("row",)

    def __init__(self, row: np.ndarray) -> None:
        self.row = row

    def generate_state(self, n_words: int, dtype=np.uint32) -> np.ndarray:
        if n_words != _POOL or np.dtype(dtype) != np.uint64:  # not what PCG64 asks: numpy's way
            raise ValueError("a worked-out seed gives PCG64's four 64-bit words only")
        return self.row


def stepped(*numbers: int) -> np.random.Generator:
    """``generator(*numbers)`` where the second number is a step that goes up by one at a time
    (``(seed, step, ...)``): the same generator, its seeding worked out for a block of steps."""
    if len(numbers) < 2 or not all(type(n) is int and n >= 0 for n in numbers) or numbers[1] > _MASK:
        return generator(*numbers)  # numpy's own way (or its error)
    step = numbers[1]
    key = (numbers[0], numbers[2:], step // _BLOCK)
    rows = _BLOCKS.get(key)
    if rows is None:
        head: list[int] = []
        _words(numbers[0], head)
        tail: list[int] = []
        for n in numbers[2:]:
            _words(n, tail)
        if len(_BLOCKS) >= _BLOCKS_KEPT:
            _BLOCKS.clear()
        rows = _BLOCKS[key] = _block(tuple(head), tuple(tail), key[2])
        rows.flags.writeable = False
    return np.random.Generator(np.random.PCG64(_Seeded(rows[step % _BLOCK])))


class LazyGenerator:
    """``generator(*numbers)`` (made by ``stepped``), made only when first drawn from: most
    decisions of a computer actor draw nothing, and making a generator costs more than many a decision. Any attribute (``random``,
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
            self._made = stepped(*self._numbers)
        return self._made

    def __getattr__(self, name: str):
        return getattr(self.real(), name)
