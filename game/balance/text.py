"""The balance report as plain text for the terminal, written as advice to the author."""

from __future__ import annotations

import shlex
from typing import Any

KIND_WORDS = {"endings": "Endings", "events": "Events", "unilateral_moves": "Unilateral moves",
              "variants": "Variants of joint moves"}


def pct(x: float) -> str:
    """A fraction as a percentage with one decimal."""
    return f"{100 * x:.1f} %"


def replay_command(data: dict[str, Any], seed: int) -> str:
    """The command that replays the game with this seed, transcript and all."""
    agent = "" if data["seats"] == "ours" else f" --agent {data['seats']}"
    return f"python main.py autoplay {shlex.quote(data['scenario']['file'])} --seed {seed}{agent}"


WHAT_TO_CHECK = {
    "endings": "its condition, and what moves the indicators it needs",
    "events": "its trigger and its chance, and what moves the indicators it needs",
    "unilateral_moves": "its precondition, its cost and who may make it",
    "variants": "who must consent to it and whether any of them wants it (their stances)",
}


def random_note(found: int, games: int, seats: str, kind: str = "endings") -> str:
    """Whether random play reaches something the games never reached, and what that means."""
    check = WHAT_TO_CHECK.get(kind, WHAT_TO_CHECK["endings"])
    if seats == "random":
        return f"random play never reaches it: check {check} (lint may say why)"
    if found:
        return (f"random play reaches it in {found} of {games} games: the content can happen, "
                "but the computer actors never choose the way there")
    return f"random play does not reach it either (0 of {games} games): check {check} (lint may say why)"


def report_text(data: dict[str, Any], seconds: float | None = None, workers: str = "") -> str:
    """The whole report as lines of text."""
    n = data["games"]
    sc = data["scenario"]
    seeds = data["seeds"]
    took = f"; {seconds:.1f} s{workers}" if seconds is not None else ""
    out = [(f"{sc['title']} ({sc['file']}): {n} game{'s' if n != 1 else ''}, seeds {seeds[0]}–{seeds[1]}, "
            f"{data['seats_text']}{took}"), "", "Endings (share of games, 95 % interval):"]
    width = max((len(e["title"]) for e in data["endings"]), default=10)
    for e in data["endings"]:
        where = (f"e.g. {replay_command(data, e['seed'])}" if e["seed"] is not None else "never reached")
        out.append(f"  {e['title']:<{width}}  {pct(e['share']):>7}  ({pct(e['low'])} – {pct(e['high'])})  {where}")

    out += ["", "Never reached:"]
    missing = False
    for kind, items in data["never"].items():
        for item in items:
            missing = True
            out.append(f"  {KIND_WORDS[kind][:-1] if kind != 'variants' else 'Variant'}: {item['title']} "
                       f"[{item['id']}]: {random_note(item['random'], data['random_games'], data['seats'], kind)}")
    if not missing:
        out.append("  nothing: every ending, event, unilateral move and variant happened at least once")

    out += ["", f"Agreements by joint move (games with one, 95 % interval; games with none: {data['no_agreement']}):"]
    width = max((len(m["name"]) for m in data["moves"]), default=10)
    for m in data["moves"]:
        when = (f"first agreed on turn {_turns(m['turns'])}, median {m['median_turn']:g}" if m["count"]
                else "never agreed")
        out.append(f"  {m['name']:<{width}}  {pct(m['share']):>7}  ({pct(m['low'])} – {pct(m['high'])})  {when}")
        for v in m["variants"]:
            if v["count"]:
                out.append(f"  {'':<{width}}    {v['label']}: {v['count']} game{'s' if v['count'] != 1 else ''}")
    if any(data["first_agreement_turns"]):
        out.append(f"  The first agreement of a game comes on turn {_turns(data['first_agreement_turns'])}")

    out += ["", "Scores (0–100):  mean   min   10 %  median  90 %   max"]
    width = max((len(s["name"]) for s in data["scores"]), default=10)
    for s in data["scores"]:
        out.append(f"  {s['name']:<{width}}  {s['mean']:5.1f} {s['min']:5.1f} {s['p10']:6.1f} {s['median']:6.1f} "
                   f"{s['p90']:6.1f} {s['max']:5.1f}")

    out += ["", "Indicators by turn (median, and 10 % – 90 % of games):"]
    for ind in data["indicators"]:
        cells = [f"{'start' if p['turn'] == 0 else p['turn']}: {p['median']:g} ({p['p10']:g}–{p['p90']:g})"
                 for p in ind["turns"]]
        out.append(f"  {ind['label']} [{ind['min']:g}–{ind['max']:g}, {ind['good']} is good]")
        out.append("    " + "  ".join(cells))
    out += ["", f"Fingerprint of the {n} games' actions: {data['fingerprint'][:16]}"]
    return "\n".join(out) + "\n"


def _turns(counts: list[int]) -> str:
    """'1 (×3), 2 (×10)' for the turns with any count."""
    return ", ".join(f"{t} (×{c})" for t, c in enumerate(counts, start=1) if c)
