"""A plan as scenario YAML, with a comment on every part telling the author what to write there."""

from __future__ import annotations

import datetime as dt

from game.author.plan import LEVELS, Plan
from game.author.yamltext import block, comment, folded, q

PALETTE = (
    "#4477AA",
    "#EE6677",
    "#228833",
    "#CCBB44",
    "#66CCEE",
    "#AA3377",
    "#BBBBBB",
    "#332288",
    "#117733",
    "#882255",
    "#DDCC77",
    "#44AA99",
)
MAX_SCALAR = 19_000  # the loader allows 20,000 characters in one value
CHECK = "TODO: check"


def write(plan: Plan) -> str:
    """The scenario file's text."""
    draft = plan.from_article is not None
    mark = f"  # {CHECK}" if draft else ""
    out: list[str] = ["# yaml-language-server: $schema=scenario.schema.json"]
    if draft:
        out += comment(
            f"Drafted by `parley new` from {plan.from_article}. A program read the article and "
            f"guessed every part below; each guess is marked '{CHECK}'. Check each one against the "
            "article, rewrite it in your own words, then delete the mark. Run `python main.py lint "
            "FILE` as you go: it says what no game can reach."
        )
    else:
        out += comment(
            "A starter scenario written by `parley new`. It validates and plays as it is, so you can "
            "change it one part at a time: after each change run `python main.py validate FILE` (which "
            "also runs lint) and play it. docs/authoring.md explains every field."
        )
    out += [
        "format: 1",
        "# The id: lower-case letters, digits, - and _.",
        f"id: {plan.id}",
        f"title: {q(plan.title)}{mark}",
    ]
    out += comment(
        "The summary sets the scene for every player: where, when, who, and what they disagree about."
    )
    out += folded("summary", plan.summary, 0)
    out += [
        "",
        *comment(
            "sources: where the scenario comes from. Every stance and move below quotes a sentence of "
            "a source word for word; with `text` given, Parley checks each quote against it."
        ),
    ]
    out += [
        "sources:",
        "  - id: article",
        f"    title: {q(plan.source_title)}{mark}",
        f"    outlet: {q(plan.outlet)}{mark if plan.outlet.startswith('TODO') is False else ''}",
        f"    date: {q(plan.source_date.isoformat())}  # {plan.date_note or 'the date the article appeared'}",
    ]
    if plan.url:
        out.append(f"    url: {q(plan.url)}")
    out += block("text", _source_text(plan), 4)
    if plan.found:
        out += ["", f"# What the program found in the article ({CHECK} every line):"]
        out += [f"#   {line}" for line in plan.found]
    out += [
        "",
        *comment("calendar: the first turn's date, the days one turn stands for, and how many turns."),
        "calendar:",
        f"  start: {q(plan.start.isoformat())}{mark}",
        "  turn_days: 7",
        f"  turns: {plan.turns}",
    ]
    out += _indicators(mark)
    out += _actors(plan, mark)
    out += _moves(plan, mark)
    out += _unilateral(plan, mark)
    out += _events(plan, mark)
    out += _endings(plan)
    out += _debrief(plan, mark)
    return "\n".join(out) + "\n"


def _source_text(plan: Plan) -> str:
    """The whole article if it fits in one value; else only the passages the scenario quotes."""
    if len(plan.source_text) <= MAX_SCALAR:
        return plan.source_text
    cited = [st.quote.text for a in plan.actors for st in a.stances.values()]
    cited += [x.quote.text for x in (*plan.moves, *plan.unilateral, *plan.events)]
    cited += [text.split(" (TODO")[0] for _, text in plan.history]
    return "\n[...]\n".join(dict.fromkeys(cited))[:MAX_SCALAR]


def _indicators(mark: str) -> list[str]:
    out = [
        "",
        *comment(
            "indicators: world variables from min (default 0) to max (default 100). Rename these two to "
            "what matters in your crisis (civilian harm, prices, the river's flow ...); `good` says which "
            "direction is good for the world. Effects below move them."
        ),
    ]
    out += [
        "indicators:",
        "  - id: tension",
        f'    label: "Tension between the parties"{mark}',
        "    start: 50",
        "    good: low",
        "  - id: progress",
        f'    label: "Progress toward a settlement"{mark}',
        "    start: 20",
        "    good: high",
    ]
    return out


def _actors(plan: Plan, mark: str) -> list[str]:
    out = [
        "",
        *comment(
            "actors: the seats at the table (2 to 12). For each: a public description, a private "
            "brief, goals over indicators (they count toward its score), and stances: for each joint "
            "move, the variant it wants (its ideal: 0 = the first variant), how much it cares "
            "(salience, 0 to 1) and the sentence that shows it."
        ),
        "actors:",
    ]
    for i, a in enumerate(plan.actors):
        if a.note:
            out += comment(a.note, 2)
        out += [
            f"  - id: {a.id}",
            f"    name: {q(a.name)}{mark}",
            f"    colour: {q(PALETTE[i % len(PALETTE)])}",
            f"    description: {q(a.description)}",
            f"    capability: {a.capability}  # military and political weight, 0 to 1: bargaining power",
            "    brief:",
            "      objectives:",
            f"        - {q('TODO: what this actor wants, in its own words.')}",
            "      red_lines:",
            f"        - {q('TODO: what it will not accept.')}",
            "    goals:",
        ]
        for ind, want in a.goals:
            out += [f"      - indicator: {ind}", f"        want: {want}"]
        out += [
            "    personality:",
            "      concession: linear  # boulware holds out, conceder gives way early",
            "    stances:",
        ]
        for mid, st in a.stances.items():
            move = next(m for m in plan.moves if m.id == mid)
            out += [
                f"      {mid}:",
                f"        ideal: {LEVELS[st.ideal]}  # '{move.labels[st.ideal]}'"
                + (f"; {CHECK}{': ' + st.quote.why if st.quote.why else ''}" if mark else ""),
                f"        salience: {st.salience}",
                *_cite(st.quote.text, 8),
            ]
    return out


