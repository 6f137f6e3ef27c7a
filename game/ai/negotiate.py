"""Negotiation: aspiration, answers, proposals, counter-proposals, statements and messages.

- **Aspiration.** For a deal changing the moves S, the actor aspires to ``(1 - c(t))`` of the
  most it could gain on S, where t is the share of the game gone (turns and rounds) and
  ``c(t) = t ** (1 / e)`` with e = 0.5 (boulware: holds out), 1 (linear) or 2 (conceder: gives
  way early). At the last answers of the game the aspiration reaches the no-deal value.
- **Answers.** Accept when the deal is worth at least the aspiration, or at least what the
  actor would itself propose next round on the same moves (AC_next); never when it is worth
  less than no deal, with or without the trust discount. A warning from the proposer lowers the
  aspiration by the harm the warned move would do (``threats``).
- **Offers.** Among all candidate deals (every profile of levels, see ``utility.candidates``)
  that keep the aspiration and that every other needed party is estimated to prefer to no
  deal, propose the one with the largest estimated Nash product: the geometric mean of the
  needed parties' estimated gains, the actor's own included (so that, once the aspiration
  allows, offers settle on the Nash point rather than overshoot it), each weighted by the
  party's capability (its bargaining power, an asymmetric Nash product), times a chance of
  acceptance that falls with every other needed party and every extra move. Packages across
  joint moves are candidates like any other deal, so trades between moves (logrolling) come
  out of the same search when they pay for their extra risk. The chosen deal then goes through
  ``improve.improve``: no deal on the same moves (or some of them) is better for every party by
  the estimates.
- **Linkage.** Offered a one-move deal between two parties that it would take, the actor first
  asks for it together with one more move it wants more, while a later chance remains: what
  the other gains is its lever, spent once the deal is accepted alone (``linked_offer``).
- **Brokering.** For a deal the actor has no veto on, it cannot hold out for anything: it
  offers any such deal that helps it at all, if the parties who can veto it should take it.
- **Statements and messages** cost a diplomatic action, so they are used only when they pay:
  a statement when others keep offering the public position the actor cannot accept; a
  back-channel message to a party that refused the actor's deal, telling it which variant the
  actor could live with (and, if the actor has one, naming a unilateral move it could make).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai import levels
from game.ai import reasons as why
from game.ai.beliefs import belief_table, estimated_ideals, remembered_gains
from game.ai.context import Context
from game.ai.fast import (
    deal_parties,
    deal_structure,
    matching,
    row_all,
    row_any,
    row_sum,
    subset_sums,
    touching,
)
from game.ai.improve import counter_better, improve
from game.ai.refusals import moves_of, profile_and_moves, promised, refused, refused_better, refused_here
from game.ai.threats import effect_on, pending_warnings, threat_cost
from game.ai.utility import best_single_gains, candidates, gains, move_gains, terms_gain, terms_of
from game.ai.wording import counter_reason, stated_support, terms_text, they_want
from game.core.actions import Accept, Counter, Message, Propose, Reject, Statement, Terms
from game.core.state import Proposal

ACCEPT_CHANCE = 0.6  # rough chance that one more needed party accepts an offer it should like
MOVE_CHANCE = 0.75  # and that one more move in a package does not put off a party the estimates misread
MARGIN = 0.002  # smallest estimated gain at which another party is expected to accept
TINY = 1e-9
LINK = 0.02  # how much more a linked package must be worth to the actor than the deal it was offered
SLACK = 0.004  # a deal this much below one it refused in the same circumstances it does not take
SUPPORT = 0.05  # the estimated gain a party the package adds must clearly have to be counted on


@dataclass(frozen=True)
class Style:
    """How one difficulty level negotiates and acts."""

    level: str  # easy | normal | hard: how the others are modelled (see beliefs)
    accept_tau: float  # softness of accepting around the threshold (value units)
    propose_tau: float  # temperature over the log Nash product of candidate deals
    move_tau: float  # temperature over the values of unilateral moves
    pace: float = 1.0  # how much faster than its personality the aspiration falls (see Context.concession)
    claim: float = 1.0  # weight of its own gain in the Nash product of its offers, against each other party's
    levers: bool = True  # sees levers: links deals (linkage), warns, and values the pressure a move puts on others
    deadline: bool = False  # knows the others take anything above no deal at the last answers, and claims more then
    holds: bool = False  # offered a deal while it can still offer its own, holds out for what its own would give it
    counters: bool = True  # answers an offer with a counter-proposal when that pays (else only yes or no)
    packages: bool = True  # offers deals on several moves at once (else one move at a time)


STYLES = {
    "easy": Style("easy", 0.03, 0.6, 0.004, 2.0, levers=False, counters=False, packages=False),  # a beginner: see levels
    "normal": Style("normal", 0.002, 0.15, 0.0003),
    "hard": Style("hard", 0.0, 0.0, 0.0, claim=2.0, deadline=True, holds=True),
}


@dataclass
class Deals:
    """Every candidate deal of this decision, evaluated at once."""

    profiles: np.ndarray  # (P, M) levels in force if agreed
    changed: np.ndarray  # (P, M) moves it changes
    g: np.ndarray  # (P,) own gain, discounted by trust
    u: np.ndarray  # (P,) own gain, undiscounted
    asp: np.ndarray  # (P,) own aspiration for the moves it changes
    needed: np.ndarray  # (P, A) parties whose consent it needs
    est: np.ndarray  # (P, A) estimated gains of every actor (own column: g)
    mine: np.ndarray  # (P,) keeps the aspiration and never falls below no deal
    theirs: np.ndarray  # (P,) every other needed party is estimated to gain
    objective: np.ndarray  # (P,) log Nash product (geometric mean) over needed parties and self


def _power(ctx: Context) -> np.ndarray:
    """Bargaining power of every actor (A,): its capability, as the observation shows it to all."""
    capability = {v.id: v.capability for v in ctx.obs.actors}
    return np.array([max(0.05, capability[a]) for a in ctx.actors])


def _base(ctx: Context, style: Style) -> dict:
    """The parts of the evaluation that do not depend on the aspiration."""
    key = ("deal_base", style.level)
    if key in ctx._cache:
        return ctx._cache[key]
    # a pure function of the moment (see Context.shared), the beliefs and the powers: remembered for them
    power = _power(ctx)
    claim = levels.claim(ctx, style)
    shared_key = ("deal_base", belief_table(ctx, style.level)[1].tobytes(), power.tobytes(), claim)
    if shared_key in ctx.shared:
        ctx._cache[key] = ctx.shared[shared_key]
        return ctx._cache[key]
    profiles, x = candidates(ctx)
    structure = deal_structure(profiles, ctx.levels, ctx.consent)
    changed = structure["changed"]
    needed = structure["needed"]
    me = ctx.actor_index[ctx.me]
    moment = _of_moment(ctx, profiles, x, structure, me)
    g = moment["g"]
    others_est, derived = remembered_gains(ctx, style.level, profiles, x)
    est = others_est.copy()
    est[:, me] = g
    parties = deal_parties(structure, me, power)
    theirs, logs_of_others = _of_others(derived, others_est, parties["others"], structure["any_change"])
    weights, total = parties["weights"], parties["total"]
    if claim != 1.0:  # the level's claim on its own gain (see levels.claim)
        weights = weights.copy()
        weights[:, me] *= claim
        total = row_sum(weights)
    # weights * log(max(est, TINY)), the others' logs remembered with their estimates, its own with its gains
    terms = weights * logs_of_others
    terms[:, me] = weights[:, me] * moment["log_g"]
    logs = row_sum(terms)
    # each other party whose consent is needed, and each move more in a package, is one more chance
    # of a refusal: the estimates of the others are rough, and a big package hides more mistakes
    objective = logs / total + moment["others_refuse"] + moment["package_hides"]
    if "deal_best" not in ctx.shared:
        ctx.shared["deal_best"] = subset_sums(changed, best_single_gains(ctx))  # row_sum(changed * best), bit for bit
    best = ctx.shared["deal_best"]
    out = {"profiles": profiles, "changed": changed, "g": g, "u": moment["u"], "needed": needed, "est": est,
           "theirs": theirs, "objective": objective, "best": best, "ok": moment["ok"],
           "brokered": moment["brokered"], "single": moment["single"]}
    for arr in out.values():
        arr.flags.writeable = False
    ctx.shared[shared_key] = out
    ctx._cache[key] = out
    return out


def _of_moment(ctx: Context, profiles: np.ndarray, x: np.ndarray, structure: dict, me: int) -> dict:
    """What the deal search reads of the moment alone (the same whatever the beliefs and powers),
    once for it (``Context.shared``): the actor's gains ``g`` and ``u`` from every candidate and the
    log of ``g``; the parts of ``mine`` that do not depend on the aspiration, so that each aspiration
    costs one comparison (((g >= asp) | ~veto) & ok is ((g >= asp) & ok) | (~veto & ok)); the deals on
    one move; and the objective's terms for the chances of a refusal."""
    hit = ctx.shared.get("deal_moment")
    if hit is not None and hit["profiles"] is profiles:
        return hit
    g = gains(ctx, profiles, True, x)
    u = gains(ctx, profiles, False, x)
    ok = (u >= -TINY) & (g > TINY)
    others_count = structure["parties"] - structure["needed"][:, me]
    hit = {"profiles": profiles, "g": g, "u": u, "log_g": np.log(np.maximum(g, TINY)), "ok": ok,
           "brokered": ~structure["needed"][:, me] & ok, "single": structure["moves"] <= 1,
           "others_refuse": others_count * np.log(ACCEPT_CHANCE),
           "package_hides": np.maximum(structure["moves"] - 1, 0) * np.log(MOVE_CHANCE)}
    for arr in hit.values():
        arr.flags.writeable = False
    ctx.shared["deal_moment"] = hit
    return hit


