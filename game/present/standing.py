"""Your standing at a glance: your score now, its trend over the turns, and what moved it last.

Everything comes from the viewer's observation: its own stances and goals, the indicator series,
and the agreements the log shows being made, suspended, restored and collapsing. Past scores are
worked out with the viewer's stances as they are now (an event may have changed them since), so
the trend says how the world moved for what the viewer wants today. Plain JSON-able data.
"""

from __future__ import annotations

from game.core.model import Scenario
from game.core.observe import Observation
from game.present import words
from game.present.deal import score_at
from game.present.entries import cause_text


def level_history(obs: Observation, sc: Scenario) -> list[dict[str, int]]:
    """The levels in force at the end of each turn resolved so far (index 0: the start)."""
    agreed: dict[str, int] = {m: lv for m, lv in sc.in_force.items() if lv != sc.joint_move(m).status_quo}
    suspended: set[str] = set()
    by_id = {p.id: p for p in obs.proposals}
    from_agreement = {a.proposal: a for a in obs.agreements if a.proposal is not None}

    def levels() -> dict[str, int]:
        return {jm.id: (agreed[jm.id] if jm.id in agreed and jm.id not in suspended else jm.status_quo)
                for jm in sc.joint_moves}

    resolved = max(0, len(obs.series) - 1)
    out = [levels()]
    entries = list(obs.log)
    k = 0
    for turn in range(1, resolved + 1):
        while k < len(entries) and entries[k].turn <= turn:
            e = entries[k]
            k += 1
            ref = e.ref or ""
            if e.kind == "agreement" and ref.isdigit():
                p = by_id.get(int(ref))
                terms = p.terms if p is not None else (
                    ((from_agreement[int(ref)].move, from_agreement[int(ref)].level),)
                    if int(ref) in from_agreement else ())
                for move, level in terms:
                    suspended.discard(move)
                    if level == sc.joint_move(move).status_quo:
                        agreed.pop(move, None)
                    else:
                        agreed[move] = level
            elif e.kind == "collapsed":
                agreed.pop(ref, None)
                suspended.discard(ref)
            elif e.kind == "suspended":
                suspended.add(ref)
            elif e.kind == "restored":
                suspended.discard(ref)
        out.append(levels())
    return out


def _stance_points(obs: Observation, sc: Scenario, move: str, before: int, after: int) -> float:
    """Score points a change of level on one move is worth to the viewer."""
    st = obs.stances.get(move)
    total = sum(s.salience for s in obs.stances.values())
    if st is None or total <= 0:
        return 0.0
    span = max(1, len(sc.joint_move(move).variants) - 1)
    share = obs.rules.stance_weight if obs.me.goals else 1.0
    return 100.0 * share * st.salience / total * (abs(before - st.ideal) - abs(after - st.ideal)) / span


def _goal_points(obs: Observation, sc: Scenario, indicator: str, delta: float) -> float:
    """Score points a change of one indicator is worth to the viewer."""
    total = sum(g.weight for g in obs.me.goals)
    if total <= 0:
        return 0.0
    share = (1.0 - obs.rules.stance_weight) if obs.stances else 1.0
    ind = sc.indicator(indicator)
    span = (ind.max - ind.min) or 1.0
    out = 0.0
    for g in obs.me.goals:
        if g.indicator == indicator:
            out += 100.0 * share * g.weight / total * delta / span * (1 if g.want == "high" else -1)
    return out


def points_text(x: float) -> str:
    """'+6', '−0.6', '0': score points as the table says them."""
    return words.sign(x, 0 if abs(x) >= 1 else 1)


def standing(obs: Observation, sc: Scenario) -> dict:
    """{"score", "score_text", "points": [{"turn", "score"}], "since_turn", "change", "change_text", "moved": [{"text",
    "points"}], "last"}: the score now, after each turn resolved, and what moved it since the start
    of the previous turn ("since turn 2": since turn 2 began), biggest first."""
    history = level_history(obs, sc)
    series = list(obs.series) or [dict(obs.values)]
    points = [{"turn": t, "score": round(score_at(obs, sc, history[min(t, len(history) - 1)], values), 1)}
              for t, values in enumerate(series)]
    since = max(1, obs.turn - 1)
    ref_index = min(since - 1, len(points) - 1)
    ref_levels = history[min(ref_index, len(history) - 1)]
    ref_values = series[ref_index]
    change = obs.score - points[ref_index]["score"]
    moved: list[dict] = []
    for jm in sc.joint_moves:
        before, after = ref_levels[jm.id], obs.levels[jm.id]
        if before != after:
            pts = _stance_points(obs, sc, jm.id, before, after)
            state = "ended" if after == jm.status_quo else f"now {jm.variants[after].label}"
            moved.append({"text": f"{jm.name} {state}", "points": round(pts, 1), "kind": "agreement",
                          "move": jm.id})
    for ind in sc.indicators:
        delta = obs.values[ind.id] - ref_values.get(ind.id, obs.values[ind.id])
        pts = _goal_points(obs, sc, ind.id, delta)
        if abs(pts) < 0.05:
            continue
        causes: dict[str, float] = {}
        for c in obs.changes:
            if c.indicator == ind.id and c.turn >= since:
                causes[cause_text(c.cause, sc)] = causes.get(cause_text(c.cause, sc), 0.0) + c.after - c.before
        same_way = [kv for kv in causes.items() if kv[1] * delta > 0]
        top = max(same_way, key=lambda kv: abs(kv[1]))[0] if same_way else ""
        moved.append({"text": f"{ind.label} {words.delta_text(delta)}", "points": round(pts, 1), "kind": "indicator",
                      "indicator": ind.id, "mostly": top})
    moved = [m for m in moved if abs(m["points"]) >= 0.5]
    moved.sort(key=lambda m: -abs(m["points"]))
    last = f"{moved[0]['text']}, {points_text(moved[0]['points'])} for you" if moved else "nothing has moved it yet"
    steady = abs(change) < 0.5
    # score_text: the score as every screen shows it (words.value of the exact score: rounding the
    # rounded figure again would show 40 where the table says 39)
    return {"score": round(obs.score, 1), "score_text": words.value(obs.score), "points": points + [{"turn": obs.turn, "score": round(obs.score, 1),
                                                               "now": True}],
            "since_turn": since, "change": round(change, 1),
            "change_text": ("steady" if steady else points_text(change)) + f" since turn {since}", "moved": moved, "last": last}
