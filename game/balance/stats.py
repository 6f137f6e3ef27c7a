"""From game records to the balance report's data: a plain dictionary (also the ``--json`` output).

Shares carry a 95 % Wilson score interval, which stays inside 0–100 % and is honest for small
counts (0 of 20 is "0–16 %", not "exactly never"). Everything is computed from the records in
seed order, so equal records give an equal report.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from game.core.model import Scenario
from game.core.resolve import CALENDAR_ENDING

Z95 = 1.959963984540054


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval (low, high) of a share hits/n, as fractions."""
    if n <= 0:
        return 0.0, 1.0
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """The q-quantile of sorted values, interpolated linearly (numpy's default method)."""
    if not sorted_values:
        return 0.0
    pos = q * (len(sorted_values) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def spread(values: Sequence[float]) -> dict[str, float]:
    """min, 10th percentile, quartiles, median, 90th percentile, max and mean of some values."""
    v = sorted(values)
    out = {name: round(quantile(v, q), 2) for name, q in
           (("min", 0), ("p10", 0.1), ("q1", 0.25), ("median", 0.5), ("q3", 0.75), ("p90", 0.9), ("max", 1))}
    out["mean"] = round(sum(v) / len(v), 2) if v else 0.0
    return out


def _share(hits: int, n: int) -> dict[str, Any]:
    low, high = wilson(hits, n)
    return {"count": hits, "share": round(hits / n, 4) if n else 0.0, "low": round(low, 4), "high": round(high, 4)}


def fingerprint(records: Sequence[dict[str, Any]]) -> str:
    """One hash of every game's seed, seats and action list."""
    text = "\n".join(f"{r['seed']} {r['seats']} {r['hash']}" for r in records)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _reached(records: Sequence[dict[str, Any]], key: str) -> Counter:
    found: Counter = Counter()
    for r in records:
        found.update(r[key])
    return found


def balance_data(scenario: Scenario, filename: str, records: Sequence[dict[str, Any]], mode: str,
                 random_records: Sequence[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The report of the games: endings, what was never reached, agreements, scores, indicators.

    ``random_records``: games with random play in every seat, to tell content that cannot be
    reached from content the computer actors merely never choose (None when ``records`` are random).
    """
    n = len(records)
    rand = random_records if random_records is not None else (records if mode == "random" else [])
    endings = list(scenario.endings)
    if any(r["ending"] == CALENDAR_ENDING.id for r in records) and all(e.id != CALENDAR_ENDING.id for e in endings):
        endings.append(CALENDAR_ENDING)
    ending_count = Counter(r["ending"] for r in records)
    random_endings = Counter(r["ending"] for r in rand)
    first_seed: dict[str, int] = {}
    for r in records:
        first_seed.setdefault(r["ending"], r["seed"])
    ending_rows = [{"id": e.id, "title": e.title, **_share(ending_count[e.id], n), "seed": first_seed.get(e.id),
                    "random": random_endings[e.id]} for e in endings]

    events, moves, variants = (_reached(records, k) for k in ("events", "moves", "variants"))
    r_events, r_moves, r_variants = (_reached(rand, k) for k in ("events", "moves", "variants"))
    never = {
        "endings": [{"id": row["id"], "title": row["title"], "random": row["random"]}
                    for row in ending_rows if row["count"] == 0 and row["id"] != CALENDAR_ENDING.id],
        "events": [{"id": e.id, "title": e.headline, "random": r_events[e.id]}
                   for e in scenario.events if not events[e.id]],
        "unilateral_moves": [{"id": u.id, "title": u.name, "random": r_moves[u.id]}
                             for u in scenario.unilateral_moves if not moves[u.id]],
        "variants": [{"id": f"{jm.id}/{v.id}", "title": v.label if v.label.startswith(jm.name) else f"{jm.name}: {v.label}", "random": r_variants[f"{jm.id}/{lvl}"]}
                     for jm in scenario.joint_moves for lvl, v in enumerate(jm.variants)
                     if lvl != jm.status_quo and lvl != scenario.in_force.get(jm.id)
                     and not variants[f"{jm.id}/{lvl}"]],
    }

    move_rows = []
    for jm in scenario.joint_moves:
        turns = [r["agreed"][jm.id] for r in records if jm.id in r["agreed"]]
        by_turn = Counter(turns)
        move_rows.append({"id": jm.id, "name": jm.name, **_share(len(turns), n),
                          "turns": [by_turn.get(t, 0) for t in range(1, scenario.turns + 1)],
                          "median_turn": round(quantile(sorted(turns), 0.5), 1) if turns else None,
                          "variants": [{"label": v.label, "count": variants[f"{jm.id}/{lvl}"]}
                                       for lvl, v in enumerate(jm.variants) if lvl != jm.status_quo]})
    any_turns = Counter(min(r["agreed"].values()) for r in records if r["agreed"])
    score_rows = [{"id": a.id, "name": a.name, "colour": a.colour, **spread([r["scores"][a.id] for r in records])}
                  for a in scenario.actors]
    ind_rows = []
    for i, ind in enumerate(scenario.indicators):
        points = []
        for t in range(scenario.turns + 1):
            values = [r["series"][t][i] for r in records if len(r["series"]) > t]
            if values:
                points.append({"turn": t, "games": len(values), **spread(values)})
        ind_rows.append({"id": ind.id, "label": ind.label, "min": ind.min, "max": ind.max, "good": ind.good,
                         "turns": points})
    seat_word = {"ours": "our computer actors in every seat", "random": "random play in every seat",
                 "mixed": "each seat drawn at random between our computer actors and random play"}[mode]
    return {
        "scenario": {"file": filename, "id": scenario.id, "title": scenario.title, "turns": scenario.turns},
        "games": n,
        "seeds": [records[0]["seed"], records[-1]["seed"]] if records else [],
        "seats": mode,
        "seats_text": seat_word,
        "random_games": len(rand),
        "endings": ending_rows,
        "never": never,
        "moves": move_rows,
        "first_agreement_turns": [any_turns.get(t, 0) for t in range(1, scenario.turns + 1)],
        "no_agreement": sum(1 for r in records if not r["agreed"]),
        "scores": score_rows,
        "indicators": ind_rows,
        "mean_steps": round(sum(r["steps"] for r in records) / n, 1) if n else 0.0,
        "fingerprint": fingerprint(records),
    }