def _of_others(derived: dict, est: np.ndarray, others: np.ndarray, any_change: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """What the deal search reads of the others' estimated gains ``est`` (P, A) alone, remembered
    with them (``beliefs.remembered_gains``): which deals every other party needed (``others``) is
    estimated to gain from, and the log of each estimate (at least ``TINY``)."""
    hit = derived.get(("theirs", id(others)))
    if hit is None or hit[0] is not others or hit[1] is not any_change:
        theirs = ~row_any(others & (est <= MARGIN)) & any_change
        theirs.flags.writeable = False
        hit = derived[("theirs", id(others))] = (others, any_change, theirs)
    if "log" not in derived:
        derived["log"] = np.log(np.maximum(est, TINY))
        derived["log"].flags.writeable = False
    return hit[2], derived["log"]


def evaluate(ctx: Context, style: Style, ahead: int = 0, concession: float | None = None) -> Deals:
    """Evaluate every candidate deal for the actor at ``ahead`` rounds from now."""
    key = ("deals", style.level, ahead, concession)
    if key in ctx._cache:
        return ctx._cache[key]
    b = _base(ctx, style)
    c = ctx.concession(ahead, style.pace) if concession is None else concession
    # a pure function of the base (shared by the decisions of a moment with the same beliefs), the
    # concession and the style's packages: remembered with the base (read-only), held by the entry
    memo = ctx.shared.setdefault("deals_of_base", {})
    hit = memo.get((id(b), c, style.packages))
    if hit is not None and hit[0] is b:
        ctx._cache[key] = hit[1]
        return hit[1]
    asp = (1.0 - c) * b["best"]
    g, u = b["g"], b["u"]
    # without a veto the actor cannot hold out for anything: it brokers any deal that helps it
    mine = ((g >= asp - TINY) & b["ok"]) | b["brokered"]
    if not style.packages:  # it offers one move at a time (it still answers packages others offer)
        mine = mine & b["single"]
    asp.flags.writeable = False
    mine.flags.writeable = False
    out = Deals(b["profiles"], b["changed"], g, u, asp, b["needed"], b["est"], mine, b["theirs"], b["objective"])
    if len(memo) > 64:
        memo.clear()
    memo[(id(b), c, style.packages)] = (b, out)
    ctx._cache[key] = out
    return out


def pick(objective: np.ndarray, allowed: np.ndarray, tau: float, rng: np.random.Generator) -> int | None:
    """Index of the chosen candidate: softmax over the objective at temperature tau (0: best)."""
    idx = np.flatnonzero(allowed)
    if idx.size == 0:
        return None
    vals = objective[idx]
    if tau <= 0:
        return int(idx[int(np.argmax(vals))])
    w = np.exp((vals - vals.max()) / tau)
    return int(idx[draw(w / w.sum(), rng)])


def draw(p: np.ndarray, rng: np.random.Generator) -> int:
    """``rng.choice(len(p), p=p)`` for probabilities ``p`` that are valid by construction, without its
    checks: the same index from the same one uniform draw (numpy's own method, its cumulative sum)."""
    cdf = p.cumsum()
    cdf /= cdf[-1]
    return int(cdf.searchsorted(rng.random(), side="right"))


def _profiles_of(ctx: Context, terms_list: list[Terms]) -> np.ndarray:
    if not terms_list:
        return np.zeros((0, len(ctx.moves)), dtype=np.int64)
    return np.array([profile_and_moves(ctx, t)[0] for t in terms_list], dtype=np.int64)


def _excluded(ctx: Context, deals: Deals) -> np.ndarray:
    """Candidates not worth offering now: already offered this turn, overlapping own open offers, or
    refused before with nothing changed since (``refused``). Read-only."""
    obs = ctx.obs
    terms_list = tuple([p.terms for p in obs.proposals if p.turn == obs.turn]
                       + [terms for terms, why_now in refused(ctx) if why_now is None])
    busy = set()
    for p in obs.proposals:
        if p.status == "open" and p.sender == ctx.me:
            for move, _ in p.terms:
                busy.add(ctx.move_index[move])
    # a pure function of the candidates, the levels in force and these terms and moves: remembered
    # for the moment (``Context.shared``), keyed by them
    key = ("excluded", terms_list, tuple(sorted(busy)))
    memo = ctx.shared.setdefault("excluded", {})
    hit = memo.get(key)
    if hit is not None and hit[0] is deals.profiles and hit[1] is deals.changed:
        return hit[2]
    out = np.zeros(len(deals.profiles), dtype=bool)
    prof = _profiles_of(ctx, list(terms_list))
    if len(prof):
        out |= matching(deals.profiles, ctx.sizes, prof)
    moves = np.zeros(len(ctx.moves), dtype=bool)
    moves[list(busy)] = True
    out |= touching(deals.changed, moves)
    out.flags.writeable = False
    memo[key] = (deals.profiles, deals.changed, out)
    return out


# ---------------------------------------------------------------------------------------------
# answering


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
        text += "; with time running short it takes less than it held out for"
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


# ---------------------------------------------------------------------------------------------
# offering


def proposals_this_turn(ctx: Context) -> int:
    obs = ctx.obs
    return sum(1 for p in obs.proposals if p.sender == ctx.me and p.turn == obs.turn and p.counter_of is None)


def recipients(ctx: Context, profile: np.ndarray) -> tuple[str, ...]:
    """Every needed party but the actor; someone else if only the actor is needed."""
    changed = profile != ctx.levels
    needed = (changed.astype(np.int32) @ ctx.consent.astype(np.int32)) > 0
    to = tuple(a for i, a in enumerate(ctx.actors) if needed[i] and a != ctx.me)
    return to or tuple(a for a in ctx.actors if a != ctx.me)[:1]


def propose(ctx: Context, style: Style, rng: np.random.Generator) -> Propose | None:
    """The actor's best offer now, or None when no deal is worth offering."""
    obs = ctx.obs
    if obs.phase != "diplomacy" or obs.budget <= 0 or proposals_this_turn(ctx) >= obs.round:
        return None
    deals = evaluate(ctx, style)
    allowed = deals.mine & deals.theirs & ~_excluded(ctx, deals)
    best = pick(deals.objective, allowed, style.propose_tau, rng)
    if best is None:
        return None
    best = improve(ctx, deals, allowed, best)
    profile = deals.profiles[best]
    terms = terms_of(ctx, profile)
    to = recipients(ctx, profile)
    per = move_gains(ctx, profile)
    scope = np.flatnonzero(profile != ctx.levels)
    m = int(scope[np.argmax(per[scope])])
    others = [a for a in stated_support(ctx, profile, to) if deals.needed[best, ctx.actor_index[a]]]
    tail = f"; it moves toward what {why.names(ctx, others)} {they_want(others)}" if others else ""
    again = dict(refused(ctx)).get(terms)
    verb = "proposes again" if again else "proposes"
    text = f"{why.subject(ctx, verb)} {terms_text(ctx, profile, m)}: " + (f"{again}" if again else "it wants this")
    if deals.needed[best, ctx.actor_index[ctx.me]] and levels.claim(ctx, style) > style.claim:
        text += "; as the calendar ends, it asks for its share"
        tail = ""
    if len(text + tail) <= why.MAX_COUNTER:
        text += tail
    return Propose(ctx.me, to, terms, why.clip(text, why.MAX_COUNTER))


def acceptable_level(ctx: Context, style: Style, m: int, toward: float) -> int | None:
    """The level of move m alone the actor could accept now that lies closest to ``toward``."""
    width = int(ctx.sizes[m])
    rows = np.repeat(ctx.levels[None, :], width, axis=0)
    rows[:, m] = np.arange(width)
    g = gains(ctx, rows, True)
    u = gains(ctx, rows, False)
    asp = (1.0 - ctx.concession(pace=style.pace)) * float(best_single_gains(ctx)[m])
    ok = (g >= asp - TINY) & (u >= -TINY) & (g > TINY)
    if not ok.any():
        return None
    fit = np.flatnonzero(ok)
    return int(fit[np.argmin(np.abs(fit - toward))])


def statement(ctx: Context, style: Style) -> Statement | None:
    """A public statement, when others keep offering a public position the actor cannot accept."""
    obs = ctx.obs
    if obs.phase != "diplomacy" or obs.budget <= 0 or obs.round < obs.rounds:
        return None
    if any(e.kind == "statement" and e.actor == ctx.me and e.turn == obs.turn for e in obs.log):
        return None
    public = obs.actor_view(ctx.me).public
    ideals = estimated_ideals(ctx, style.level)
    for p in obs.proposals:
        if p.sender == ctx.me or p.answer_of(ctx.me) not in ("reject", "counter"):
            continue
        for move, lvl in p.terms:
            m = ctx.move_index[move]
            if public.get(move) != lvl or ctx.salience[m] < 0.3 or not ctx.consent[m, ctx.actor_index[ctx.me]]:
                continue
            if acceptable_level(ctx, style, m, float(lvl)) == lvl:
                continue  # its public position is still one it could accept
            parties = [j for j, a in enumerate(a for a in ctx.actors if a != ctx.me)
                       if ctx.consent[m, ctx.actor_index[a]]]
            toward = float(np.mean(ideals[parties, m])) if parties else float(lvl)
            level = acceptable_level(ctx, style, m, toward)
            if level is None or level == lvl:
                continue
            text = (f"{why.subject(ctx, 'states')} it backs {ctx.phrase(m, level)}: offers of "
                    f"{ctx.moves[m].variants[lvl].label} keep failing")
            return Statement(ctx.me, move, level, why.clip(text))
    return None


def message(ctx: Context, style: Style, threat=None) -> Message | None:
    """A back-channel message to a party that refused the actor's offer: a variant it could live with."""
    obs = ctx.obs
    if obs.phase != "diplomacy" or obs.budget <= 0:
        return None
    if any(n.sender == ctx.me and n.turn == obs.turn for n in obs.notes):
        return None
    sent = {(n.to, n.move, n.level) for n in obs.notes if n.sender == ctx.me}
    ideals = estimated_ideals(ctx, style.level)
    j_of = {a: j for j, a in enumerate(a for a in ctx.actors if a != ctx.me)}
    for p in sorted(obs.proposals, key=lambda q: -q.id):
        if p.sender != ctx.me or p.turn < obs.turn - 1:
            continue
        for who, ans in p.answers:
            if ans == "accept" or who not in p.needed:
                continue
            for move, _ in p.terms:
                m = ctx.move_index[move]
                if ctx.salience[m] <= 0 or not ctx.consent[m, ctx.actor_index[who]]:
                    continue
                level = acceptable_level(ctx, style, m, float(ideals[j_of[who], m]))
                if level is None or level == ctx.levels[m] or (who, move, level) in sent:
                    continue
                warn = threat(who) if threat else None
                text = f"{why.subject(ctx, 'tells')} {ctx.names[who]} privately it could live with {ctx.phrase(m, level)}"
                if warn is not None:
                    text += f", and that it could resort to {warn.name}"
                return Message(ctx.me, who, move, level, warn.id if warn is not None else None, why.clip(text))
    return None
