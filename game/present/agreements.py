"""Format 1.1 in a player's words: terms and expiry, who signed with whom, red lines, sources
that are living pages or the author's summary, and moves invented for play.

Pure functions of an observation and the scenario, shared by the pygame scenes, the transcript
and the reports.
"""

from __future__ import annotations

from game.core.actions import Terms
from game.core.model import Scenario, Source
from game.core.observe import Observation
from game.present import words

INVENTED = "Invented for play: no source reports it."


def source_date(src: Source) -> str:
    """'5 July 2017', or for a living page 'page read on 30 November 2026'."""
    if src.date:
        return words.long_date(src.date)
    if src.accessed:
        return f"page read on {words.long_date(src.accessed)}"
    return ""


def source_credit(src: Source) -> str:
    """The outlet and date, with a mark when the text is the scenario author's own summary."""
    credit = f"{src.outlet}, {source_date(src)}"
    return credit + " (summary by the scenario's author)" if src.own_summary else credit


def quote_credit(sc: Scenario, source_id: str) -> str:
    """Where a quote comes from, as it is shown under the quote."""
    src = next((s for s in sc.sources if s.id == source_id), None)
    return source_credit(src) if src else source_id


def ends_text(obs: Observation, sc: Scenario, move: str) -> str:
    """'until turn 4 (29 January 2027), 2 turns left' for an agreement with a term, else ''."""
    a = next((x for x in obs.agreements if x.move == move), None)
    if a is None or a.expires is None:
        return ""
    left = a.left(obs.turn) or 0
    if a.expires > sc.turns:
        return f"its term runs past the end of the game (to turn {a.expires})"
    when = words.long_date(sc.date_of_turn(a.expires))
    return (f"until the end of turn {a.expires} ({when}), {words.plural_s(left, 'turn')} left "
            "unless renewed")


def signed_text(obs: Observation, sc: Scenario, move: str, short: bool = False) -> str:
    """Who signed with whom: 'signed by Marnia with the Envoys; by Ossory with the Envoys', or
    who still has to sign a parallel move."""
    a = next((x for x in obs.agreements if x.move == move), None)
    mediators = [sc.actor(m).name for m in a.mediators] if a else []
    if a is not None and a.signed:
        with_whom = words.join(mediators) if mediators else "the mediator"
        return "signed separately: " + "; ".join(f"by {words.join([sc.actor(x).name for x in group])} with "
                                                 f"{with_whom}" for group in a.signed)
    if a is not None and mediators:
        return f"mediated by {words.join(mediators)}"
    pending = [s for s in obs.signatures if s[0] == move]
    if pending:
        jm = sc.joint_move(move)
        level = pending[-1][1]  # the latest variant signed
        have = {x for s in pending if s[1] == level for x in s[2]}
        who = (lambda x: sc.actor(x).short_name) if short else (lambda x: sc.actor(x).name)
        waiting = [who(x) for x in jm.consent_for(level) if x not in have and not sc.actor(x).mediator]
        head = "" if short else f"{jm.variants[level].label}: "
        return (f"{head}signed by {words.join([who(x) for x in sc.actor_ids if x in have])}; "
                f"waiting for {words.join(waiting)}")
    return ""


def agreement_status(obs: Observation, sc: Scenario, move: str) -> str:
    """The state of a joint move in one line: its variant, in force or suspended, its term and signers."""
    jm = sc.joint_move(move)
    a = next((x for x in obs.agreements if x.move == move), None)
    level = obs.levels[move]
    state = "in force" if a and not a.suspended else ("suspended" if a else "status quo")
    parts = [f"{jm.name} now: {jm.variants[level if not (a and a.suspended) else a.level].label} ({state})"]
    for extra in (ends_text(obs, sc, move), signed_text(obs, sc, move)):
        if extra:
            parts.append(extra)
    return "; ".join(parts)


def calendar_lines(obs: Observation, sc: Scenario) -> list[str]:
    """One line per agreement with a term: when it ends. The calendar of what lapses."""
    out = []
    for a in obs.agreements:
        if a.expires is not None and a.expires <= sc.turns:
            out.append(f"{sc.joint_move(a.move).name} ends after turn {a.expires} "
                       f"({words.long_date(sc.date_of_turn(a.expires))})")
    return out


def red_line_warning(obs: Observation, sc: Scenario, terms: Terms) -> str | None:
    """The warning a player reads before sending or accepting a deal that crosses their own red line."""
    crossed = []
    cost = 0
    effects: list[str] = []
    for move, level in terms:
        stance = obs.me.stances.get(move)  # red lines are fixed for the game
        if stance is None or not stance.forbids(level):
            continue
        jm = sc.joint_move(move)
        crossed.append(f"{jm.name}: {jm.variants[level].label}")
        cost += stance.red_line.cost
        effects += words.effects_text(stance.red_line.effects, sc, obs.env)
    if not crossed:
        return None
    price = []
    if cost:
        price.append(f"you lose {cost} political capital")
    if effects:
        price.append(", ".join(effects))
    tail = f" If it is agreed, {' and '.join(price)}." if price else ""
    return f"This crosses your red line ({'; '.join(crossed)}).{tail}"


def public_red_lines(obs: Observation, sc: Scenario, actor: str) -> list[str]:
    """What an actor has said in public it will never accept."""
    view = obs.actor_view(actor)
    out = []
    for move, levels in sorted(view.red_lines.items()):
        jm = sc.joint_move(move)
        out.append(f"{words.subject(view, 'says it will never accept')} {jm.name}: "
                   f"{words.join([jm.variants[lv].label for lv in levels])}")
    return out


