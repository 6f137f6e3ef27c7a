"""What one seat may know: ``observe(state, actor)`` on hand-made cases (rule 1.2, and 5.3's secrecy).

1.2 What you know. You know your own role brief (objectives and red lines), what your side really
wants on each joint move (its ideal) and how much it cares (its salience). You see the indicators,
the agreements, everyone's public positions, the news, the proposals sent to you or by you, the
messages you sent and received, and how far each other actor trusts you. You do not see anyone
else's ideals, saliences, red lines, trust, capital, messages to others, or secret choices.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from game.core.actions import Accept, ChooseMove, EndPhase, Message, Propose, SetCompliance, Statement
from game.core.observe import HIDDEN_CAUSE, Estimate, Observation, observe
from game.core.rules import apply
from tests.core.scenarios import (
    event,
    finish_turn,
    play,
    run_turn,
    stance,
    start,
    table,
    to_actions,
    unilateral,
)

# Fields of an observation that restate the scenario's public definition; compiled expressions in
# them compare by identity, so two loads of one file differ there and nowhere else.
DEFINITION = {"rules", "indicators", "joint_moves", "unilateral_moves", "me"}


def face(obs: Observation, skip: set[str] = frozenset()) -> dict[str, Any]:
    """The observation as comparable values, without the scenario's definition."""
    out = {f.name: getattr(obs, f.name) for f in dataclasses.fields(obs) if f.name not in DEFINITION | skip}
    out["me"] = obs.me.id
    return out


def test_a_back_channel_message_is_seen_only_by_sender_and_recipient() -> None:
    """3.2 Back-channel message: tell one actor, privately, which variant you could live with, and
    optionally warn them of a unilateral move you are able to make. No one else sees it."""
    doc = table()
    doc["unilateral_moves"] = [unilateral("walk_out", ["a"])]
    state, rng = start(doc)
    state = play(state, rng, Message("a", "b", "pact", 1, warn="walk_out", reason="between us"))
    for who in "ab":
        obs = observe(state, who)
        assert [(n.sender, n.to, n.move, n.level, n.warn) for n in obs.notes] == [
            ("a", "b", "pact", 1, "walk_out")
        ]
        entry = [e for e in obs.log if e.kind == "message"]
        assert len(entry) == 1 and "Walk Out" in entry[0].text and "between us" in entry[0].text
    c = observe(state, "c")
    assert c.notes == () and all(e.kind != "message" for e in c.log)
    assert "between us" not in repr(face(c))
    # c's view is exactly what it was before the message
    before, _ = start(doc)
    assert face(c) == face(observe(before, "c"))


