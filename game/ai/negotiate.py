"""Negotiation: aspiration, answers, proposals, counter-proposals, statements and messages.

- **Aspiration.** For a deal changing the moves S, the actor aspires to ``(1 - c(t))`` of the
  most it could gain on S, where t is the share of the game gone (turns and rounds) and
  ``c(t) = t ** (1 / e)`` with e = 0.5 (boulware: holds out), 1 (linear) or 2 (conceder: gives
  way early). At the last answers of the game the aspiration reaches the no-deal value.
- **Answers** (``answer``). Accept when the deal is worth at least the aspiration, or at least what the
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
from game.ai.fast import (  # noqa: F401  (pick and draw: the deal search's choice, read here by others)
    deal_parties,
    deal_structure,
    draw,
    matching,
    pick,
    row_all,
    row_any,
    row_sum,
    subset_sums,
    touching,
)
from game.ai.improve import improve
from game.ai.refusals import profile_and_moves, refused
from game.ai.utility import best_single_gains, candidates, gains, move_gains, terms_of
from game.ai.wording import stated_support, terms_text, they_want
from game.core.actions import Message, Propose, Statement, Terms

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
    objective: np.ndarray  # (P,) log Nash product (geometric mean) over needed parties and self; -inf where not theirs


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
    theirs, sel, logs_of_others = _of_others(derived, others_est, parties["others"], structure["any_change"])
    weights, total = parties["weights"], parties["total"]
    if claim != 1.0:  # the level's claim on its own gain (see levels.claim)
        weights = weights.copy()
        weights[:, me] *= claim
        total = row_sum(weights)
    # weights * log(max(est, TINY)), the others' logs remembered with their estimates, its own from its
    # gains: worked out only for the deals every other needed party is estimated to gain from (``sel``,
    # where ``theirs`` holds), the only ones ever offered, row by row the same numbers as over all
    weights = weights[sel]
    terms = weights * logs_of_others
    terms[:, me] = weights[:, me] * np.log(np.maximum(g[sel], TINY))
    logs = row_sum(terms)
    # each other party whose consent is needed, and each move more in a package, is one more chance
    # of a refusal: the estimates of the others are rough, and a big package hides more mistakes
    objective = np.full(len(profiles), -np.inf)
    others_refuse = (structure["parties"][sel] - structure["needed"][sel, me]) * np.log(ACCEPT_CHANCE)
    package_hides = np.maximum(structure["moves"][sel] - 1, 0) * np.log(MOVE_CHANCE)
    objective[sel] = logs / total[sel] + others_refuse + package_hides
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
    once for it (``Context.shared``): the actor's gains ``g`` and ``u`` from every candidate; the parts
    of ``mine`` that do not depend on the aspiration, so that each aspiration costs one comparison
    (((g >= asp) | ~veto) & ok is ((g >= asp) & ok) | (~veto & ok)); and the deals on one move."""
    hit = ctx.shared.get("deal_moment")
    if hit is not None and hit["profiles"] is profiles:
        return hit
    g = gains(ctx, profiles, True, x)
    u = gains(ctx, profiles, False, x)
    ok = (u >= -TINY) & (g > TINY)
    hit = {"profiles": profiles, "g": g, "u": u, "ok": ok,
           "brokered": ~structure["needed"][:, me] & ok, "single": structure["moves"] <= 1}
    for arr in hit.values():
        arr.flags.writeable = False
    ctx.shared["deal_moment"] = hit
    return hit


def _of_others(derived: dict, est: np.ndarray, others: np.ndarray, any_change: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What the deal search reads of the others' estimated gains ``est`` (P, A) alone, remembered
    with them (``beliefs.remembered_gains``): which deals every other party needed (``others``) is
    estimated to gain from (``theirs``), their indices, and the log of each of their estimates (at
    least ``TINY``; the actor's own column is replaced by the caller)."""
    hit = derived.get(("theirs", id(others)))
    if hit is None or hit[0] is not others or hit[1] is not any_change:
        theirs = ~row_any(others & (est <= MARGIN)) & any_change
        sel = np.flatnonzero(theirs)
        logs = np.log(np.maximum(est[sel], TINY))
        for arr in (theirs, sel, logs):
            arr.flags.writeable = False
        hit = derived[("theirs", id(others))] = (others, any_change, theirs, sel, logs)
    return hit[2], hit[3], hit[4]


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