def term_text(sc: Scenario, move: str, level: int) -> str:
    """'lasts 4 turns (120 days), then lapses unless renewed' for a variant with a term."""
    term = sc.joint_move(move).variants[level].term
    if not term:
        return ""
    return f"lasts {words.plural_s(term, 'turn')} ({term * sc.turn_days} days), then lapses unless renewed"


def red_line_lines(sc: Scenario, actor, you: bool = True) -> list[str]:
    """An actor's red lines on joint moves, for its brief (``you``) or the debrief: what, public or
    private, and the cost."""
    lines = (red_line_line(sc, actor, jm.id, you) for jm in sc.joint_moves)
    return [line for line in lines if line]


def red_line_line(sc: Scenario, actor, move: str, you: bool = True) -> str | None:
    """An actor's red line on one joint move in words, or None."""
    st = actor.stances.get(move)
    if st is None or st.red_line is None:
        return None
    jm = sc.joint_move(move)
    red = st.red_line
    labels = words.join([jm.variants[lv].label for lv in red.levels])
    if you:
        said = "you say so in public" if red.public else "you keep this to yourself"
    else:
        said = words.verb(actor, "says so in public") if red.public else words.verb(actor, "keeps this private")
    price = []
    if red.cost:
        price.append(f"{red.cost} political capital")
    price += words.effects_text(red.effects, sc, {i.id: i.start for i in sc.indicators})
    tail = f"; crossing it costs {', '.join(price)}" if price else ""
    return f"{jm.name}: never {labels} ({said}{tail})"


def invented_moves(sc: Scenario) -> list[str]:
    """The names of the moves the author invented for play."""
    return [m.name for m in (*sc.joint_moves, *sc.unilateral_moves) if m.invented]


def is_invented(sc: Scenario, ref: str | None) -> bool:
    """Whether a log entry's scenario id is a move invented for play."""
    if not ref:
        return False
    item = sc._by_id.get(ref)
    return bool(getattr(item, "invented", False))


def deal_needs(obs: Observation, sc: Scenario, terms: Terms) -> list[str]:
    """Who must receive a deal the viewer sends: every party each variant needs; for a parallel
    move, a mediator to sign with (the other parties sign separately)."""
    if not terms:
        return []
    parallel = next((sc.joint_move(m) for m, _ in terms if sc.joint_move(m).parallel), None)
    if parallel is not None:
        if sc.actor(obs.actor).mediator:
            return []
        return [a.id for a in sc.actors if a.mediator and a.id != obs.actor][:1]
    needed = {a for m, lv in terms for a in sc.joint_move(m).consent_for(lv)}
    return [a for a in sc.actor_ids if a in needed and a != obs.actor]


def deal_problem(obs: Observation, sc: Scenario, terms: Terms) -> str | None:
    """Why a deal cannot be sent as it stands (format 1.1 shapes), or None."""
    parallel = [sc.joint_move(m) for m, _ in terms if sc.joint_move(m).parallel]
    if parallel and len(terms) > 1:
        return f"{parallel[0].name} is signed separately: propose it on its own."
    if parallel:
        move, level = terms[0]
        jm = parallel[0]
        if obs.actor not in jm.consent_for(level) and not sc.actor(obs.actor).mediator:
            return f"You are not a party to {jm.name}."
        if any(s[0] == move and s[1] == level and obs.actor in s[2] for s in obs.signatures):
            return f"You have already signed {jm.name}: {jm.variants[level].label}; the others sign next."
    return None


def renews(obs: Observation, move: str, level: int) -> bool:
    """Whether the level renews an agreement with a term in force at it (made before this turn)."""
    a = next((x for x in obs.agreements if x.move == move), None)
    return (a is not None and not a.suspended and a.level == level and a.expires is not None
            and a.since < obs.turn)


def consent_text(sc: Scenario, move: str, level: int) -> str:
    """'Needs the consent of A and B (and, for this variant, C).' or, for a parallel move, how it is signed."""
    jm = sc.joint_move(move)
    names = words.join([sc.actor(a).name for a in jm.consent])
    extra = jm.variants[level].extra_consent if 0 <= level < len(jm.variants) else ()
    text = f"Needs the consent of {names}"
    if extra:
        text += f" and, for this variant, {words.join([sc.actor(a).name for a in extra])}"
    if jm.parallel:
        text += "; each signs separately with a mediator"
    return text + "."


def move_lines(obs: Observation, sc: Scenario, um) -> list[str]:
    """What format 1.1 adds to a unilateral move's card: a whole package suspended or restored,
    consequences that depend on a condition (and the breaches they count as), invented moves."""
    out = []
    if um.package and (um.suspend or um.restore):
        out.append("With it, every agreement made in the same deal.")
    for c in um.consequences:
        holds = c.condition.truth(obs.env)
        parts = words.effects_text(c.effects, sc, obs.env)
        if c.trust:
            parts.append("trust in you: " + ", ".join(f"{sc.actor(a).short_name} {words.sign(d)}"
                                                      for a, d in sorted(c.trust.items())))
        if c.breach:
            parts.append(f"it counts as breaking {sc.joint_move(c.breach).name}")
        now = "it holds now" if holds else "it does not hold now"
        when = words.when_text(c.condition.text, sc)
        out.append(f"{when[:1].upper()}{when[1:]} ({now}): {', '.join(parts)}.")
    if um.invented:
        out.append(INVENTED)
    return out
