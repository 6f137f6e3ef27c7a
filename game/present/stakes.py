"""What is at stake now: a short list, for the start of each turn, of what is close.

An ending or a triggered event whose condition one indicator is near to meeting ("Air incident
risk 42: 8 points from “Air clash”"), the calendar's deadlines, agreements suspended or about to
be judged, and proposals waiting for the viewer's answer. Each item names where to act (``act``:
a place every renderer knows: ``answer`` a proposal, ``propose``, ``actions``, ``why``,
``dossier`` of an actor). Everything is read from the observation and the scenario's public
text (endings and events are in the scenario file everyone can read). Plain JSON-able data.
"""

from __future__ import annotations

import re

from game.core.errors import ExpressionError
from game.core.model import Expression, Scenario
from game.core.observe import Observation
from game.core.state import Proposal
from game.present import words
from game.present.answers import same_deal

NEAR = 0.2  # an indicator within this share of its range from a threshold is "close"
_NUMBER = r"-?\d+(?:\.\d+)?"


def thresholds(condition: Expression, name: str) -> list[float]:
    """The numbers the condition compares one name with."""
    text = condition.text
    found = re.findall(rf"\b{re.escape(name)}\s*(?:>=|<=|>|<|==)\s*({_NUMBER})", text)
    found += re.findall(rf"({_NUMBER})\s*(?:>=|<=|>|<|==)\s*{re.escape(name)}\b", text)
    return [float(x) for x in found]


def _holds(condition: Expression, env: dict[str, float]) -> bool:
    try:
        return condition.truth(env)
    except ExpressionError:
        return False


def distance(condition: Expression, obs: Observation, sc: Scenario) -> tuple[str, float] | None:
    """(indicator, points) of the smallest move of one indicator that would make the condition
    hold, if it does not hold now and some indicator can do it; None otherwise."""
    env = dict(obs.env)
    if _holds(condition, env):
        return None
    best: tuple[str, float] | None = None
    for ind in sc.indicators:
        if ind.id not in condition.names:
            continue
        now = obs.values[ind.id]
        for t in thresholds(condition, ind.id):
            for target in (t, t + 0.5, t - 0.5, t + 1, t - 1):
                if not ind.min <= target <= ind.max:
                    continue
                trial = dict(env)
                trial[ind.id] = target
                if _holds(condition, trial):
                    gap = abs(target - now)
                    if best is None or gap < best[1]:
                        best = (ind.id, gap)
    return best


def _near(obs: Observation, sc: Scenario, condition: Expression | None) -> tuple[str, float, float] | None:
    if condition is None:
        return None
    found = distance(condition, obs, sc)
    if found is None:
        return None
    ind = sc.indicator(found[0])
    share = found[1] / ((ind.max - ind.min) or 1.0)
    return (found[0], found[1], share) if share <= NEAR else None


def left_of(obs: Observation) -> int:
    """Turns after this one."""
    return obs.turns - obs.turn


def _near_item(obs: Observation, sc: Scenario, kind: str, urgency: float, near: tuple, what: str,
               title: str) -> dict:
    """A stake for an indicator close to a threshold: 'Civilian harm 84: 6 points from “Escalation”'."""
    ind_id, distance, closeness = near[0], near[1], near[2]
    ind = sc.indicator(ind_id)
    head = f"{ind.label} {words.value(obs.values[ind.id])}: {_point(distance)} from "
    return {"kind": kind, "urgency": urgency - closeness, "text": f"{head}{what}“{title}”",
            "short": f"{head}“{title}”", "act": {"to": "why", "ref": ind.id}}


def _point(gap: float) -> str:
    return words.plural_s(round(gap), "point")


