"""The actions phase: which unilateral move to make, and whether to keep each agreement.

**Unilateral moves.** A move's value is its expected effect on the actor's value (its effects
on the indicators, kept to the end of the game, including how far they bring a crisis nearer,
with each chance outcome weighed by its chance; an agreement it suspends or restores), minus its
cost in political capital and the value of the trust it costs (each other actor's trust in the
actor, as far as it can still fall, weighted by what the actor can still gain from deals that
actor can veto and that would oblige the actor; a fifth as much for the others, as reputation),
minus a risk premium for uncertain outcomes that shrinks with the personality's appetite for
risk, plus the pressure it puts on the others (``leverage``): an actor without a veto on a deal
it wants can bring a crisis nearer so that the deal, which would put the crisis off, is worth
more to those who can veto it, as long as enough turns remain for them to give way and the
push does not tip the crisis itself, plus what a change of what is in force opens (``unlock``:
a suspension, restoration or breach changes the others' no-deal values, so it may open a
package the others refused before, or close one). Consequences whose condition holds now
(format 1.1) add their effects, trust and breach. Doing nothing is worth 0.

**Compliance.** Breaking one's duties under an agreement gains the duty's violation effects;
it risks being caught with chance ``base_detection`` + the monitoring of every agreement in
force, which costs the agreement (its value to the actor for the rest of the game, with every
agreement made in the same deal, since a package stands or falls together) and trust;
keeping earns trust every turn (the shadow of the future). The actor breaks only when the gain
beats the expected cost, weighted by its loyalty.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai import reasons as why
from game.ai.context import Context, effect_deltas
from game.ai.fast import turn_start
from game.ai.unlock import unlock
from game.ai.utility import best_levels, best_single_gains, no_deal_value, values
from game.core.errors import ExpressionError
from game.core.model import UnilateralMove

CAPITAL_VALUE = 0.0015  # value of one point of political capital kept for later
# Share of what the actor can still gain on the moves another actor can veto that one point (of 100)
# of that actor's trust is worth. The rules alone make it about 0.5 (others discount deals by their
# trust that the actor complies); reputation counts for more between states, and 1.0 also keeps
# computer actors from wrecking talks with hostile moves that gain them little.
TRUST_WEIGHT = 1.0
# Others' trust in the actor matters by the rules only where they must trust it to keep duties: on
# the moves whose deals would oblige it. Elsewhere it is reputation, which counts for this much.
REPUTATION = 0.2
# How much of what an actor without a veto still hopes to win it expects pressure to bring it, for
# closing the whole gap to a crisis over a whole game (see ``leverage``).
LEVERAGE = 3.0
PRESSURE_LAG = 2  # turns that pressure needs before others give way to it
# What carrying out a warning is worth once its condition is met (the warned party refused the
# actor's deal afterwards): an actor whose warnings are empty is not believed next time. It is
# larger than the most a warned move may cost (``threat_against`` names only moves worth more
# than -THREAT_FLOOR), so every warning the actor gives is one it would carry out.
CREDIBILITY = 0.012
THREAT_FLOOR = 0.01


def stakes(ctx: Context) -> dict[str, float]:
    """Value of one point (of 100) of each other actor's trust in the actor, for the rest of the game:
    a share of what the actor could still gain on the moves that actor can veto."""
    if "stakes" in ctx.shared:  # a pure function of the moment
        return ctx.shared["stakes"]
    best = best_single_gains(ctx, discount=False)
    share = ctx.remaining / max(1, ctx.obs.turns)
    bound = ctx.obliged[:, :, ctx.actor_index[ctx.me]].any(axis=1)  # moves whose deals would oblige the actor
    weighted = np.where(bound, 1.0, REPUTATION) * best  # the same products for every actor: once
    out = {}
    for a, i in ctx.actor_index.items():
        if a != ctx.me:
            out[a] = TRUST_WEIGHT * share * float(weighted[ctx.consent[:, i]].sum()) / 100.0
    ctx.shared["stakes"] = out
    return out


def trust_shift(ctx: Context, other: str, delta: float) -> float:
    """How far another actor's trust in the actor would really move: it stays within 0-100."""
    try:
        now = ctx.obs.actor_view(other).trust_in_you
    except KeyError:
        return 0.0
    moved = now + delta  # np.clip(moved, 0.0, 100.0) in plain floats (no NaN here: the same number)
    return float((0.0 if moved < 0.0 else min(moved, 100.0)) - now)


