"""One readable sentence per decision, in the scenario's own words.

Each sentence names the actor, the move and variant (or unilateral move, or indicator) that
drove the decision, so the log can answer "why did Russia reject that?". Sentences are kept
under ``MAX_REASON`` characters.
"""

from __future__ import annotations

import numpy as np

from game.ai.context import Context
from game.present.words import subject as _subject

MAX_REASON = 200
MAX_COUNTER = 300  # a counter names every term it changes, so it may run longer (the rules' own cap)


def clip(text: str, limit: int = MAX_REASON) -> str:
    """The sentence, shortened at a word boundary if it is too long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def subject(ctx: Context, singular: str) -> str:
    """'Russia proposes', 'Syrian rebel groups propose': the actor's name with its verb agreeing."""
    view = next((v for v in ctx.obs.actors if v.id == ctx.me), None)
    return _subject(view if view is not None else ctx.name, singular)


def care(ctx: Context, m: int) -> str:
    """', which it cares about most' and the like, from the actor's salience on move m."""
    sal = ctx.salience[m]
    if sal <= 0:
        return ""
    if sal >= ctx.salience.max() - 1e-9:
        return ", which it cares about most"
    if sal >= 0.6:
        return ", which matters a great deal to it"
    return ""


def goal_driver(ctx: Context, m: int, level: int, sign: float = 1.0) -> str | None:
    """The label of the indicator whose projected change at this level most drives the actor's value."""
    diff = (ctx.deltas[m, level] - ctx.deltas[m, ctx.levels[m]]) * ctx.goal_slope * sign
    if ctx.goal_slope.size == 0 or diff.max() <= 0:
        return None
    k = int(np.argmax(diff))
    return ctx.indicator_label(k)


def stance_share(ctx: Context, m: int, level: int) -> float:
    """The stance part of the value of changing move m to a level (may be negative)."""
    total = ctx.salience.sum()
    if total <= 0:
        return 0.0
    return ctx.stance_weight * ctx.salience[m] * (ctx.close[m, level] - ctx.close[m, ctx.levels[m]]) / total


def why_good(ctx: Context, m: int, level: int) -> str:
    """'Southwest ceasefire: Ceasefire brings it closer to what it wants' or a goal it serves."""
    phrase = ctx.phrase(m, level)
    if stance_share(ctx, m, level) > 0:
        return f"{phrase} brings it closer to what it wants{care(ctx, m)}"
    label = goal_driver(ctx, m, level)
    if label:
        return f"{phrase} should help it on {label}"
    return f"{phrase} costs it nothing"


def why_bad(ctx: Context, m: int, level: int) -> str:
    phrase = ctx.phrase(m, level)
    if stance_share(ctx, m, level) < 0:
        return f"{phrase} would take it away from what it wants{care(ctx, m)}"
    label = goal_driver(ctx, m, level, sign=-1.0)
    if label:
        return f"{phrase} would hurt it on {label}"
    return f"{phrase} gains it nothing"


def names(ctx: Context, actors: list[str], limit: int = 3) -> str:
    shown = [ctx.names[a] for a in actors[:limit]]
    if len(actors) > limit:
        shown.append("the others")
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def least_trusted(ctx: Context, profile: np.ndarray) -> str | None:
    """The other obliged party of the changed moves that the actor trusts least."""
    changed = np.flatnonzero(profile != ctx.levels)
    worst, low = None, 101.0
    for m in changed:
        for i in np.flatnonzero(ctx.obliged[m, profile[m]]):
            a = ctx.actors[i]
            if a != ctx.me and ctx.obs.trust.get(a, 50.0) < low:
                worst, low = a, ctx.obs.trust.get(a, 50.0)
    return worst
