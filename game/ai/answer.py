"""Answering an offer: judge it, accept it, reject it with a reason that binds, or counter it.

- **Judging.** Accept when the deal is worth at least the aspiration (``negotiate``), or at least
  what the actor would itself propose next round on the same moves (AC_next); never when it is
  worth less than no deal, with or without the trust discount. A warning from the proposer lowers
  the aspiration by the harm the warned move would do (``threats``); a hold-out the actor gave
  binds (``refusals.promised``).
- **Countering.** Before it accepts a one-move deal it would take, the actor may link it to one
  more move it wants more (``linked_offer``); it asks for a deal on the same moves better for it
  and no worse for the others (``better_offer``, ``improve.counter_better``); otherwise, refusing,
  it counters with its own best offer on those moves (``counter_offer``).
- **Reasons** state every term a counter changes and, for a refusal, what the actor holds out for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai import levels
from game.ai import reasons as why
from game.ai.context import Context
from game.ai.fast import matching, pick, row_all, row_any, touching
from game.ai.improve import counter_better, improve
from game.ai.negotiate import LINK, SLACK, SUPPORT, TINY, Style, _excluded, evaluate
from game.ai.refusals import moves_of, profile_and_moves, promised, refused_better, refused_here
from game.ai.threats import effect_on, pending_warnings, threat_cost
from game.ai.utility import best_single_gains, gains, move_gains, terms_gain, terms_of
from game.ai.wording import counter_reason
from game.core.actions import Accept, Counter, Reject
from game.core.state import Proposal


@dataclass(frozen=True)
class Judgement:
    accept: bool
    profile: np.ndarray
    g: float
    u: float
    threshold: float
    needed: bool
    warned: str | None = None  # the move the proposer warned of, if fear of it is what makes the deal pass


def judge(ctx: Context, style: Style, p: Proposal, rng: np.random.Generator,
          concession: float | None = None) -> Judgement:
    """Whether to accept an offer: aspiration or AC_next, never below no deal."""
    profile = ctx.profile_of(p.terms)
    # float(gains(ctx, profile[None, :], discount)[0]): the same row of the same table, found by its code
    g = terms_gain(ctx, p.terms, discount=True)
    u = terms_gain(ctx, p.terms, discount=False)
    needed = ctx.me in p.needed
    floor_ok = g >= -TINY and u >= -TINY
    if not needed:  # a say without a veto: support what helps
        return Judgement(floor_ok and u > TINY, profile, g, u, 0.0, False)
    scope = profile != ctx.levels
    c = ctx.concession(pace=style.pace) if concession is None else concession
    threshold = (1.0 - c) * float(best_single_gains(ctx)[scope].sum())
    if concession is None:  # AC_next: what it would offer itself next round on these moves
        nxt = evaluate(ctx, style, ahead=1)
        inside = ~touching(nxt.changed, ~scope)
        best = pick(nxt.objective, inside & nxt.mine & nxt.theirs, 0.0, rng)
        if best is not None:
            # on the last turn, a level that sees the deadline holds out for what its own last offer,
            # which the others should take at the last answers, would give it
            own = float(nxt.g[best])
            threshold = own if levels.holds_for_share(ctx, style) else min(threshold, own)
    warned = None
    fear = threat_cost(ctx, p.sender) if p.sender != ctx.me else 0.0
    if fear > 0 and g < threshold - TINY <= g + fear:  # a threat may change the answer, never the floor
        warned = max(pending_warnings(ctx, p.sender), key=lambda um: -effect_on(ctx, um)).name
    threshold = max(0.0, threshold - fear)
    if not floor_ok or not scope.any():
        return Judgement(False, profile, g, u, threshold, True)
    # a deal that meets the aspiration is always taken (what the actor said it holds out for, or
    # offered itself, it accepts); below it, a softer level may still take it, less and less likely
    ok = g >= threshold - TINY
    if not ok and style.accept_tau > 0:
        chance = 2.0 / (1.0 + np.exp(-np.clip((g - threshold) / style.accept_tau, -50, 50)))
        ok = bool(rng.random() < chance)
    # nor, in the circumstances in which it refused a deal on these moves, one worth less than that
    ok = ok and g >= refused_here(ctx, scope) - SLACK
    # what it said it holds out for it takes, while nothing in force has changed (its word: rule 8.3)
    ok = ok or p.terms in promised(ctx)
    return Judgement(ok, profile, g, u, threshold, True, warned if ok else None)


def accept_reason(ctx: Context, j: Judgement, held: bool = False) -> str:
    """Why it accepts (``held``: the deal is what it said it holds out for, ``refusals.promised``)."""
    per = move_gains(ctx, j.profile)
    m = int(np.argmax(per))
    if per[m] <= TINY:
        text = "it is the deal it held out for" if held else "the deal costs it nothing and helps the others"
        return why.clip(f"{why.subject(ctx, 'accepts')}: {text}")
    text = f"{why.subject(ctx, 'accepts')}: {why.why_good(ctx, m, int(j.profile[m]))}"
    if held:
        text += "; it is the deal it held out for"
    elif j.warned is not None:
        text += f"; it takes the deal rather than face {j.warned}, which it was warned of"
    elif refused_better(ctx, j.profile, j.g):
        text += ("; with time running short it takes less than it held out for" if ctx.obs.turn >= ctx.last_turn - 1
                 else "; as the talks wear on it takes less than it held out for")
    return why.clip(text)


def reject_reason(ctx: Context, j: Judgement) -> str:
    per = move_gains(ctx, j.profile)
    if not j.needed:
        return why.clip(f"{why.subject(ctx, 'declines')}: it has no veto here and the deal gains it nothing")
    if j.u >= -TINY and j.g < -TINY:
        who = why.least_trusted(ctx, j.profile)
        if who is not None:
            return why.clip(f"{why.subject(ctx, 'rejects')}: it does not trust {ctx.names[who]} to keep its side of the deal")
    if j.u < -TINY or j.g < -TINY:
        m = int(np.argmin(per))
        return why.clip(f"{why.subject(ctx, 'rejects')}: {why.why_bad(ctx, m, int(j.profile[m]))}")
    # worth something, but not yet enough
    scope = np.flatnonzero(j.profile != ctx.levels)
    if not scope.size:  # it keeps what is in force (a renewal, a separate signature): nothing to hold out for
        return why.clip(f"{why.subject(ctx, 'rejects')}: keeping this as it stands is worth too little to it")
    best = best_single_gains(ctx)
    m = int(scope[np.argmax(best[scope] - per[scope])])
    # what it holds out for is the variant of that move worth most to it with the rest of the deal as
    # offered (its goals may favour another variant than its stance's ideal)
    rows = np.repeat(j.profile[None, :], int(ctx.sizes[m]), axis=0)
    rows[:, m] = np.arange(int(ctx.sizes[m]))
    worth = np.where(np.arange(int(ctx.sizes[m])) == ctx.levels[m], -np.inf, gains(ctx, rows, True))
    ideal = int(np.argmax(worth))
    alt = rows[ideal]
    # a hold-out is a promise: name it only if the deal with that variant would be taken as it stands
    keeps = ((alt != ctx.levels) == (j.profile != ctx.levels)).all()
    if ideal != j.profile[m] and keeps and float(gains(ctx, alt[None, :], True)[0]) >= j.threshold - TINY \
            and float(gains(ctx, alt[None, :], False)[0]) >= -TINY:
        return why.clip(f"{why.subject(ctx, 'rejects')}: {ctx.phrase(m, int(j.profile[m]))} gains it too little yet; "
                        f"it holds out for {ctx.moves[m].variants[ideal].label}")
    return why.clip(f"{why.subject(ctx, 'rejects')}: the deal around {ctx.phrase(m, int(j.profile[m]))} gains it too "
                    f"little yet")


def answer(ctx: Context, style: Style, p: Proposal, rng: np.random.Generator, can_counter: bool):
    """Accept, counter or reject one open proposal."""
    j = judge(ctx, style, p, rng)
    if j.accept and j.needed and p.terms in promised(ctx):  # it asked for exactly this: it signs,
        better = better_offer(ctx, style, p, j) if can_counter else None  # unless it names what changed
        if better is not None and "; since " in better.reason:
            return better
        return Accept(ctx.me, p.id, accept_reason(ctx, j, held=True))
    if j.accept and j.needed and style.levers:
        linked = linked_offer(ctx, style, p, j, rng, can_counter)
        if linked is not None:
            return linked
    if j.accept and j.needed and can_counter:
        better = better_offer(ctx, style, p, j)
        if better is not None:
            return better
    if j.accept:
        return Accept(ctx.me, p.id, accept_reason(ctx, j))
    if can_counter and j.needed:
        counter = counter_offer(ctx, style, p, j, rng)
        if counter is not None:
            return counter
    return Reject(ctx.me, p.id, reject_reason(ctx, j))


def _marked(ctx: Context, names) -> np.ndarray:
    """Which of the actors (A,) are among ``names`` (``np.isin`` on the actors' ids, without its overhead)."""
    out = np.zeros(len(ctx.actors), dtype=bool)
    for a in names:
        i = ctx.actor_index.get(a)
        if i is not None:
            out[i] = True
    return out


def linked_offer(ctx: Context, style: Style, p: Proposal, j: Judgement, rng: np.random.Generator,
                 can_counter: bool = True):
    """A deal the actor would take, turned into a package: the same terms plus a move it wants more.

    What the proposer gains from a one-move deal between the two of them is the actor's lever on
    the other moves: once accepted alone, it is spent. So while turns remain, the actor counters with the deal linked to one more
    move it cares about, if anyone else that move needs is estimated to want it clearly (``SUPPORT``),
    the proposer (and every other
    needed party) is still estimated to gain, and the package is worth clearly more to the actor
    (``LINK``); when it cannot make the offer
    now (no diplomatic action left, or it already made it this turn) it refuses and holds out,
    unless this is its last chance in the game.
    """
    obs = ctx.obs
    if LINK <= 0 or (obs.turn >= obs.turns and (obs.phase == "answers" or not can_counter)):
        return None  # no later chance to make the package: take the deal
    scope = j.profile != ctx.levels
    if scope.sum() != 1 or len(p.needed) != 2:
        return None  # only a one-move deal between two parties is a lever on the other
    scope_moves = moves_of(scope)
    for q in obs.proposals:
        if q.answer_of(ctx.me) not in ("reject", "counter"):
            continue
        prof, moves = profile_and_moves(ctx, q.terms)
        if moves == scope_moves and (prof != j.profile).any():
            return None  # it refused another variant of this move before: what it asked for it takes, at no new price
    deals = evaluate(ctx, style)
    keeps = row_all(deals.profiles[:, scope] == j.profile[scope][None, :])
    extra = (deals.changed & ~scope[None, :]).sum(axis=1)
    # a lever works on those who want the deal: anyone else the package needs must clearly want it too
    outside = deals.needed & ~_marked(ctx, p.needed)[None, :]
    welcome = ~row_any(outside & (deals.est < SUPPORT))
    allowed = keeps & (extra == 1) & welcome & deals.mine & deals.theirs & (deals.g > j.g + LINK)
    best = pick(deals.objective, allowed, 0.0, rng)
    if best is None:
        return None
    profile = deals.profiles[best]
    extra = (profile != ctx.levels) & ~scope
    m = int(np.argmax(np.where(extra, move_gains(ctx, profile), -np.inf)))
    linked = ctx.phrase(m, int(profile[m]))
    if not can_counter or _excluded(ctx, deals)[best]:  # it cannot offer it now, or already has: it holds out
        return Reject(ctx.me, p.id, why.clip(f"{why.subject(ctx, 'rejects')}: it holds out for the deal together with "
                                             f"{linked}, which it wants more"))
    text = f"{why.subject(ctx, 'counters')}: it would take the deal only together with {linked}, which it wants more"
    return Counter(ctx.me, p.id, terms_of(ctx, profile), why.clip(text))


def better_offer(ctx: Context, style: Style, p: Proposal, j: Judgement) -> Counter | None:
    """An offer the actor would take, countered with the deal on the same moves that is clearly better
    for it and, by its estimates, no worse for the sender or any other party (``improve.counter_better``):
    the sender's estimates cannot see what the actor knows of its own goals."""
    since = _changed_since_refusal(ctx, j.profile)
    if since is None:
        return None  # it refused a deal on these moves with nothing changed since: it keeps its word
    deals = evaluate(ctx, style)
    parties = _marked(ctx, p.needed + (p.sender, ctx.me))
    allowed = deals.mine & deals.theirs & ~_excluded(ctx, deals)
    best = counter_better(ctx, deals, allowed, j.profile, parties)
    if best is None:
        return None
    profile = deals.profiles[best]
    text = counter_reason(ctx, j.profile, profile) + (f"; {since}" if since else "") + "; it is no worse for the others"
    if len(text) > why.MAX_COUNTER:  # what changed since it held out is said first (its word: rule 8.3)
        text = counter_reason(ctx, j.profile, profile) + (f"; {since}" if since else "")
    if len(text) > why.MAX_COUNTER:
        text = counter_reason(ctx, j.profile, profile)
    return Counter(ctx.me, p.id, terms_of(ctx, profile), why.clip(text, why.MAX_COUNTER))


def _changed_since_refusal(ctx: Context, profile: np.ndarray) -> str | None:
    """What has changed since the actor last refused a deal on the same moves as ``profile`` (a
    refusal may have named what it holds out for, a promise): "" if it never did, None if nothing it
    can name has changed (it refused this turn, or no news has come since), else the words
    "since HEADLINE" for the first news since that turn."""
    obs = ctx.obs
    scope = moves_of(profile != ctx.levels)
    last = None
    for q in obs.proposals:
        if q.answer_of(ctx.me) in ("reject", "counter") and profile_and_moves(ctx, q.terms)[1] == scope:
            last = q.turn if last is None else max(last, q.turn)
    if last is None:
        return ""
    if last >= obs.turn:
        return None
    for e in obs.log:
        if e.kind == "news" and last < e.turn <= obs.turn and e.text:
            return f"since {e.text}, it asks for this"
    return None


def counter_offer(ctx: Context, style: Style, p: Proposal, j: Judgement, rng: np.random.Generator):
    deals = evaluate(ctx, style)
    scope = j.profile != ctx.levels
    overlap = touching(deals.changed, scope)
    same = matching(deals.profiles, ctx.sizes, j.profile[None, :])
    allowed = deals.mine & deals.theirs & overlap & ~same & ~_excluded(ctx, deals)
    best = pick(deals.objective, allowed, style.propose_tau, rng)
    if best is None:
        return None
    best = improve(ctx, deals, allowed, best)
    profile = deals.profiles[best]
    return Counter(ctx.me, p.id, terms_of(ctx, profile), counter_reason(ctx, j.profile, profile))
