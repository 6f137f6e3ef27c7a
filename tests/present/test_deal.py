"""What a deal does, computed by the game (issue 10, items 14 and 17): every change to what is in
force or proposed is named, with no double negatives; previews count each turn's effects."""

from __future__ import annotations

from game.core.actions import Counter, EndPhase, Propose, make_terms
from game.core.observe import observe
from game.present import deal, words
from tests.core import scenarios as S


def _three_moves():
    doc = S.table()
    doc["joint_moves"].append(S.joint_move("zone", ["a", "b"], [S.variant("none"), S.variant("small"),
                                                                 S.variant("wide")]))
    doc["actors"][0]["stances"]["zone"] = S.stance("wide", 0.5)
    doc["in_force"] = {"zone": "wide"}
    return S.make(doc)


def test_changes_to_what_is_in_force_are_named():
    sc = _three_moves()
    state, _ = S.start(sc)
    obs = observe(state, "a")
    got = {c.move: c for c in deal.changes_to_force(obs, sc, make_terms({"pact": 2, "zone": 0}))}
    assert got["pact"].kind == "starts" and got["pact"].after == "Strong"
    assert got["zone"].kind == "ends" and got["zone"].before == "Wide" and got["zone"].harmful_to_force
    lowered = deal.changes_to_force(obs, sc, make_terms({"zone": 1}))[0]
    assert lowered.kind == "lowers" and lowered.harmful_to_force
    text = deal.summary(sc, deal.changes_to_force(obs, sc, make_terms({"pact": 2, "zone": 0})))
    assert "ends the agreement in force on Zone (Wide)" in text
    assert "without" not in text and "Zone: None" not in text  # no double negative


def test_a_counter_names_everything_it_lowers_raises_drops_and_adds():
    """Russia's counter lowered the no-fly variant without a word; Iran's added a term it never
    mentioned: the game itself must say so."""
    sc = _three_moves()
    asked = make_terms({"pact": 2, "aid": 1})
    offered = make_terms({"pact": 1, "zone": 0})
    got = {c.move: c.kind for c in deal.changes_to_proposal(sc, asked, offered)}
    assert got == {"pact": "lowers", "aid": "dropped", "zone": "added"}
    text = deal.summary(sc, deal.changes_to_proposal(sc, asked, offered), 3)
    assert text.startswith("Compared with #3, it ")
    assert "lowers Pact from Strong to Weak" in text and "drops Aid (Some)" in text and "adds Zone: None" in text


def _countered():
    """a proposes #1 (strong pact, some aid); b counters with #2 (weak pact, and the zone ended)."""
    sc = _three_moves()
    state, rng = S.start(sc)
    state = S.play(state, rng, Propose("a", ("b", "c"), make_terms({"pact": 2, "aid": 1})), EndPhase("a"))
    state = S.play(state, rng, Counter("b", 1, make_terms({"pact": 1, "zone": 0})))
    return sc, observe(state, "a")


def test_the_rows_of_a_counter_show_every_change():
    sc, obs = _countered()
    p = next(q for q in obs.proposals if q.id == 2)
    assert deal.proposal_title(sc, p) == "Counter-proposal #2 from Actor B"
    rows = {r.move: r for r in deal.proposal_rows(obs, sc, p)}
    assert set(rows) == {"pact", "aid", "zone"}
    assert rows["aid"].proposed == "" and any("Dropped" in t and tone == "warn" for t, tone in rows["aid"].notes)
    assert any(t.startswith("Lowered from Strong (#1)") for t, _ in rows["pact"].notes)
    assert any(t.startswith("Ends the agreement in force") and tone == "warn" for t, tone in rows["zone"].notes)
    assert any(t.startswith("Added") for t, _ in rows["zone"].notes)


def test_a_preview_counts_the_effects_of_each_turn_left():
    """A deal whose variant moves an indicator every turn changes the score it previews, though
    it changes nothing today (it used to preview as +0)."""
    sc = S.make(S.table())
    state, _ = S.start(sc)
    obs = observe(state, "c")  # c wants x low and has no stance on the pact; weak pact adds 2 to x each turn
    terms = make_terms({"pact": 1})
    assert round(words.my_score_if(obs, sc, terms)) == round(words.my_score_now(obs, sc))  # the old "+0"
    p = deal.preview(obs, sc, terms)
    assert p.turns == 3
    assert p.with_deal < p.without  # x rises 6 over the three turns: bad for c
    head, how = deal.preview_text(p)
    assert "with this deal" in head and "3 turns" in how
    # a viewer who wants x high gains by it
    pa = deal.preview(observe(state, "a"), sc, terms)
    assert pa.with_deal > pa.without


def test_the_projection_stops_at_the_bounds_and_at_the_end():
    sc = S.make(S.table())
    state, rng = S.start(sc)
    values = deal.project(sc, state.env(), {"pact": 2, "aid": 0}, 100)
    assert values["x"] == 100.0  # clamped, as in resolution
    state = S.end_until(state, rng, phase="over")
    assert deal.effect_turns(observe(state, "a")) == 0


def test_duties_are_said_in_the_scenarios_own_words_with_the_actor_named():
    sc = S.make(S.table())
    state, rng = S.start(sc)
    state = S.play(state, rng, EndPhase("a"))
    text = deal.duties_text(observe(state, "a"), sc, make_terms({"pact": 1}))
    assert text == "What it asks of Actor A (you): a does its part."


def test_the_record_of_a_counter_names_what_it_changes():
    from game.present.entries import entry_text

    sc, obs = _countered()
    entry = next(e for e in obs.log if e.kind == "counter")
    text = entry_text(entry, sc, obs.proposals)
    assert text.endswith("[Compared with #1, it lowers Pact from Strong to Weak; drops Aid (Some); adds Zone: None.]")
    assert entry_text(entry, sc) == entry.text  # without the proposals, the rules' own sentence
