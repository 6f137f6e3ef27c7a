"""The actions phase in words: what a unilateral move does and why it is not open, what keeping or
breaking an agreement means, and what political capital is. All from the viewer's observation."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.errors import ExpressionError
from game.core.model import Scenario, UnilateralMove
from game.core.observe import Observation
from game.present import agreements, words
from game.present.deal import score_at


def capital_text(obs: Observation) -> str:
    """What political capital is, with the viewer's own figures."""
    return (f"Political capital: {obs.capital}. It pays for unilateral moves (each names its cost); "
            f"you regain {obs.me.capital_per_turn} each turn, up to 100. Talking costs none.")


def why_not(obs: Observation, sc: Scenario, um: UnilateralMove) -> str | None:
    """Why the viewer cannot make a unilateral move now, in the scenario's words (None: it can).

    The same checks as the rules (4.2), in the same order, read from the observation."""
    me = obs.actor
    if me not in um.actors:
        names = [sc.actor(a).name for a in um.actors]
        return f"only {words.join(names)} can make it"
    made = obs.times_made.get(um.id, 0)
    if um.limit is not None and made >= um.limit:
        return f"you have made it {words.times(made)}, the most allowed"
    if obs.capital < um.cost:
        return f"it costs {um.cost} political capital and you have {obs.capital}"
    agreements = {a.move: a for a in obs.agreements}
    if um.suspend and (um.suspend not in agreements or agreements[um.suspend].suspended):
        return f"there is no agreement on {sc.joint_move(um.suspend).name} in force to suspend"
    if um.restore and not (um.restore in agreements and agreements[um.restore].suspended):
        return f"the agreement on {sc.joint_move(um.restore).name} is not suspended"
    if um.precondition is not None and not um.precondition.truth(obs.env):
        return f"only possible {words.when_text(um.precondition.text, sc)}"
    return None


def limit_text(obs: Observation, um: UnilateralMove) -> str:
    """'At most once in the game; you have not made it yet.'"""
    if um.limit is None:
        return ""
    made = obs.times_made.get(um.id, 0)
    done = "you have not made it yet" if made == 0 else f"you have made it {words.times(made)}"
    return f"At most {words.times(um.limit)} in the game; {done}."


@dataclass(frozen=True)
class MoveCard:
    """A unilateral move as the actions screen shows it."""

    id: str
    name: str
    why_not: str | None
    lines: tuple[str, ...]


def move_card(obs: Observation, sc: Scenario, um: UnilateralMove) -> MoveCard:
    """The move's description, cost, limit, condition, expected effects, trust and chances."""
    lines = [um.description]
    lines.append(f"Costs {um.cost} political capital (you have {obs.capital})." if um.cost else
                 "Costs no political capital.")
    limit = limit_text(obs, um)
    if limit:
        lines.append(limit)
    if um.precondition is not None:
        lines.append(f"Only possible {words.when_text(um.precondition.text, sc)}.")
    effects = words.effects_text(um.effects, sc, obs.env)
    if effects:
        lines.append("Expected effects: " + ", ".join(effects) + ".")
    trust = words.trust_text(um, sc)
    if trust:
        lines.append("Their trust in you: " + ", ".join(trust) + ".")
    if um.suspend:
        lines.append(f"Suspends the agreement on {sc.joint_move(um.suspend).name}.")
    if um.restore:
        lines.append(f"Restores the agreement on {sc.joint_move(um.restore).name}.")
    for o in um.outcomes:
        lines.append(f"Chance {o.chance * 100:.0f}%: {o.headline.replace('{actor}', obs.me.name)}")
    lines += agreements.move_lines(obs, sc, um)  # format 1.1
    return MoveCard(um.id, um.name, why_not(obs, sc, um), tuple(lines))


def detection_chance(obs: Observation, sc: Scenario) -> float:
    """The chance a breach is caught (rule 5.3): base detection plus the monitoring in force."""
    active = [a for a in obs.agreements if not a.suspended]
    return min(1.0, obs.rules.base_detection + sum(sc.joint_move(a.move).variants[a.level].monitoring
                                                   for a in active))


@dataclass(frozen=True)
class BreachCard:
    """One agreement that obliges the viewer: its duty, and what keeping or breaking it means."""

    move: str
    title: str
    duty: str
    gains: str  # what breaking it does (its violation effects, and what that is worth to the viewer)
    risk: str  # the chance of being caught and what that costs


def breach_card(obs: Observation, sc: Scenario, move: str) -> BreachCard:
    """The viewer's duties under the agreement on a move, and what breaking them gains and risks."""
    a = next(a for a in obs.agreements if a.move == move)
    jm = sc.joint_move(move)
    variant = jm.variants[a.level]
    mine = [o for o in variant.obligations if o.actor == obs.actor]
    duty = " ".join(o.duty for o in mine)
    effects = [e for o in mine for e in o.violation]
    changed = words.effects_text(effects, sc, obs.env)
    if changed:
        worth = _score_change(obs, sc, effects)
        value = (f"worth {words.sign(worth)} to your score now" if worth > 0 else
                 f"costing you {-worth:.0f} points of score now" if worth < 0 else "no change to your score now")
        gains = f"Breaking it: {', '.join(changed)} ({value})."
    else:
        gains = "Breaking it moves no indicator: it only spares you the duty."
    others = [p for p in a.parties if p != obs.actor]
    loss = obs.rules.trust_loss_detected
    package = [b for b in obs.agreements if b.proposal is not None and b.proposal == a.proposal and b.move != move]
    collapse = "the agreement collapses" + (", with the rest of its deal" if package else "")
    who = words.join([sc.actor(p).name for p in others]) or "the other parties"
    trust = "trust" if len(others) != 1 else words.verb(sc.actor(others[0]), "trusts")
    caught = min(1.0, detection_chance(obs, sc) + sum(sc.actor(x).guarantee for x in dict.fromkeys(
        (*a.parties, *a.mediators))))  # format 1.1: guarantors watch what they signed
    risk = (f"Caught with chance {caught * 100:.0f}%: {who} then {trust} you {loss:.0f} less, "
            f"everyone else {loss / 2:.0f} less, and {collapse}.")
    return BreachCard(move, f"{jm.name}: {variant.label}", duty, gains, risk)


def _score_change(obs: Observation, sc: Scenario, effects) -> float:
    values = dict(obs.values)
    env = dict(obs.env)
    for e in effects:
        try:
            new = sc.indicator(e.target).clamp(float(e.new_value(env)))
        except ExpressionError:  # an effect that cannot be worked out changes nothing here
            continue
        env[e.target] = values[e.target] = new
    return round(score_at(obs, sc, dict(obs.levels), values)) - round(score_at(obs, sc, dict(obs.levels), obs.values))
