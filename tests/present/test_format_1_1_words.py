"""Format 1.1 in the player's words (issue 14): terms and expiry, who signed with whom, red-line
warnings, living and summarised sources, invented moves, bookkeeping counts."""

from __future__ import annotations

from game.core.actions import Accept, EndPhase, Propose
from game.core.observe import observe
from game.present import agreements, changes
from game.present.entries import entry_text
from game.resources import example_scenarios
from game.scenario.loader import load_scenario
from tests.core import scenarios as S
from tests.core.test_rules_format_1_1 import play, red_doc, termed

EXAMPLE = load_scenario(example_scenarios()[0])


def test_the_table_says_when_an_agreement_ends():
    state, rng = S.start(termed(2))
    state = play(state, rng, Propose("a", ("b",), (("pact", 1),)), Accept("b", 1))
    obs = observe(state, "c")
    assert agreements.calendar_lines(obs, state.scenario) == ["Pact ends after turn 2 (Wed 8 Jan 2020)"]
    assert "2 turns left unless renewed" in agreements.agreement_status(obs, state.scenario, "pact")


def test_the_words_say_who_signed_with_whom_and_who_is_awaited():
    state, rng = S.start(EXAMPLE, seed=0)
    state = play(state, rng, Propose("marnia", ("envoys",), (("corridor", 1),)), EndPhase("marnia"),
                 EndPhase("ossory"), EndPhase("insurers"), Accept("envoys", 1))
    obs = observe(state, "insurers")
    assert agreements.signed_text(obs, EXAMPLE, "corridor") == (
        "Inspected corridor (4 months): signed by Marnia; waiting for Ossory")
    state = play(state, rng, Propose("ossory", ("envoys",), (("corridor", 1),)), Accept("envoys", 2))
    obs = observe(state, "insurers")
    assert agreements.signed_text(obs, EXAMPLE, "corridor") == (
        "signed separately: by Marnia with The Strait Envoys; by Ossory with The Strait Envoys")


def test_a_player_is_warned_before_crossing_a_red_line_with_its_price():
    state, _ = S.start(red_doc())
    obs = observe(state, "b")
    warning = agreements.red_line_warning(obs, state.scenario, (("pact", 2),))
    assert warning == "This crosses your red line (Pact: Strong). If it is agreed, you lose 4 political capital and Y +10."
    assert agreements.red_line_warning(obs, state.scenario, (("pact", 1),)) is None
    assert agreements.public_red_lines(observe(state, "a"), state.scenario, "b") == [
        "Actor B says it will never accept Pact: Strong"]


def test_sources_invented_moves_and_counts_read_as_such():
    src = EXAMPLE.sources[0]
    assert agreements.source_credit(src) == (
        "Strait Wiki (fictional), page read on Mon 30 Nov 2026 (summary by the scenario's author)")
    assert agreements.invented_moves(EXAMPLE) == ["Drone raid on the fleet"]
    from game.core.state import LogEntry
    entry = LogEntry(2, "move", "Marnia raids Ossory's fleet with drones", "marnia", ref="drone_raid")
    assert entry_text(entry, EXAMPLE).endswith("[invented for play: no source]")
    tonnes = EXAMPLE.indicator("tonnes")
    assert changes.verdict(changes.leaning((), tonnes), 8) == "none"


def test_the_score_preview_counts_only_the_turns_an_agreement_lasts():
    from game.present import deal
    long_doc = termed(2)
    long_doc["joint_moves"][0]["variants"][1].pop("term")
    short, _ = S.start(termed(2))
    lasting, _ = S.start(long_doc)
    p_short = deal.preview(observe(short, "a"), short.scenario, (("pact", 1),))
    p_long = deal.preview(observe(lasting, "a"), lasting.scenario, (("pact", 1),))
    assert p_short.with_deal < p_long.with_deal
    assert p_short.without == p_long.without


def test_a_move_card_says_its_consequences_while_their_condition_holds_and_invented_moves():
    from game.present import moves
    state, _ = S.start(EXAMPLE, seed=0)
    obs = observe(state, "ossory")
    card = moves.move_card(obs, EXAMPLE, EXAMPLE.unilateral_move("port_strike"))
    assert any(line.startswith("When the grain corridor") or "it counts as breaking Grain corridor" in line
               for line in card.lines)
    assert any("(it does not hold now)" in line for line in card.lines)
    walk = moves.move_card(obs, EXAMPLE, EXAMPLE.unilateral_move("walk_out"))
    assert "With it, every agreement made in the same deal." in walk.lines
    raid = moves.move_card(observe(state, "marnia"), EXAMPLE, EXAMPLE.unilateral_move("drone_raid"))
    assert agreements.INVENTED in raid.lines


def test_the_debrief_reveals_red_lines_in_the_third_person():
    from game.present import debrief
    rows = {r.actor: r for r in debrief.revealed(EXAMPLE, {a.id: a.stances for a in EXAMPLE.actors}, {}, {})}
    assert any(w.endswith("; red line: never Escorted convoys (4 months) (keep this private)")
               for w in rows["insurers"].wants)
    assert any("(says so in public; crossing it costs 5" in r for r in rows["ossory"].wants)