def stakes(obs: Observation, sc: Scenario) -> list[dict]:
    """[{"kind", "text", "short" (the same in a few words), "urgency" (0-1, higher first), "act": {"to",
    "ref"}}], most urgent first."""
    out: list[dict] = []
    if obs.phase == "over":
        return out
    same: dict[tuple, list[Proposal]] = {}  # copies of one deal from one sender make one stake
    for p in obs.open_to_me():
        same.setdefault(same_deal(p), []).append(p)
    for copies in same.values():
        p = copies[0]
        sender = sc.actor(p.sender)
        terms = "; ".join(words.terms_lines(sc, p.terms))
        last = " — answer it now or it lapses" if obs.phase == "answers" else ""
        ids = words.join([f"#{c.id}" for c in copies])
        text = (f"Proposal #{p.id} from {sender.name} waits for your answer" if len(copies) == 1 else
                f"Proposals {ids} from {sender.name}, the same deal {words.times(len(copies))}, wait for your answer")
        out.append({"kind": "proposal", "urgency": 0.95 if last else 0.9, "text": f"{text}: {terms}{last}",
                    "short": f"Answer {ids} from {sender.short_name}: {terms}",
                    "act": {"to": "answer", "ref": p.id}})
    for p in obs.proposals:
        if p.status == "open" and p.sender == obs.actor:
            waiting = [a for a in p.needed if a != obs.actor and p.answer_of(a) is None]
            if waiting:
                names = words.join([sc.actor(a).short_name for a in waiting])
                out.append({"kind": "waiting", "urgency": 0.4,
                            "text": f"Your proposal #{p.id} waits for {names}",
                            "short": f"Your #{p.id} waits for {names}",
                            "act": {"to": "dossier", "ref": waiting[0]}})  # what the one to answer wants
    heading = None
    for ending in sc.endings:
        holds = ending.condition is not None and _holds(ending.condition, dict(obs.env))
        if holds and ending.at == "any":
            out.append({"kind": "ending", "urgency": 1.0, "act": {"to": "why", "ref": None},
                        "text": f"“{ending.title}” ends the game at this turn's resolution unless it changes: "
                                f"{words.expr_text(ending.condition.text, sc)} holds now",
                        "short": f"Ends this turn: “{ending.title}” "
                                 f"({words.expr_text(ending.condition.text, sc)})"})
            continue
        if ending.at == "end" and heading is None and (holds or ending.condition is None):
            heading = ending
        if ending.at == "end" and obs.turn < obs.turns:
            continue
        near = _near(obs, sc, ending.condition)
        if near:
            out.append(_near_item(obs, sc, "ending", 0.85, near, "the ending ", ending.title))
    if heading is not None:
        out.append({"kind": "heading", "urgency": 0.45 if left_of(obs) <= 1 else 0.3, "act": {"to": "propose", "ref": None},
                    "text": f"If the calendar ran out now, the game would end in “{heading.title}”",
                    "short": f"Heading for: “{heading.title}”"})
    happened = {e.ref for e in obs.log if e.kind == "news"}
    for ev in sc.events:
        if ev.trigger is None or (ev.id in happened and not ev.repeat):
            continue
        near = _near(obs, sc, ev.trigger)
        if near:
            out.append(_near_item(obs, sc, "trigger", 0.7, near, "what could set off ", ev.headline))
    left = obs.turns - obs.turn
    if left == 0:
        out.append({"kind": "deadline", "urgency": 0.8, "act": {"to": "propose", "ref": None},
                    "text": "Last turn: the game ends after this turn's resolution",
                    "short": "Last turn: the game ends after it"})
    elif left == 1:
        out.append({"kind": "deadline", "urgency": 0.6, "act": {"to": "propose", "ref": None},
                    "text": "One turn after this one: deals made now work for two resolutions",
                    "short": "One turn left after this one"})
    if obs.phase == "diplomacy" and obs.round == obs.rounds:
        out.append({"kind": "deadline", "urgency": 0.5, "act": {"to": "propose", "ref": None},
                    "text": f"Last round of diplomacy this turn ({words.plural_s(obs.budget, 'action')} left): "
                            "proposals still open after it get one last answer, then lapse",
                    "short": "Last round of diplomacy this turn"})
    for a in obs.agreements:
        jm = sc.joint_move(a.move)
        if a.suspended:
            out.append({"kind": "suspended", "urgency": 0.55, "act": {"to": "actions", "ref": a.move},
                        "text": f"{jm.name} is suspended: it works no effects until someone restores it",
                        "short": f"{jm.name} is suspended"})
        elif a.move in obs.obligations and obs.phase == "actions":
            out.append({"kind": "duty", "urgency": 0.5, "act": {"to": "actions", "ref": a.move},
                        "text": f"{jm.name} ({jm.variants[a.level].label}) obliges you: keep or break it this turn",
                        "short": f"Keep or break: {jm.name}"})
    out.sort(key=lambda i: -i["urgency"])
    for i in out:
        i["urgency"] = round(i["urgency"], 3)
    return out