def _goal_change(ctx: Context, once: np.ndarray) -> float:
    """Value of a one-off change of the indicators, kept to the end of the game."""
    if ctx.stance_weight >= 1.0:
        return 0.0
    _, per_turn = _drift(ctx)
    with_it = ctx.goal_value(ctx.project(per_turn, once))
    without = ctx.shared.get("goal_without")
    if without is None:  # a pure function of the moment
        without = ctx.shared["goal_without"] = ctx.goal_value(ctx.project(per_turn))
    return (1.0 - ctx.stance_weight) * float(with_it - without)


def _drift(ctx: Context) -> tuple[None, np.ndarray]:
    """The per-turn changes of the agreements in force (read-only, remembered for the moment)."""
    hit = ctx.shared.get("drift_now")
    if hit is None:
        idx = np.arange(len(ctx.moves))
        hit = ctx.shared["drift_now"] = ctx.deltas[idx, ctx.levels].sum(axis=0)
        hit.flags.writeable = False
    return None, hit


def leverage(ctx: Context, once: np.ndarray) -> tuple[float, int | None]:
    """The pressure a move puts on the others to agree, and the joint move it is most likely to win.

    A move that brings a crisis nearer (an indicator toward the edge where the game would end)
    makes every deal that puts the crisis off worth more to everyone who would lose by it, so the
    others give way sooner. Its worth: for each joint move the actor cannot veto and whose best
    level (for the actor) would ease a watched indicator, what the actor could gain on it times
    the share of that indicator's remaining gap to its crisis edge the move closes; at most what
    it could gain in all, times the share of the game left once the pressure has had time to
    work (``PRESSURE_LAG`` turns after the push, which must not itself bring the crisis).
    """
    w = ctx.watched
    if w.size == 0 or LEVERAGE <= 0:
        return 0.0, None
    _, per_turn = _drift(ctx)
    turns_left = float(ctx.horizon(per_turn, once)) - PRESSURE_LAG  # pressure that tips the crisis is no lever
    if turns_left <= 0:
        return 0.0, None
    bad, gap, hope, relief = _leverage_parts(ctx)
    push = np.clip(np.where(bad, once[w], -once[w]) / np.maximum(gap, 1.0), 0.0, 1.0)  # (W,)
    if push.max() <= 0:
        return 0.0, None
    per_move = hope * (relief * push[None, :]).max(axis=1, initial=0.0)
    if per_move.sum() <= 0:
        return 0.0, None
    # never more than the actor could win, and only for the turns in which the deal would still work
    value = min(LEVERAGE * float(per_move.sum()), float(hope.sum())) * turns_left / max(1, ctx.obs.turns)
    return value, int(np.argmax(per_move))


