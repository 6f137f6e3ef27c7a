"""Printable role briefs as plain data: one confidential page per actor and a public background.

``briefs_data(scenario)`` reads only the scenario: an actor's page holds what its player may
know at the start (its own objectives, red lines, goals, true positions and the quotes behind
them, its own moves and trust); the background holds what every player may know.
"""

from __future__ import annotations

from typing import Any

from game.core.model import Actor, Scenario
from game.present import agreements, words
from game.report.data import quote_data, scenario_data, start_levels


def actor_brief(sc: Scenario, actor: Actor) -> dict[str, Any]:
    """What the player of one actor is given at the start, and only that."""
    levels = start_levels(sc)
    positions = []
    for jm in sc.joint_moves:
        st = actor.stances.get(jm.id)
        if st is None:
            continue
        positions.append({
            "move": jm.name,
            "want": jm.variants[st.ideal].label,
            "say": jm.variants[st.public].label,
            "differs": st.public != st.ideal,
            "cares": words.salience_words(st.salience),
            "now": jm.variants[levels[jm.id]].label,
            "veto": actor.id in jm.consent,
            "never": ", ".join(jm.variants[lv].label for lv in st.red_line.levels) if st.red_line else None,
            "term": agreements.term_text(sc, jm.id, st.ideal),
            "quote": quote_data(sc, st.quote),
        })
    moves = [{"name": um.name, "description": um.description, "cost": um.cost,
              "limit": um.limit} for um in sc.unilateral_moves if actor.id in um.actors]
    others = [a for a in sc.actors if a.id != actor.id]
    share = round(100 * sc.rules.stance_weight)
    return {
        "id": actor.id, "name": actor.name, "short_name": actor.short_name, "colour": actor.colour,
        "playable": actor.playable,
        "description": actor.description,
        "objectives": list(actor.objectives),
        "red_lines": list(actor.red_lines) + agreements.red_line_lines(sc, actor),
        "mediator": actor.mediator,
        "scoring": (f"{share}% how close the joint moves in force come to what you want (weighted by how much "
                    f"you care), {100 - share}% the world indicators below." if actor.goals else
                    "How close the joint moves in force come to what you want, weighted by how much you care."),
        "goals": [{"indicator": sc.indicator(g.indicator).label, "want": g.want, "weight": g.weight}
                  for g in actor.goals],
        "positions": positions,
        "vetoes": [jm.name for jm in sc.joint_moves if actor.id in jm.consent],
        "moves": moves,
        "capital": actor.capital, "capital_per_turn": actor.capital_per_turn,
        "trust": [{"name": a.name, "value": round(actor.trust.get(a.id, sc.rules.default_trust)),
                   "words": words.trust_words(actor.trust.get(a.id, sc.rules.default_trust))} for a in others],
    }


def briefs_data(sc: Scenario) -> dict[str, Any]:
    """The background sheet (public) and every actor's brief (each confidential to its player)."""
    public = scenario_data(sc)
    public.pop("history")  # what really happened is for the debrief, not before play
    public.pop("learning_objectives")
    public.pop("discussion_questions")
    positions = [{"actor": a.name, "colour": a.colour,
                  "said": [words.variant_label(sc, jm.id, a.stances[jm.id].public) if jm.id in a.stances else None
                           for jm in sc.joint_moves]} for a in sc.actors]
    rules = sc.rules
    return {
        "format": "parley-briefs", "version": 1,
        "scenario": public,
        "public_positions": positions,
        "rules": {"diplomatic_actions": rules.diplomatic_actions, "rounds": rules.rounds},
        "actors": [actor_brief(sc, a) for a in sc.actors],
    }
