"""Scores, the shared outcome and the Nash deal on cases with a known answer (rules 7.1–7.3).

7.1 Your score (0–100) combines how close the joint moves in force are to what your side wanted,
weighted by how much it cares about each (the scenario's stance_weight, usually 60%), and how far
the indicators it cares about ended toward the end it wants (the rest).
7.2 The shared outcome (0–100) is how well the world fares: the average of every indicator
measured toward its good end.
7.3 The deal that was available to all is the Nash bargaining solution: the package of joint-move
variants that maximises the product of the gains of the parties whose consent it needs (each as a
share of that party's range), among packages that leave none of them worse off than the
agreements in force at the start, judged by what each party wants when the game ends.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from game.core.scoring import _Search, move_tables, nash_solution, score, scores, shared_outcome
from tests.core.scenarios import (
    actor,
    event,
    joint_move,
    make,
    run_turn,
    stance,
    start,
    table,
    variant,
)


def _scored(
    x: float = 50, y: float = 50, in_force: dict | None = None, rules: dict | None = None, **actor_fields: Any
) -> dict[str, Any]:
    """The test table with a's stances and goals replaced, x and y starting where asked."""
    doc = table()
    doc["indicators"][0]["start"] = x
    doc["indicators"][1]["start"] = y
    doc["in_force"] = in_force or {}
    doc["rules"] = rules or {}
    doc["actors"][0].update(actor_fields)
    return doc


# ---------------------------------------------------------------------------------------------
# 7.1 scores


def test_ideal_everywhere_and_goals_at_best_score_100() -> None:
    doc = _scored(
        x=100,
        y=0,
        in_force={"pact": "strong", "aid": "some"},
        stances={"pact": stance("strong", 0.7), "aid": stance("some", 0.2)},
        goals=[{"indicator": "x", "want": "high", "weight": 2}, {"indicator": "y", "want": "low"}],
    )
    state, _ = start(doc)
    assert score(state, "a") == 100.0


def test_worst_everywhere_scores_0() -> None:
    doc = _scored(
        x=0,
        y=100,
        in_force={"aid": "some"},
        stances={"pact": stance("strong", 0.7), "aid": stance("none", 0.2)},
        goals=[{"indicator": "x", "want": "high"}, {"indicator": "y", "want": "low", "weight": 5}],
    )
    state, _ = start(doc)
    assert score(state, "a") == 0.0


@pytest.mark.parametrize("weight", [0.0, 0.25, 0.6, 1.0])
def test_stance_weight_splits_the_score(weight: float) -> None:
    """Stances perfect and goals at worst: the score is the stance share, and the other way round."""
    doc = _scored(
        x=0,
        in_force={"pact": "strong"},
        rules={"stance_weight": weight},
        stances={"pact": stance("strong", 0.5)},
        goals=[{"indicator": "x", "want": "high"}],
    )
    state, _ = start(doc)
    assert score(state, "a") == pytest.approx(100 * weight)
    doc = _scored(
        x=100,
        rules={"stance_weight": weight},
        stances={"pact": stance("strong", 0.5)},
        goals=[{"indicator": "x", "want": "high"}],
    )
    state, _ = start(doc)
    assert score(state, "a") == pytest.approx(100 * (1 - weight))


@pytest.mark.parametrize(
    ("in_force", "closeness"),
    [
        ({}, 0.0),  # pact none (2 steps of 2 from strong), aid none (ideal)... weighted below
        ({"pact": "weak"}, 0.5),
        ({"pact": "strong"}, 1.0),
    ],
)
def test_stance_closeness_is_distance_over_span_weighted_by_salience(
    in_force: dict, closeness: float
) -> None:
    # pact (3 variants): salience 0.3, ideal strong; aid (2 variants): salience 0.1, ideal none (in force)
    doc = _scored(
        in_force=in_force,
        rules={"stance_weight": 1.0},
        stances={"pact": stance("strong", 0.3), "aid": stance("none", 0.1)},
        goals=[],
    )
    state, _ = start(doc)
    assert score(state, "a") == pytest.approx(100 * (0.3 * closeness + 0.1 * 1.0) / 0.4)


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (50, 50, 50.0),
        (100, 50, (2 * 1.0 + 1 * 0.5) / 3 * 100),
        (0, 0, (2 * 0.0 + 1 * 1.0) / 3 * 100),
        (25, 100, (2 * 0.25 + 0.0) / 3 * 100),
    ],
)
def test_goals_are_weighted_by_their_weights(x: float, y: float, expected: float) -> None:
    doc = _scored(
        x=x,
        y=y,
        stances={},
        goals=[{"indicator": "x", "want": "high", "weight": 2}, {"indicator": "y", "want": "low"}],
    )
    state, _ = start(doc)
    assert score(state, "a") == pytest.approx(expected, abs=0.01)


