"""How a computer actor handles format 1.1: red lines, renewals, mediators, parallel signatures.

Two small hooks around the negotiating agent, so that its own logic stays as it is:

- ``before(obs)``: an action to take first, or None. A red line is refused at once; a mediator
  signs what the parties put to it; a party with no stance on a deal's moves does not block it
  (it accepts: the decision in docs/decisions.md); an actor renews an agreement it values that
  lapses at the end of this turn.
- ``after(obs, action)``: the agent's action made to fit the rules of 1.1: never propose,
  counter or accept one's own red line; a deal goes to the parties each variant needs; a
  parallel move goes to a mediator; and when trust in the other parties is low, the deal is
  sent through a mediator.

Both read the observation only, like the rest of the agent.
"""

from __future__ import annotations

from game.core.actions import Accept, Action, Counter, EndPhase, Propose, Reject, Terms
from game.core.model import JointMove
from game.core.observe import Observation

LOW_TRUST = 40.0  # below this, an actor deals through a mediator when there is one


def _move(obs: Observation, move_id: str) -> JointMove:
    for jm in obs.joint_moves:
        if jm.id == move_id:
            return jm
    raise KeyError(move_id)


def _name(obs: Observation, actor: str | None = None) -> str:
    return obs.actor_view(actor or obs.actor).name


def _verb(obs: Observation, singular: str, plural: str) -> str:
    return plural if obs.actor_view(obs.actor).plural else singular


def _mediators(obs: Observation) -> list[str]:
    return [v.id for v in obs.actors if v.mediator and v.id != obs.actor]


def red_lines_crossed(obs: Observation, terms: Terms) -> list[str]:
    """The labels of the deal's variants that cross the observer's own red lines."""
    out = []
    for move, level in terms:
        stance = obs.me.stances.get(move)  # red lines are fixed: the scenario's stance holds them
        if stance is not None and stance.forbids(level):
            jm = _move(obs, move)
            out.append(f"{jm.name}: {jm.variants[level].label}")
    return out


def before(obs: Observation) -> Action | None:
    """An action the rules of format 1.1 call for before the agent thinks, or None."""
    me = obs.actor
    for p in obs.open_to_me():
        crossed = red_lines_crossed(obs, p.terms)
        if crossed:
            return Reject(me, p.id, f"{_name(obs)} {_verb(obs, 'rejects', 'reject')}: {crossed[0]} is a red "
                          f"line {_verb(obs, 'it', 'they')} will never accept")
        if obs.me.mediator:
            return Accept(me, p.id, f"{_name(obs)} {_verb(obs, 'signs', 'sign')}: a mediator carries what the "
                          "parties agree")
        if me in p.needed and all(m not in obs.stances for m, _ in p.terms):
            return Accept(me, p.id, f"{_name(obs)} {_verb(obs, 'has', 'have')} no stake in this deal and "
                          f"{_verb(obs, 'does', 'do')} not stand in its way")
    if obs.phase == "diplomacy" and obs.budget > 0:
        return _renewal(obs)
    return None


def _renewal(obs: Observation) -> Action | None:
    me = obs.actor
    for a in obs.agreements:
        if (a.suspended or a.expires is None or a.expires != obs.turn or a.since >= obs.turn
                or me not in a.parties):
            continue
        stance = obs.stances.get(a.move)
        jm = _move(obs, a.move)
        if stance is None or abs(a.level - stance.ideal) >= abs(jm.status_quo - stance.ideal):
            continue
        terms = ((a.move, a.level),)
        if any(p.status == "open" and p.sender == me and p.terms == terms for p in obs.proposals):
            continue
        to = _recipients(obs, jm, a.level)
        if to:
            label = jm.variants[a.level].label
            return Propose(me, to, terms, f"{_name(obs)} {_verb(obs, 'wants', 'want')} to renew {jm.name}: "
                           f"{label} before it lapses")
    return None


def _recipients(obs: Observation, jm: JointMove, level: int) -> tuple[str, ...]:
    """Whom a one-move deal goes to: its other parties, or for a parallel move a mediator."""
    if jm.parallel:
        if obs.me.mediator or obs.actor not in jm.consent_for(level):
            return ()
        return tuple(_mediators(obs)[:1])
    return tuple(a for a in jm.consent_for(level) if a != obs.actor)


def after(obs: Observation, action: Action) -> Action:
    """The agent's action, made to fit red lines, consent per variant, parallel moves and mediators."""
    me = obs.actor
    if isinstance(action, Accept):
        p = next((q for q in obs.proposals if q.id == action.proposal), None)
        crossed = red_lines_crossed(obs, p.terms) if p is not None else []
        if crossed:
            return Reject(me, action.proposal, f"{_name(obs)} {_verb(obs, 'rejects', 'reject')}: {crossed[0]} "
                          "is a red line")
        return action
    if isinstance(action, Counter):
        crossed = red_lines_crossed(obs, action.terms)
        if crossed or any(_move(obs, m).parallel for m, _ in action.terms):
            why = f"{crossed[0]} is a red line" if crossed else "that move is signed separately"
            return Reject(me, action.proposal, f"{_name(obs)} {_verb(obs, 'rejects', 'reject')}: {why}")
        return action
    if not isinstance(action, Propose):
        return action
    crossed = red_lines_crossed(obs, action.terms)
    if crossed:
        return EndPhase(me, f"{_name(obs)} will not offer {crossed[0]}: it is a red line")
    parallel = [(m, lv) for m, lv in action.terms if _move(obs, m).parallel]
    if parallel:
        move, level = parallel[0]
        to = _recipients(obs, _move(obs, move), level)
        if any(s[0] == move and s[1] == level and me in s[2] for s in obs.signatures):
            return EndPhase(me, f"{_name(obs)} {_verb(obs, 'has', 'have')} signed and {_verb(obs, 'waits', 'wait')} "
                            "for the others")
        if not to or (level == obs.levels.get(move) and not any(
                a.move == move and a.expires is not None and not a.suspended for a in obs.agreements)):
            return EndPhase(me, f"{_name(obs)} has no separate signature to offer")
        return Propose(me, to, ((move, level),), action.reason)
    to = list(action.to)
    for move, level in action.terms:
        for a in _move(obs, move).consent_for(level):
            if a != me and a not in to:
                to.append(a)
    mediators = [m for m in _mediators(obs) if m not in to]
    if mediators and any(obs.trust.get(a, 100.0) < LOW_TRUST for a in to):
        to.append(mediators[0])
        reason = (action.reason + "; " if action.reason else "") + \
            f"through {_name(obs, mediators[0])}, as trust is low"
        return Propose(me, tuple(to), action.terms, reason)
    if len(to) != len(action.to):
        return Propose(me, tuple(to), action.terms, action.reason)
    return action
