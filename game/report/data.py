"""The debrief report as plain data: everything the page shows, computed from finished games.

``report_data(games)`` takes one or more (label, session) pairs of the same scenario and returns
a dictionary of strings, numbers, lists and dictionaries only: the ``--json`` output and what the
template lays out. It reads no file and knows nothing of HTML. The report is the facilitator's
view: it reveals every actor's private goals, messages and undetected breaches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.core.actions import ChooseMove, SetCompliance
from game.core.model import Ending, Quote, Scenario
from game.core.resolve import CALENDAR_ENDING, ending_of
from game.core.scoring import stance_closeness
from game.core.state import State
from game.present import agreements, words
from game.session import Seat, Session

FORMAT = "parley-report"
VERSION = 1

FORMAT_1_1_KINDS = frozenset({"signed", "lapsed", "red_line"})  # signatures, terms over, red lines crossed

DIPLOMACY = frozenset({"proposal", "counter", "accept", "reject", "statement", "message", "expired"})
TIMELINE = DIPLOMACY | {"news", "agreement", "move", "outcome", "violation", "detected", "suspended", "restored",
                        "collapsed", "ending", "facilitator"}


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(float(x), 2)


def source_text(sc: Scenario, source_id: str | None) -> str:
    """'The Hill, Wed 5 Jul 2017' for a source id ('' for none)."""
    if not source_id:
        return ""
    src = next((s for s in sc.sources if s.id == source_id), None)
    return agreements.source_credit(src) if src else source_id


def quote_data(sc: Scenario, quote: Quote | None) -> dict[str, str] | None:
    """A quote and where it comes from, or None."""
    return None if quote is None else {"text": quote.text, "where": source_text(sc, quote.source)}


def start_levels(sc: Scenario) -> dict[str, int]:
    """The level of every joint move when the game begins."""
    levels = {jm.id: jm.status_quo for jm in sc.joint_moves}
    levels.update(sc.in_force)
    return levels


# ----------------------------------------------------------------------------------- the scenario


def scenario_data(sc: Scenario) -> dict[str, Any]:
    """The public parts of a scenario, with its debrief (history, objectives, questions)."""
    history = []
    for item in sc.debrief.history:
        cite = [c for c in (source_text(sc, item.source), item.reference or "") if c]
        history.append({"date": words.long_date(item.date) if item.date else None, "text": item.text,
                        "cite": "; ".join(cite)})
    return {
        "id": sc.id,
        "title": sc.title,
        "summary": sc.summary,
        "dates": words.date_span(sc),
        "length": words.length(sc),
        "turns": sc.turns,
        "sources": [{"title": s.title, "outlet": s.outlet, "date": agreements.source_date(s), "author": s.author,
                     "own_summary": s.own_summary,
                     "url": s.url} for s in sc.sources],
        "actors": [{"id": a.id, "name": a.name, "short_name": a.short_name, "colour": a.colour,
                    "description": a.description, "playable": a.playable} for a in sc.actors],
        "indicators": [{"id": i.id, "label": i.label, "description": i.description, "min": _num(i.min),
                        "max": _num(i.max), "start": _num(i.start), "good": i.good} for i in sc.indicators],
        "joint_moves": [{"id": jm.id, "name": jm.name, "description": jm.description,
                         "consent": [sc.actor(a).name for a in jm.consent],
                         "start": jm.variants[start_levels(sc)[jm.id]].label,
                         "variants": [{"label": v.label, "description": v.description} for v in jm.variants]}
                        for jm in sc.joint_moves],
        "history": history,
        "learning_objectives": list(sc.debrief.learning_objectives),
        "discussion_questions": list(sc.debrief.discussion_questions),
    }


# ----------------------------------------------------------------------------------- one game


def _name_value(state: State, name: str) -> str | None:
    """What a name in a condition stands for at the end, in words."""
    sc = state.scenario
    env = state.env()
    if name not in env:
        return None
    value = env[name]
    try:
        return f"{sc.indicator(name).label}: {words.num(value)}"
    except KeyError:
        pass
    try:
        jm = sc.joint_move(name)
        return f"{jm.name}: {jm.variants[int(value)].label}"
    except (KeyError, IndexError):
        pass
    try:
        return f"{sc.unilateral_move(name).name}: made {int(value)} time{'s' if value != 1 else ''}"
    except KeyError:
        pass
    event = next((e for e in sc.events if e.id == name), None)
    if event is not None:
        return f"“{event.headline}”: happened {int(value)} time{'s' if value != 1 else ''}"
    labels = {"turns_left": "turns left", "agreements": "agreements in force"}
    return f"{labels.get(name, name)}: {words.num(value)}"


def _needs(sc: Scenario, ending: Ending) -> str:
    if ending.condition is None:
        return "the calendar runs out and no other ending holds"
    text = words.expr_text(ending.condition.text, sc)
    return f"{text} (checked when the calendar runs out)" if ending.at == "end" else text


def ending_data(state: State) -> dict[str, Any]:
    """The ending, why it was reached (its condition and the values it read), and the others."""
    sc = state.scenario
    ending = ending_of(state)
    finished = state.phase == "over"
    others = [{"title": e.title, "needs": _needs(sc, e)} for e in sc.endings if ending is None or e.id != ending.id]
    if ending is None:
        return {"id": None, "title": f"Not finished: stopped in turn {state.turn} of {sc.turns}", "text": "",
                "finished": finished, "turn": state.turn, "why": "The game stopped before any ending.", "values": [],
                "others": others}
    if ending is CALENDAR_ENDING or ending.condition is None:
        why = (f"The calendar ran out after turn {state.turn}, and the condition of no other ending held: this is "
               "the ending when nothing else happens.")
        values: list[str] = []
    else:
        when = "when the calendar ran out" if ending.at == "end" else f"at the end of turn {state.turn}"
        why = f"Its condition held {when}: {words.expr_text(ending.condition.text, sc)}."
        values = [v for v in (_name_value(state, n) for n in sorted(ending.condition.names)) if v]
    return {"id": ending.id, "title": ending.title, "text": ending.text, "finished": finished, "turn": state.turn,
            "why": why, "values": values, "others": others}


def _player(seat: Seat) -> str:
    if seat.kind == "human":
        return "a person"
    agent = "" if seat.agent == "ours" else f", {seat.agent}"
    return f"the computer ({seat.level}{agent})"


def actors_data(session: Session, nash_gains: dict[str, float]) -> list[dict[str, Any]]:
    """Every actor's score, player, private brief, goals and stances, revealed."""
    state = session.state
    sc = state.scenario
    now = {jm.id: state.level(jm.id) for jm in sc.joint_moves}
    start = start_levels(sc)
    scores = session.scores()
    first = state.series[0] if state.series else dict(state.indicators)
    out = []
    for actor in sc.actors:
        current = state.stances[actor.id]
        before = stance_closeness(current, start, sc)
        after = stance_closeness(current, now, sc)
        stances = []
        for jm in sc.joint_moves:
            st = current.get(jm.id)
            if st is None:
                continue
            original = actor.stances.get(jm.id)
            stances.append({
                "move": jm.name,
                "want": jm.variants[st.ideal].label,
                "wanted_first": (jm.variants[original.ideal].label
                                 if original is not None and original.ideal != st.ideal else None),
                "said": words.variant_label(sc, jm.id, state.public[actor.id].get(jm.id, st.public)),
                "reached": jm.variants[now[jm.id]].label,
                "got_it": now[jm.id] == st.ideal,
                "salience": round(st.salience, 2),
                "cares": words.salience_words(st.salience),
                "quote": quote_data(sc, (original or st).quote),
            })
        goals = [{"indicator": sc.indicator(g.indicator).label, "want": g.want, "weight": _num(g.weight),
                  "start": _num(first[g.indicator]), "end": _num(state.indicators[g.indicator]),
                  "went_its_way": (state.indicators[g.indicator] - first[g.indicator]) * (1 if g.want == "high" else -1)
                  > 0} for g in actor.goals]
        out.append({
            "id": actor.id, "name": actor.name, "short_name": actor.short_name, "colour": actor.colour,
            "player": _player(session.seats[actor.id]), "human": session.is_human(actor.id),
            "score": scores[actor.id],
            "description": actor.description,
            "objectives": list(actor.objectives),
            "red_lines": list(actor.red_lines) + agreements.red_line_lines(sc, actor),
            "goals": goals, "stances": stances,
            "reached_gain": None if before is None or after is None else round(100 * (after - before), 1),
            "nash_gain": round(100 * nash_gains[actor.id], 1) if actor.id in nash_gains else None,
        })
    return out


