"""The words of an offer: every term it sets, every change a counter makes, and what can be claimed.

A counter names each move whose level differs from the proposal it answers (issue 10, item 14);
an offer lists its terms and claims for its recipients only what they can check: that it moves
toward what they said in public they want (item 15).
"""

from __future__ import annotations

import numpy as np

from game.ai import reasons as why
from game.ai.context import Context
from game.ai.utility import move_gains

TINY = 1e-9


def counter_reason(ctx: Context, theirs: np.ndarray, profile: np.ndarray) -> str:
    """What the counter-proposal changes in the proposal it answers, every term of it, and what drove it.

    Each move whose level differs from the proposal's is named once: a level changed ("Treaty
    instead of Talks on The Deal"), a term dropped, a term added, and any agreement in force the
    counter would end or change. No change is hidden and none is put as a double negative.
    """
    was = theirs != ctx.levels
    now = profile != ctx.levels
    parts = []
    for m in np.flatnonzero(profile != theirs):
        jm = ctx.moves[m]
        new_label = jm.variants[int(profile[m])].label
        if was[m] and now[m]:
            parts.append(f"{new_label} instead of {jm.variants[int(theirs[m])].label} on {jm.name}")
        elif was[m]:
            parts.append(f"it drops {ctx.phrase(m, int(theirs[m]))}")
        else:
            parts.append(_added(ctx, m, int(profile[m])))
    per_new = move_gains(ctx, profile)
    changes = profile != theirs
    head = f"{why.subject(ctx, 'counters')}: " + "; ".join(parts) if parts else f"{why.subject(ctx, 'counters')}"
    best = np.where(changes & now, per_new, -np.inf)
    m = int(np.argmax(best))
    tail = ""
    if np.isfinite(best[m]) and best[m] > TINY:
        tail = f"; {why.why_good(ctx, m, int(profile[m]))}"
    text = head + tail if len(head + tail) <= why.MAX_COUNTER else head
    return why.clip(text, why.MAX_COUNTER)


def _added(ctx: Context, m: int, level: int) -> str:
    """A term a counter adds, put as what it does to the level in force on that move."""
    jm = ctx.moves[m]
    cur = int(ctx.levels[m])
    if cur == jm.status_quo:
        return f"it adds {ctx.phrase(m, level)}"
    if level == jm.status_quo:
        return f"it ends the agreement in force on {jm.name} ({jm.variants[cur].label})"
    verb = "raises" if level > cur else "lowers"
    return f"it {verb} {jm.name} in force from {jm.variants[cur].label} to {jm.variants[level].label}"


def _term(ctx: Context, m: int, level: int) -> str:
    """A term of a deal, with what it does to the agreement in force on that move, if any."""
    jm = ctx.moves[m]
    cur = int(ctx.levels[m])
    if cur == jm.status_quo:
        return ctx.phrase(m, level)
    if level == jm.status_quo:
        return f"{ctx.phrase(m, level)} (ending the agreement in force, {jm.variants[cur].label})"
    return f"{ctx.phrase(m, level)} (in place of {jm.variants[cur].label}, in force)"


def terms_text(ctx: Context, profile: np.ndarray, first: int) -> str:
    """Every term of a deal, the one that drove it first: 'The Deal: Truce and The Gauge: On'."""
    scope = [int(m) for m in np.flatnonzero(profile != ctx.levels)]
    scope.sort(key=lambda m: (m != first, m))
    parts = [_term(ctx, m, int(profile[m])) for m in scope]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def stated_support(ctx: Context, profile: np.ndarray, to: tuple[str, ...]) -> list[str]:
    """The recipients whose stated (public) position the deal meets or moves toward on some term, and
    away from on none: a claim anyone at the table can check against what they were told."""
    out = []
    scope = np.flatnonzero(profile != ctx.levels)
    for a in to:
        public = ctx.obs.actor_view(a).public
        closer = farther = 0
        for m in scope:
            lvl = public.get(ctx.moves[m].id)
            if lvl is None:
                continue
            d_new, d_now = abs(int(profile[m]) - lvl), abs(int(ctx.levels[m]) - lvl)
            closer += d_new < d_now
            farther += d_new > d_now
        if closer and not farther:
            out.append(a)
    return out


def they_want(actors: list[str]) -> str:
    return "say they want" if len(actors) > 1 else "says it wants"
