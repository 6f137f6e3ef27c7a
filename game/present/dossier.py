"""A dossier for every other actor: what the viewer has seen of it, and what it seems to want.

Its public position on each joint move and how it changed; what it said, proposed, accepted and
refused, and what it did (with the turn); trust both ways and why it moved; its duties under the
agreements in force; and the viewer's **estimate** of what it wants on each move and how much it
cares, with how sure the estimate is. The estimate is the same reading of the observation the
computer actors make at their hardest level (``game.ai.beliefs.reading``): public positions,
then what the actor proposed, wrote, accepted and refused. It can be wrong; the debrief says how
close it came (``game.present.debrief.estimate_accuracy``). Nothing here reads the state. Plain JSON-able data.
"""

from __future__ import annotations

from game.ai.beliefs import reading
from game.ai.context import Context
from game.core.model import Scenario
from game.core.observe import Observation
from game.present import words
from game.present.digest import digest, split_reason
from game.present.entries import cause_text, entry_text

SAID = ("proposal", "counter", "accept", "reject", "statement", "message")
DONE = ("move", "outcome", "kept", "violation", "detected")


def sureness_words(p: float) -> str:
    """How sure an estimate is, from the chance given to its most likely variant."""
    if p >= 0.75:
        return "fairly sure"
    if p >= 0.5:
        return "a reasonable guess"
    if p >= 0.3:
        return "a rough guess"
    return "little to go on"


def estimates(obs: Observation) -> dict[str, dict[str, dict]]:
    """other actor -> joint move -> {"level", "chance", "salience", "spread"}: the viewer's reading."""
    if not obs.joint_moves:
        return {}
    ctx = Context.build(obs)
    ids, belief, sal = reading(ctx)
    out: dict[str, dict[str, dict]] = {}
    for j, a in enumerate(ids):
        row = {}
        for m, jm in enumerate(ctx.moves):
            probs = belief[j, m, :len(jm.variants)]
            level = int(probs.argmax())
            row[jm.id] = {"level": level, "chance": round(float(probs[level]), 3),
                          "salience": round(float(sal[j, m]), 3),
                          "probs": [round(float(x), 3) for x in probs]}
        out[a] = row
    return out


def _positions(obs: Observation, sc: Scenario, other: str) -> list[dict]:
    view = obs.actor_view(other)
    said: dict[str, list[dict]] = {}
    for e in obs.log:
        if e.kind == "statement" and e.actor == other and e.ref:
            said.setdefault(e.ref, []).append({"turn": e.turn, "text": split_reason(entry_text(e, sc))[0]})
    start = sc.actor(other).stances
    out = []
    for jm in sc.joint_moves:
        stated = view.public.get(jm.id)
        first = start[jm.id].public if jm.id in start else None
        out.append({"move": jm.id, "name": jm.name,
                    "stated": jm.variants[stated].label if stated is not None else None,
                    "at_start": jm.variants[first].label if first is not None else None,
                    "history": said.get(jm.id, [])})
    return out


def _trust(obs: Observation, sc: Scenario, other: str) -> list[dict]:
    out = []
    for t in obs.trust_changes:
        if {t.actor, t.toward} != {obs.actor, other}:
            continue
        way = "them → you" if t.actor == other else "you → them"
        out.append({"turn": t.turn, "way": way, "before": round(t.before, 1), "after": round(t.after, 1),
                    "why": cause_text(t.cause, sc)})
    return out[-12:]


def _duties(obs: Observation, sc: Scenario, other: str) -> list[dict]:
    out = []
    for a in obs.agreements:
        variant = sc.joint_move(a.move).variants[a.level]
        for o in variant.obligations:
            if o.actor == other:
                out.append({"move": a.move, "name": sc.joint_move(a.move).name, "variant": variant.label,
                            "duty": o.duty, "suspended": a.suspended})
    return out


def dossier(obs: Observation, sc: Scenario, other: str, reading_: dict | None = None,
            groups: list[dict] | None = None) -> dict:
    """Everything the viewer knows and estimates about one other actor (``reading_`` and
    ``groups``: the estimates and the digest, when already worked out)."""
    actor = sc.actor(other)
    view = obs.actor_view(other)
    guesses = (reading_ if reading_ is not None else estimates(obs)).get(other, {})
    record = []
    done = []
    for group in groups if groups is not None else digest(obs, sc):
        for item in group["mine"] + group["rest"] + group["yours"]:
            if item["actor"] != other:
                continue
            line = {"turn": item["turn"], "label": item["label"], "text": item["text"], "why": item["why"],
                    "count": item["count"]}
            (record if item["kind"] in SAID else done if item["kind"] in DONE else record).append(line)
    wants = []
    for jm in sc.joint_moves:
        g = guesses.get(jm.id)
        if g is None:
            continue
        known = g["salience"] > 0
        wants.append({"move": jm.id, "name": jm.name, "level": g["level"],
                      "wants": jm.variants[g["level"]].label if known else None,
                      "chance": g["chance"], "sure": sureness_words(g["chance"]) if known else "nothing seen yet",
                      "salience": g["salience"], "cares": words.salience_words(g["salience"]) if known else "unknown",
                      "probs": g["probs"]})
    return {"id": other, "name": actor.name, "short_name": actor.short_name, "description": actor.description,
            "colour": actor.colour, "capability": actor.capability,
            "trust_in_you": round(view.trust_in_you, 1), "your_trust": round(obs.trust.get(other, 0.0), 1),
            "trust_words": words.trust_words(view.trust_in_you), "trust_history": _trust(obs, sc, other),
            "positions": _positions(obs, sc, other), "record": record[:20], "done": done[:12],
            "duties": _duties(obs, sc, other), "estimate": wants}


def dossiers(obs: Observation, sc: Scenario) -> dict[str, dict]:
    """A dossier for every other actor, the estimates worked out once."""
    guesses = estimates(obs)
    groups = digest(obs, sc)
    return {a.id: dossier(obs, sc, a.id, guesses, groups) for a in sc.actors if a.id != obs.actor}