def test_goals_on_an_indicator_with_its_own_range() -> None:
    doc = _scored(stances={}, goals=[{"indicator": "z", "want": "low"}])
    doc["indicators"].append({"id": "z", "label": "Z", "min": -10, "max": 30, "start": 0, "good": "high"})
    state, _ = start(doc)
    assert score(state, "a") == pytest.approx(75.0)  # 0 is a quarter of the way from -10 to 30


def test_an_actor_scores_on_one_part_when_it_has_no_other() -> None:
    no_goals = _scored(in_force={"pact": "weak"}, stances={"pact": stance("strong", 0.5)}, goals=[])
    assert score(start(no_goals)[0], "a") == 50.0
    no_stances = _scored(x=80, stances={}, goals=[{"indicator": "x", "want": "high"}])
    assert score(start(no_stances)[0], "a") == 80.0
    neither = _scored(x=80, stances={}, goals=[])
    assert score(start(neither)[0], "a") == 50.0


def test_scores_read_the_stances_as_events_left_them() -> None:
    doc = _scored(in_force={"pact": "strong"}, stances={"pact": stance("strong", 0.5)}, goals=[])
    doc["events"] = [
        event("change_of_heart", turn=2, stances=[{"actor": "a", "move": "pact", "ideal": "none"}])
    ]
    state, rng = start(doc)
    assert score(state, "a") == 100.0
    state = run_turn(state, rng)
    assert score(state, "a") == 0.0


def test_scores_cover_every_actor_and_stay_within_0_and_100() -> None:
    state, _ = start(table())
    table_scores = scores(state)
    assert set(table_scores) == {"a", "b", "c"}
    assert all(0.0 <= s <= 100.0 for s in table_scores.values())
    assert table_scores == {a: score(state, a) for a in "abc"}


# ---------------------------------------------------------------------------------------------
# 7.2 shared outcome


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (50, 50, 50.0),
        (100, 0, 100.0),
        (0, 100, 0.0),
        (80, 10, 85.0),
        (20, 80, 20.0),
    ],
)
def test_shared_outcome_is_the_mean_goodness_of_every_indicator(x: float, y: float, expected: float) -> None:
    state, _ = start(_scored(x=x, y=y))
    assert shared_outcome(state) == pytest.approx(expected)


def test_shared_outcome_measures_each_indicator_within_its_own_range() -> None:
    doc = _scored(x=100, y=0)
    doc["indicators"].append({"id": "z", "label": "Z", "min": -10, "max": 10, "start": 5, "good": "low"})
    state, _ = start(doc)
    assert shared_outcome(state) == pytest.approx(100 * (1 + 1 + 0.25) / 3)


# ---------------------------------------------------------------------------------------------
# 7.3 the Nash deal


def _bargain(moves: list[dict], stances: dict[str, dict], in_force: dict | None = None) -> dict[str, Any]:
    """A two-party table (p and q, plus m with no stake) over the given joint moves."""
    doc = table()
    doc["actors"] = [
        actor("p", stances=stances.get("p", {})),
        actor("q", stances=stances.get("q", {})),
        actor("m", stances=stances.get("m", {})),
    ]
    doc["joint_moves"] = moves
    doc["in_force"] = in_force or {}
    return doc


def _levels(*names: str) -> list[dict]:
    return [variant(n) for n in names]


ONE_MOVE = [joint_move("deal", ["p", "q"], _levels("l0", "l1", "l2"))]
FIVE_LEVELS = [joint_move("deal", ["p", "q"], _levels("l0", "l1", "l2", "l3", "l4"))]


