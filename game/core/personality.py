"""How each actor is inclined in one game: its scenario personality, varied with the game's seed.

A scenario gives each actor a negotiating style (``concession``: boulware, linear or conceder), an
appetite for risk and a loyalty to its word (rule 8.6). So that the same opening does not give the
same game, each game draws, from its seed alone, a personality around those values:

- ``risk`` and ``loyalty`` move by up to ``SPREAD`` either way (uniformly), staying within 0-1;
- the concession style moves one step (boulware <-> linear <-> conceder) with chance
  ``SHIFT_CHANCE``, split evenly between the neighbouring styles.

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


@functools.lru_cache(maxsize=4096)
def _draw(seed: int, actor_id: str, base: Personality) -> Personality:
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, zlib.crc32(actor_id.encode()), 0x9E11])
    risk, loyalty, shift = rng.random(3)
    i = STYLES.index(base.concession) if base.concession in STYLES else 1
    if shift < SHIFT_CHANCE:
        step = -1 if shift < SHIFT_CHANCE / 2 else 1
        if not 0 <= i + step < len(STYLES):
            step = -step  # an extreme style can only move inward
        i += step
    return Personality(STYLES[i], float(np.clip(base.risk + SPREAD * (2 * risk - 1), 0.0, 1.0)),
                       float(np.clip(base.loyalty + SPREAD * (2 * loyalty - 1), 0.0, 1.0)))


def this_game(actor: Actor, seed: int) -> Personality:
    """The actor's personality in the game with this seed."""
    return _draw(seed, actor.id, actor.personality)