def nash_data(session: Session) -> dict[str, Any]:
    """The Nash bargaining deal beside the levels reached, move by move."""
    sc = session.scenario
    state = session.state
    nash = session.nash()
    start = start_levels(sc)
    moves = []
    for jm in sc.joint_moves:
        nash_lv = nash.levels.get(jm.id, start[jm.id])
        reached = state.level(jm.id)
        moves.append({"id": jm.id, "name": jm.name, "start": jm.variants[start[jm.id]].label,
                      "nash": jm.variants[nash_lv].label, "reached": jm.variants[reached].label,
                      "same": nash_lv == reached, "veto": [sc.actor(a).name for a in jm.consent]})
    return {"moves": moves, "changed": [sc.joint_move(m).name for m in nash.changed],
            "matches": sum(m["same"] for m in moves), "gains": dict(nash.gains)}


def _order_reasons(session: Session) -> dict[tuple[int, str, str, str], str]:
    """(turn, actor, 'move' or 'break', move id) -> the reason given with that choice.

    The rules keep only the latest orders, so the game is replayed through the session's public
    API to learn in which turn each recorded choice was made.
    """
    out: dict[tuple[int, str, str, str], str] = {}
    wanted = [a for a in session.actions if isinstance(a, (ChooseMove, SetCompliance)) and a.reason]
    if not wanted:
        return out
    probe = Session(session.scenario, session.seed, dict(session.seats), agent_factory=lambda seat: None)
    for action in session.actions:
        turn = probe.turn
        if isinstance(action, ChooseMove) and action.move and action.reason:
            out[(turn, action.actor, "move", action.move)] = action.reason
        elif isinstance(action, SetCompliance) and not action.keep and action.reason:
            out[(turn, action.actor, "break", action.move)] = action.reason
        probe.submit(action)
    return out


