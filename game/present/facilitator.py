"""The facilitator's console as view data: everything, for the one role that may see everything.

Pure (no pygame, no clock): ``console_view(session)`` is a dictionary of strings, numbers, lists and
dictionaries only, so the window lays it out and a host could send it as JSON. It reads the whole
state (every seat's private stances, brief, messages and secret orders) and the action list (the
reasons the computer actors gave). ``revealed_view(state, actions)`` is what the facilitator chose
to show on the debrief (rule 10.7).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.core.actions import FACILITATOR, Action
from game.core.facilitator import PART_NAMES, PARTS, stage, stand_in
from game.core.scoring import score
from game.core.state import State
from game.present import words

REASONS_SHOWN = 8  # the latest reasons of each seat
LOG_SHOWN = 60


def phase_words(state: State) -> str:
    """'Turn 2 · Diplomacy, round 1 of 2' (or the ending)."""
    if state.phase == "over":
        return f"Turn {state.turn} · the game is over"
    if state.phase == "diplomacy":
        what = f"Diplomacy, round {state.round} of {state.scenario.rules.rounds}"
    else:
        what = {"answers": "Last answers", "actions": "Actions (secret)"}[state.phase]
    return f"Turn {state.turn} of {state.scenario.turns} · {what}"


def _stances(state: State, actor: str) -> list[dict[str, Any]]:
    sc = state.scenario
    out = []
    for jm in sc.joint_moves:
        st = state.stances[actor].get(jm.id)
        if st is None:
            continue
        said = state.public[actor].get(jm.id)
        out.append({"move": jm.name, "wants": jm.variants[st.ideal].label,
                    "cares": words.salience_words(st.salience), "salience": round(st.salience, 2),
                    "says": jm.variants[said].label if said is not None else None,
                    "differs": said is not None and said != st.ideal})
    return out


def _brief(state: State, actor: str) -> dict[str, Any]:
    a = state.scenario.actor(actor)
    return {"objectives": list(a.objectives), "red_lines": list(a.red_lines),
            "goals": [f"{state.scenario.indicator(g.indicator).label}: {g.want}" for g in a.goals]}


def _messages(state: State, actor: str) -> list[str]:
    sc = state.scenario
    out = []
    for n in state.notes:
        if actor not in (n.sender, n.to):
            continue
        jm = sc.joint_move(n.move)
        text = (f"Turn {n.turn}: {sc.actor(n.sender).short_name} → {sc.actor(n.to).short_name}: could live with "
                f"{jm.name}: {jm.variants[n.level].label}")
        if n.warn:
            text += f"; or else {sc.unilateral_move(n.warn).name}"
        out.append(text)
    return out


def reasons(actions: Sequence[Action], actor: str, limit: int = REASONS_SHOWN) -> list[str]:
    """The latest reasons a seat gave with its actions (the computer actors give one with each)."""
    said = [a.reason for a in actions if a.actor == actor and a.reason]
    return said[-limit:]


def _orders(state: State, actor: str) -> str:
    if state.phase != "actions":
        return ""
    o = state.orders.get(actor)
    if o is None or not (o.done or o.move or o.breaks):
        return "has not chosen yet"
    sc = state.scenario
    move = sc.unilateral_move(o.move).name if o.move else "no move"
    breaks = f"; breaks {', '.join(sc.joint_move(m).name for m in sorted(o.breaks))}" if o.breaks else ""
    return f"{'chose' if o.done else 'choosing'}: {move}{breaks}"


def seat_view(state: State, seats: dict, actions: Sequence[Action], actor: str) -> dict[str, Any]:
    """One seat, with everything private about it."""
    sc = state.scenario
    a = sc.actor(actor)
    seat = seats[actor]
    player = "a person" if seat.kind == "human" else f"the computer ({seat.level})"
    if actor in stand_in(state):
        player += ", the computer stands in this phase"
    trust = {sc.actor(b).short_name: round(v) for b, v in state.trust[actor].items()}
    return {"id": actor, "name": a.name, "short_name": a.short_name, "colour": a.colour, "playable": a.playable,
            "human": seat.kind == "human", "player": player, "to_move": state.to_move == actor,
            "score": round(score(state, actor), 1), "capital": state.capital[actor],
            "budget": state.budget.get(actor, 0), "orders": _orders(state, actor),
            "stances": _stances(state, actor), "brief": _brief(state, actor), "messages": _messages(state, actor),
            "reasons": reasons(actions, actor), "trust": trust,
            "revealed": [p for s, p in state.console.revealed if s == actor]}


def console_view(session) -> dict[str, Any]:
    """Everything the facilitator's console shows about a session."""
    state: State = session.state
    sc = state.scenario
    c = state.console
    names = {a.id: a.name for a in sc.actors}
    log = [{"turn": e.turn, "kind": e.kind, "label": words.KIND_LABEL.get(e.kind, e.kind.upper()),
            "text": e.text, "private": None if e.visible is None else
            (", ".join(names.get(v, v) for v in sorted(e.visible)) or "the facilitator")}
           for e in state.log[-LOG_SHOWN:]]
    return {
        "title": sc.title,
        "phase": phase_words(state),
        "stage": list(stage(state)),
        "over": state.phase == "over",
        "to_move": names.get(state.to_move) if state.to_move else None,
        "paused": c.paused,
        "deadline": c.deadline,
        "branch": c.branch,
        "pending": [p.headline for p in c.pending],
        "events": [{"id": e.id, "headline": e.headline, "happened": state.happened.get(e.id, 0)}
                   for e in sc.events],
        "indicators": [i.id for i in sc.indicators],
        "rollback_turns": [s.turn for s in state.starts],
        "seats": [seat_view(state, session.seats, session.actions, a) for a in sc.actor_ids],
        "parts": [{"id": p, "name": PART_NAMES[p]} for p in PARTS],
        "log": log,
        "facilitator_actions": sum(1 for a in session.actions if a.actor == FACILITATOR),
    }


def part_lines(seat: dict[str, Any], part: str) -> list[str]:
    """One private part of a seat's view, as lines of text."""
    if part == "stances":
        return [f"{s['move']}: wants {s['wants']} ({s['cares']})"
                + (f"; says in public {s['says']}" if s["differs"] else "") for s in seat["stances"]]
    if part == "brief":
        b = seat["brief"]
        return ([f"Objective: {o}" for o in b["objectives"]] + [f"Red line: {r}" for r in b["red_lines"]]
                + [f"Scored on: {g}" for g in b["goals"]])
    if part == "messages":
        return seat["messages"] or ["No private messages."]
    return seat["reasons"] or ["No reasons given (a person plays this seat, or it has not acted)."]


def revealed_view(session) -> list[dict[str, Any]]:
    """What the facilitator revealed for the debrief (rule 10.7), in the order it was revealed."""
    state: State = session.state
    out = []
    for actor, part in state.console.revealed:
        seat = seat_view(state, session.seats, session.actions, actor)
        out.append({"seat": seat["name"], "colour": seat["colour"], "part": PART_NAMES[part],
                    "lines": part_lines(seat, part)})
    return out
