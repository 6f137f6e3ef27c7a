"""The record of a game as a facilitator sees it: per turn, news, diplomacy, agreements,
moves, compliance and every indicator change with its cause; then the result. Its words and its
grouping of changes by indicator and cause are the screens' own (``game.present``).

Built from the state's log and changes (the omniscient view: for autoplay, the debrief and
teachers, never for a seat during play). ``as_json`` gives plain data; ``as_text`` a readable
transcript. Both are deterministic: the same game gives the same bytes.
"""

from __future__ import annotations

from typing import Any

from game.core.resolve import ending_of
from game.core.scoring import nash_deal, scores, shared_outcome
from game.core.state import State
from game.present import words
from game.present.changes import movements
from game.present.entries import cause_text, entry_text

_SECTIONS = {
    "news": "news",
    "proposal": "diplomacy", "counter": "diplomacy", "accept": "diplomacy", "reject": "diplomacy",
    "statement": "diplomacy", "message": "diplomacy", "expired": "diplomacy",
    "agreement": "agreements", "signed": "agreements", "lapsed": "agreements", "red_line": "agreements",
    "move": "moves", "outcome": "moves", "suspended": "moves", "restored": "moves",
    "violation": "compliance", "detected": "compliance", "collapsed": "compliance",
}


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(float(x), 2)


def turn_records(state: State) -> list[dict[str, Any]]:
    sc = state.scenario
    last = state.turn
    records = []
    for turn in range(1, last + 1):
        rec: dict[str, Any] = {"turn": turn, "date": sc.date_of_turn(turn).isoformat(),
                               "news": [], "diplomacy": [], "agreements": [], "moves": [], "compliance": [],
                               "changes": [], "trust": []}
        records.append(rec)
    for entry in state.log:
        section = _SECTIONS.get(entry.kind)
        if section and 1 <= entry.turn <= last:
            records[entry.turn - 1][section].append(entry_text(entry, sc, state.proposals))
    for change in state.changes:
        if 1 <= change.turn <= last:
            records[change.turn - 1]["changes"].append({
                "indicator": change.indicator,
                "before": _num(change.before),
                "after": _num(change.after),
                "delta": _num(change.delta),
                "cause": cause_text(change.cause, sc),
            })
    for turn in range(1, last + 1):  # the same grouping by indicator and cause as the screens'
        records[turn - 1]["movements"] = [
            {"indicator": m.indicator, "before": _num(m.before), "after": _num(m.after), "delta": _num(m.delta),
             "causes": [{"cause": c.text, "delta": _num(c.delta)} for c in m.causes]}
            for m in movements(sc, (c for c in state.changes if c.turn == turn))]
    for shift in state.trust_changes:
        if 1 <= shift.turn <= last:
            records[shift.turn - 1]["trust"].append({
                "actor": shift.actor,
                "toward": shift.toward,
                "before": _num(shift.before),
                "after": _num(shift.after),
                "cause": cause_text(shift.cause, sc),
            })
    return records


def as_json(state: State) -> dict[str, Any]:
    sc = state.scenario
    ending = ending_of(state)
    nash = nash_deal(state)  # the stances the scores use, not the starting ones (rule 7.3)
    return {
        "scenario": sc.id,
        "title": sc.title,
        "seed": state.seed,
        "turns": turn_records(state),
        "agreements": [
            {"move": a.move, "variant": sc.joint_move(a.move).variants[a.level].id, "parties": list(a.parties),
             "since_turn": a.since, "suspended": a.suspended}
            for a in (state.agreements[m] for m in sorted(state.agreements))
        ],
        "indicators": {k: _num(v) for k, v in state.indicators.items()},
        "ending": {"id": ending.id, "title": ending.title} if ending else None,
        "scores": scores(state),
        "shared_outcome": shared_outcome(state),
        "nash": {"levels": {m: sc.joint_move(m).variants[lv].id for m, lv in nash.levels.items()},
                 "changes": list(nash.changed)},
        "actions_applied": state.step,
    }


def as_text(state: State) -> str:
    sc = state.scenario
    data = as_json(state)
    out = [f"{sc.title}", f"seed {state.seed}", ""]
    for rec in data["turns"]:
        out.append(f"== Turn {rec['turn']} of {sc.turns} — {rec['date']} ==")
        for key, title in (("news", "News"), ("diplomacy", "Diplomacy"), ("agreements", "Agreements"),
                           ("moves", "Moves"), ("compliance", "Compliance")):
            if rec[key]:
                out.append(f"  {title}:")
                out += [f"    - {line}" for line in rec[key]]
        if rec["movements"]:
            out.append("  Indicator changes:")
            for mv in rec["movements"]:
                label = sc.indicator(mv["indicator"]).label
                out.append(f"    - {label}: {mv['before']} -> {mv['after']} ({words.delta_text(mv['delta'])})")
                for c in mv["causes"]:
                    out.append(f"        {words.delta_text(c['delta'])} because: {c['cause']}")
        if rec["trust"]:
            out.append("  Trust:")
            for sh in rec["trust"]:
                who, toward = sc.actor(sh["actor"]).name, sc.actor(sh["toward"]).name
                out.append(f"    - {who} toward {toward}: {sh['before']} -> {sh['after']} because: {sh['cause']}")
        out.append("")
    out.append("== Result ==")
    if data["ending"]:
        out.append(f"  Ending: {data['ending']['title']}")
    else:
        out.append(f"  Not finished: stopped in turn {state.turn} ({state.phase})")
    out.append("  Agreements in force:" if data["agreements"] else "  Agreements in force: none")
    for a in data["agreements"]:
        jm = sc.joint_move(a["move"])
        variant = jm.variants[jm.level_of(a["variant"])]
        out.append(f"    - {jm.name}: {variant.label}{' (suspended)' if a['suspended'] else ''}")
    out.append("  Indicators:")
    for ind in sc.indicators:
        out.append(f"    - {ind.label}: {data['indicators'][ind.id]}")
    out.append("  Scores (0-100):")
    for actor in sc.actors:
        out.append(f"    - {actor.name}: {data['scores'][actor.id]}")
    out.append(f"  Shared outcome: {data['shared_outcome']}")
    return "\n".join(out) + "\n"