def timeline_data(session: Session) -> list[dict[str, Any]]:
    """Turn by turn: what happened (with the reasons given), and what moved the indicators, by cause."""
    state = session.state
    sc = state.scenario
    reasons = _order_reasons(session)
    names = {a.id: a.name for a in sc.actors}
    turns: list[dict[str, Any]] = [{"turn": t, "date": words.long_date(sc.date_of_turn(t)), "entries": [],
                                    "causes": []} for t in range(1, state.turn + 1)]
    for e in state.log:
        if (e.kind not in TIMELINE and e.kind not in FORMAT_1_1_KINDS) or not 1 <= e.turn <= state.turn:
            continue
        why = None
        if e.kind == "move" and e.actor and e.ref:
            why = reasons.get((e.turn, e.actor, "move", e.ref))
        elif e.kind == "violation" and e.actor and e.ref:
            why = reasons.get((e.turn, e.actor, "break", e.ref))
        private = None
        if e.visible is not None:
            seen = ", ".join(names.get(a, a) for a in sorted(e.visible, key=sc.actor_ids.index)) or "the facilitator"
            private = f"seen only by {seen}" if e.kind != "violation" else "not detected: the others never knew"
        turns[e.turn - 1]["entries"].append({
            "kind": e.kind, "label": words.KIND_LABEL.get(e.kind, e.kind.upper()), "text": e.text,
            "actor": names.get(e.actor) if e.actor else None, "why": why, "private": private,
            "diplomacy": e.kind in DIPLOMACY})
    groups: dict[tuple, dict[str, Any]] = {}
    for c in state.changes:
        if not 1 <= c.turn <= state.turn:
            continue
        key = (c.turn, c.cause.kind, c.cause.id, c.cause.actor, c.cause.text)
        group = groups.get(key)
        if group is None:
            group = groups[key] = {"cause": c.cause.text, "kind": c.cause.kind,
                                   "hidden": c.visible is not None, "changes": {}}
            turns[c.turn - 1]["causes"].append(group)
        label = sc.indicator(c.indicator).label
        group["changes"][label] = group["changes"].get(label, 0.0) + c.delta
    for turn in turns:
        for group in turn["causes"]:
            group["changes"] = [f"{label} {words.sign(delta)}" for label, delta in group["changes"].items()
                                if words.sign(delta) != "0"]
        turn["causes"] = [g for g in turn["causes"] if g["changes"]]
    return turns


def agreements_data(state: State) -> list[dict[str, Any]]:
    """The agreements in force (or suspended) at the end, in scenario order."""
    sc = state.scenario
    out = []
    for jm in sc.joint_moves:
        a = state.agreements.get(jm.id)
        if a is None:
            continue
        out.append({"move": jm.name, "variant": jm.variants[a.level].label, "since": a.since,
                    "parties": [sc.actor(p).name for p in a.parties], "suspended": a.suspended,
                    "signed": [[sc.actor(p).name for p in group] for group in a.signed],
                    "mediators": [sc.actor(p).name for p in a.mediators],
                    "expires": a.expires,
                    "expires_date": words.long_date(sc.date_of_turn(a.expires)) if a.expires else None,
                    "term": _term_text(sc, a.expires)})
    return out


def _term_text(sc: Scenario, expires: int | None) -> str:
    """When an agreement with a term ends, in words ('' for none)."""
    if expires is None:
        return ""
    if expires > sc.turns:
        return f"its term runs past the end of the game (to turn {expires})"
    return f"until the end of turn {expires} ({words.long_date(sc.date_of_turn(expires))}) unless renewed"