def test_secret_orders_are_not_visible_to_others() -> None:
    """4.1 Secret orders. Each seat secretly chooses at most one unilateral move, and for each
    agreement that obliges it, whether to keep or break its duties. No one sees these choices
    until they resolve, all at once."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}
    doc["unilateral_moves"] = [unilateral("raid", ["a"], effects=["x -= 1"])]
    state, rng = start(doc)
    state = to_actions(state, rng)
    plain = play(state, rng, EndPhase("a"))
    secret = play(
        state,
        rng,
        ChooseMove("a", "raid", reason="they had it coming"),
        SetCompliance("a", "pact", False, reason="nobody watches"),
        EndPhase("a"),
    )
    mine = observe(secret, "a")
    assert mine.move_choice == "raid" and mine.breaking == frozenset({"pact"})
    for who in "bc":
        # the others' views are the same whatever a chose
        assert face(observe(secret, who)) == face(observe(plain, who))
        assert "they had it coming" not in repr(face(observe(secret, who)))
    # after the resolution the move is news; the breach is not (base detection 0.3, seed-dependent)
    after = finish_turn(secret, rng)
    assert any(e.kind == "move" and e.ref == "raid" for e in observe(after, "b").log)


def _breach_doc(base_detection: float) -> dict[str, Any]:
    doc = table()
    doc["rules"] = {"base_detection": base_detection}
    doc["in_force"] = {"pact": "weak"}
    return doc


def test_an_undetected_violation_shows_to_others_with_a_hidden_cause() -> None:
    """5.3 ... An undetected breach stays secret; the others only see indicators move for reasons
    unknown to them."""
    state, rng = start(_breach_doc(0.0))
    state = run_turn(state, rng, a=[SetCompliance("a", "pact", False)])
    real = [c for c in state.changes if c.cause.kind == "violation"]
    assert [(c.indicator, c.before, c.after, c.visible) for c in real] == [("x", 50.0, 45.0, frozenset("a"))]
    mine = observe(state, "a")
    assert [c.cause.kind for c in mine.changes] == ["violation", "agreement"]
    assert any(e.kind == "violation" for e in mine.log)
    for who in "bc":
        obs = observe(state, who)
        assert [(c.indicator, c.before, c.after, c.cause) for c in obs.changes] == [
            ("x", 50.0, 45.0, HIDDEN_CAUSE),
            ("x", 45.0, 47.0, state.changes[1].cause),
        ]
        assert all(e.kind not in ("violation", "detected") for e in obs.log)
        assert obs.values == {"x": 47.0, "y": 50.0}  # the indicator itself is public
        assert "a does its part" not in repr(face(obs))


def test_a_detected_violation_is_news_for_everyone() -> None:
    """5.3 ... A detected breach costs the breaker trust (usually −20) with every other party, and
    half as much with everyone else, and the agreement collapses."""
    state, rng = start(_breach_doc(1.0))
    state = run_turn(state, rng, a=[SetCompliance("a", "pact", False)])
    for who in "abc":
        obs = observe(state, who)
        assert [e.kind for e in obs.log if e.kind in ("detected", "collapsed")] == ["detected", "collapsed"]
        assert obs.agreements == ()
    assert observe(state, "a").actor_view("b").trust_in_you == 30.0
    assert observe(state, "a").actor_view("c").trust_in_you == 40.0
    assert [t.cause.kind for t in observe(state, "c").trust_changes] == ["violation"]


def test_an_undetected_breach_looks_to_the_others_like_a_kept_agreement() -> None:
    """5.3 ... An undetected breach stays secret; the others only see indicators move for reasons
    unknown to them."""
    kept, rng = start(_breach_doc(0.0))
    kept = run_turn(kept, rng)
    broken, rng = start(_breach_doc(0.0))
    broken = run_turn(broken, rng, a=[SetCompliance("a", "pact", False)])
    indicators = {"values", "env", "series", "changes", "score"}
    for who in "bc":
        assert face(observe(broken, who), indicators) == face(observe(kept, who), indicators)


def test_proposals_are_seen_by_their_parties_and_agreements_by_all() -> None:
    """1.2 ... You see ... the agreements, ... the proposals sent to you or by you."""
    state, rng = start(table())
    state = play(state, rng, Propose("a", ("b",), (("pact", 1),), reason="a fair start"), EndPhase("a"))
    assert [p.id for p in observe(state, "a").proposals] == [1]
    assert [p.id for p in observe(state, "b").proposals] == [1]
    c = observe(state, "c")
    assert c.proposals == () and "a fair start" not in repr(face(c))
    assert all(e.kind != "proposal" for e in c.log)
    state = play(state, rng, Accept("b", 1))
    for who in "abc":
        obs = observe(state, who)
        assert [(x.move, x.level) for x in obs.agreements] == [("pact", 1)]
        assert any(e.kind == "agreement" for e in obs.log)
    assert observe(state, "c").proposals == ()


def test_an_observation_holds_only_the_seats_own_private_brief() -> None:
    """1.2 ... You know your own role brief (objectives and red lines), what your side really wants
    on each joint move (its ideal) and how much it cares (its salience). ... You do not see anyone
    else's ideals, saliences, red lines, trust, capital ..."""
    doc = table()
    doc["actors"][1]["capital"] = 42
    doc["actors"][1]["trust"] = {"a": 61, "c": 17}
    state, _ = start(doc)
    obs = observe(state, "a")
    assert obs.me.id == "a" and obs.me.red_lines == ("A never gives up strong.",)
    assert obs.stances == state.stances["a"] and obs.capital == 10
    assert obs.trust == {"b": 50.0, "c": 50.0}  # its own trust in the others
    assert obs.actor_view("b").trust_in_you == 61.0  # how far b trusts it, not b's trust in c
    assert obs.actor_view("a").trust_in_you == 100.0
    text = repr(face(obs))
    for secret in ("B never accepts strong.", "C never pays for aid.", "B wants y low."):
        assert secret not in text
    assert "42" not in repr(obs.actor_view("b")) and 17.0 not in obs.actor_view("b").public.values()