def _leverage_parts(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What ``leverage`` reads of the moment alone, remembered for it: (bad end high, gap to the edge,
    hope (M,), relief (M, W)) for the watched indicators."""
    hit = ctx.shared.get("leverage_parts")
    if hit is None:
        w = ctx.watched
        bad = ctx.bad_high[w]
        gap = np.where(bad, ctx.edge[w] - ctx.ind_now[w], ctx.ind_now[w] - ctx.edge[w])
        # an actor with a veto can hold out for what it wants; pressure is the weapon of those without
        # one, and it works only for deals that would put the nearer crisis off
        hope = np.where(ctx.consent[:, ctx.actor_index[ctx.me]], 0.0, best_single_gains(ctx))
        best = best_levels(ctx)
        idx = np.arange(len(ctx.moves))
        relief = ctx.deltas[idx, best][:, w] - ctx.deltas[idx, ctx.levels][:, w]  # (M, W)
        relief = np.where(bad[None, :], -relief, relief) > 0
        hit = ctx.shared["leverage_parts"] = (bad, gap, hope, relief)
        for arr in hit:
            arr.flags.writeable = False
    return hit


@dataclass(frozen=True)
class MoveValue:
    move: UnilateralMove
    value: float
    goal: float  # expected value of its effects on the indicators
    agreement: float  # value of the agreement it suspends or restores
    trust: float  # value of the trust it costs or earns
    driver: str  # the indicator or agreement that drives its value most
    pressure: float = 0.0  # value of the pressure it puts on the others to agree (see leverage)
    target: str | None = None  # the joint move that pressure is most likely to win
    warned: str | None = None  # the actor it warned of this move and who refused it since (see warned_refusers)
    unlock: float = 0.0  # value of the deals the change of what is in force opens (or closes, < 0; see unlock)


def _conditional(ctx: Context, um: UnilateralMove) -> tuple[np.ndarray, dict[str, float], str | None]:
    """A move's consequences whose condition holds now (format 1.1): (their indicator changes, their
    trust changes, the agreement the move would breach, if the actor is party to it)."""
    index = {k: i for i, k in enumerate(ctx.indicator_ids)}
    once = np.zeros(len(index))
    trust: dict[str, float] = {}
    breach = None
    held = {a.move: a for a in ctx.obs.agreements if not a.suspended}
    for c in um.consequences:
        try:
            if not c.condition.truth(ctx.obs.env):
                continue
        except ExpressionError:
            continue
        once = once + effect_deltas(c.effects, ctx.obs.env, index, len(index))
        for a, d in c.trust.items():
            trust[a] = trust.get(a, 0.0) + d
        if c.breach and c.breach in held and c.breach in ctx.move_index:
            breach = c.breach
    return once, trust, breach


def _without(ctx: Context, move: str, package: bool = True) -> np.ndarray:
    """The levels in force once the agreement on ``move`` (and, with ``package``, its whole deal) ends."""
    row = ctx.levels.copy()
    deal = next((a.proposal for a in ctx.obs.agreements if a.move == move), None)
    for a in ctx.obs.agreements:
        if (a.move == move or (package and deal is not None and a.proposal == deal)) and a.move in ctx.move_index:
            m = ctx.move_index[a.move]
            row[m] = ctx.moves[m].status_quo
    return row


def _breach(ctx: Context, move: str) -> tuple[float, np.ndarray]:
    """Expected value of breaking the agreement on ``move`` by a move (its duties' violation effects
    apply; caught with the detection chance, the agreement and its package collapse and trust is lost,
    rule 5.3), and the levels in force if it collapses."""
    m = ctx.move_index[move]
    variant = ctx.moves[m].variants[int(ctx.levels[m])]
    index = {k: i for i, k in enumerate(ctx.indicator_ids)}
    effects = tuple(e for o in variant.obligations if o.actor == ctx.me for e in o.violation)
    gain = _goal_change(ctx, effect_deltas(effects, ctx.obs.env, index, len(index)))
    row = _without(ctx, move)
    lost_deal = no_deal_value(ctx) - float(values(ctx, row[None, :], discount=False)[0])
    rules = ctx.obs.rules
    parties = [a for a in ctx.moves[m].consent if a != ctx.me]
    lost_trust = sum(-trust_shift(ctx, a, -rules.trust_loss_detected * (1.0 if a in parties else 0.5)) * s
                     for a, s in stakes(ctx).items())
    p = detection_chance(ctx)
    return gain - p * (lost_deal + lost_trust), row


def move_value(ctx: Context, um: UnilateralMove) -> MoveValue:
    """The expected value of making a unilateral move now, against doing nothing."""
    env = ctx.obs.env
    index = {k: i for i, k in enumerate(ctx.indicator_ids)}
    extra, if_trust, breach = _conditional(ctx, um)
    base = effect_deltas(um.effects, env, index, len(ctx.indicator_ids)) + extra
    after = dict(env)
    for k, i in index.items():
        after[k] = env[k] + base[i]
    branches = [(1.0 - sum(o.chance for o in um.outcomes), base, {})]
    for o in um.outcomes:
        branches.append((o.chance, base + effect_deltas(o.effects, after, index, len(index)), o.trust))
    probs = np.array([max(0.0, b[0]) for b in branches])
    goals = np.array([_goal_change(ctx, b[1]) for b in branches])
    goal = float(probs @ goals)
    spread = float(np.sqrt(max(0.0, probs @ (goals - goal) ** 2)))
    stake = stakes(ctx)
    sure = dict(um.trust)
    for a, d in if_trust.items():
        sure[a] = sure.get(a, 0.0) + d
    trust = sum(trust_shift(ctx, a, d) * stake.get(a, 0.0) for a, d in sure.items())
    for chance, _, t in branches[1:]:
        trust += chance * sum(trust_shift(ctx, a, d) * stake.get(a, 0.0) for a, d in t.items())
    agreement = 0.0
    opened = 0.0
    target = um.suspend or um.restore
    if target is not None and target in ctx.move_index:
        m = ctx.move_index[target]
        if um.suspend:
            row = _without(ctx, target, um.package)
        else:
            row = ctx.levels.copy()
            held = [a for a in ctx.obs.agreements if a.move == target]
            if held:
                row[m] = held[0].level
        agreement = float(values(ctx, row[None, :], discount=False)[0]) - no_deal_value(ctx)
        opened = unlock(ctx, row)  # the deals that what is in force after the move opens or closes
    if breach is not None:
        cost, row = _breach(ctx, breach)
        agreement += cost
        opened += detection_chance(ctx) * unlock(ctx, row)
        target = target or breach
    capital = CAPITAL_VALUE * um.cost * (0.3 + 0.7 * ctx.remaining / max(1, ctx.obs.turns))
    risk = (1.0 - ctx.obs.me.personality.risk) * 0.5 * spread
    pressure, aim = leverage(ctx, probs @ np.array([b[1] for b in branches]))
    warned = warned_refusers(ctx).get(um.id)
    value = goal + agreement + opened + trust + pressure - capital - risk + (CREDIBILITY if warned else 0.0)
    diff = base * ctx.goal_slope
    if abs(agreement) > abs(goal) and target is not None:
        driver = ctx.move(target).name
    elif diff.size and np.abs(diff).max() > 0:
        driver = ctx.indicator_label(int(np.argmax(diff if goal >= 0 else -diff)))
    else:
        driver = um.name
    return MoveValue(um, value, goal, agreement, trust, driver, pressure,
                     ctx.moves[aim].name if aim is not None else None, warned, opened)


def warned_refusers(ctx: Context) -> dict[str, str]:
    """Unilateral move -> an actor the actor warned of it in a message and who has refused one of its
    deals since, while the move has not been made since the warning: a warning whose condition is met."""
    if "warned" in ctx._cache:
        return ctx._cache["warned"]
    out: dict[str, str] = {}
    warnings = [n.turn for n in ctx.obs.notes if n.warn is not None and n.sender == ctx.me]
    if not warnings:
        ctx._cache["warned"] = out  # it warned nobody: the log need not be read
        return out
    # the last turn it made each move, read from the turn of its first warning on (the log comes in
    # turn order): an earlier one can make no warning void
    log = ctx.obs.log
    first = turn_start(log, min(warnings))
    made = {e.ref: e.turn for e in log[first:] if e.kind == "move" and e.actor == ctx.me}
    for n in ctx.obs.notes:
        if n.sender != ctx.me or n.warn is None or made.get(n.warn, -1) >= n.turn:
            continue
        for p in ctx.obs.proposals:
            if p.sender == ctx.me and p.turn >= n.turn and p.answer_of(n.to) in ("reject", "counter"):
                out[n.warn] = n.to
    ctx._cache["warned"] = out
    return out


def move_values(ctx: Context) -> list[MoveValue]:
    """Values of every unilateral move open to the actor now."""
    key = "move_values"
    if key not in ctx._cache:
        ctx._cache[key] = [_move_value_of(ctx, um) for um in _open_moves(ctx)]
    return ctx._cache[key]


def _open_moves(ctx: Context) -> list[UnilateralMove]:
    """The unilateral moves open to the actor now, in the observation's order (for the decision)."""
    if "open_moves" not in ctx._cache:
        ctx._cache["open_moves"] = [um for um in ctx.obs.unilateral_moves if ctx.available(um)]
    return ctx._cache["open_moves"]


