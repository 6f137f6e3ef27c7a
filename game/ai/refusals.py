"""What the actor learnt from its refused offers.

Agents keep no memory: ``refused`` reads the refusals back from the observation (the proposals
the actor sent and their answers, and the log since), so that a deal refused is not offered again
until something that could change the answer has changed (rule 8.4).
"""

from __future__ import annotations

import re

import numpy as np

from game.ai.context import Context
from game.ai.fast import bits_of, turn_start
from game.ai.utility import gains
from game.core.actions import Terms, make_terms

TINY = 1e-9


# each proposal's refusers, by actor and then by the record's identity (held, so that no other takes
# its id), for every moment and game of the process: a proposal is an immutable record
_REFUSERS: dict[str, dict[int, tuple[object, list[str]]]] = {}
REFUSERS_KEPT = 4096
RESEND_TURNS = 1  # turns after a refusal from which the calendar's pressure alone is reason to ask again
_NEWS = {"agreement": "what is in force has changed", "collapsed": "an agreement has collapsed",
         "suspended": "an agreement was suspended", "restored": "an agreement was restored"}


def refused(ctx: Context) -> list[tuple[Terms, str | None]]:
    """The deals the actor offered that a party it needed refused, and those it refused itself, each
    with what has changed since
    (None: nothing that could change the answer, so offering it again would be asking to be refused).

    A refusal is an answer given in the circumstances of its day: what is in force and the refusers'
    stated positions. Either changing, or enough turns passing for the calendar to press
    (``RESEND_TURNS``), is reason enough to ask again; the news of one turn is not.
    """
    if "refused" in ctx._cache:
        return ctx._cache["refused"]
    obs = ctx.obs
    out: dict[Terms, str | None] = {}
    where: dict[str, int] | None = None  # log position of each proposal, read only when needed
    answered: dict[str, int] | None = None  # log position of each of the actor's own refusals this turn
    first = None  # where this turn's entries begin in the log (it is kept in turn order)
    memo = _REFUSERS.setdefault(ctx.me, {})
    if len(memo) > REFUSERS_KEPT:
        memo.clear()
    # the proposals of turns long enough ago (``RESEND_TURNS``) read nothing but themselves and the
    # turn: what they give is remembered for the moment, for the same leading proposals
    proposals = obs.proposals
    k = len(proposals)
    while k > 0 and obs.turn - proposals[k - 1].turn < RESEND_TURNS:
        k -= 1
    old = ctx.shared.get("refused_old")
    if old is not None and old[0] == obs.turn and old[1] == proposals[:k]:
        out = dict(old[2])
        proposals = proposals[k:]
    elif all(obs.turn - p.turn >= RESEND_TURNS for p in proposals[:k]):
        for p in proposals[:k]:
            hit = memo.get(id(p))
            if hit is None or hit[0] is not p:
                hit = memo[id(p)] = (p, _refusers(ctx, p))
            if hit[1] and (p.terms not in out or out[p.terms] is not None):
                out[p.terms] = "time is running short"
        ctx.shared["refused_old"] = (obs.turn, proposals[:k], tuple(out.items()))
        proposals = proposals[k:]
    for p in proposals:
        hit = memo.get(id(p))
        if hit is None or hit[0] is not p:
            hit = memo[id(p)] = (p, _refusers(ctx, p))
        refusers = hit[1]
        if not refusers:
            continue
        change = None
        if obs.turn - p.turn >= RESEND_TURNS:
            change = "time is running short"
            start = None
        elif p.sender != ctx.me:
            # its own refusal was given in the circumstances of its answer, not of the offer: what came
            # between the two (an agreement made meanwhile) was already known when it refused
            if answered is None:
                first = turn_start(obs.log, obs.turn) if first is None else first
                answered = {e.ref: i for i, e in enumerate(obs.log[first:], first) if e.kind == "reject"
                            and e.actor == ctx.me and e.turn == obs.turn}
            start = answered.get(str(p.id))
        else:
            if where is None:
                first = turn_start(obs.log, obs.turn) if first is None else first
                where = {e.ref: i for i, e in enumerate(obs.log[first:], first) if e.kind in ("proposal", "counter")
                         and e.turn == obs.turn}
            start = where.get(str(p.id))
        if start is not None:
            for e in obs.log[start + 1:]:
                if e.kind in _NEWS:
                    change = _NEWS[e.kind]
                elif e.kind == "statement" and e.actor in refusers:
                    change = f"{ctx.names[e.actor]} has stated a new position"
                if change is not None:
                    break
        if p.terms not in out or out[p.terms] is not None:
            out[p.terms] = change
    ctx._cache["refused"] = list(out.items())
    return ctx._cache["refused"]