def test_another_seats_private_stances_do_not_change_what_a_seat_sees() -> None:
    """1.2 ... You do not see anyone else's ideals, saliences, red lines, trust, capital ..."""
    one = table()
    other = table()
    b = other["actors"][1]
    b["stances"] = {"pact": stance("none", 0.1, public="weak"), "aid": stance("none", 0.9, public="some")}
    b["brief"] = {"objectives": ["Something else entirely."], "red_lines": []}
    b["goals"] = [{"indicator": "x", "want": "high", "weight": 3}]
    b["capital"] = 99
    b["trust"] = {"c": 1}  # b's trust in c (not in a, which a may see)
    states = [start(doc)[0] for doc in (one, other)]
    rngs = [start(doc)[1] for doc in (one, other)]
    script = [
        Statement("a", "pact", 2),
        EndPhase("a"),
        Message("b", "c", "aid", 0),
        EndPhase("b"),
        EndPhase("c"),
    ]
    for action in script:
        states = [apply(s, action, r)[0] for s, r in zip(states, rngs, strict=True)]
        for who in "ac":
            # c was told something by b, and sees how far b trusts it: both by design
            skip = {"estimates", "actors"} if who == "c" else set()
            assert face(observe(states[0], who), skip) == face(observe(states[1], who), skip)


def test_estimates_update_from_what_a_seat_is_told() -> None:
    """1.2 ... everyone's public positions, ... the messages you sent and received."""
    doc = table()
    doc["actors"][0]["stances"]["pact"] = stance("strong", 0.8, public="weak")
    state, rng = start(doc)
    assert observe(state, "b").estimates["a"]["pact"] == Estimate(1.0, 0.5, "statement")
    state = play(state, rng, Propose("a", ("b",), (("pact", 2),)))
    assert observe(state, "b").estimates["a"]["pact"] == Estimate(2.0, 0.6, "proposal")
    assert observe(state, "c").estimates["a"]["pact"] == Estimate(1.0, 0.5, "statement")
    state = play(state, rng, Message("a", "b", "pact", 0))
    assert observe(state, "b").estimates["a"]["pact"] == Estimate(0.0, 0.6, "message")
    assert observe(state, "c").estimates["a"]["pact"] == Estimate(1.0, 0.5, "statement")
    state = play(state, rng, Statement("a", "aid", 1))  # a new public position, seen by all
    for who in "bc":
        assert observe(state, who).estimates["a"]["aid"] == Estimate(1.0, 0.5, "statement")
    assert "a" not in observe(state, "a").estimates


def test_an_events_stance_change_is_seen_only_by_that_seat() -> None:
    """2.3 What events do. An event can ... change an actor's private stance (what it wants, or how
    much it cares). Its headline appears in the news for everyone."""
    doc = table()
    doc["events"] = [event("pressure", turn=2, stances=[{"actor": "b", "move": "pact", "ideal": "none"}])]
    quiet = table()
    quiet["events"] = [event("pressure", turn=2)]
    moved, rng = start(doc)
    moved = run_turn(moved, rng)
    still, rng = start(quiet)
    still = run_turn(still, rng)
    assert observe(moved, "b").stances["pact"].ideal == 0
    assert observe(still, "b").stances["pact"].ideal == 1
    for who in "ac":
        assert face(observe(moved, who)) == face(observe(still, who))


def test_only_the_seat_to_move_has_legal_actions_in_its_view() -> None:
    """An observation lists the observer's own legal actions, and none when it is not its turn."""
    state, _ = start(table())
    assert observe(state, "a").my_turn and all(x.actor == "a" for x in observe(state, "a").legal)
    assert observe(state, "b").legal == () and not observe(state, "b").my_turn
    assert observe(state, "b").waiting_for == "a"


def test_the_reasons_of_secret_choices_stay_private() -> None:
    """Reasons given with secret choices are never shown to anyone else."""
    doc = table()
    doc["in_force"] = {"pact": "weak"}
    state, rng = start(doc)
    state = to_actions(state, rng)
    state = finish_turn(state, rng, b=[SetCompliance("b", "pact", True, reason="b keeps faith quietly")])
    for who in "ac":
        assert "keeps faith quietly" not in repr(face(observe(state, who)))


def test_changing_an_observation_changes_neither_the_state_nor_the_scenario() -> None:
    """Only apply changes a game: a computer actor or screen that edits its view edits nothing else."""
    state, rng = start(table())
    state = run_turn(state, rng)
    obs = observe(state, "a")
    obs.series[0]["x"] = -1.0
    obs.me.trust["b"] = 0.0
    assert state.series[0]["x"] == 50.0
    assert state.scenario.actor("a").trust["b"] == 50.0
