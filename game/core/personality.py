"""How each actor is inclined in one game: its scenario personality, varied with the game's seed.

A scenario gives each actor a negotiating style (``concession``: boulware, linear or conceder), an
appetite for risk and a loyalty to its word (rule 8.6). So that the same opening does not give the
same game, each game draws, from its seed alone, a personality around those values:

- ``risk`` and ``loyalty`` move by up to ``SPREAD`` either way (uniformly), staying within 0-1;
- the concession style moves one step (boulware <-> linear <-> conceder) with chance
  ``SHIFT_CHANCE``, split evenly between the neighbouring styles.

A scenario may bound each trait (format 1.1, ``personality.bounds``): a bounded ``risk`` or
``loyalty`` is drawn evenly between its bounds instead (equal bounds fix it), and the style never
steps outside its bounds (where the step would leave them it goes the other way, or not at all).
A trait without bounds is drawn exactly as above, so files without bounds play as before.

The draw uses a generator of its own, seeded with the game's seed and the actor's id, so it takes
nothing from the game's generator and the same seed always gives the same inclinations. The actor
sees its own inclinations in its observation; the debrief reveals everyone's.
"""

from __future__ import annotations

import functools
import zlib

import numpy as np

from game.core.model import Actor, Personality

SPREAD = 0.15
SHIFT_CHANCE = 0.3
STYLES = ("boulware", "linear", "conceder")


def _style(base: Personality, shift: float) -> str:
    i = STYLES.index(base.concession) if base.concession in STYLES else 1
    lo, hi = (0, len(STYLES) - 1) if base.concession_bounds is None else \
        (STYLES.index(base.concession_bounds[0]), STYLES.index(base.concession_bounds[1]))
    if shift < SHIFT_CHANCE:
        step = -1 if shift < SHIFT_CHANCE / 2 else 1
        if not lo <= i + step <= hi:
            step = -step  # at a bound the style can only move the other way
        if lo <= i + step <= hi:
            i += step
    return STYLES[i]


def _trait(value: float, bounds: tuple[float, float] | None, u: float) -> float:
    if bounds is None:
        return float(np.clip(value + SPREAD * (2 * u - 1), 0.0, 1.0))
    lo, hi = bounds
    return float(lo + (hi - lo) * u)


@functools.lru_cache(maxsize=4096)
def _draw(seed: int, actor_id: str, base: Personality) -> Personality:
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, zlib.crc32(actor_id.encode()), 0x9E11])
    risk, loyalty, shift = rng.random(3)
    return Personality(_style(base, shift), _trait(base.risk, base.risk_bounds, risk),
                       _trait(base.loyalty, base.loyalty_bounds, loyalty))


def this_game(actor: Actor, seed: int) -> Personality:
    """The actor's personality in the game with this seed."""
    return _draw(seed, actor.id, actor.personality)