def _move_value_of(ctx: Context, um: UnilateralMove) -> MoveValue:
    """``move_value``, remembered for the decision: a pure function of it, whichever asks first."""
    memo = ctx._cache.setdefault("move_value_of", {})
    hit = memo.get(id(um))
    if hit is None or hit[0] is not um:
        hit = memo[id(um)] = (um, move_value(ctx, um))
    return hit[1]


def choose_move(ctx: Context, tau: float, rng: np.random.Generator) -> MoveValue | None:
    """The unilateral move to make (None: none): softmax over values, doing nothing worth 0."""
    options = move_values(ctx)
    if not options:
        return None
    vals = np.array([0.0] + [o.value for o in options])
    if tau <= 0:
        k = int(np.argmax(vals))
    else:
        w = np.exp((vals - vals.max()) / tau)
        k = int(rng.choice(len(vals), p=w / w.sum()))
    return None if k == 0 else options[k - 1]


def move_reason(ctx: Context, mv: MoveValue) -> str:
    if mv.warned is not None:
        return why.clip(f"{why.subject(ctx, 'chooses')} {mv.move.name}: it warned {ctx.names[mv.warned]} it would, "
                        "and its deal was refused")
    if mv.unlock > max(abs(mv.goal), mv.pressure) and mv.unlock > 0:
        return why.clip(f"{why.subject(ctx, 'chooses')} {mv.move.name}: the change to {mv.driver} should bring the "
                        "others to a deal they refuse now")
    if mv.pressure > max(abs(mv.goal), abs(mv.agreement)) and mv.target is not None:
        return why.clip(f"{why.subject(ctx, 'chooses')} {mv.move.name}: the pressure may push the others to agree "
                        f"{mv.target}, which it wants")
    if mv.agreement and abs(mv.agreement) >= abs(mv.goal):
        verb = "restores" if mv.agreement > 0 else "suspends"
        return why.clip(f"{why.subject(ctx, 'chooses')} {mv.move.name}: it {verb} {mv.driver} because that is worth "
                        "more to it than the cost")
    return why.clip(f"{why.subject(ctx, 'chooses')} {mv.move.name}: it expects to gain on {mv.driver} more than the "
                    "move costs it")


