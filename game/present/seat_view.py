"""What a student's browser shows for one seat: plain JSON view data made from ``observe(seat)``.

The browser page lays this out and sends intents; it does not word anything itself. Everything
here comes from the seat's observation and the scenario's public parts, in the same words the
pygame screens use (``game.present``), so a seat's page holds nothing another seat may not see.
Text is plain (never HTML): the page puts it in the document as text.
"""

from __future__ import annotations

from typing import Any

from game.core.actions import ChooseMove, Counter, EndPhase, Propose, SetCompliance
from game.core.model import Scenario
from game.core.observe import Observation
from game.present import answers, deal, moves, words
from game.present.entries import entry_text

LOG_LINES = 60  # the newest log lines a page gets


def _label(sc: Scenario, move: str, level: int) -> str:
    return words.variant_label(sc, move, level)


def _value(obs: Observation, ind) -> dict[str, Any]:
    v = obs.values[ind.id]
    span = (ind.max - ind.min) or 1.0
    return {"id": ind.id, "label": ind.label, "value": words.value(v), "share": round((v - ind.min) / span, 3),
            "good": ind.good, "description": ind.description}


def indicators(obs: Observation) -> list[dict[str, Any]]:
    return [_value(obs, ind) for ind in obs.indicators]


def agreements(obs: Observation, sc: Scenario) -> list[dict[str, Any]]:
    return [{"move": a.move, "name": sc.joint_move(a.move).name, "label": _label(sc, a.move, a.level),
             "parties": words.join([sc.actor(p).name for p in a.parties]), "suspended": a.suspended,
             "since": a.since} for a in obs.agreements]


def table(obs: Observation, sc: Scenario, viewer: str | None) -> list[dict[str, Any]]:
    """Every actor's public face and stated positions (and, for a seat, how far each trusts it)."""
    rows = []
    for view in obs.actors:
        row: dict[str, Any] = {
            "id": view.id, "name": view.name, "short": view.short_name, "colour": view.colour,
            "description": view.description, "you": view.id == viewer,
            "public": [{"move": m, "name": sc.joint_move(m).name, "label": _label(sc, m, lv)}
                       for m, lv in sorted(view.public.items())],
        }
        if viewer is not None and view.id != viewer:
            row["trust_in_you"] = words.trust_words(view.trust_in_you)
        rows.append(row)
    return rows


def brief(obs: Observation, sc: Scenario) -> dict[str, Any]:
    me = obs.me
    positions = []
    for jm in sc.joint_moves:
        st = obs.stances.get(jm.id)
        if st is None:
            continue
        positions.append({"move": jm.id, "name": jm.name, "want": _label(sc, jm.id, st.ideal),
                          "care": words.salience_words(st.salience),
                          "quote": st.quote.text if st.quote else ""})
    goals = [f"{sc.indicator(g.indicator).label}: you want it {g.want}" for g in me.goals]
    return {"name": me.name, "description": me.description, "objectives": list(me.objectives),
            "red_lines": list(me.red_lines), "goals": goals, "positions": positions}


def joint_moves(obs: Observation, sc: Scenario) -> list[dict[str, Any]]:
    """The joint moves for the proposal builder and statements: variants, what is in force, who must agree."""
    out = []
    for jm in sc.joint_moves:
        st = obs.stances.get(jm.id)
        out.append({
            "id": jm.id, "name": jm.name, "description": jm.description,
            "in_force": obs.levels[jm.id], "in_force_label": _label(sc, jm.id, obs.levels[jm.id]),
            "you_want": st.ideal if st else None, "stated": obs.actor_view(obs.actor).public.get(jm.id),
            "consent": [a for a in jm.consent if a != obs.actor],
            "variants": [{"level": i, "label": v.label, "description": v.description}
                         for i, v in enumerate(jm.variants)],
        })
    return out


def incoming(obs: Observation, sc: Scenario) -> list[dict[str, Any]]:
    """Proposals addressed to the seat that it has not answered yet, each spelt out row by row."""
    out = []
    marks = answers.marks(obs)
    for p in obs.open_to_me():
        head, how = deal.preview_text(deal.preview(obs, sc, p.terms))
        out.append({
            "id": p.id, "title": deal.proposal_title(sc, p), "reason": p.reason,
            "repeat": answers.mark_text(marks[p.id]) if p.id in marks else "",
            "rows": [{"name": r.name, "in_force": r.in_force, "proposed": r.proposed, "you_want": r.you_want,
                      "notes": [{"text": t, "tone": tone} for t, tone in r.notes]}
                     for r in deal.proposal_rows(obs, sc, p)],
            "duties": deal.duties_text(obs, sc, p.terms), "preview": head, "preview_how": how,
            "terms": {m: lv for m, lv in p.terms},
            "can_counter": any(isinstance(a, Counter) and a.proposal == p.id for a in obs.legal),
        })
    return out