@pytest.mark.parametrize(
    ("moves", "stances", "in_force", "levels"),
    [
        # ideals 1 and 2 from 0: level 1 gives both +0.5; level 2 leaves p no better off
        (ONE_MOVE, {"p": {"deal": stance("l1", 1.0)}, "q": {"deal": stance("l2", 1.0)}}, None, {"deal": 1}),
        # both want 2
        (ONE_MOVE, {"p": {"deal": stance("l2", 0.4)}, "q": {"deal": stance("l2", 0.9)}}, None, {"deal": 2}),
        # p wants what is in force: no package helps both, so no deal
        (ONE_MOVE, {"p": {"deal": stance("l0", 1.0)}, "q": {"deal": stance("l2", 1.0)}}, None, {"deal": 0}),
        # the disagreement point is what is in force at the start, not the status quo
        (
            ONE_MOVE,
            {"p": {"deal": stance("l1", 1.0)}, "q": {"deal": stance("l2", 1.0)}},
            {"deal": "l1"},
            {"deal": 1},
        ),
        # ideals 4 and 2 over 0..4 from 0: gains l/4 and 1/2 - |l-2|/4: products .0625, .25, .1875, 0
        (
            FIVE_LEVELS,
            {"p": {"deal": stance("l4", 1.0)}, "q": {"deal": stance("l2", 1.0)}},
            None,
            {"deal": 2},
        ),
        # ideals 4 and 3: products .0625, .25, .5625 (3/4 * 3/4), .5 (1 * 2/4)
        (
            FIVE_LEVELS,
            {"p": {"deal": stance("l4", 1.0)}, "q": {"deal": stance("l3", 1.0)}},
            None,
            {"deal": 3},
        ),
    ],
)
def test_nash_deal_on_one_move(moves: list, stances: dict, in_force: dict | None, levels: dict) -> None:
    deal = nash_solution(make(_bargain(moves, stances, in_force)))
    assert deal.levels == levels


def test_nash_deal_gains_are_measured_from_the_start() -> None:
    deal = nash_solution(
        make(_bargain(ONE_MOVE, {"p": {"deal": stance("l1", 1.0)}, "q": {"deal": stance("l2", 1.0)}}))
    )
    assert deal.gains == {"p": 0.5, "q": 0.5} and deal.changed == ("deal",)
    none = nash_solution(
        make(_bargain(ONE_MOVE, {"p": {"deal": stance("l0", 1.0)}, "q": {"deal": stance("l2", 1.0)}}))
    )
    assert none.changed == () and none.gains == {"p": 0.0, "q": 0.0}


LOGROLL = [
    joint_move("ports", ["p", "q"], _levels("shut", "open")),
    joint_move("roads", ["p", "q"], _levels("shut", "open")),
]


def test_nash_deal_logrolls_across_two_moves() -> None:
    """Each side cares most about a different move and mildly opposes the other's: neither move
    alone helps both, the package of both does."""
    stances = {
        "p": {"ports": stance("open", 0.9), "roads": stance("shut", 0.1)},
        "q": {"ports": stance("shut", 0.1), "roads": stance("open", 0.9)},
    }
    deal = nash_solution(make(_bargain(LOGROLL, stances)))
    assert deal.levels == {"ports": 1, "roads": 1}
    assert deal.gains == {"p": pytest.approx(0.8), "q": pytest.approx(0.8)}
    assert deal.changed == ("ports", "roads")


def test_nash_deal_needs_only_the_parties_of_the_moves_it_changes() -> None:
    """A package changing only ports needs p and q, and may leave m (no veto on it) worse off."""
    moves = [
        joint_move("ports", ["p", "q"], _levels("shut", "open")),
        joint_move("roads", ["q", "m"], _levels("shut", "open")),
    ]
    stances = {
        "p": {"ports": stance("open", 1.0)},
        "q": {"ports": stance("open", 0.5), "roads": stance("shut", 0.5)},
        "m": {"ports": stance("shut", 0.5), "roads": stance("open", 0.5)},
    }
    deal = nash_solution(make(_bargain(moves, stances)))
    assert deal.levels == {"ports": 1, "roads": 0}
    assert deal.gains["m"] < 0 < deal.gains["p"]


@pytest.mark.parametrize(
    "m_stances",
    [
        pytest.param({}, id="no stances"),
        pytest.param({"canal": stance("shut", 0.5)}, id="stance elsewhere"),
    ],
)
def test_a_veto_player_indifferent_to_a_package_neither_blocks_nor_counts(m_stances: dict) -> None:
    """7.3 ... the product of the gains of the parties whose consent it needs and who care about
    its moves ..., among packages that leave every party whose consent it needs no worse off.

    m must consent to roads but does not care about them, so opening ports and roads (p +1,
    q +1) is the deal, whatever m thinks of canal.
    """
    moves = [
        joint_move("ports", ["p", "q"], _levels("shut", "open")),
        joint_move("roads", ["q", "m"], _levels("shut", "open")),
        joint_move("canal", ["m"], _levels("shut", "open")),
    ]
    stances = {
        "p": {"ports": stance("open", 1.0)},
        "q": {"ports": stance("open", 0.5), "roads": stance("open", 0.5)},
        "m": m_stances,
    }
    deal = nash_solution(make(_bargain(moves, stances)))
    assert deal.levels == {"ports": 1, "roads": 1, "canal": 0}