def trust_data(state: State) -> dict[str, Any]:
    """Each actor's trust toward each other one, at the start and at the end."""
    sc = state.scenario
    ids = sc.actor_ids
    return {"actors": [sc.actor(a).short_name for a in ids],
            "rows": [{"actor": sc.actor(a).name,
                      "cells": [None if a == b else {"start": _num(sc.actor(a).trust.get(b, sc.rules.default_trust)),
                                                    "end": _num(state.trust[a][b])} for b in ids]}
                     for a in ids]}


def game_data(label: str, session: Session) -> dict[str, Any]:
    """Everything the report shows about one game."""
    state = session.state
    sc = state.scenario
    nash = nash_data(session)
    counts: dict[str, int] = {}
    for e in state.log:
        counts[e.kind] = counts.get(e.kind, 0) + 1
    series = list(state.series) or [dict(state.indicators)]
    return {
        "label": label,
        "seed": session.seed,
        "turn": state.turn,
        "phase": state.phase,
        "actions": len(session.actions),
        "humans": [sc.actor(a).name for a in session.humans],
        "ending": ending_data(state),
        "actors": actors_data(session, nash.pop("gains")),
        "shared_outcome": session.shared_outcome(),
        "nash": nash,
        "agreements": agreements_data(state),
        "invented": [f"{name} (made {words.times(state.made.get(mid, 0))})" if mid in state.made else name
                     for mid, name in ((m.id, m.name) for m in (*sc.joint_moves, *sc.unilateral_moves) if m.invented)],
        "indicators": [{"id": i.id, "label": i.label, "min": _num(i.min), "max": _num(i.max), "good": i.good,
                        "start": _num(series[0][i.id]), "end": _num(state.indicators[i.id]),
                        "values": [_num(row[i.id]) for row in series]} for i in sc.indicators],
        "agreement_turns": sorted({e.turn for e in state.log if e.kind == "agreement"}),
        "counts": {"proposals": counts.get("proposal", 0) + counts.get("counter", 0),
                   "agreements": counts.get("agreement", 0), "breaches": counts.get("violation", 0),
                   "detected": counts.get("detected", 0), "collapsed": counts.get("collapsed", 0),
                   "moves": counts.get("move", 0), "events": counts.get("news", 0)},
        "trust": trust_data(state),
        "timeline": timeline_data(session),
    }


# ----------------------------------------------------------------------------------- comparison


def compare_data(games: list[dict[str, Any]]) -> dict[str, Any]:
    """Several games side by side: endings, scores, agreements and indicator curves."""
    first = games[0]
    scores = []
    for i, actor in enumerate(first["actors"]):
        values = [g["actors"][i]["score"] for g in games]
        scores.append({"actor": actor["name"], "colour": actor["colour"], "values": values,
                       "best": max(range(len(values)), key=values.__getitem__)})
    shared = [g["shared_outcome"] for g in games]
    moves = []
    for j, move in enumerate(first["nash"]["moves"]):
        moves.append({"move": move["name"], "start": move["start"], "nash": move["nash"],
                      "values": [{"label": g["nash"]["moves"][j]["reached"], "same": g["nash"]["moves"][j]["same"]}
                                 for g in games]})
    indicators = []
    for k, ind in enumerate(first["indicators"]):
        indicators.append({"id": ind["id"], "label": ind["label"], "min": ind["min"], "max": ind["max"],
                           "good": ind["good"],
                           "series": [{"label": g["label"], "values": g["indicators"][k]["values"]} for g in games]})
    return {"labels": [g["label"] for g in games],
            "endings": [{"label": g["label"], "title": g["ending"]["title"], "turn": g["turn"],
                         "finished": g["ending"]["finished"]} for g in games],
            "scores": scores, "shared": {"values": shared, "best": max(range(len(shared)), key=shared.__getitem__)},
            "moves": moves, "indicators": indicators}


def report_data(games: Sequence[tuple[str, Session]]) -> dict[str, Any]:
    """The whole report of one game, or of several games of one scenario compared."""
    if not games:
        raise ValueError("a report needs at least one game")
    sc = games[0][1].scenario
    for label, session in games:
        if session.scenario.id != sc.id or session.scenario.content_hash != sc.content_hash:
            raise ValueError(f"{label} is a game of another scenario")
    played = [game_data(label, session) for label, session in games]
    return {"format": FORMAT, "version": VERSION, "scenario": scenario_data(sc), "games": played,
            "compare": compare_data(played) if len(played) > 1 else None}