def threat_against(ctx: Context, other: str) -> UnilateralMove | None:
    """A unilateral move the actor could make now that hurts another actor and is not absurd for it."""
    best, best_value = None, -THREAT_FLOOR
    for um in _open_moves(ctx):  # only the moves that hurt the other are weighed
        if um.trust.get(other, 0.0) < 0:
            value = _move_value_of(ctx, um).value
            if value > best_value:
                best, best_value = um, value
    return best


# ---------------------------------------------------------------------------------------------
# compliance


@dataclass(frozen=True)
class Compliance:
    move: str
    keep: bool
    gain: float  # what breaking gains (may be negative)
    cost: float  # expected cost of breaking
    detection: float


def detection_chance(ctx: Context) -> float:
    active = [a for a in ctx.obs.agreements if not a.suspended]
    total = ctx.obs.rules.base_detection + sum(ctx.monitoring[ctx.move_index[a.move], a.level] for a in active)
    return float(min(1.0, total))


def compliance(ctx: Context, move: str) -> Compliance:
    """Whether to keep the actor's duties under the agreement on a joint move.

    A pure function of the moment, the others' trust in the actor, its loyalty and the rules on
    trust and detection: remembered for the moment (``Context.shared``), keyed by those."""
    obs = ctx.obs
    rules = obs.rules
    key = (move, obs.me.personality.loyalty, tuple([v.trust_in_you for v in obs.actors]),
           rules.trust_loss_detected, rules.trust_gain_kept, rules.base_detection)
    memo = ctx.shared.setdefault("compliance", {})
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = _compliance(ctx, move)
    return hit


def _compliance(ctx: Context, move: str) -> Compliance:
    m = ctx.move_index[move]
    jm = ctx.moves[m]
    level = int(ctx.levels[m])
    variant = jm.variants[level]
    index = {k: i for i, k in enumerate(ctx.indicator_ids)}
    effects = tuple(e for o in variant.obligations if o.actor == ctx.me for e in o.violation)
    gain = _goal_change(ctx, effect_deltas(effects, ctx.obs.env, index, len(index)))
    row = ctx.levels.copy()
    row[m] = jm.status_quo
    deal = next((a.proposal for a in ctx.obs.agreements if a.move == move), None)
    if deal is not None:  # a package stands or falls together (rule 5.3)
        for a in ctx.obs.agreements:
            if a.proposal == deal and a.move in ctx.move_index:
                row[ctx.move_index[a.move]] = ctx.moves[ctx.move_index[a.move]].status_quo
    keeping = no_deal_value(ctx) - float(values(ctx, row[None, :], discount=False)[0])
    rules = ctx.obs.rules
    stake = stakes(ctx)
    parties = [a for a in jm.consent if a != ctx.me]
    lost = sum(-trust_shift(ctx, a, -rules.trust_loss_detected * (1.0 if a in parties else 0.5)) * s
               for a, s in stake.items())
    earned = sum(trust_shift(ctx, a, rules.trust_gain_kept) * stake.get(a, 0.0) for a in parties)
    p = detection_chance(ctx)
    loyalty = 0.5 + ctx.obs.me.personality.loyalty
    cost = loyalty * (p * (keeping + lost) + earned)
    return Compliance(move, not gain > cost + 1e-6, gain, cost, p)


def compliance_reason(ctx: Context, c: Compliance) -> str:
    name = ctx.move(c.move).name
    if c.keep:
        return why.clip(f"{why.subject(ctx, 'keeps')} its duties under {name}: being caught ({c.detection:.0%} chance) "
                        "and losing the agreement would cost more than breaking gains")
    return why.clip(f"{why.subject(ctx, 'breaks')} its duties under {name}: a {c.detection:.0%} chance of being caught is "
                    "worth what it gains")