def _moves(plan: Plan, mark: str) -> list[str]:
    out = [
        "",
        *comment(
            "joint_moves: mechanisms that take effect only if every actor in `consent` agrees. Variants "
            "go weakest first; the first is the status quo (no obligations, no effects). Each other "
            "variant obliges its parties to do something and moves indicators each turn it is in force."
        ),
        "joint_moves:",
    ]
    for m in plan.moves:
        out += [
            f"  - id: {m.id}",
            f"    name: {q(m.name)}{mark}",
            f"    description: {q(m.description)}",
            f"    consent: [{', '.join(m.consent)}]{mark}",
            "    variants:",
        ]
        for k, level in enumerate(LEVELS):
            out += [f"      - id: {level}", f"        label: {q(m.labels[k])}{mark}"]
            if k == 0:
                continue
            out += ["        obligations:"]
            for who in m.consent:
                out += [
                    f"          - actor: {who}",
                    f"            duty: {q('TODO: what ' + who + ' must do.')}",
                    "            violation:",
                    f"              - {q('tension += ' + str(2 * k))}",
                ]
            out += [
                "        effects:",
                f"          - {q('progress += ' + str(2 * k))}",
                f"          - {q('tension -= ' + str(k))}",
                f"        monitoring: {0.2 * k:.1f}",
            ]
        out += _cite(m.quote.text)
    return out


def _section(key: str, intro: str, items: list[list[str]]) -> list[str]:
    """A commented top-level list: its explanation, then its items (or an empty list)."""
    out = ["", *comment(intro)]
    return [*out, f"{key}: []"] if not items else [*out, f"{key}:", *(ln for item in items for ln in item)]


def _cite(text: str, indent: int = 4) -> list[str]:
    pad = " " * indent
    return [f"{pad}quote:", f"{pad}  source: article", f"{pad}  text: {q(text)}"]


def _unilateral(plan: Plan, mark: str) -> list[str]:
    items = []
    for u in plan.unilateral:
        item = [
            f"  - id: {u.id}",
            f"    name: {q(u.name)}{mark}",
            f"    description: {q(u.description)}",
            f"    actors: [{', '.join(u.actors)}]{mark}",
            f"    headline: {q(u.headline)}",
            "    cost: 1",
            "    effects:",
            f"      - {q(u.effect)}",
        ]
        if u.trust:
            item += ["    trust:", *(f"      {who}: {delta}" for who, delta in u.trust.items())]
        items.append(item + _cite(u.quote.text))
    return _section(
        "unilateral_moves",
        "unilateral_moves: what one actor can do alone, at a cost in political "
        "capital, with effects on indicators and on the others' trust. A precondition (e.g. "
        "'tension >= 60') limits when it can be made.",
        items,
    )


def _events(plan: Plan, mark: str) -> list[str]:
    items = [
        [
            f"  - id: {e.id}",
            f"    headline: {q(e.headline)}{mark}",
            f"    text: {q(e.text)}",
            f"    date: {q(e.date.isoformat())}{mark}",
            "    effects:",
            f"      - {q('tension += 3')}",
            *_cite(e.quote.text),
        ]
        for e in plan.events
    ]
    return _section(
        "events",
        "events: news, scheduled on a date or turn, or triggered by a condition with a "
        'chance each turn, e.g. trigger: "tension >= 70", chance: 0.3.',
        items,
    )


def _endings(plan: Plan) -> list[str]:
    first = plan.moves[0]
    out = [
        "",
        *comment(
            "endings: checked in order after every turn (at: end only when the calendar runs out); the "
            "first whose condition holds ends the game. Put the most specific first; the last has no "
            "condition and catches every other game."
        ),
    ]
    out += [
        "endings:",
        "  - id: crisis",
        '    title: "The crisis escalates"',
        '    condition: "tension >= 90"',
        f"    text: {q('TODO: what happened, and a question for the class about why.')}",
        "  - id: full_deal",
        f"    title: {q('Agreement: ' + first.labels[2])}",
        f"    condition: {q(first.id + ' >= 2')}",
        "    at: end",
        f"    text: {q('TODO: what this outcome means, in a few sentences for the debrief.')}",
        "  - id: partial_deal",
        f"    title: {q('Agreement: ' + first.labels[1])}",
        f"    condition: {q(first.id + ' >= 1')}",
        "    at: end",
        f"    text: {q('TODO: what this outcome means.')}",
        "  - id: no_deal",
        '    title: "No agreement"',
        "    at: end",
        f"    text: {q('TODO: what this outcome means.')}",
    ]
    return out


def _debrief(plan: Plan, mark: str) -> list[str]:
    out = [
        "",
        *comment(
            "debrief: what really happened (with dates and sources), what students should learn, and "
            "questions for the class."
        ),
        "debrief:",
        "  history:",
    ]
    for date, text in plan.history:
        if date is not None:
            out.append(f"    - date: {q(date.isoformat())}{mark}")
            out.append(f"      text: {q(text)}")
        else:
            out.append(f"    - text: {q(text)}")
        out.append("      source: article")
    out += [
        "  learning_objectives:",
        f"    - {q('TODO: what students should understand after playing.')}",
        "  discussion_questions:",
        f"    - {q('TODO: a question for the class.')}",
    ]
    return out


def today() -> dt.date:
    """Today's date, for a starter or an article without a date (the command line's clock, not the rules')."""
    return dt.date.today()