def sent(obs: Observation, sc: Scenario) -> list[dict[str, Any]]:
    """The seat's own proposals this game, with their status."""
    return [{"id": p.id, "title": deal.proposal_title(sc, p), "status": p.status,
             "to": words.join([sc.actor(a).name for a in p.to]), "terms": words.terms_lines(sc, p.terms)}
            for p in obs.proposals if p.sender == obs.actor]


def notes(obs: Observation, sc: Scenario) -> list[dict[str, Any]]:
    """The seat's private messages, sent and received."""
    out = []
    for n in obs.notes:
        text = f"{sc.joint_move(n.move).name}: could live with {_label(sc, n.move, n.level)}"
        if n.warn:
            text += f"; warns it could {sc.unilateral_move(n.warn).name.lower()}"
        mine = n.sender == obs.actor
        out.append({"turn": n.turn, "from": sc.actor(n.sender).name, "to": sc.actor(n.to).name, "mine": mine,
                    "text": text})
    return out


def actions_phase(obs: Observation, sc: Scenario) -> dict[str, Any]:
    """The secret choices: the unilateral moves with their cards, and the duties to keep or break."""
    cards = []
    for um in sc.unilateral_moves:
        if obs.actor not in um.actors:
            continue
        card = moves.move_card(obs, sc, um)
        cards.append({"id": card.id, "name": card.name, "why_not": card.why_not, "lines": list(card.lines)})
    duties = []
    for move in obs.obligations:
        card = moves.breach_card(obs, sc, move)
        duties.append({"move": move, "title": card.title, "duty": card.duty, "gains": card.gains,
                       "risk": card.risk, "keeping": move not in obs.breaking})
    return {"moves": cards, "chosen": obs.move_choice, "duties": duties,
            "capital": moves.capital_text(obs)}


def can(obs: Observation) -> dict[str, bool]:
    """Which kinds of action the seat may take now (the page greys out the rest)."""
    kinds = {type(a).__name__ for a in obs.legal}
    return {"propose": "Propose" in kinds, "counter": "Counter" in kinds, "answer": "Accept" in kinds,
            "statement": "Statement" in kinds, "message": "Message" in kinds,
            "move": any(isinstance(a, ChooseMove) for a in obs.legal),
            "comply": any(isinstance(a, SetCompliance) for a in obs.legal), "end": bool(obs.legal),
            "deal": any(isinstance(a, Propose) for a in obs.legal)}


def action_text(action, sc: Scenario) -> str:
    """What a seat did, for its own team's feed, when the log has no line of its own for it."""
    if isinstance(action, ChooseMove):
        return (f"chose {sc.unilateral_move(action.move).name} as this turn's move (secret)" if action.move
                else "chose no move this turn (secret)")
    if isinstance(action, SetCompliance):
        verb = "keep" if action.keep else "break"
        return f"chose to {verb} the duties on {sc.joint_move(action.move).name} (secret)"
    if isinstance(action, EndPhase):
        return "is done for now"
    return type(action).__name__.lower()


def seat_view(obs: Observation, sc: Scenario) -> dict[str, Any]:
    """Everything one seat's page shows now."""
    waiting = obs.waiting_for
    view: dict[str, Any] = {
        "seat": obs.actor, "name": obs.me.name, "turn": obs.turn, "turns": obs.turns,
        "date": words.long_date(obs.date), "phase": obs.phase, "phase_text": words.phase_text(obs),
        "my_turn": obs.my_turn, "waiting_for": sc.actor(waiting).name if waiting else None,
        "score": round(obs.score), "score_explained": words.score_explained(obs, sc),
        "capital": obs.capital, "budget": obs.budget,
        "indicators": indicators(obs), "agreements": agreements(obs, sc), "table": table(obs, sc, obs.actor),
        "brief": brief(obs, sc), "joint_moves": joint_moves(obs, sc),
        "others": [{"id": a.id, "name": a.name} for a in obs.actors if a.id != obs.actor],
        "incoming": incoming(obs, sc), "answers": answers.batch(obs, sc), "sent": sent(obs, sc), "notes": notes(obs, sc),
        "log": [{"turn": e.turn, "kind": e.kind, "text": entry_text(e, sc, obs.proposals)}
                for e in obs.log[-LOG_LINES:]],
        "can": can(obs), "over": obs.phase == "over",
    }
    if obs.phase == "actions":
        view["actions"] = actions_phase(obs, sc)
    return view