# ---------------------------------------------------------------------------------------------
# 7.3 past 2^20 profiles: moves nobody cares about, and the local search


def _noise(count: int, consent: list[str]) -> list[dict]:
    """Three-variant moves needing consent from the given parties."""
    return [joint_move(f"noise_{i}", consent, _levels("n0", "n1", "n2")) for i in range(count)]


LOGROLL_STANCES = {
    "p": {"ports": stance("open", 0.9), "roads": stance("shut", 0.1)},
    "q": {"ports": stance("shut", 0.1), "roads": stance("open", 0.9)},
}


def test_moves_nobody_cares_about_do_not_hide_a_logroll() -> None:
    """The two-move logroll plus 12 three-variant moves nobody cares about (2 x 2 x 3^12 > 2^20
    profiles): both moves open, each party gains 0.8, and the other moves stay as they were."""
    deal = nash_solution(make(_bargain(LOGROLL + _noise(12, ["p", "q"]), LOGROLL_STANCES)))
    assert deal.changed == ("ports", "roads")
    assert deal.gains == {"p": pytest.approx(0.8), "q": pytest.approx(0.8)}
    assert all(deal.levels[f"noise_{i}"] == 0 for i in range(12))


def test_the_local_search_finds_a_logroll_among_too_many_profiles() -> None:
    """The logroll plus 18 moves that only m (no veto on them) cares about: 4 x 3^18 profiles,
    too many to list; the search still trades ports for roads and leaves the rest alone."""
    stances = {**LOGROLL_STANCES, "m": {f"noise_{i}": stance("n2", 0.5) for i in range(18)}}
    deal = nash_solution(make(_bargain(LOGROLL + _noise(18, ["p", "q"]), stances)))
    assert deal.changed == ("ports", "roads")
    assert deal.gains["p"] == pytest.approx(0.8) and deal.gains["q"] == pytest.approx(0.8)


def test_the_local_search_finds_a_trade_among_cared_about_moves() -> None:
    """Past 2^20 profiles with every move cared about: p and q each care a little about 18 moves
    on which they disagree, and much about ports and roads; the logroll is still found."""
    p = {**LOGROLL_STANCES["p"], **{f"noise_{i}": stance("n0", 0.02) for i in range(18)}}
    q = {**LOGROLL_STANCES["q"], **{f"noise_{i}": stance("n2", 0.02) for i in range(18)}}
    deal = nash_solution(make(_bargain(LOGROLL + _noise(18, ["p", "q"]), {"p": p, "q": q})))
    assert {"ports", "roads"} <= set(deal.changed)
    assert deal.gains["p"] > 0 and deal.gains["q"] > 0


def _random_search(seed: int, moves: int, actors: int = 3):
    rng = np.random.default_rng(seed)
    sizes = [int(n) for n in rng.integers(2, 5, size=moves)]
    ideal = np.stack([rng.integers(0, n, size=actors) for n in sizes], axis=1).astype(float)
    salience = rng.random((actors, moves)) * (rng.random((actors, moves)) < 0.7)
    span = np.array([n - 1 for n in sizes], dtype=float)
    consent = rng.random((moves, actors)) < 0.6
    consent[np.arange(moves), rng.integers(0, actors, size=moves)] = True
    d_profile = np.array([int(rng.integers(0, n)) for n in sizes], dtype=np.int8)
    return _Search(d_profile, sizes, move_tables(sizes, ideal, salience, span), consent, (salience > 0).T), sizes


@pytest.mark.parametrize("seed", range(40))
def test_the_local_search_is_feasible_and_never_misses_a_one_or_two_move_deal(seed: int, monkeypatch) -> None:
    """On random tables, the local search (forced by a tiny limit) returns a profile no veto
    player loses by, and one at least as good as the best deal changing one or two moves."""
    search, sizes = _random_search(seed, moves=5)
    moves = list(range(len(sizes)))
    exact = search.exact(moves)
    monkeypatch.setattr(_Search, "CORE", 1)  # start from the disagreement point
    local = search.local(moves, np.ones(len(sizes)))
    judged = search.judge(np.stack([exact, local]))
    if (exact != search.d_profile).sum() <= 2 and judged.best() is not None:
        assert judged.key(1)[0] >= judged.key(0)[0] - 1e-9
    if (local != search.d_profile).any():
        assert np.isfinite(judged.mean[1])  # feasible: nobody whose consent it needs loses
