"""The AI benchmark's report has every key the issue names, on a tiny run of the tutorial; its deal
figures and consistency counts give the known answers of hand-made cases."""

from __future__ import annotations

import json

import numpy as np
import pytest

from benchmarks import ai_metrics, ai_quality
from game.resources import shipped_scenarios


def _tutorial():
    return next(p for p in shipped_scenarios() if "tutorial" in p.name)


def test_json_report_has_every_figure(capsys):
    code = ai_quality.main(["--games", "3", "--cross-games", "2", "--level-games", "1",
                            "--scenario", str(_tutorial()), "--json", "--jobs", "1"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    res = report["tutorial_river"]
    for key in ("agreement_rate", "agreement_rate_by_move", "below_no_deal_agreements", "nash_ratio",
                "dominated_share", "dominated_share_expected", "nash_ratio_expected", "random_deals", "contradictions", "repeat_refused", "proposals_per_agreement",
                "moves_used", "forced_moves", "ending_entropy", "ending_shares", "cross_play", "difficulty", "exploitability",
                "model_error", "decision_ms_p50", "decision_ms_p95", "games"):
        assert key in res, key
    assert res["games"] == 3 and res["cross_play_games"] == 2 and res["level_games"] == 1
    assert set(res["cross_play"]) == {"random", "hardliner", "conceder"}
    for seats in res["cross_play"].values():
        assert set(seats) == {"highford", "lowmere", "commission"}
        for row in seats.values():
            assert {"ours", "baseline", "margin", "se"} <= set(row)
    assert set(res["difficulty"]) == {"highford", "lowmere", "commission"}
    assert set(res["exploitability"]) == {"easy", "normal", "hard"}
    assert abs(sum(res["ending_shares"].values()) - 1.0) < 1e-9
    assert 0.0 <= res["ending_entropy"] <= 1.0
    assert 0.0 < res["nash_ratio"] <= 1.0 and 0.0 <= res["dominated_share"] <= 1.0
    assert 0.0 <= res["dominated_share_expected"] <= 1.0
    for shares in res["moves_used"].values():
        assert 0.0 <= shares["ours"] <= 1.0 and 0.0 <= shares["random"] <= 1.0


@pytest.mark.parametrize("argv", [["--games", "0"], ["--cross-games", "0"], ["--jobs", "0"],
                                  ["--level-games", "0"]])
def test_bad_arguments_are_refused_in_one_line(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        ai_quality.main(argv)
    assert exc.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_the_deal_figures_of_a_hand_made_bargain():
    """Two signatories, four deals on the same moves: (gain of A, gain of B) per row."""
    gains = np.array([[0.0, 0.0],   # no change
                      [0.2, 0.1],   # dominated by the next row
                      [0.3, 0.1],
                      [0.1, 0.4]])  # the best Nash product, 0.04
    full = np.array([False, True, True, True])
    q = ai_metrics.judge_deal(gains, 1, full)
    assert q.dominated and q.nash_ratio == pytest.approx(0.02 / 0.04)
    best = ai_metrics.judge_deal(gains, 3, full)
    assert not best.dominated and best.nash_ratio == pytest.approx(1.0)
    # the reference: the three rows that change every move, equally weighted
    assert best.random_ratio == pytest.approx((0.5 + 0.75 + 1.0) / 3)
    assert best.random_dominated == pytest.approx(1 / 3)
    assert list(ai_metrics.dominated_rows(gains)) == [True, True, False, False]


def _watched(actions_by_slot):
    """Feed a game of the AI tests' table to a Watch: at each slot, the given action (else end the phase)."""
    from game.ai.play import Step
    from game.core.actions import EndPhase
    from game.core.observe import observe
    from game.core.rules import apply
    from tests.ai import kit

    state, rng = kit.start(kit.table())
    watch = ai_metrics.Watch()
    pending = list(actions_by_slot)
    for _ in range(400):
        if state.phase == "over" or not pending:
            break
        want = pending[0]
        action = want(state) if callable(want) else want
        if action is None or action.actor != state.to_move:
            action = EndPhase(state.to_move)
        else:
            pending.pop(0)
        obs = observe(state, state.to_move)
        new, entries = apply(state, action, rng)
        step = Step(obs, action, state, new, tuple(entries), 0.0)
        watch.step(step)
        watch.remember(new)
        state = new
    assert not pending, "the scripted actions did not all find their slot"
    return watch


def test_a_refused_deal_sent_again_with_nothing_changed_counts_once():
    from game.core.actions import Propose, Reject

    offer = Propose("a", ("b",), (("deal", 4),), "a proposes its ideal")
    refuse = (lambda s: Reject("b", 1, "b rejects") if s.to_move == "b" and s.proposals else None)
    again = (lambda s: Propose("a", ("b",), (("deal", 4),), "again") if s.to_move == "a" and s.round == 2
             else None)
    watch = _watched([offer, refuse, again])
    assert watch.repeat_refused == 1 and watch.proposals == 2
    assert _watched([offer, refuse]).repeat_refused == 0


def test_refusing_the_deal_one_said_it_holds_out_for_is_a_contradiction():
    from game.core.actions import Propose, Reject

    first = Propose("a", ("b",), (("deal", 4),), "a proposes")
    holds = (lambda s: Reject("b", 1, "Actor B rejects: The Deal: Union gains it too little yet; "
                                      "it holds out for Truce") if s.to_move == "b" and s.proposals else None)
    truce = (lambda s: Propose("a", ("b",), (("deal", 2),), "a offers truce") if s.to_move == "a" and s.round == 2
             else None)
    refuse_truce = (lambda s: Reject("b", 2, "Actor B rejects") if s.to_move == "b" and len(s.proposals) == 2
                    else None)
    assert _watched([first, holds, truce, refuse_truce]).contradictions == 1
    assert _watched([first, holds, truce]).contradictions == 0


def test_model_error_is_the_distance_of_each_levels_reading_from_the_true_ideals():
    """b says union (4) and wants truce (2); c says and wants treaty (3). Read by a at face value (easy):
    b is off by 2 of the move's 4 steps, c by none, so the mean error is (0.5 + 0) / 2."""
    from game.core.observe import observe
    from tests.ai import kit

    sc = kit.table(actors=[kit.actor("a", {"deal": kit.stance("union")}),
                           kit.actor("b", {"deal": kit.stance("truce", public="union")}),
                           kit.actor("c", {"deal": kit.stance("treaty")})])
    state, _ = kit.start(sc)
    err = ai_metrics.model_error(state, observe(state, "a"))
    assert err["easy"] == pytest.approx(0.25)
    assert set(err) == {"easy", "normal", "hard"}


def test_difficulty_only_reports_paired_margins_per_seat(capsys):
    assert ai_quality.main(["--difficulty-only", "--level-games", "2", "--scenario", str(_tutorial()),
                            "--jobs", "1"]) == 0
    res = json.loads(capsys.readouterr().out)["tutorial_river"]
    assert res["level_games"] == 2
    for seat in ("highford", "lowmere", "commission"):
        assert set(res["difficulty"][seat]) == {"hard-normal", "normal-easy", "mean"}


def test_the_dominated_deals_diagnostic_lists_each_with_the_deal_that_dominates_it(capsys):
    """Seed 213 of Syria: the United States offers Russia deconfliction lines with the ceasefire, which
    zones with the ceasefire dominate by both true values (kept); Russia, pricing each move by the
    chance that it holds, expects more of the lines (0.079 against 0.076), so neither side improves
    it, and the diagnostic says so."""
    from benchmarks import dominated

    path = next(p for p in shipped_scenarios() if "syria" in p.name)
    assert dominated.run(str(path), 1, 213, "normal") == 0
    out = capsys.readouterr().out
    assert "by us to russia: no_fly_zone=Deconfliction lines only, southwest_ceasefire=Ceasefire" in out
    assert "dominated by: no_fly_zone=No-fly over de-escalation zones, southwest_ceasefire=Ceasefire" in out
    assert "improve did not find it: not better by the sender's estimates (worse for russia)" in out
    assert out.strip().endswith("(1 games, seeds 213-213)")


def test_difficulty_only_plays_the_seeds_it_is_given(capsys):
    """--first-seed 1 with one paired game plays seed 1: its normal mean is seed 1's normal game."""
    assert ai_quality.main(["--difficulty-only", "--level-games", "1", "--first-seed", "1",
                            "--scenario", str(_tutorial()), "--jobs", "1"]) == 0
    res = json.loads(capsys.readouterr().out)["tutorial_river"]
    assert res["first_seed"] == 1
    means = {s: v["mean"]["normal"] for s, v in res["difficulty"].items()}
    one, zero = (ai_quality.play_one(str(_tutorial()), seed, (), False)["scores"] for seed in (1, 0))
    assert means == {s: round(v, 2) for s, v in one.items()}
    assert means != {s: round(v, 2) for s, v in zero.items()}  # seed 0 is another game


def test_level_diverge_finds_no_difference_between_a_level_and_itself(capsys):
    from benchmarks import level_diverge

    assert level_diverge.main(["--scenario", str(_tutorial()), "--seat", "highford", "--level", "normal",
                               "--seeds", "2", "--jobs", "1", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["margin"] == 0 and res["by_first_difference"] == {"same game": {"games": 2, "margin": 0.0}}


def test_first_seed_moves_the_games_to_a_fresh_range_of_seeds(monkeypatch, capsys):
    seen = {}

    def fake_evaluate(path, games, pool, cross_games=100, seeds_offset=0, level_games=30):
        seen[path] = (games, seeds_offset)
        return {}

    monkeypatch.setattr(ai_quality, "evaluate", fake_evaluate)
    tutorial = str(_tutorial())
    assert ai_quality.main(["--games", "5", "--scenario", tutorial, "--json", "--jobs", "1"]) == 0
    assert seen[tutorial] == (5, 0)
    assert ai_quality.main(["--games", "5", "--first-seed", "120", "--scenario", tutorial, "--json",
                            "--jobs", "1"]) == 0
    assert seen[tutorial] == (5, 120)
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        ai_quality.main(["--first-seed", "-1"])
    assert exc.value.code == 2
    assert "--first-seed must be at least 0" in capsys.readouterr().err


def test_forced_moves_compares_the_forced_game_with_the_usual_one_seed_by_seed(capsys):
    """The forced-move check alone: for the chosen move and seat, the margin is the mean of the
    mover's score with the move forced minus without, over the seeds from --first-seed."""
    from benchmarks import forced_moves

    tutorial = str(_tutorial())
    assert forced_moves.main(["--scenario", tutorial, "--games", "2", "--first-seed", "3",
                              "--only", "go_to_court/lowmere", "--jobs", "1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["seeds"] == [3, 4] and list(out["forced_moves"]) == ["go_to_court"]
    diffs = [ai_quality.play_one(tutorial, s, (("lowmere", "forced:go_to_court", "normal"),), False,
                                 "normal")["scores"]["lowmere"]
             - ai_quality.play_one(tutorial, s, (), False, "normal")["scores"]["lowmere"] for s in (3, 4)]
    assert out["forced_moves"]["go_to_court"]["lowmere"]["margin"] == round(float(np.mean(diffs)), 2)
    with pytest.raises(SystemExit) as exc:
        forced_moves.main(["--games", "1"])
    assert exc.value.code == 2


def test_level_variants_gives_ai_qualitys_margins_and_reuses_its_cache(tmp_path, capsys, monkeypatch):
    """The level as shipped (an empty --set) gives the paired margins of ``ai_quality --difficulty-only``;
    a second run plays no game (every score cached); the shipped styles are restored after a variant."""
    from benchmarks import level_variants
    from game.ai import negotiate

    tutorial = str(_tutorial())
    shipped = dict(negotiate.STYLES)
    args = ["--scenario", tutorial, "--seeds", "3", "--cache", str(tmp_path), "--json"]
    assert level_variants.main(args) == 0
    got = json.loads(capsys.readouterr().out)
    want = ai_quality.difficulty_only(tutorial, 3, None)["difficulty"]
    assert got == {seat: {k: row[k] for k in ("hard-normal", "normal-easy")} for seat, row in want.items()}

    def no_game(*a, **k):
        raise AssertionError("a cached game was played again")

    monkeypatch.setattr(level_variants, "play_game", no_game)
    assert level_variants.main(args) == 0
    assert json.loads(capsys.readouterr().out) == got
    monkeypatch.undo()
    assert level_variants.main(args + ["--level", "easy", "--set", '{"pace": 1.0}']) == 0
    varied = json.loads(capsys.readouterr().out)
    assert all(varied[s]["hard-normal"] == got[s]["hard-normal"] for s in got)  # hard's games as cached
    assert negotiate.STYLES == shipped