_HOLDS_OUT = re.compile(r"holds out for (.+)\)$")  # the actor's words in its refusal's log entry
PROMISE_TURNS = 1  # a hold-out binds the turn it was said and this many after


def promised(ctx: Context) -> frozenset:
    """The deals the actor said it holds out for (the refused terms with the variant it named), in
    this turn or the last (``PROMISE_TURNS``), with nothing in force changed since: its word, which it
    keeps (rule 8.3). Read back from its refusals in the log, as the others read them."""
    if "promised" in ctx._cache:
        return ctx._cache["promised"]
    obs = ctx.obs
    out: set = set()
    first = turn_start(obs.log, obs.turn - PROMISE_TURNS)  # the earlier entries are too old to bind
    for i, e in enumerate(obs.log[first:], first):
        if e.kind != "reject" or e.actor != ctx.me or obs.turn - e.turn > PROMISE_TURNS or e.ref is None:
            continue
        m = _HOLDS_OUT.search(e.text or "")
        if m is None or any(later.kind in _NEWS for later in obs.log[i + 1:]):
            continue
        p = next((q for q in obs.proposals if str(q.id) == e.ref), None)
        held = None if p is None else _held_terms(ctx, p.terms, m.group(1).rstrip(".…"))
        if held is not None:
            out.add(held)
    ctx._cache["promised"] = frozenset(out)
    return ctx._cache["promised"]


def _held_terms(ctx: Context, terms: Terms, label: str) -> Terms | None:
    """``terms`` with the move that has a variant named ``label`` (not the offered one) set to it."""
    for move, lvl in terms:
        for k, v in enumerate(ctx.moves[ctx.move_index[move]].variants):
            if v.label == label and k != lvl:
                return make_terms({**dict(terms), move: k})
    return None


def _refusers(ctx: Context, p) -> list[str]:
    """Who refused the proposal ``p`` in a way ``refused`` counts: the actor itself for another's
    offer, its needed parties that did not accept for its own."""
    if p.sender != ctx.me:
        # a deal it refused itself is one it will not turn round and offer, in the same circumstances
        return [ctx.me] if p.answer_of(ctx.me) in ("reject", "counter") else []
    return [a for a, ans in p.answers if ans != "accept" and a in p.needed]


def moves_of(changed: np.ndarray) -> int:
    """The moves marked in ``changed`` (M,) as the bits of one integer: equal integers, equal moves."""
    return bits_of(changed)


def profile_and_moves(ctx: Context, terms: Terms) -> tuple[np.ndarray, int]:
    """The levels that agreeing on ``terms`` would put in force now and the moves that changes
    (``moves_of``), remembered for the moment (a pure function of the terms and the levels in force;
    the same terms are looked at by several steps and decisions). The profile is read-only."""
    memo = ctx.shared.setdefault("profile_and_moves", {})
    hit = memo.get(terms)
    if hit is None:
        prof = ctx.profile_of(terms)
        prof.flags.writeable = False
        hit = memo[terms] = (prof, moves_of(prof != ctx.levels))
    return hit


def refused_better(ctx: Context, profile: np.ndarray, g: float) -> bool:
    """Whether the actor refused, earlier in the game, a deal on the same moves as ``profile`` worth
    more to it now than ``g``."""
    scope = moves_of(profile != ctx.levels)
    for p in ctx.obs.proposals:
        if p.answer_of(ctx.me) in ("reject", "counter") or (p.sender == ctx.me and p.status == "refused"):
            prof, moves = profile_and_moves(ctx, p.terms)
            if moves == scope and float(gains(ctx, prof[None, :], True)[0]) > g + 1e-3:
                return True
    return False


def refused_here(ctx: Context, scope: np.ndarray) -> float:
    """The most a deal on the moves ``scope`` that the actor refused (rejected or countered) this turn,
    with nothing changed since (``refused``), is worth to it now; -inf if none."""
    same = {terms for terms, change in refused(ctx) if change is None}
    best = -np.inf
    if not same:
        return best
    scope_moves = moves_of(scope)
    for p in ctx.obs.proposals:
        if p.sender != ctx.me and p.turn == ctx.obs.turn and p.terms in same \
                and p.answer_of(ctx.me) in ("reject", "counter"):
            prof, moves = profile_and_moves(ctx, p.terms)
            if moves == scope_moves:
                best = max(best, float(gains(ctx, prof[None, :], True)[0]))
    return best
